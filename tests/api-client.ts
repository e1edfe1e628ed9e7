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

/**
 * Pushes edits as one device's queue, in order, as the booking office would have made them;
 * answers each edit's result message (or its status when applied).
 */
export async function pushOverApi(
  api: Awaited<ReturnType<typeof signInOverApi>>,
  edits: { name: string; args: unknown }[],
  firstSeq = 1,
): Promise<string[]> {
  const res = await api.fetch('/api/sync/push', {
    method: 'POST',
    body: JSON.stringify({
      protocolVersion: 1,
      clientId: api.clientId,
      mutations: edits.map((e, i) => ({
        id: randomUUID(),
        clientId: api.clientId,
        seq: firstSeq + i,
        ...e,
        at: new Date().toISOString(),
      })),
    }),
  });
  const { results } = (await res.json()) as { results: { status: string; message?: string }[] };
  return results.map((r) => r.message ?? r.status);
}
