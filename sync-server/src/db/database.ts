import { createClient, type Client } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type { Client as Database, Transaction } from '@libsql/client';

export interface DatabaseConfig {
  /** `file:data/clinicdesk.db` (embedded), or `libsql://…` / `http://…` for a libSQL server. */
  url: string;
  authToken?: string | undefined;
}

/**
 * Opens the database. An embedded file gets WAL and a busy timeout, so that several server
 * processes can share it and a writer waits its turn instead of failing.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Client> {
  if (config.url.startsWith('file:')) {
    const path = config.url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({ url: config.url, authToken: config.authToken });
  if (config.url.startsWith('file:')) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 10000');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  return client;
}
