import { createClient, type Client, type Transaction } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type { Client as Database, Transaction } from '@libsql/client';

export interface DatabaseConfig {
  /** `file:data/clinicdesk.db` (embedded), or `libsql://…` / `http://…` for a libSQL server. */
  url: string;
  authToken?: string | undefined;
}

/**
 * Opens the database. An embedded file gets WAL (readers never wait for the writer) and a
 * busy timeout, so that several server processes can share it and a writer waits its turn.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Client> {
  if (config.url.startsWith('file:')) {
    const path = config.url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  // `timeout` is the busy timeout of every pooled connection (a PRAGMA would reach only one).
  const client = createClient({ url: config.url, authToken: config.authToken, timeout: 10_000 });
  if (config.url.startsWith('file:')) await client.execute('PRAGMA journal_mode = WAL');
  return client;
}

const writeQueues = new WeakMap<Client, Promise<unknown>>();

/**
 * Runs `work` in a write transaction and commits it, or rolls it back if `work` throws.
 * Write transactions of one process are queued: the embedded driver blocks the thread
 * while it waits for SQLite's write lock, so two in one process would wait on each other.
 * Across processes, SQLite's lock (with the busy timeout) does the queueing.
 */
export function writeTransaction<T>(db: Client, work: (tx: Transaction) => Promise<T>): Promise<T> {
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
