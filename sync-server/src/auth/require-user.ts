import type { MiddlewareHandler } from 'hono';
import type { Role } from '@clinicdesk/domain';
import type { Database } from '../db/database.ts';
import { findSession } from '../db/sessions.ts';
import { findUserById, type UserRecord } from '../db/users.ts';
import { readSessionCookie } from './session-cookie.ts';

export type AuthEnv = { Variables: { user: UserRecord; deviceId: string } };

/**
 * Lets a request through only with a live session of an enabled user, and only for the given
 * roles (any role when none are given). Someone who must change their password may do only that.
 */
export function requireUser(
  deps: { db: Database; now: () => Date },
  roles?: readonly Role[],
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    const session = token ? await findSession(deps.db, token, deps.now()) : undefined;
    const user = session ? await findUserById(deps.db, session.userId) : undefined;
    if (!session || !user || user.disabled) {
      return c.json({ error: 'Sign in to continue', code: 'signed-out' }, 401);
    }
    if (
      user.mustChangePassword &&
      !c.req.path.endsWith('/auth/password') &&
      !c.req.path.endsWith('/auth/me')
    ) {
      return c.json(
        { error: 'Choose a new password before you go on', code: 'must-change-password' },
        403,
      );
    }
    if (roles && !roles.includes(user.role)) {
      return c.json({ error: 'Your role does not allow this', code: 'forbidden' }, 403);
    }
    c.set('user', user);
    c.set('deviceId', session.deviceId);
    await next();
  };
}
