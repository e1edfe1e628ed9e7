import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import {
  describeIssues,
  PushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  type PushResponse,
} from '@clinicdesk/domain';
import type { Database } from '../db/database.ts';
import { readChanges } from '../db/rows.ts';
import { applyPush, lastSeqForClient } from '../sync/apply-push.ts';

export interface SyncDeps {
  db: Database;
  now: () => Date;
}

const MAX_PAGE = 5000;

const PullQuerySchema = v.object({
  since: v.pipe(
    v.string('since is missing'),
    v.regex(/^\d+$/, 'since must be a whole number'),
    v.transform(Number),
  ),
  clientId: v.optional(v.pipe(v.string(), v.maxLength(64))),
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

/** `POST /push` and `GET /pull` of DESIGN.md's sync protocol. */
export function syncRoutes({ db, now }: SyncDeps) {
  const app = new Hono();

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
      const mutations = push.mutations;
      if (mutations.some((m) => m.clientId !== push.clientId)) {
        return c.json({ error: 'Every mutation in a push must come from the pushing device' }, 400);
      }
      if (mutations.some((m, i) => i > 0 && m.seq !== mutations[i - 1]!.seq + 1)) {
        return c.json({ error: 'Mutations must be sent in sequence, without gaps' }, 400);
      }
      const outcome = await applyPush(db, push.clientId, mutations, now());
      if (outcome.kind === 'gap') {
        return c.json(
          {
            error: 'Mutations are missing before these: resend from lastSeq + 1',
            lastSeq: outcome.lastSeq,
          },
          409,
        );
      }
      return c.json({ lastSeq: outcome.lastSeq, results: outcome.results } satisfies PushResponse);
    },
  );

  app.get('/pull', async (c) => {
    const parsed = v.safeParse(PullQuerySchema, c.req.query());
    if (!parsed.success) return c.json({ error: describeIssues(parsed.issues) }, 400);
    const { since, clientId, limit } = parsed.output;
    const [page, lastSeq] = await Promise.all([
      readChanges(db, since, limit ?? MAX_PAGE),
      clientId ? lastSeqForClient(db, clientId) : Promise.resolve(0),
    ]);
    return c.json({ ...page, lastSeq });
  });

  return app;
}
