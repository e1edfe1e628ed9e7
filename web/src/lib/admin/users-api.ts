import type { Role, SessionUser } from '@clinicdesk/domain';
import { jsonBody, requestServerJson, type Failure } from './server-json.ts';

/** A user account as an administrator sees it: never a password or a hash. */
export interface ManagedUser extends SessionUser {
  mustChangePassword: boolean;
  disabled: boolean;
}

/** A new account. The password is a first one: the person must change it when they sign in. */
export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  siteIds: string[];
  password: string;
}

/** A change to an account. A password resets it, and the person must change it again. */
export interface UserChange {
  displayName?: string;
  role?: Role;
  siteIds?: string[];
  disabled?: boolean;
  password?: string;
}

export const USERS_OFFLINE = 'You are offline: managing accounts needs the network';

/** Every account, for an administrator. */
export async function listUsers(
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true; users: ManagedUser[] } | Failure> {
  const answer = await requestServerJson<{ users: ManagedUser[] }>(
    fetchFn,
    '/api/users',
    {},
    USERS_OFFLINE,
  );
  return answer.ok ? { ok: true, users: answer.body.users } : answer;
}

/** Creates an account; a taken username or an unknown site comes back as the server's words. */
export async function createUser(
  input: NewUserInput,
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true; user: ManagedUser } | Failure> {
  const answer = await requestServerJson<{ user: ManagedUser }>(
    fetchFn,
    '/api/users',
    jsonBody('POST', input),
    USERS_OFFLINE,
  );
  return answer.ok ? { ok: true, user: answer.body.user } : answer;
}

/** Changes, disables, enables or resets the password of an account. */
export async function changeUser(
  id: string,
  fields: UserChange,
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true; user: ManagedUser } | Failure> {
  const answer = await requestServerJson<{ user: ManagedUser | null }>(
    fetchFn,
    `/api/users/${encodeURIComponent(id)}`,
    jsonBody('PATCH', fields),
    USERS_OFFLINE,
  );
  if (!answer.ok) return answer;
  if (!answer.body.user) return { ok: false, message: 'No such user' };
  return { ok: true, user: answer.body.user };
}
