import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  clientIdFor,
  SYNC_PROTOCOL_VERSION,
  type PushResponse,
  type Role,
} from '@clinicdesk/domain';
import { createApp } from './app.ts';
import { hashPassword } from './auth/passwords.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { insertUser } from './db/users.ts';
import { startPushWriter } from './sync/push-writer.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  userId: string;
  deviceId: string;
  clientId: string;
  headers: Record<string, string>;
  request(path: string, init?: RequestInit): Promise<Response>;
  /**
   * Pushes one edit as this device's next in sequence (from 1, as a real outbox numbers them)
   * and returns the server's answer to it.
   */
  edit(name: string, args: unknown): Promise<PushResponse['results'][number]>;
}

/**
 * A migrated libSQL database in a fresh temporary file, and the app on top of it; with
 * `writerThread`, pushes are applied in a writer thread as the server process does (ADR 0008).
 */
export async function createTestServer(
  now: () => Date = () => new Date('2026-11-24T10:00:00Z'),
  options: { writerThread?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db: Database = await openDatabase({ url });
  await migrate(db);
  const writer = options.writerThread ? startPushWriter(url) : undefined;
  const app = createApp({ db, now, applyPush: writer?.apply });

  /** Creates a user with a role and sites, signs them in on a new device, and returns their session. */
  async function signIn(
    role: Role,
    siteIds: string[],
    username = `${role}-${randomUUID().slice(0, 8)}`,
  ): Promise<SignedIn> {
    const userId = randomUUID();
    await insertUser(
      db,
      {
        id: userId,
        username,
        displayName: username,
        role,
        siteIds,
        passwordHash: await hashPassword(TEST_PASSWORD),
        mustChangePassword: false,
      },
      now().toISOString(),
    );
    const deviceId = randomUUID();
    const res = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD, deviceId }),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, 'content-type': 'application/json' };
    const clientId = clientIdFor(deviceId, userId);
    const request = async (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
      });
    let seq = 0;
    return {
      userId,
      deviceId,
      clientId,
      headers,
      request,
      async edit(name, args) {
        seq += 1;
        const res = await request('/api/sync/push', {
          method: 'POST',
          body: JSON.stringify({
            protocolVersion: SYNC_PROTOCOL_VERSION,
            clientId,
            mutations: [
              { id: `${clientId}-${seq}`, clientId, seq, name, args, at: now().toISOString() },
            ],
          }),
        });
        if (res.status !== 200) throw new Error(`push answered ${res.status}`);
        return ((await res.json()) as PushResponse).results[0]!;
      },
    };
  }

  /** The stored rows a SQL query over `rows` selects (`SELECT data FROM rows WHERE …`). */
  async function rowsWhere(sql: string, args: (string | number | null)[] = []) {
    const rs = await db.execute({ sql, args });
    return rs.rows.map((r) => JSON.parse(String(r['data'])) as Record<string, unknown>);
  }

  return {
    db,
    app,
    rowsWhere,
    dir,
    signIn,
    /** Closes the database at once; a writer thread, if any, is stopped first. */
    close(): Promise<void> | undefined {
      const finish = () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      };
      if (writer) return writer.close().then(finish);
      finish();
      return undefined;
    },
  };
}

/**
 * Reasons for going past the access policy's warnings (issue 7), for tests about something
 * else: bookings at short notice or ahead of a longer wait are warned about, and these are the
 * reasons a co-ordinator would record.
 */
export const AGREED = [
  { rule: 'reasonable-notice', reason: 'Patient agreed to the sooner date' },
  { rule: 'book-in-turn', reason: 'Clinically urgent' },
  { rule: 'two-week-wait', reason: 'Patient chose a later date' },
  { rule: 'second-offer', reason: 'Patient asked for a later date' },
  { rule: 'follow-up-window', reason: 'Clinician asked for it booked now' },
];
