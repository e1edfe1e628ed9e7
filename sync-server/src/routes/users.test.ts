import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer, TEST_PASSWORD, type SignedIn } from '../test-support.ts';

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
let admin: SignedIn;
beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 20 });
  admin = await server.signIn('administrator', []);
});
afterEach(() => server.close());

const newUser = {
  username: 'new.starter',
  displayName: 'New Starter',
  role: 'receptionist',
  siteIds: ['site-ktc'],
  password: 'a long enough first password',
};
const post = (body: unknown) =>
  admin.request('/api/users', { method: 'POST', body: JSON.stringify(body) });

describe('managing users', () => {
  it('creates a user who must choose their own password at first sign-in', async () => {
    const res = await post(newUser);
    expect(res.status).toBe(201);
    const signIn = await server.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'new.starter',
        password: newUser.password,
        deviceId: crypto.randomUUID(),
      }),
    });
    expect(await signIn.json()).toMatchObject({
      user: { mustChangePassword: true, role: 'receptionist' },
    });
  });

  it.each([
    ['a taken username', { ...newUser, username: 'new.starter' }, 409],
    ['a short password', { ...newUser, username: 'other', password: 'short' }, 400],
    [
      'a site the Trust does not have',
      { ...newUser, username: 'other', siteIds: ['site-moon'] },
      400,
    ],
    ['an unknown role', { ...newUser, username: 'other', role: 'wizard' }, 400],
    ['a bad username', { ...newUser, username: '1 bad name' }, 400],
  ])('refuses %s with a reason', async (_why, body, status) => {
    await post(newUser);
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(/\w{4}/);
  });

  it('ends a disabled user’s sessions at once, and records who did it, before and after', async () => {
    const rita = await server.signIn('receptionist', ['site-ktc']);
    expect((await rita.request('/api/auth/me')).status).toBe(200);
    const res = await admin.request(`/api/users/${rita.userId}`, {
      method: 'PATCH',
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    expect((await rita.request('/api/auth/me')).status).toBe(401);
    const audit = await server.db.execute(
      "SELECT before, after, user_id FROM audit_events WHERE action = 'user.change'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.parse(String(audit.rows[0]?.['before']))).toMatchObject({ disabled: false });
    expect(JSON.parse(String(audit.rows[0]?.['after']))).toMatchObject({ disabled: true });
    expect(audit.rows[0]?.['user_id']).toBe(admin.userId);
  });

  it('keeps an administrator signed in after renaming themselves, but will not let them disable themselves', async () => {
    const rename = await admin.request(`/api/users/${admin.userId}`, {
      method: 'PATCH',
      body: JSON.stringify({ displayName: 'Ada Admin' }),
    });
    expect(rename.status).toBe(200);
    expect((await admin.request('/api/auth/me')).status).toBe(200);
    const disable = await admin.request(`/api/users/${admin.userId}`, {
      method: 'PATCH',
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(400);
  });

  it('resets a password so that only the new one works, and must be changed', async () => {
    const rita = await server.signIn('receptionist', ['site-ktc'], 'rita');
    await admin.request(`/api/users/${rita.userId}`, {
      method: 'PATCH',
      body: JSON.stringify({ password: 'a temporary password 1' }),
    });
    const sign = (password: string) =>
      server.app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'rita', password, deviceId: crypto.randomUUID() }),
      });
    expect((await sign(TEST_PASSWORD)).status).toBe(401);
    expect(await (await sign('a temporary password 1')).json()).toMatchObject({
      user: { mustChangePassword: true },
    });
  });
});
