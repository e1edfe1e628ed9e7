import {
  importStateFrom,
  withRowDefaults,
  type Change,
  type ImportKind,
  type ImportState,
  type ImportTables,
  type RecordedBy,
  type TableName,
} from '@clinicdesk/domain';
import type { InStatement } from '@libsql/client';
import type { Transaction } from './database.ts';
import { currentVersion, putRow, putRowStatements, readRow, type Executor } from './rows.ts';

/** The tables each kind of import is checked against; the others are left unread. */
const TABLES_FOR: Record<ImportKind, (keyof ImportTables)[]> = {
  patients: ['patients'],
  referrals: ['sites', 'clinicians', 'patients', 'referrals'],
  templates: ['sites', 'clinicians', 'clinicTemplates', 'clinicSessions'],
  appointments: ['sites', 'clinicians', 'referrals', 'clinicSessions', 'slots', 'appointments'],
};

async function readTable(db: Executor, table: TableName, fromDate?: string) {
  const rs = await db.execute({
    sql: `SELECT data FROM rows WHERE tbl = ? AND deleted = 0${fromDate ? " AND json_extract(data, '$.date') >= ?" : ''}`,
    args: fromDate ? [table, fromDate] : [table],
  });
  return rs.rows.map((r) => withRowDefaults(table, JSON.parse(String(r['data'])) as never));
}

/** What an import of `kind` is checked against, read inside the caller's transaction. */
export async function readImportState(
  db: Executor,
  kind: ImportKind,
  context: { today: string; now: string; actor: RecordedBy },
): Promise<ImportState> {
  const tables: ImportTables = {
    sites: [],
    clinicians: [],
    patients: [],
    referrals: [],
    clinicTemplates: [],
    clinicSessions: [],
    slots: [],
    appointments: [],
  };
  for (const table of TABLES_FOR[kind]) {
    // Only slots still to come can be booked by an import: older ones stay unread.
    const rows = await readTable(db, table, table === 'slots' ? context.today : undefined);
    (tables as unknown as Record<string, unknown[]>)[table] = rows;
  }
  return importStateFrom(tables, context);
}

/** Each row's stored version before the import, read in pages of ids (one query per 500). */
async function readBefore(tx: Transaction, writes: readonly Change[]) {
  const before = new Map<string, Record<string, unknown>>();
  for (const table of new Set(writes.map((w) => w.table))) {
    const changes = writes.filter((w) => w.table === table);
    for (let i = 0; i < changes.length; i += 500) {
      const ids = changes.slice(i, i + 500).map((c) => c.row.id);
      const rs = await tx.execute({
        sql: `SELECT id, data FROM rows WHERE tbl = ? AND deleted = 0 AND id IN (${ids.map(() => '?').join(', ')})`,
        args: [table, ...ids],
      });
      for (const r of rs.rows)
        before.set(
          `${table}/${String(r['id'])}`,
          JSON.parse(String(r['data'])) as Record<string, unknown>,
        );
    }
  }
  return before;
}

/**
 * Writes an import's rows, and one audit event per row with before and after, with new
 * versions from the server-wide sequence as a push does, so that devices pull them; a referral
 * at a site new to its patient bumps the patient's row too, so the devices of that site pull
 * the patient with it. 25,000 rows are one transaction.
 */
export async function writeImportRows(
  tx: Transaction,
  writes: readonly Change[],
  audit: (change: Change, before: Record<string, unknown> | undefined) => InStatement,
): Promise<void> {
  let version = await currentVersion(tx);
  const before = await readBefore(tx, writes);
  const statements: InStatement[] = [];
  const patientsToBump = new Set<string>();
  for (const change of writes) {
    const was = before.get(`${change.table}/${change.row.id}`);
    statements.push(...putRowStatements(change.table, change.row, ++version), audit(change, was));
    if (change.table === 'referrals' && was?.['siteId'] !== change.row.siteId)
      patientsToBump.add(change.row.patientId);
  }
  // One transaction; the embedded driver keeps each statement prepared, so no batching is needed.
  for (const statement of statements) await tx.execute(statement);
  for (const patientId of patientsToBump) {
    const patient = await readRow(tx, 'patients', patientId);
    if (patient) await putRow(tx, 'patients', patient as { id: string }, ++version);
  }
}
