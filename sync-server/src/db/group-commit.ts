import { writeTransaction, type Database, type Transaction } from './database.ts';

/** Pushes that arrive while a commit is under way wait for the next; at most this many share one. */
const MAX_GROUP = 200;
/**
 * And at most this much work (mutations) in one, beyond its first push: a group is one
 * transaction, and every push in it waits for the last to be applied before it is answered.
 */
const MAX_GROUP_WEIGHT = 2_000;
/** Attempts at a group whose transaction the database says is busy (another server writing). */
const BUSY_ATTEMPTS = 6;

interface Pending {
  work: (tx: Transaction) => Promise<unknown>;
  weight: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Group {
  queue: Pending[];
  running: boolean;
  /** Transactions committed and works answered, for the benchmark and tests. */
  stats: { commits: number; works: number };
}

const groups = new WeakMap<Database, Group>();

function groupOf(db: Database): Group {
  let group = groups.get(db);
  if (!group) {
    group = { queue: [], running: false, stats: { commits: 0, works: 0 } };
    groups.set(db, group);
  }
  return group;
}

/** True for SQLite's "database is locked/busy": another process holds the write lock. */
export function isBusyError(error: unknown): boolean {
  const text = `${(error as { code?: unknown })?.code ?? ''} ${(error as Error)?.message ?? ''}`;
  return /SQLITE_BUSY|database is locked/i.test(text);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a write transaction shared with the other works queued at the same time (group
 * commit, ADR 0007): one BEGIN IMMEDIATE … COMMIT, and so one sync of the log to disk, for many
 * devices' pushes. Each work runs inside its own SAVEPOINT, so a work that throws rolls back only
 * what it wrote and fails alone. Every work is answered only after the shared COMMIT has
 * returned: nothing is acknowledged that a power cut could still take back. If the COMMIT
 * itself fails, every work of the group fails and nothing of theirs is kept.
 */
export function inGroupCommit<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
  weight = 1,
): Promise<T> {
  const group = groupOf(db);
  return new Promise<T>((resolve, reject) => {
    group.queue.push({ work, weight, resolve: resolve as (value: unknown) => void, reject });
    if (!group.running) void drain(db, group);
  });
}

/** How many group transactions have committed and how many works they carried. */
export function groupCommitStats(db: Database): { commits: number; works: number } {
  return { ...groupOf(db).stats };
}

/** One turn of the event loop: pushes already received (requests read, messages) queue first. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function drain(db: Database, group: Group) {
  group.running = true;
  try {
    // The driver is synchronous: a commit holds the thread, and what arrives meanwhile waits
    // in the event loop, not in the queue. Letting it in before each group is what groups it.
    while ((await nextTurn(), group.queue.length)) {
      const batch = group.queue.splice(0, groupSize(group.queue));
      try {
        const answers = await commitWithRetry(db, batch);
        group.stats.commits += 1;
        group.stats.works += batch.length;
        answers.forEach((answer) => answer());
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
  } finally {
    group.running = false;
  }
}

/** How many of the queued works the next group takes: at least one, within both bounds. */
function groupSize(queue: Pending[]): number {
  let weight = queue[0]?.weight ?? 0;
  let size = 1;
  while (
    size < queue.length &&
    size < MAX_GROUP &&
    weight + queue[size]!.weight <= MAX_GROUP_WEIGHT
  )
    weight += queue[size++]!.weight;
  return size;
}

/**
 * One transaction for the batch; returns how to answer each work once it has committed. A busy
 * database (another server process holds the write lock past the busy timeout) is tried again
 * after a growing, jittered pause; the works are run afresh, since nothing of them was kept.
 */
async function commitWithRetry(db: Database, batch: Pending[]): Promise<(() => void)[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeTransaction(db, (tx) => runBatch(tx, batch));
    } catch (error) {
      if (!isBusyError(error) || attempt >= BUSY_ATTEMPTS) throw error;
      await pause(2 ** attempt * 10 * (0.5 + Math.random()));
    }
  }
}

async function runBatch(tx: Transaction, batch: Pending[]): Promise<(() => void)[]> {
  const answers: (() => void)[] = [];
  for (const pending of batch) {
    await tx.execute('SAVEPOINT work');
    try {
      const value = await pending.work(tx);
      await tx.execute('RELEASE work');
      answers.push(() => pending.resolve(value));
    } catch (error) {
      // Fails the whole group if the transaction itself is gone (SQLite rolled it back).
      await tx.execute('ROLLBACK TO work');
      await tx.execute('RELEASE work');
      if (isBusyError(error)) throw error;
      answers.push(() => pending.reject(error));
    }
  }
  return answers;
}
