import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import * as v from 'valibot';
import {
  canSeePatientData,
  describeIssues,
  NewPasswordSchema,
  SignInSchema,
} from '@clinicdesk/domain';
import type { Database } from '../db/database.ts';
import { appendAudit } from '../db/audit.ts';
import { createSession, deleteSession, deleteSessionsOf, deviceKey } from '../db/sessions.ts';
import {
  findUserByUsername,
  publicUser,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  updateUser,
  type UserRecord,
} from '../db/users.ts';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { createFailureLimiter } from '../auth/rate-limit.ts';
import { requireUser, type AuthEnv } from '../auth/require-user.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../auth/session-cookie.ts';
import { readJson } from './read-json.ts';

export interface AuthDeps {
  db: Database;
  now: () => Date;
}

const NOT_RIGHT = 'The username or password is not right';

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const ChangePasswordSchema = v.object({
  currentPassword: v.pipe(
    v.string('Enter your current password'),
    v.nonEmpty('Enter your current password'),
  ),
  newPassword: NewPasswordSchema,
});

/** What a device learns at sign-in: who is signed in and, for patient-data roles, its data key. */
async function signedIn(deps: AuthDeps, user: UserRecord, deviceId: string) {
  return {
    user: publicUser(user),
    deviceKey: canSeePatientData(user.role) ? await deviceKey(deps.db, deviceId, deps.now()) : null,
  };
}

/** Sign-in, sign-out, who am I, and changing one's password (issue 3). */
export function authRoutes(deps: AuthDeps) {
  const app = new Hono<AuthEnv>();
  const limiter = createFailureLimiter(10, 60_000);

  app.post('/sign-in', async (c) => {
    const now = deps.now();
    const address = clientAddress(c);
    if (limiter.isBlocked(address, now.getTime())) {
      return c.json(
        { error: 'Too many sign-in attempts from this device: wait a minute and try again' },
        429,
      );
    }
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = v.safeParse(SignInSchema, body.value);
    if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
    const { username, password, deviceId } = parsed.output;
    const user = await findUserByUsername(deps.db, username);
    const audit = (outcome: 'signed-in' | 'failed', detail: string) => {
      if (outcome === 'failed') limiter.recordFailure(address, now.getTime());
      return appendAudit(
        deps.db,
        {
          happenedAt: now.toISOString(),
          userId: user?.id ?? null,
          username,
          role: user?.role ?? null,
          deviceId,
          action: 'sign-in',
          outcome,
          detail,
        },
        now.toISOString(),
      );
    };
    if (!user) {
      await verifyPassword(await decoyHash(), password);
      await audit('failed', 'unknown username');
      return c.json({ error: NOT_RIGHT }, 401);
    }
    if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
      await audit('failed', 'account locked');
      return c.json(
        {
          error:
            'This account is locked after 5 wrong passwords. Try again in 15 minutes or ask an administrator.',
        },
        423,
      );
    }
    if (!(await verifyPassword(user.passwordHash, password)) || user.disabled) {
      if (!user.disabled) await recordFailedSignIn(deps.db, user, now);
      await audit('failed', user.disabled ? 'account disabled' : 'wrong password');
      return c.json({ error: NOT_RIGHT }, 401);
    }
    await recordSuccessfulSignIn(deps.db, user.id);
    setSessionCookie(c, await createSession(deps.db, user.id, deviceId, now));
    await audit('signed-in', user.mustChangePassword ? 'must change password' : 'ok');
    return c.json(await signedIn(deps, user, deviceId));
  });

  app.post('/sign-out', async (c) => {
    const token = readSessionCookie(c);
    if (token) await deleteSession(deps.db, token);
    clearSessionCookie(c);
    return c.json({ signedOut: true });
  });

  app.get('/me', requireUser(deps), async (c) =>
    c.json(await signedIn(deps, c.var.user, c.var.deviceId)),
  );

  app.post('/password', requireUser(deps), async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = v.safeParse(ChangePasswordSchema, body.value);
    if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
    const user = c.var.user;
    if (!(await verifyPassword(user.passwordHash, parsed.output.currentPassword))) {
      return c.json({ error: 'Your current password is not right' }, 400);
    }
    if (parsed.output.newPassword.toLowerCase().includes(user.username)) {
      return c.json({ error: 'The new password must not contain your username' }, 400);
    }
    const now = deps.now();
    await updateUser(
      deps.db,
      user.id,
      { passwordHash: await hashPassword(parsed.output.newPassword), mustChangePassword: false },
      now.toISOString(),
    );
    await deleteSessionsOf(deps.db, user.id);
    setSessionCookie(c, await createSession(deps.db, user.id, c.var.deviceId, now));
    await appendAudit(
      deps.db,
      {
        happenedAt: now.toISOString(),
        userId: user.id,
        username: user.username,
        role: user.role,
        deviceId: c.var.deviceId,
        action: 'password.change',
        outcome: 'changed',
      },
      now.toISOString(),
    );
    return c.json({ changed: true });
  });

  return app;
}
