import { withRowDefaults, type Change, type RowChange, type RowOf } from '@clinicdesk/domain';
import type { ClinicDeskDatabase, UndoRecord } from '../db/database.ts';
import { isSealedInAdvance, sealInAdvance } from '../db/encryption.ts';
import { rowKey, type RowsRead } from '../db/read-state.ts';

/**
 * Writes a mutator's changes to the device's tables and returns how to undo them. `read` holds
 * the rows the mutator read in this transaction, as stored: those are the pre-images already.
 */
export async function writeChanges(
  db: ClinicDeskDatabase,
  changes: Change[],
  read: RowsRead = new Map(),
): Promise<UndoRecord[]> {
  // The pre-images not read yet are asked for at once, then every row written: one round trip
  // to IndexedDB each way at most (a booking writes five or six rows).
  const befores = await Promise.all(
    changes.map((change) => {
      const key = rowKey(change.table, change.row.id);
      return read.has(key) ? read.get(key) : db.rows(change.table).get(change.row.id);
    }),
  );
  await Promise.all(changes.map((change) => db.rows(change.table).put(change.row as never)));
  return changes.map((change, i) => ({
    table: change.table,
    id: change.row.id,
    before: (befores[i] ?? null) as Record<string, unknown> | null,
  }));
}

/** Restores the rows an edit wrote to what they were before it, last write first. */
export async function undoChanges(db: ClinicDeskDatabase, undo: UndoRecord[]): Promise<void> {
  for (const record of [...undo].reverse()) {
    const table = db.rows(record.table);
    if (record.before) await table.put(record.before as never);
    else await table.delete(record.id);
  }
}

/**
 * Readies a pulled page for `writeServerChanges` before its transaction: fills the defaults of
 * fields a row predates, and seals the rows of sealed tables (patients, letters…) through
 * WebCrypto, off the main thread (issue 10). Deletions pass unchanged.
 */
export async function sealServerChanges(changes: RowChange[]): Promise<RowChange[]> {
  const sealed = await Promise.all(
    changes.map(async (c): Promise<RowChange> => {
      if (c.row === null) return c;
      const [row] = await sealInAdvance(c.table, [
        withRowDefaults(c.table, c.row as RowOf<typeof c.table>),
      ]);
      return { ...c, row: row as RowChange['row'] };
    }),
  );
  return sealed;
}

/**
 * Writes rows as the server has them. `keyed` (a pull of a few changes): written a few dozen
 * rows at a time, so that Dexie names each row's key to those watching (see below). Not for a
 * whole copy or a long catch-up: Dexie's idle live queries keep every key named to them until
 * they next run (about 58 MB of the heap after a first copy of 104,000 rows, keyed), where a
 * write of 50 rows or more adds one range for its whole table.
 */
export async function writeServerChanges(
  db: ClinicDeskDatabase,
  changes: RowChange[],
  { keyed = false }: { keyed?: boolean } = {},
): Promise<void> {
  const byTable = new Map<RowChange['table'], RowChange[]>();
  for (const change of changes) {
    const list = byTable.get(change.table);
    if (list) list.push(change);
    else byTable.set(change.table, [change]);
  }
  // Every table's rows are sent at once, not a table per round trip: during a first copy the
  // main thread is busy readying the next page, and each await between tables left IndexedDB
  // idle until it was free (issue 10). Requests in one transaction still run in order.
  const writes: Promise<unknown>[] = [];
  const deletes: Array<[RowChange['table'], string[]]> = [];
  for (const [name, list] of byTable) {
    const table = db.table(name);
    // Rows written before a field existed arrive without it: store them whole.
    const puts = list
      .filter((c) => c.row !== null)
      .map((c) =>
        isSealedInAdvance(c.row!) ? c.row : withRowDefaults(name, c.row as RowOf<typeof name>),
      );
    const gone = list.filter((c) => c.row === null).map((c) => c.id);
    if (gone.length) deletes.push([name, gone]);
    // Keyed: written a few dozen at a time, sent together. Dexie names the keys of a write of
    // under 50 rows to those watching, and only a range for more, for which a list kept in
    // memory reads every row of the table again (ADR 0012).
    const chunk = keyed ? KEYED_WRITE_ROWS : Math.max(1, puts.length);
    for (let from = 0; from < puts.length; from += chunk)
      writes.push(table.bulkPut(puts.slice(from, from + chunk)));
  }
  await Promise.all(writes);
  // Deletions after the writes, as before. The server sends a row once a page, as it is now.
  await Promise.all(deletes.map(([name, ids]) => db.table(name).bulkDelete(ids)));
}

/** The most rows of one write whose keys Dexie's observation still names (it names 49). */
const KEYED_WRITE_ROWS = 49;
