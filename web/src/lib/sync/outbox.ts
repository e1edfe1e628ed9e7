import {
  formatHlc,
  ROLES,
  type Role,
  parseHlc,
  runMutation,
  tickHlc,
  TABLE_NAMES,
  type MutationResult,
  type MutatorContext,
  type MutatorResult,
  type RowChange,
} from '@clinicdesk/domain';
import { readMeta, type ClinicDeskDatabase, type OutboxEntry } from '../db/database.ts';
import { createReadState, type RowsRead } from '../db/read-state.ts';
import { describeEdit } from './describe-edit.ts';
import { undoChanges, writeChanges, writeServerChanges } from './local-changes.ts';

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** The tables one local edit or rebase touches, in one IndexedDB transaction. */
function allTables(db: ClinicDeskDatabase) {
  return [...TABLE_NAMES.map((t) => db.rows(t)), db.outbox, db.rejections, db.meta, db.deviceUsers];
}

const lastSeqKey = (clientId: string) => `lastSeq:${clientId}`;

/**
 * The device's context for running a mutator: the London day, the moment, and the person whose
 * queue the edit is in (a client id is `deviceId/userId`; the server records its own view).
 */
async function contextAt(
  db: ClinicDeskDatabase,
  clientId: string,
  now: Date,
  today: string,
): Promise<MutatorContext> {
  const userId = clientId.slice(clientId.indexOf('/') + 1);
  const user = await db.deviceUsers.get(userId);
  return {
    today,
    now: now.toISOString(),
    actor: { userId, name: user?.displayName ?? userId },
    role: user && isRole(user.role) ? user.role : undefined,
    ...(user ? { siteIds: user.siteIds } : {}),
  };
}

/**
 * Makes an edit on the device: runs the named mutator against the local data and, when it
 * is allowed, writes its changes and queues it for the server in the same transaction — so
 * an edit is never shown without being queued, nor queued without being shown.
 */
export async function mutate(
  db: ClinicDeskDatabase,
  clientId: string,
  name: string,
  args: unknown,
  clock: { now: Date; today: string },
): Promise<MutatorResult> {
  return db.transaction('rw', allTables(db), async () => {
    const [ctx, lastSeq, lastHlc] = await Promise.all([
      contextAt(db, clientId, clock.now, clock.today),
      readMeta(db, lastSeqKey(clientId), 0),
      readMeta(db, 'hlc', ''),
    ]);
    const read: RowsRead = new Map();
    const result = await runMutation(name, args, createReadState(db, read), ctx);
    if (!result.ok) return result;
    const seq = lastSeq + 1;
    const hlc = formatHlc(tickHlc(parseHlc(lastHlc), clock.now.getTime(), clientId));
    const [undo] = await Promise.all([
      writeChanges(db, result.changes, read),
      db.meta.put({ key: 'hlc', value: hlc }),
      db.meta.put({ key: lastSeqKey(clientId), value: seq }),
    ]);
    await db.outbox.add({
      id: `${clientId}:${seq}`,
      clientId,
      seq,
      name,
      args,
      at: clock.now.toISOString(),
      hlc,
      undo,
    });
    return result;
  });
}

/** Records the server's answers on the queued edits they belong to. */
export async function recordDecisions(
  db: ClinicDeskDatabase,
  clientId: string,
  results: MutationResult[],
): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const r of results) {
      const entry = await db.outbox.where('[clientId+seq]').equals([clientId, r.seq]).first();
      if (entry?.localId === undefined) continue;
      const decided =
        r.status === 'applied'
          ? { status: 'applied' as const }
          : { status: 'rejected' as const, reason: r.reason, message: r.message };
      await db.outbox.update(entry.localId, { decided });
    }
  });
}

/**
 * Rebase (DESIGN.md, Sync step 3): undoes every queued edit, writes the server's rows (into an
 * emptied copy, for the first page of a fresh one), then re-applies the edits the server has
 * not decided. Rejected edits move to the rejections list for a person to read; applied ones
 * leave once `caughtUp` says the server's rows include them.
 */
export async function rebase(
  db: ClinicDeskDatabase,
  serverChanges: RowChange[],
  options: {
    caughtUp: boolean;
    clock: { now: Date; today: string };
    cursor?: number;
    /** The first page of a fresh copy: the device's rows are dropped first. */
    replaceAll?: boolean;
    /** A pull of a few changes: each row's key is named to kept lists (`writeServerChanges`). */
    keyed?: boolean;
  },
): Promise<void> {
  await db.transaction('rw', allTables(db), async () => {
    const entries = await db.outbox.orderBy('localId').toArray();
    for (const entry of [...entries].reverse()) await undoChanges(db, entry.undo);
    if (options.replaceAll) for (const table of TABLE_NAMES) await db.rows(table).clear();
    // The cursor is sent with the rows, not after them: one round trip less a page, which in a
    // first copy waits for a main thread busy readying the next page (issue 10).
    await Promise.all([
      writeServerChanges(db, serverChanges, { keyed: options.keyed }),
      options.cursor !== undefined && db.meta.put({ key: 'cursor', value: options.cursor }),
    ]);
    const state = createReadState(db);
    for (const entry of entries) {
      if (entry.decided?.status === 'rejected') {
        await db.rejections.put({
          id: entry.id,
          name: entry.name,
          args: entry.args,
          at: entry.at,
          reason: entry.decided.reason,
          message: entry.decided.message,
          summary: await describeEdit(db, entry),
        });
        await db.outbox.delete(entry.localId as number);
      } else if (entry.decided?.status === 'applied' && options.caughtUp) {
        await db.outbox.delete(entry.localId as number);
      } else {
        const result = await runMutation(
          entry.name,
          entry.args,
          state,
          await contextAt(db, entry.clientId, options.clock.now, options.clock.today),
        );
        const undo = result.ok ? await writeChanges(db, result.changes) : [];
        await db.outbox.update(entry.localId as number, { undo });
      }
    }
  });
}

/** Edits still waiting for the server's answer. */
export function pendingEdits(db: ClinicDeskDatabase): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('localId').toArray();
}
