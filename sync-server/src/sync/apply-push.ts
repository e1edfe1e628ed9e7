import * as v from 'valibot';
import {
  londonDateOf,
  siteOfRow,
  runMutation,
  TABLE_SCHEMAS,
  type Change,
  type Mutation,
  type MutationResult,
  type MutatorResult,
} from '@clinicdesk/domain';
import type { Database, Transaction } from '../db/database.ts';
import { inGroupCommit } from '../db/group-commit.ts';
import { appendAudit, StoredJson } from '../db/audit.ts';
import {
  createReadState,
  currentVersion,
  patientSites,
  putRow,
  readRow,
  readStoredText,
  rowKey,
  type StoredRows,
} from '../db/rows.ts';
import type { UserRecord } from '../db/users.ts';
import { refuseByRole, refuseBySite, refuseUnknownAssignee } from './authorise.ts';

export type PushOutcome =
  | { kind: 'done'; lastSeq: number; results: MutationResult[]; afresh: boolean }
  | { kind: 'gap'; lastSeq: number };

export interface Actor {
  user: UserRecord;
  deviceId: string;
}

/** Who an audit event of a push is about: the signed-in user on their device. */
const auditedActor = (actor: Actor) => ({
  userId: actor.user.id,
  username: actor.user.username,
  role: actor.user.role,
  deviceId: actor.deviceId,
});

async function lastSeqOf(tx: Transaction, clientId: string): Promise<number> {
  const rs = await tx.execute({
    sql: 'SELECT last_seq FROM clients WHERE client_id = ?',
    args: [clientId],
  });
  return Number(rs.rows[0]?.['last_seq'] ?? 0);
}

async function storedResult(
  tx: Transaction,
  clientId: string,
  m: Mutation,
): Promise<MutationResult> {
  const rs = await tx.execute({
    sql: 'SELECT status, reason, message FROM mutations WHERE client_id = ? AND seq = ?',
    args: [clientId, m.seq],
  });
  const row = rs.rows[0];
  // Only a seq skipped by a resumed push (see applyPush) has no record: never call it applied.
  if (!row)
    return {
      id: m.id,
      seq: m.seq,
      status: 'rejected',
      reason: 'not-recorded',
      message: 'The server has no record of this change: make it again if it is still needed',
    };
  if (row['status'] === 'applied') return { id: m.id, seq: m.seq, status: 'applied' };
  return {
    id: m.id,
    seq: m.seq,
    status: 'rejected',
    reason: String(row['reason']),
    message: String(row['message']),
  };
}

/** A mutator's rows must pass their table's schema; a row that does not is a bug, refused whole. */
function invalidChange(changes: Change[]): string | undefined {
  for (const change of changes) {
    const parsed = v.safeParse(TABLE_SCHEMAS[change.table], change.row);
    if (!parsed.success) return `${change.table}: ${parsed.issues[0]?.message ?? 'invalid row'}`;
  }
  return undefined;
}

async function decide(
  tx: Transaction,
  m: Mutation,
  actor: Actor,
  clock: { today: string; now: string },
  stored: StoredRows,
): Promise<MutatorResult> {
  const byRole = refuseByRole(actor.user, m.name);
  if (byRole) return byRole;
  const result = await runMutation(m.name, m.args, createReadState(tx, stored), {
    ...clock,
    actor: { userId: actor.user.id, name: actor.user.displayName },
    role: actor.user.role,
    siteIds: actor.user.siteIds,
  });
  if (!result.ok) return result;
  const problem = invalidChange(result.changes);
  if (problem) {
    console.error(`mutation ${m.name} produced an invalid row: ${problem}`);
    return {
      ok: false,
      reason: 'internal-error',
      message: 'ClinicDesk could not save this change; it has been reported',
    };
  }
  return (
    refuseBySite(actor.user, result.changes) ??
    (await refuseOtherSitesRows(tx, actor, result.changes, stored)) ??
    (await refuseUnknownAssignee(tx, result.changes)) ??
    result
  );
}

/**
 * The rows a change would replace must be in the user's sites too, not only the new rows, so
 * no edit at one's own site can overwrite another site's row. A patient has no site of their
 * own: a change to an existing patient is allowed to a user of a site they are referred to.
 */
async function refuseOtherSitesRows(
  tx: Transaction,
  actor: Actor,
  changes: Change[],
  stored: StoredRows,
): Promise<MutatorResult | undefined> {
  const refusal = (message: string): MutatorResult => ({
    ok: false,
    reason: 'other-site',
    message,
  });
  for (const change of changes) {
    const before = await readRow(tx, change.table, change.row.id, stored);
    if (!before) continue;
    const site = siteOfRow(change.table, before);
    if (site !== null && !actor.user.siteIds.includes(site)) {
      return refusal('This change would alter a record at a site you do not work at');
    }
    if (change.table === 'patients') {
      const sites = await patientSites(tx, change.row.id);
      if (!sites.some((s) => actor.user.siteIds.includes(s)))
        return refusal('This patient is not referred to a site you work at');
    }
  }
  return undefined;
}

const patientOf = (change: Change): string | null =>
  change.table === 'patients'
    ? change.row.id
    : 'patientId' in change.row
      ? String(change.row.patientId)
      : null;

/** Writes an applied mutation's rows and one audit event per row, with before and after. */
async function writeApplied(
  tx: Transaction,
  m: Mutation,
  changes: Change[],
  actor: Actor,
  now: string,
  version: number,
  stored: StoredRows,
) {
  const who = auditedActor(actor);
  if (m.name === 'patient.viewed') {
    const args = m.args as { patientId: string; screen: string };
    await appendAudit(
      tx,
      {
        ...who,
        happenedAt: m.at,
        action: m.name,
        outcome: 'viewed',
        patientId: args.patientId,
        detail: args.screen,
      },
      now,
    );
  }
  for (const change of changes) {
    const before = await readStoredText(tx, change.table, change.row.id, stored);
    await putRow(tx, change.table, change.row, ++version);
    // A second change to the same row replaces this one: read it afresh then.
    stored.delete(rowKey(change.table, change.row.id));
    // A patient joins the devices of a site when they get a referral there: bump the patient
    // row so that those devices' next pull brings it.
    if (
      change.table === 'referrals' &&
      (before === null ? undefined : (JSON.parse(before) as { siteId?: string }).siteId) !==
        change.row.siteId
    ) {
      const patient = await readRow(tx, 'patients', change.row.patientId, stored);
      if (patient) await putRow(tx, 'patients', patient as { id: string }, ++version);
      stored.delete(rowKey('patients', change.row.patientId));
    }
    await appendAudit(
      tx,
      {
        ...who,
        happenedAt: m.at,
        action: m.name,
        outcome: 'applied',
        entityTable: change.table,
        entityId: change.row.id,
        patientId: patientOf(change),
        before: before === null ? null : new StoredJson(before),
        after: change.row,
      },
      now,
    );
  }
  return version;
}

/**
 * The device no longer holds edits the server has no record of: it dropped them after a
 * server decided them, so this database has lost them (restored from a backup). They cannot be
 * sent again; say so in the audit trail, where a manager can find it.
 */
async function recordMissingEdits(
  tx: Transaction,
  actor: Actor,
  from: number,
  to: number,
  now: string,
) {
  console.error(`device ${actor.deviceId}: edits ${from}-${to} are missing from the database`);
  await appendAudit(
    tx,
    {
      ...auditedActor(actor),
      happenedAt: now,
      action: 'sync.edits-missing',
      outcome: 'failed',
      detail: `Changes ${from} to ${to} from this device were decided by the server but are not in its database (restored from a backup?); the device no longer holds them`,
    },
    now,
  );
}

/**
 * Applies a device's pushed mutations exactly once, as the signed-in user, in one write
 * transaction shared with the other devices' pushes that arrive meanwhile (group commit, ADR
 * 0007: each push in its own savepoint, answered only after the shared commit). A mutator writes nothing until it has decided, and any
 * failure while writing rolls the whole push back, so no mutation is ever half-applied. A
 * mutation already decided returns its stored answer; a gap in the sequence is refused so that
 * the device resends in order, unless the device says (`heldFrom`) that it holds nothing older
 * than the first it sent: then the gap can only be edits this database has lost, and the push
 * is taken, the loss audited and the device told to copy the data afresh (its copy holds rows
 * this database no longer has). A change the user's role or sites do not allow is rejected,
 * recorded and audited, never applied. The slot check and the write share the transaction, so
 * two servers on one database cannot both book a slot.
 */
export function applyPush(
  db: Database,
  clientId: string,
  mutations: Mutation[],
  actor: Actor,
  now: Date,
  heldFrom?: number,
): Promise<PushOutcome> {
  return inGroupCommit(
    db,
    async (tx): Promise<PushOutcome> => {
      let lastSeq = await lastSeqOf(tx, clientId);
      const fresh = mutations.filter((m) => m.seq > lastSeq);
      const nowIso = now.toISOString();
      let afresh = false;
      if (fresh[0] && fresh[0].seq !== lastSeq + 1) {
        if (fresh[0].seq !== heldFrom) return { kind: 'gap', lastSeq };
        await recordMissingEdits(tx, actor, lastSeq + 1, fresh[0].seq - 1, nowIso);
        afresh = true;
      }
      let version = await currentVersion(tx);
      // One push is decided at one instant: its day is worked out once.
      const clock = { today: londonDateOf(now), now: nowIso };
      const results: MutationResult[] = [];
      for (const m of mutations) {
        if (m.seq <= lastSeq) {
          results.push(await storedResult(tx, clientId, m));
          continue;
        }
        // The rows this mutation read, kept for its site check and audit: nothing writes between.
        const stored: StoredRows = new Map();
        const result = await decide(tx, m, actor, clock, stored);
        if (result.ok) {
          version = await writeApplied(tx, m, result.changes, actor, nowIso, version, stored);
          results.push({ id: m.id, seq: m.seq, status: 'applied' });
        } else {
          results.push({
            id: m.id,
            seq: m.seq,
            status: 'rejected',
            reason: result.reason,
            message: result.message,
          });
          await appendAudit(
            tx,
            {
              ...auditedActor(actor),
              happenedAt: m.at,
              action: m.name,
              outcome: ['not-permitted', 'other-site'].includes(result.reason)
                ? 'denied'
                : 'rejected',
              detail: `${result.reason}: ${result.message}`,
              after: m.args ?? null,
            },
            nowIso,
          );
        }
        await tx.execute({
          sql: `INSERT INTO mutations (client_id, seq, mutation_id, name, args, status, reason, message, client_at, decided_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [
            clientId,
            m.seq,
            m.id,
            m.name,
            JSON.stringify(m.args ?? null),
            result.ok ? 'applied' : 'rejected',
            result.ok ? null : result.reason,
            result.ok ? null : result.message,
            m.at,
            nowIso,
          ],
        });
        lastSeq = m.seq;
      }
      await tx.execute({
        sql: `INSERT INTO clients (client_id, last_seq, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
        args: [clientId, lastSeq, nowIso],
      });
      return { kind: 'done', lastSeq, results, afresh };
    },
    mutations.length,
  );
}

/** The last mutation sequence number the server has decided for a device. */
export async function lastSeqForClient(db: Database, clientId: string): Promise<number> {
  const rs = await db.execute({
    sql: 'SELECT last_seq FROM clients WHERE client_id = ?',
    args: [clientId],
  });
  return Number(rs.rows[0]?.['last_seq'] ?? 0);
}
