import { describe, expect, it, vi } from 'vitest';
import {
  changeUser,
  createUser,
  listUsers,
  type ManagedUser,
  type NewUserInput,
} from './users-api.ts';

const amelia: ManagedUser = {
  id: 'user-1',
  username: 'amelia.ashdown',
  displayName: 'Amelia Ashdown',
  role: 'booking-coordinator',
  siteIds: ['site-wrh'],
  mustChangePassword: true,
  disabled: false,
};

const newAmelia: NewUserInput = {
  username: 'amelia.ashdown',
  displayName: 'Amelia Ashdown',
  role: 'booking-coordinator',
  siteIds: ['site-wrh'],
  password: 'correct horse battery',
};

/** A fetch that answers every call with `body` and `status`, and remembers what it was asked. */
function answering(status: number, body: unknown) {
  return vi.fn<typeof fetch>(async () =>
    typeof body === 'string' ? new Response(body, { status }) : Response.json(body, { status }),
  );
}

const offline = vi.fn<typeof fetch>(async () => {
  throw new TypeError('Failed to fetch');
});

describe('users-api', () => {
  it('creates a user by posting JSON with the session cookie, and gives back the new account', async () => {
    const fetchFn = answering(201, { user: amelia });
    expect(await createUser(newAmelia, fetchFn)).toEqual({ ok: true, user: amelia });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/users');
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(String(init?.body))).toEqual(newAmelia);
  });

  it('gives the server’s words when it refuses a new user', async () => {
    const fetchFn = answering(409, { error: 'The username amelia.ashdown is taken' });
    expect(await createUser(newAmelia, fetchFn)).toEqual({
      ok: false,
      message: 'The username amelia.ashdown is taken',
    });
  });

  it.each([
    ['listing', () => listUsers(offline)],
    ['creating', () => createUser(newAmelia, offline)],
    ['changing', () => changeUser('user-1', { disabled: true }, offline)],
  ])('says the network is needed when %s fails offline', async (_, call) => {
    expect(await call()).toEqual({
      ok: false,
      message: 'You are offline: managing accounts needs the network',
    });
  });

  it('lists the users', async () => {
    const fetchFn = answering(200, { users: [amelia] });
    expect(await listUsers(fetchFn)).toEqual({ ok: true, users: [amelia] });
    expect(fetchFn).toHaveBeenCalledWith(
      '/api/users',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
  });

  it('gives the server’s words when someone who is not an administrator asks for the list', async () => {
    const fetchFn = answering(403, { error: 'Your role does not allow this', code: 'forbidden' });
    expect(await listUsers(fetchFn)).toEqual({
      ok: false,
      message: 'Your role does not allow this',
    });
  });

  it('says what the server answered when the refusal has no words', async () => {
    expect(await listUsers(answering(502, 'Bad gateway'))).toEqual({
      ok: false,
      message: 'The server answered 502',
    });
  });

  it('changes only the fields given, on the account named in the address', async () => {
    const fetchFn = answering(200, { user: { ...amelia, disabled: true } });
    expect(await changeUser('user/1', { disabled: true }, fetchFn)).toEqual({
      ok: true,
      user: { ...amelia, disabled: true },
    });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/users/user%2F1');
    expect(init).toMatchObject({ method: 'PATCH', credentials: 'same-origin' });
    expect(JSON.parse(String(init?.body))).toEqual({ disabled: true });
  });

  it('gives the server’s words when a change names no such user', async () => {
    expect(
      await changeUser('nobody', { role: 'clinician' }, answering(404, { error: 'No such user' })),
    ).toEqual({
      ok: false,
      message: 'No such user',
    });
  });
});
