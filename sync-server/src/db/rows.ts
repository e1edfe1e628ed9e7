import type { InStatement } from '@libsql/client';
import type { Executor } from './database.ts';
import {
  siteOfRow,
  withRowDefaults,
  WINDOWED_TABLES,
  type Admission,
  type CaseNoteVolume,
  type Task,
  type Appointment,
  type ClinicianLeave,
  type ClinicSession,
  type Patient,
  type Slot,
  type Referral,
  type ReadState,
  type RowOf,
  type TableName,
} from '@clinicdesk/domain';

export type { Executor };

/**
 * The stored text of rows read by id, keyed by `rowKey`: null for a row that is not there. One
 * mutation's reads, kept so that its site check and audit do not read the same rows again.
 */
export type StoredRows = Map<string, string | null>;

export const rowKey = (table: TableName, id: string) => `${table}\u0000${id}`;

/**
 * Reads rows for a mutator from inside the push's transaction. Rows read by id are noted in
 * `stored`, when given, as the database holds them.
 */
export function createReadState(db: Executor, stored?: StoredRows): ReadState {
  return {
    async get<T extends TableName>(table: T, id: string) {
      const rs = await db.execute({
        sql: 'SELECT data FROM rows WHERE tbl = ? AND id = ? AND deleted = 0',
        args: [table, id],
      });
      const data = rs.rows[0]?.['data'];
      stored?.set(rowKey(table, id), typeof data === 'string' ? data : null);
      return typeof data === 'string'
        ? withRowDefaults(table, JSON.parse(data) as RowOf<T>)
        : undefined;
    },
    async findPatientByNhsNumber(nhsNumber: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'patients' AND json_extract(data, '$.nhsNumber') = ? AND deleted = 0 LIMIT 1",
        args: [nhsNumber],
      });
      const data = rs.rows[0]?.['data'];
      return typeof data === 'string'
        ? withRowDefaults('patients', JSON.parse(data) as Patient)
        : undefined;
    },
    async referralsOfPatient(patientId: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'referrals' AND json_extract(data, '$.patientId') = ? AND deleted = 0",
        args: [patientId],
      });
      return rs.rows.map((r) =>
        withRowDefaults('referrals', JSON.parse(String(r['data'])) as Referral),
      );
    },
    async slotsOfSession(sessionId: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'slots' AND json_extract(data, '$.sessionId') = ? AND deleted = 0",
        args: [sessionId],
      });
      return rs.rows.map((r) => withRowDefaults('slots', JSON.parse(String(r['data'])) as Slot));
    },
    async sessionsOfTemplate(templateId: string, from: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'clinicSessions' AND json_extract(data, '$.templateId') = ? AND json_extract(data, '$.date') >= ? AND deleted = 0",
        args: [templateId, from],
      });
      return rs.rows.map((r) =>
        withRowDefaults('clinicSessions', JSON.parse(String(r['data'])) as ClinicSession),
      );
    },
    async appointmentsOfReferral(referralId: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'appointments' AND json_extract(data, '$.referralId') = ? AND deleted = 0",
        args: [referralId],
      });
      return rs.rows.map((r) =>
        withRowDefaults('appointments', JSON.parse(String(r['data'])) as Appointment),
      );
    },
    async waitingReferrals(clinicianId: string | null, priority: string, receivedBefore: string) {
      const rs = await db.execute({
        sql: `SELECT data FROM rows WHERE tbl = 'referrals' AND json_extract(data, '$.status') = 'waiting'
                AND json_extract(data, '$.priority') = ? AND json_extract(data, '$.clinicianId') IS ?
                AND json_extract(data, '$.receivedDate') < ? AND deleted = 0`,
        args: [priority, clinicianId, receivedBefore],
      });
      return rs.rows.map((r) =>
        withRowDefaults('referrals', JSON.parse(String(r['data'])) as Referral),
      );
    },
    async leaveOfClinician(clinicianId: string) {
      // Leave is a short list per department: no index needed.
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'leave' AND json_extract(data, '$.clinicianId') = ? AND deleted = 0",
        args: [clinicianId],
      });
      return rs.rows.map((r) =>
        withRowDefaults('leave', JSON.parse(String(r['data'])) as ClinicianLeave),
      );
    },
    async admissionsOfList(listId: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'admissions' AND json_extract(data, '$.listId') = ? AND deleted = 0",
        args: [listId],
      });
      return rs.rows.map((r) => JSON.parse(String(r['data'])) as Admission);
    },
    async admissionsOfReferral(referralId: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'admissions' AND json_extract(data, '$.referralId') = ? AND deleted = 0",
        args: [referralId],
      });
      return rs.rows.map((r) => JSON.parse(String(r['data'])) as Admission);
    },
    async caseNotesOfPatient(patientId: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'caseNotes' AND json_extract(data, '$.patientId') = ? AND deleted = 0",
        args: [patientId],
      });
      return rs.rows.map((r) => JSON.parse(String(r['data'])) as CaseNoteVolume);
    },
    async openTasksOf(userId: string) {
      const rs = await db.execute({
        sql: "SELECT data FROM rows WHERE tbl = 'tasks' AND json_extract(data, '$.assigneeUserId') = ? AND json_extract(data, '$.status') = 'open' AND deleted = 0",
        args: [userId],
      });
      return rs.rows.map((r) => JSON.parse(String(r['data'])) as Task);
    },
  };
}

/**
 * A row's stored JSON text, or null when there is none. A row noted in `stored` (read since by
 * nothing that wrote) is taken from there; one read from the database is noted there.
 */
export async function readStoredText(
  db: Executor,
  table: TableName,
  id: string,
  stored?: StoredRows,
): Promise<string | null> {
  const key = rowKey(table, id);
  const noted = stored?.get(key);
  if (noted !== undefined) return noted;
  const rs = await db.execute({
    sql: 'SELECT data FROM rows WHERE tbl = ? AND id = ? AND deleted = 0',
    args: [table, id],
  });
  const value = rs.rows[0]?.['data'];
  const text = typeof value === 'string' ? value : null;
  stored?.set(key, text);
  return text;
}

/** A row as stored, or undefined (taken from `stored` as `readStoredText` does). */
export async function readRow(
  db: Executor,
  table: TableName,
  id: string,
  stored?: StoredRows,
): Promise<Record<string, unknown> | undefined> {
  const text = await readStoredText(db, table, id, stored);
  return text === null ? undefined : (JSON.parse(text) as Record<string, unknown>);
}

/** The sites a patient is referred to (through their referrals). */
export async function patientSites(db: Executor, patientId: string): Promise<string[]> {
  const rs = await db.execute({
    sql: 'SELECT site_id FROM patient_sites WHERE patient_id = ?',
    args: [patientId],
  });
  return rs.rows.map((r) => String(r['site_id']));
}

/** The newest change sequence number; call inside the write transaction that will use it. */
export async function currentVersion(db: Executor): Promise<number> {
  const rs = await db.execute('SELECT COALESCE(MAX(version), 0) AS v FROM rows');
  return Number(rs.rows[0]?.['v'] ?? 0);
}

/** The date that decides whether a row is inside a device's window (migration 0013), or null. */
function windowDay(table: TableName, row: Record<string, unknown>): string | null {
  return WINDOWED_TABLES.includes(table) && typeof row['date'] === 'string' ? row['date'] : null;
}

/** The statements that write a row with the given version (an upsert: one entry per row). */
export function putRowStatements(
  table: TableName,
  row: { id: string } & Record<string, unknown>,
  version: number,
): InStatement[] {
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO rows (tbl, id, site_id, version, deleted, day, data) VALUES (?, ?, ?, ?, 0, ?, ?)
          ON CONFLICT (tbl, id) DO UPDATE SET site_id = excluded.site_id, version = excluded.version,
          deleted = 0, day = excluded.day, data = excluded.data`,
      args: [
        table,
        row.id,
        siteOfRow(table, row),
        version,
        windowDay(table, row),
        JSON.stringify(row),
      ],
    },
  ];
  if (
    table === 'referrals' &&
    typeof row['patientId'] === 'string' &&
    typeof row['siteId'] === 'string'
  ) {
    statements.push({
      sql: 'INSERT OR IGNORE INTO patient_sites (patient_id, site_id) VALUES (?, ?)',
      args: [row['patientId'], row['siteId']],
    });
  }
  return statements;
}

/** Writes a row with the given version (an upsert: a row keeps one entry, at its newest version). */
export async function putRow(
  db: Executor,
  table: TableName,
  row: { id: string } & Record<string, unknown>,
  version: number,
): Promise<void> {
  for (const statement of putRowStatements(table, row, version)) await db.execute(statement);
}

/**
 * A row change as the database holds it: the row is JSON text, sent on as it is rather than
 * parsed and written out again for every device that pulls it.
 */
export interface RawChange {
  table: TableName;
  id: string;
  version: number;
  /** The row's JSON, or null for a deleted row. */
  data: string | null;
  /** The change as sent, kept by the change tail so that a version is written out once. */
  wire?: WireCache;
}

/** A change's bytes as sent, whole and with special category data left out (pull-body.ts). */
export interface WireCache {
  whole?: Uint8Array;
  redacted?: Uint8Array;
}

export interface ChangePage {
  changes: RawChange[];
  cursor: number;
  hasMore: boolean;
  total: number;
}

/**
 * Which rows a user's devices may hold: rows of their sites, department-wide rows (clinicians),
 * and patients with a referral at one of their sites (issue 3: a device keeps only its sites).
 */
function scopeFilter(
  siteIds: readonly string[],
  windowStart: string,
): { sql: string; args: string[] } {
  const windowed = WINDOWED_TABLES.map((t) => `'${t}'`).join(', ');
  // `day` rather than the JSON's date: the scope is then read from the pull index alone.
  const window = `NOT (tbl IN (${windowed}) AND day < ?)`;
  if (siteIds.length === 0)
    return { sql: `(site_id IS NULL AND tbl != 'patients') AND ${window}`, args: [windowStart] };
  const marks = siteIds.map(() => '?').join(', ');
  return {
    sql: `(site_id IN (${marks}) OR (site_id IS NULL AND tbl != 'patients') OR (tbl = 'patients' AND id IN (
            SELECT patient_id FROM patient_sites WHERE site_id IN (${marks})))) AND ${window}`,
    args: [...siteIds, ...siteIds, windowStart],
  };
}

/**
 * The row changes after `since` that `siteIds` may see, oldest first, at most `limit` of them;
 * clinics, slots and appointments dated before `windowStart` stay on the server.
 */
export async function readChanges(
  db: Executor,
  since: number,
  limit: number,
  siteIds: readonly string[],
  windowStart: string,
  remaining?: number,
): Promise<ChangePage> {
  const scope = scopeFilter(siteIds, windowStart);
  const page = await db.execute({
    sql: `SELECT tbl, id, version, deleted, data FROM rows WHERE version > ? AND ${scope.sql} ORDER BY version LIMIT ?`,
    args: [since, ...scope.args, limit + 1],
  });
  const hasMore = page.rows.length > limit;
  const rows = page.rows.slice(0, limit);
  // The last page is the rest: only a device still catching up needs the rows counted, and not
  // when it says what the page before left (`remaining`): a progress figure, at least this page
  // and one more. Edits made meanwhile show in the count of its next catch-up.
  const total = !hasMore
    ? rows.length
    : remaining !== undefined
      ? Math.max(remaining, rows.length + 1)
      : Number(
          (
            await db.execute({
              sql: `SELECT COUNT(*) AS n FROM rows WHERE version > ? AND ${scope.sql}`,
              args: [since, ...scope.args],
            })
          ).rows[0]?.['n'] ?? 0,
        );
  const changes: RawChange[] = rows.map((r) => ({
    table: String(r['tbl']) as TableName,
    id: String(r['id']),
    version: Number(r['version']),
    data: Number(r['deleted']) ? null : String(r['data']),
  }));
  return {
    changes,
    cursor: changes.at(-1)?.version ?? since,
    hasMore,
    total,
  };
}
