import { isRedactedFor, rowForRole, type Role } from '@clinicdesk/domain';
import type { ChangePage, RawChange } from '../db/rows.ts';

const OPEN = Buffer.from('{"changes":[');
const COMMA = Buffer.from(',');

/**
 * A pull's answer as JSON bytes (issue 10). Each row's JSON goes in as the database holds it,
 * not parsed and written out again, and a change from the change tail is encoded once however
 * many devices pull it. Special category data goes only to the roles that need it (issue 9:
 * religion), so an admission is redacted for the others.
 */
export function pullBody(
  page: ChangePage & { lastSeq: number; afresh?: true },
  role: Role,
): Uint8Array<ArrayBuffer> {
  const { changes, ...rest } = page;
  const parts: Uint8Array[] = [OPEN];
  for (let i = 0; i < changes.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(bytesOf(changes[i]!, role));
  }
  parts.push(Buffer.from(`],${JSON.stringify(rest).slice(1)}`));
  return Buffer.concat(parts) as Uint8Array<ArrayBuffer>;
}

function bytesOf(change: RawChange, role: Role): Uint8Array {
  const redacted = change.data !== null && isRedactedFor(change.table, role);
  const kept = redacted ? change.wire?.redacted : change.wire?.whole;
  if (kept) return kept;
  const row = redacted
    ? JSON.stringify(rowForRole(change.table, JSON.parse(change.data!) as never, role))
    : (change.data ?? 'null');
  const bytes = Buffer.from(
    `{"table":${JSON.stringify(change.table)},"id":${JSON.stringify(change.id)},"version":${change.version},"row":${row}}`,
  );
  if (change.wire) change.wire[redacted ? 'redacted' : 'whole'] = bytes;
  return bytes;
}
