import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from './fixtures.ts';

/** A demo user signed in over HTTP on a new device id, for API-level journeys. */
export async function signInOverApi(baseUrl: string, username: string) {
  const deviceId = randomUUID();
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  const { user } = (await res.json()) as { user: { id: string } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    clientId: `${deviceId}/${user.id}`,
    fetch: (path: string, init: RequestInit = {}) =>
      fetch(`${baseUrl}${path}`, {
        ...init,
        headers: {
          cookie,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string> | undefined),
        },
      }),
  };
}
