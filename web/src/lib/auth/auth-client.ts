import * as v from 'valibot';
import { SessionUserSchema, type SessionUser } from '@clinicdesk/domain';

export type AuthUser = SessionUser & { mustChangePassword: boolean };

const SignedInSchema = v.object({
  user: v.object({ ...SessionUserSchema.entries, mustChangePassword: v.boolean() }),
  deviceKey: v.nullable(v.string()),
});

export type AuthAnswer =
  | { ok: true; user: AuthUser; deviceKey: Uint8Array | null }
  | { ok: false; kind: 'offline' | 'refused' | 'signed-out'; message: string };

const OFFLINE =
  'You are offline: signing in with a password needs the network. Unlock with your PIN if you have set one on this device.';

function decodeKey(base64: string | null): Uint8Array | null {
  if (!base64) return null;
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function call(path: string, init: RequestInit, fetchFn: typeof fetch): Promise<AuthAnswer> {
  let res: Response;
  try {
    res = await fetchFn(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { ok: false, kind: 'offline', message: OFFLINE };
  }
  const body: unknown = await res.json().catch(() => ({}));
  if (res.status === 401)
    return {
      ok: false,
      kind: 'signed-out',
      message: (body as { error?: string }).error ?? 'Sign in to continue',
    };
  if (!res.ok)
    return {
      ok: false,
      kind: 'refused',
      message: (body as { error?: string }).error ?? `The server answered ${res.status}`,
    };
  const parsed = v.safeParse(SignedInSchema, body);
  if (!parsed.success)
    return {
      ok: false,
      kind: 'refused',
      message: 'The server sent an answer this device cannot read',
    };
  return { ok: true, user: parsed.output.user, deviceKey: decodeKey(parsed.output.deviceKey) };
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Signs in with a password; the answer carries the device's data key for patient-data roles. */
export function signIn(
  username: string,
  password: string,
  deviceId: string,
  fetchFn: typeof fetch = fetch,
): Promise<AuthAnswer> {
  return call('/api/auth/sign-in', json({ username, password, deviceId }), fetchFn);
}

/** Who the server's session cookie belongs to, if anyone. */
export function whoAmI(fetchFn: typeof fetch = fetch): Promise<AuthAnswer> {
  return call('/api/auth/me', { method: 'GET' }, fetchFn);
}

/** Ends the server session (best effort: offline, the cookie simply expires). */
export async function signOutOfServer(fetchFn: typeof fetch = fetch): Promise<void> {
  try {
    await fetchFn('/api/auth/sign-out', { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Offline: the session ends at its expiry; the device has already forgotten the key.
  }
}

/** Changes the signed-in user's password. */
export async function changePassword(
  currentPassword: string,
  newPassword: string,
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const res = await fetchFn('/api/auth/password', {
      ...json({ currentPassword, newPassword }),
      credentials: 'same-origin',
    });
    if (res.ok) return { ok: true };
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    return { ok: false, message: body.error ?? `The server answered ${res.status}` };
  } catch {
    return { ok: false, message: 'You are offline: changing your password needs the network' };
  }
}
