import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import {
  addDays,
  canSeePatientData,
  DEVICE_WINDOW_DAYS_BACK,
  londonDateOf,
  clientIdFor,
  describeIssues,
  PushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  type PushResponse,
} from '@clinicdesk/domain';
import { requireUser, type AuthEnv } from '../auth/require-user.ts';
import type { Database } from '../db/database.ts';
import { currentVersion, readChanges } from '../db/rows.ts';
import { ChangeTail } from '../sync/change-tail.ts';
import { pullBody } from '../sync/pull-body.ts';
import { applyPush, lastSeqForClient } from '../sync/apply-push.ts';
import type { ApplyPush } from '../sync/push-writer.ts';

export interface SyncDeps {
  db: Database;
  now: () => Date;
  /** Where pushes are applied: the writer thread (push-writer.ts), or this thread when omitted. */
  applyPush?: ApplyPush | undefined;
}

const MAX_PAGE = 5000;

const PullQuerySchema = v.object({
  v: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/, 'v must be a whole number'), v.transform(Number)),
  ),
  since: v.pipe(
    v.string('since is missing'),
    v.regex(/^\d+$/, 'since must be a whole number'),
    v.transform(Number),
    // 400 digits make Infinity, which the database driver refuses to bind (a 500).
    v.safeInteger('since is too large'),
  ),
  clientId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  // What the page before said was still to come after it: a device catching up sends it, and
  // the server need not count again (issue 10: the count was a quarter of a pull's SQL).
  remaining: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'remaining must be a whole number'),
      v.transform(Number),
      v.safeInteger('remaining is too large'),
    ),
  ),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'limit must be a whole number'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(MAX_PAGE),
    ),
  ),
});

/** Deeper JSON is refused: the audit trail's JSON.stringify of it would overflow the stack. */
const MAX_JSON_DEPTH = 64;

/** True when arrays or objects nest more than `max` deep; iterative, so any depth is safe. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Administrators manage accounts; they hold no patient data and do not sync. */
const patientDataRolesOnly: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (!canSeePatientData(c.var.user.role)) {
    return c.json({ error: 'Your role does not hold patient data', code: 'forbidden' }, 403);
  }
  await next();
};

/** `POST /push` and `GET /pull` of DESIGN.md's sync protocol, as the signed-in user. */
export function syncRoutes({ db, now, applyPush: apply }: SyncDeps) {
  const applyHere: ApplyPush = (...args) => applyPush(db, ...args);
  const applyEdits = apply ?? applyHere;
  const app = new Hono<AuthEnv>();
  // The newest changes, shared by every device that pulls from this process (change-tail.ts).
  const tail = new ChangeTail(db);
  app.use('*', requireUser({ db, now }));
  app.use('*', patientDataRolesOnly);

  app.post(
    '/push',
    bodyLimit({
      maxSize: 4 * 1024 * 1024,
      onError: (c) =>
        c.json({ error: 'Too many changes in one push: send at most 4 MB at a time' }, 413),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: 'The request body is not valid JSON' }, 400);
      }
      if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
        return c.json({ error: 'The request body is nested too deeply' }, 400);
      }
      const parsed = v.safeParse(PushRequestSchema, body);
      if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
      const push = parsed.output;
      if (push.protocolVersion < SYNC_PROTOCOL_VERSION) {
        return c.json(
          {
            error:
              'This copy of ClinicDesk is out of date: reload to update it. Your changes are kept.',
          },
          426,
        );
      }
      if (push.clientId !== clientIdFor(c.var.deviceId, c.var.user.id)) {
        return c.json(
          {
            error:
              'These changes were made by another user or device: sign in as them to send them',
            code: 'other-user',
          },
          401,
        );
      }
      const mutations = push.mutations;
      if (mutations.some((m) => m.clientId !== push.clientId)) {
        return c.json({ error: 'Every mutation in a push must come from the pushing device' }, 400);
      }
      if (mutations.some((m, i) => i > 0 && m.seq !== mutations[i - 1]!.seq + 1)) {
        return c.json({ error: 'Mutations must be sent in sequence, without gaps' }, 400);
      }
      const outcome = await applyEdits(
        push.clientId,
        mutations,
        { user: c.var.user, deviceId: c.var.deviceId },
        now(),
        push.heldFrom,
      );
      if (outcome.kind === 'gap') {
        return c.json(
          {
            error:
              'Mutations are missing before these: resend from lastSeq + 1, or say from which seq you hold them (heldFrom)',
            lastSeq: outcome.lastSeq,
          },
          409,
        );
      }
      return c.json({
        lastSeq: outcome.lastSeq,
        results: outcome.results,
        ...(outcome.afresh ? { afresh: true as const } : {}),
      } satisfies PushResponse);
    },
  );

  app.get('/pull', async (c) => {
    const parsed = v.safeParse(PullQuerySchema, c.req.query());
    if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
    const { since, limit, remaining } = parsed.output;
    if (parsed.output.v !== undefined && parsed.output.v < SYNC_PROTOCOL_VERSION) {
      return c.json(
        {
          error:
            'This copy of ClinicDesk is out of date: reload to update it. Your changes are kept.',
        },
        426,
      );
    }
    const clientId = clientIdFor(c.var.deviceId, c.var.user.id);
    // A device unlocked offline by another user must not pull with this user's session.
    if (parsed.output.clientId !== undefined && parsed.output.clientId !== clientId) {
      return c.json(
        {
          error: 'This device is signed in to the server as someone else: sign in again',
          code: 'other-user',
        },
        401,
      );
    }
    // What the device has had decided is read before the page, so the page holds its effects.
    const [lastSeq, latest] = await Promise.all([
      lastSeqForClient(db, clientId),
      currentVersion(db),
    ]);
    const windowStart = addDays(londonDateOf(now()), -DEVICE_WINDOW_DAYS_BACK);
    const sites = c.var.user.siteIds;
    const page =
      (await tail.page(since, limit ?? MAX_PAGE, sites, windowStart)) ??
      (await readChanges(db, since, limit ?? MAX_PAGE, sites, windowStart, remaining));
    // A cursor past every version here came from history this database has lost.
    const body =
      since > latest
        ? { ...page, cursor: 0, lastSeq, afresh: true as const }
        : { ...page, lastSeq };
    return c.body(pullBody(body, c.var.user.role), 200, {
      'content-type': 'application/json; charset=UTF-8',
    });
  });

  return app;
}
