import { Hono } from 'hono';
import * as v from 'valibot';
import { CalendarDateSchema, addDays, describeIssues, londonDayStart } from '@clinicdesk/domain';
import type { Database } from '../db/database.ts';
import { searchAudit } from '../db/audit.ts';
import { requireUser, type AuthEnv } from '../auth/require-user.ts';

const AuditQuerySchema = v.object({
  patientId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  userId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  from: v.optional(CalendarDateSchema),
  to: v.optional(CalendarDateSchema),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'limit must be a whole number'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(1000),
    ),
  ),
});

/** The audit trail, read-only, for managers: by patient, user and date (issue 3). */
export function auditRoutes(deps: { db: Database; now: () => Date }) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(deps, ['manager']));
  app.get('/', async (c) => {
    const parsed = v.safeParse(AuditQuerySchema, c.req.query());
    if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
    const q = parsed.output;
    const events = await searchAudit(deps.db, {
      patientId: q.patientId,
      userId: q.userId,
      // Dates are London days; the trail stores UTC instants.
      from: q.from ? londonDayStart(q.from) : undefined,
      to: q.to ? londonDayStart(addDays(q.to, 1)) : undefined,
      limit: q.limit ?? 200,
    });
    return c.json({ events });
  });
  return app;
}
