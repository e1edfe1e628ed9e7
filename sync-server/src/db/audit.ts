import type { Database, Transaction } from './database.ts';

type Executor = Pick<Database | Transaction, 'execute'>;

export interface AuditEvent {
  happenedAt: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  deviceId: string | null;
  action: string;
  outcome:
    | 'applied'
    | 'rejected'
    | 'denied'
    | 'viewed'
    | 'signed-in'
    | 'failed'
    | 'signed-out'
    | 'changed';
  entityTable?: string | null;
  entityId?: string | null;
  patientId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: string | null;
}

/**
 * JSON text as the database holds it (a row's `data`): written to the trail as it is, rather
 * than parsed and written again.
 */
export class StoredJson {
  constructor(readonly text: string) {}
}

const jsonOf = (value: unknown): string | null =>
  value === undefined ? null : value instanceof StoredJson ? value.text : JSON.stringify(value);

/** Appends to the audit trail. There is no update or delete: triggers refuse both. */
export async function appendAudit(
  db: Executor,
  event: AuditEvent,
  recordedAt: string,
): Promise<void> {
  await db.execute(auditStatement(event, recordedAt));
}

/** The statement that appends an event to the audit trail (for a batch of many). */
export function auditStatement(event: AuditEvent, recordedAt: string) {
  return {
    sql: `INSERT INTO audit_events (recorded_at, happened_at, user_id, username, role, device_id, action, outcome,
            entity_table, entity_id, patient_id, before, after, detail)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      recordedAt,
      event.happenedAt,
      event.userId,
      event.username,
      event.role,
      event.deviceId,
      event.action,
      event.outcome,
      event.entityTable ?? null,
      event.entityId ?? null,
      event.patientId ?? null,
      jsonOf(event.before),
      jsonOf(event.after),
      event.detail ?? null,
    ],
  };
}

export interface AuditQuery {
  patientId?: string | undefined;
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** Searches the audit trail, newest first, by patient, user and a range of instants [from, to). */
export async function searchAudit(db: Executor, q: AuditQuery) {
  // A user is found by id or by username: managers know people by their usernames.
  const filters: [string, string[] | undefined][] = [
    ['patient_id = ?', q.patientId ? [q.patientId] : undefined],
    ['(user_id = ? OR username = ?)', q.userId ? [q.userId, q.userId.toLowerCase()] : undefined],
    ['happened_at >= ?', q.from ? [q.from] : undefined],
    ['happened_at < ?', q.to ? [q.to] : undefined],
  ];
  const used = filters.filter((f): f is [string, string[]] => !!f[1]);
  const where = used.map(([sql]) => sql);
  const args = used.flatMap(([, values]) => values);
  const rs = await db.execute({
    sql: `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY happened_at DESC, id DESC LIMIT ${Math.floor(q.limit)}`,
    args,
  });
  return rs.rows.map((r) => ({
    id: Number(r['id']),
    recordedAt: String(r['recorded_at']),
    happenedAt: String(r['happened_at']),
    userId: r['user_id'] as string | null,
    username: r['username'] as string | null,
    role: r['role'] as string | null,
    deviceId: r['device_id'] as string | null,
    action: String(r['action']),
    outcome: String(r['outcome']),
    entityTable: r['entity_table'] as string | null,
    entityId: r['entity_id'] as string | null,
    patientId: r['patient_id'] as string | null,
    before: r['before'] === null ? null : (JSON.parse(String(r['before'])) as unknown),
    after: r['after'] === null ? null : (JSON.parse(String(r['after'])) as unknown),
    detail: r['detail'] as string | null,
  }));
}
