import { createClient } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openEmbedded, type Database, type Transaction } from './embedded.ts';

export type { Database, Executor, Transaction } from './embedded.ts';

export interface DatabaseConfig {
  /** `file:data/clinicdesk.db` (embedded), or `libsql://…` / `http://…` for a libSQL server. */
  url: string;
  authToken?: string | undefined;
  /** How long an embedded writer waits for another process's write lock (5 s unless set). */
  busyTimeoutMs?: number;
}

/** How long a writer waits for another process's write lock before SQLite says it is busy. */
const BUSY_TIMEOUT_MS = 5_000;

/** The file path of a `file:` URL (`file:data/x.db`, `file:///srv/x.db`), without its query. */
function filePath(url: string): string {
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  return path.startsWith('///') ? path.slice(2) : path;
}

/**
 * Opens the database. An embedded file gets WAL (readers never wait for the writer) and a
 * busy timeout, so that several server processes can share it and a writer waits its turn; it
 * is driven directly, keeping prepared statements (see embedded.ts). A `libsql://`, `https://`
 * or `http://` URL goes to a libSQL server (sqld or Turso) through @libsql/client.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (!config.url.startsWith('file:')) {
    return createClient({ url: config.url, authToken: config.authToken });
  }
  const path = filePath(config.url);
  if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openEmbedded(path, config.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
  await db.execute('PRAGMA journal_mode = WAL');
  return db;
}

const writeQueues = new WeakMap<Database, Promise<unknown>>();

/**
 * Runs `work` in a write transaction (BEGIN IMMEDIATE) and commits it, or rolls it back if
 * `work` throws. Write transactions of one process are queued: the embedded driver blocks the
 * thread while it waits for SQLite's write lock, so two in one process would wait on each other.
 * Across processes, SQLite's lock (with the busy timeout) does the queueing.
 */
export function writeTransaction<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const run = async () => {
    const tx = await db.transaction('write');
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } finally {
      tx.close();
    }
  };
  const previous = writeQueues.get(db) ?? Promise.resolve();
  const next = previous.then(run, run);
  writeQueues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}
