import { Hono } from 'hono';
import * as v from 'valibot';
import { describeIssues, NewPasswordSchema, NewUserSchema, RoleSchema } from '@clinicdesk/domain';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { appendAudit } from '../db/audit.ts';
import { deleteSessionsOf } from '../db/sessions.ts';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  publicUser,
  updateUser,
} from '../db/users.ts';
import { hashPassword } from '../auth/passwords.ts';
import { requireUser, type AuthEnv } from '../auth/require-user.ts';
import { readJson } from './read-json.ts';

const ChangeUserSchema = v.object({
  displayName: v.optional(
    v.pipe(v.string(), v.trim(), v.nonEmpty('Enter the person’s name'), v.maxLength(100)),
  ),
  role: v.optional(RoleSchema),
  siteIds: v.optional(v.array(v.string())),
  disabled: v.optional(v.boolean()),
  password: v.optional(NewPasswordSchema),
});

async function knownSites(db: Database): Promise<Set<string>> {
  const rs = await db.execute("SELECT id FROM rows WHERE tbl = 'sites' AND deleted = 0");
  return new Set(rs.rows.map((r) => String(r['id'])));
}

/** Account management for administrators (issue 3). Every change is audited. */
export function userRoutes(deps: { db: Database; now: () => Date }) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(deps, ['administrator']));

  app.get('/', async (c) => c.json({ users: (await listUsers(deps.db)).map(publicUser) }));

  app.post('/', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = v.safeParse(NewUserSchema, body.value);
    if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
    const input = parsed.output;
    if (await findUserByUsername(deps.db, input.username))
      return c.json({ error: `The username ${input.username} is taken` }, 409);
    const sites = await knownSites(deps.db);
    if (input.siteIds.some((s) => !sites.has(s)))
      return c.json({ error: 'Choose sites the Trust has' }, 400);
    const now = deps.now().toISOString();
    const user = {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      siteIds: input.siteIds,
    };
    await insertUser(
      deps.db,
      { ...user, passwordHash: await hashPassword(input.password), mustChangePassword: true },
      now,
    );
    await appendAudit(
      deps.db,
      {
        happenedAt: now,
        userId: c.var.user.id,
        username: c.var.user.username,
        role: c.var.user.role,
        deviceId: c.var.deviceId,
        action: 'user.create',
        outcome: 'changed',
        entityTable: 'users',
        entityId: user.id,
        after: user,
      },
      now,
    );
    return c.json({ user: { ...user, mustChangePassword: true, disabled: false } }, 201);
  });

  app.patch('/:id', async (c) => {
    const target = await findUserById(deps.db, c.req.param('id'));
    if (!target) return c.json({ error: 'No such user' }, 404);
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = v.safeParse(ChangeUserSchema, body.value);
    if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
    const change = parsed.output;
    if (change.siteIds) {
      const sites = await knownSites(deps.db);
      if (change.siteIds.some((s) => !sites.has(s)))
        return c.json({ error: 'Choose sites the Trust has' }, 400);
    }
    if (
      target.id === c.var.user.id &&
      (change.disabled || (change.role && change.role !== 'administrator'))
    ) {
      return c.json(
        { error: 'You cannot disable yourself or remove your own administrator role' },
        400,
      );
    }
    const now = deps.now().toISOString();
    const { password, ...fields } = change;
    await updateUser(
      deps.db,
      target.id,
      {
        ...fields,
        ...(password
          ? { passwordHash: await hashPassword(password), mustChangePassword: true }
          : {}),
      },
      now,
    );
    // A new role, new sites, a reset password or a disabled account take effect at once;
    // a new display name alone leaves the person signed in.
    if (change.role !== undefined || change.siteIds !== undefined || change.disabled || password) {
      await deleteSessionsOf(deps.db, target.id);
    }
    const after = await findUserById(deps.db, target.id);
    await appendAudit(
      deps.db,
      {
        happenedAt: now,
        userId: c.var.user.id,
        username: c.var.user.username,
        role: c.var.user.role,
        deviceId: c.var.deviceId,
        action: 'user.change',
        outcome: 'changed',
        entityTable: 'users',
        entityId: target.id,
        before: publicUser(target),
        after: after ? publicUser(after) : null,
        detail: password ? 'password reset' : null,
      },
      now,
    );
    return c.json({ user: after ? publicUser(after) : null });
  });

  return app;
}
