import { withRowDefaults, type Change, type RowChange, type RowOf } from '@clinicdesk/domain';
import type { ClinicDeskDatabase, UndoRecord } from '../db/database.ts';

/** Writes a mutator's changes to the device's tables and returns how to undo them. */
export async function writeChanges(
  db: ClinicDeskDatabase,
  changes: Change[],
): Promise<UndoRecord[]> {
  // Every pre-image is asked for at once, then every row written: one round trip to IndexedDB
  // each way instead of two per row (a booking writes five or six rows).
  const befores = await Promise.all(
    changes.map((change) => db.rows(change.table).get(change.row.id)),
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

/** Writes rows as the server has them. */
export async function writeServerChanges(
  db: ClinicDeskDatabase,
  changes: RowChange[],
): Promise<void> {
  const byTable = new Map<RowChange['table'], RowChange[]>();
  for (const change of changes) {
    const list = byTable.get(change.table);
    if (list) list.push(change);
    else byTable.set(change.table, [change]);
  }
  for (const [name, list] of byTable) {
    const table = db.table(name);
    // Rows written before a field existed arrive without it: store them whole.
    const puts = list
      .filter((c) => c.row !== null)
      .map((c) => withRowDefaults(name, c.row as RowOf<typeof name>));
    const deletes = list.filter((c) => c.row === null).map((c) => c.id);
    if (puts.length) await table.bulkPut(puts);
    if (deletes.length) await table.bulkDelete(deletes);
  }
}
