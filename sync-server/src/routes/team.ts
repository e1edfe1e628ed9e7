import { Hono } from 'hono';
import { ROLES, canSeePatientData } from '@clinicdesk/domain';
import type { Database } from '../db/database.ts';
import { teamOf } from '../db/users.ts';
import { requireUser, type AuthEnv } from '../auth/require-user.ts';

/**
 * `GET /api/team`: the colleagues a person may assign work to and cover for (issue 8) — enabled
 * users who hold patient data and share a site with them, by id, name, role and shared sites.
 * Devices cache it for offline use; users themselves are never synced.
 */
export function teamRoutes(deps: { db: Database; now: () => Date }) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(deps, ROLES.filter(canSeePatientData)));
  app.get('/', async (c) => c.json({ team: await teamOf(deps.db, c.get('user')) }));
  return app;
}
