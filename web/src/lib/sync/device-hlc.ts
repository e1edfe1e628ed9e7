import {
  formatHlc,
  parseHlc,
  receiveHlc,
  tickHlc,
  type Hlc,
  type RowChange,
} from '@clinicdesk/domain';
import { readMeta, type ClinicDeskDatabase } from '../db/database.ts';

/** The clock for a new field edit on this device (issue 4: last writer wins by HLC). */
export async function nextHlc(db: ClinicDeskDatabase, node: string): Promise<string> {
  const last = parseHlc(await readMeta(db, 'hlc', ''));
  const next = tickHlc(last, Date.now(), node);
  await db.meta.put({ key: 'hlc', value: formatHlc(next) });
  return formatHlc(next);
}

/** Moves the device's clock past every field clock it has pulled, so its next edit is later. */
export async function observeHlcs(
  db: ClinicDeskDatabase,
  changes: RowChange[],
  node: string,
): Promise<void> {
  let latest: Hlc | undefined;
  for (const change of changes) {
    const clocks =
      change.table === 'patients'
        ? (change.row?.['fieldClocks'] as Record<string, string> | undefined)
        : undefined;
    for (const text of Object.values(clocks ?? {})) {
      const h = parseHlc(text);
      if (h && (!latest || formatHlc(h) > formatHlc(latest))) latest = h;
    }
  }
  if (!latest) return;
  const local = parseHlc(await readMeta(db, 'hlc', ''));
  await db.meta.put({ key: 'hlc', value: formatHlc(receiveHlc(local, latest, Date.now(), node)) });
}
