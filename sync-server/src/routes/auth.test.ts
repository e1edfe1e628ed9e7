import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ensureAdministrator } from '../auth/bootstrap.ts';
import { hashPassword } from '../auth/passwords.ts';
import { insertUser } from '../db/users.ts';
import { createTestServer, TEST_PASSWORD } from '../test-support.ts';

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
beforeEach(async () => {
  server = await createTestServer();
});
afterEach(() => server.close());

async function addUser(
  username: string,
  options: { mustChangePassword?: boolean; role?: 'receptionist' | 'administrator' } = {},
) {
  await insertUser(
    server.db,
    {
      id: randomUUID(),
      username,
      displayName: username,
      role: options.role ?? 'receptionist',
      siteIds: ['site-ktc'],
      passwordHash: await hashPassword(TEST_PASSWORD),
      mustChangePassword: options.mustChangePassword ?? false,
    },
    '2026-11-24T10:00:00Z',
  );
}

function signIn(username: string, password = TEST_PASSWORD, deviceId: string = randomUUID()) {
  return server.app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceId }),
  });
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('signing in', () => {
  it('sets an httpOnly, Secure, SameSite=Strict session cookie and returns the user without secrets', async () => {
    await addUser('rita');
    const res = await signIn('rita');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const body = (await res.json()) as { user: Record<string, unknown>; deviceKey: string };
    expect(body.user).toMatchObject({
      username: 'rita',
      role: 'receptionist',
      siteIds: ['site-ktc'],
    });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
    expect(Buffer.from(body.deviceKey, 'base64')).toHaveLength(32);
  });

  it('gives the same device the same data key at every sign-in, and no key to an administrator', async () => {
    await addUser('rita');
    await addUser('ada', { role: 'administrator' });
    const deviceId = randomUUID();
    const first = (await (await signIn('rita', TEST_PASSWORD, deviceId)).json()) as {
      deviceKey: string;
    };
    const second = (await (await signIn('rita', TEST_PASSWORD, deviceId)).json()) as {
      deviceKey: string;
    };
    expect(second.deviceKey).toBe(first.deviceKey);
    const admin = (await (await signIn('ada')).json()) as { deviceKey: string | null };
    expect(admin.deviceKey).toBeNull();
  });

  it('answers a wrong password and an unknown username with the same words', async () => {
    await addUser('rita');
    const wrong = await signIn('rita', 'not the password');
    const unknown = await signIn('nobody', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('locks the account after five wrong passwords, even against the right one', async () => {
    await addUser('rita');
    for (let i = 0; i < 5; i++) expect((await signIn('rita', `wrong ${i}`)).status).toBe(401);
    const res = await signIn('rita');
    expect(res.status).toBe(423);
    expect(((await res.json()) as { error: string }).error).toMatch(/locked/);
  });

  it('slows a guesser down: the eleventh attempt in a minute from one address is refused (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn(`user${i}`, 'guess')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('refuses a sign-in body over 64 KB with 413', async () => {
    const res = await server.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(70_000) }),
    });
    expect(res.status).toBe(413);
  });

  it('refuses a malformed sign-in with 400 and a reason', async () => {
    const res = await server.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rita' }),
    });
    expect(res.status).toBe(400);
  });

  it('records every attempt in the audit trail', async () => {
    await addUser('rita');
    await signIn('rita', 'wrong');
    await signIn('rita');
    const rs = await server.db.execute(
      "SELECT outcome, detail FROM audit_events WHERE action = 'sign-in' ORDER BY id",
    );
    expect(rs.rows.map((r) => [r['outcome'], r['detail']])).toEqual([
      ['failed', 'wrong password'],
      ['signed-in', 'ok'],
    ]);
  });
});

describe('sessions', () => {
  it('knows who is signed in, and nobody after sign-out', async () => {
    await addUser('rita');
    const cookie = cookieOf(await signIn('rita'));
    expect((await server.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    await server.app.request('/api/auth/sign-out', { method: 'POST', headers: { cookie } });
    expect((await server.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await server.app.request('/api/auth/me')).status).toBe(401);
  });

  it('asks for a new password before anything else when one must be chosen, and refuses a weak one', async () => {
    await addUser('newbie', { mustChangePassword: true });
    const cookie = cookieOf(await signIn('newbie'));
    const pull = await server.app.request('/api/sync/pull?since=0', { headers: { cookie } });
    expect(pull.status).toBe(403);
    expect(await pull.json()).toMatchObject({ code: 'must-change-password' });
    const change = (newPassword: string, c = cookie) =>
      server.app.request('/api/auth/password', {
        method: 'POST',
        headers: { cookie: c, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword }),
      });
    expect((await change('short')).status).toBe(400);
    expect((await change('newbie-is-my-name-2026')).status).toBe(400);
    const ok = await change('a much longer passphrase 2026');
    expect(ok.status).toBe(200);
    const fresh = cookieOf(ok);
    expect(
      (await server.app.request('/api/sync/pull?since=0', { headers: { cookie: fresh } })).status,
    ).toBe(200);
    expect((await server.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('first start', () => {
  it('creates one administrator with a one-time secret that must be changed, and only once', async () => {
    const secret = await ensureAdministrator(server.db, new Date('2026-11-24T10:00:00Z'));
    expect(secret).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    expect(await ensureAdministrator(server.db, new Date())).toBeUndefined();
    const res = await signIn('admin', secret);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      user: { role: 'administrator', mustChangePassword: true },
    });
  });
});

describe('the audit trail', () => {
  it.each([
    ['change', "UPDATE audit_events SET outcome = 'x'"],
    ['delete', 'DELETE FROM audit_events'],
  ])('cannot be %sd, even by SQL against the database', async (_verb, sql) => {
    await addUser('rita');
    await signIn('rita');
    await expect(server.db.execute(sql)).rejects.toThrow(/audit trail cannot be/);
  });
});
