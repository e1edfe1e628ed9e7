import Dexie, { type ObservabilitySet } from 'dexie';
import {
  compareCodeUnits,
  isActiveAppointment,
  londonDateOf,
  withRowDefaults,
  type Appointment,
  type CalendarDate,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import type { CopyFeed } from '../sync/sync-client.ts';
import type { ClinicDeskDatabase } from './database.ts';
import { hasDataKeys, keysGeneration } from './encryption.ts';
import { yieldToPage } from './kept.ts';
import { keptPatientNames, keptPtl, namesStateOf, ptlStateOf } from './kept-lists.ts';
import { loadSettings } from './pathway-queries.ts';

/** The tables the kept values fed by a copy are made from. */
const FED_TABLES = ['patients', 'referrals', 'appointments', 'settings'] as const;

type Named = Pick<Patient, 'id' | 'givenName' | 'familyName' | 'nhsNumber'>;

/**
 * A feed for a copy into an empty device, or null when the device already holds edits of its
 * own (the copy then rewrites rows with them, and what the server sent is not what is stored).
 *
 * The kept values are offered what was gathered only if the copy was the one writer of their
 * tables: no edit was queued meanwhile (every edit writes the outbox), and Dexie told of exactly
 * one write to those tables for each page that held their rows (it tells of each committed
 * transaction once, as it commits, in this tab; a write in another tab, a prune, or a clear is one
 * more). A write in another tab that is told of after the offer is applied to the kept value as
 * any later change.
 */
export async function feedFromCopy(
  db: ClinicDeskDatabase,
  { ptlFor }: { ptlFor: CalendarDate | null },
): Promise<CopyFeed | null> {
  const generation = keysGeneration();
  let told = 0;
  let spoiled = false;
  const prefix = `idb://${db.name}/`;
  const mutated = (parts: ObservabilitySet) => {
    const tables = new Set(
      Object.keys(parts)
        .filter((key) => key.startsWith(prefix))
        .map((key) => key.slice(prefix.length).split('/')[0]),
    );
    if (tables.has('outbox')) spoiled = true;
    if (FED_TABLES.some((t) => tables.has(t))) told += 1;
  };
  // Listening before counting: an edit queued in between is heard.
  Dexie.on.storagemutated.subscribe(mutated);
  const stopListening = () => Dexie.on.storagemutated.unsubscribe(mutated);
  if ((await db.outbox.count()) > 0) {
    stopListening();
    return null;
  }
  let pagesWritten = 0;
  let stopped = false;
  const names = new Map<string, Named>();
  const referrals = new Map<string, Referral>();
  const active = new Map<string, Appointment>();

  return {
    written(changes) {
      if (changes.some((c) => (FED_TABLES as readonly string[]).includes(c.table)))
        pagesWritten += 1;
      // As `writeServerChanges` writes them: each table's rows put (with the fields a row sent
      // before they existed lacks), then its deletes.
      for (const c of changes) {
        if (c.row === null) continue;
        if (c.table === 'patients') {
          const { id, givenName, familyName, nhsNumber } = c.row as Patient;
          names.set(c.id, { id, givenName, familyName, nhsNumber });
        } else if (ptlFor && c.table === 'referrals')
          referrals.set(c.id, withRowDefaults('referrals', c.row as Referral));
        else if (ptlFor && c.table === 'appointments') {
          const appointment = withRowDefaults('appointments', c.row as Appointment);
          if (isActiveAppointment(appointment)) active.set(c.id, appointment);
          else active.delete(c.id);
        }
      }
      for (const c of changes) {
        if (c.row !== null) continue;
        if (c.table === 'patients') names.delete(c.id);
        else if (c.table === 'referrals') referrals.delete(c.id);
        else if (c.table === 'appointments') active.delete(c.id);
      }
    },
    async finish() {
      if (stopped) return;
      try {
        const byId = <T extends { id: string }>(rows: Map<string, T>) =>
          [...rows.values()].sort((a, b) => compareCodeUnits(a.id, b.id));
        // The device is still copying, as its status line says: the work goes on between the
        // page's own tasks rather than waiting for idle moments (a frame away each, 2.8 s in all).
        const namesState = await namesStateOf([...names.values()], yieldToPage);
        const ptlState = ptlFor
          ? await ptlStateOf(
              byId(referrals),
              byId(active),
              await loadSettings(db),
              ptlFor,
              yieldToPage,
            )
          : null;
        // From here to the offers nothing is awaited: no write can come between the check and them.
        const onlyWriter = !spoiled && told === pagesWritten;
        if (!onlyWriter || keysGeneration() !== generation || !hasDataKeys()) return;
        keptPatientNames(db).offer(namesState);
        // Past midnight, the PTL is kept for the new day: the old day's list is not asked for
        // (asking would let the new day's go from under the page showing it).
        if (ptlState && londonDateOf(new Date()) === ptlState.today)
          keptPtl(db, ptlState.today).offer(ptlState);
      } finally {
        stopListening();
      }
    },
    stop() {
      stopped = true;
      stopListening();
    },
  };
}
