import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createHash } from 'node:crypto';
import {
  IMPORT_KINDS,
  IMPORT_ROLES,
  londonDateOf,
  planImport,
  type Change,
  type ImportKind,
  type ImportPlan,
} from '@clinicdesk/domain';
import { writeTransaction, type Database, type Transaction } from '../db/database.ts';
import { appendAudit, auditStatement, type AuditEvent } from '../db/audit.ts';
import { readImportState, writeImportRows } from '../db/import-rows.ts';
import { requireUser, type AuthEnv } from '../auth/require-user.ts';

/** Largest file taken: a 50,000-row extract of patients is about 8 MB. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/** What the person saw in the dry run: the file and each row's planned action, as a digest. */
function digestOf(text: string, plan: ImportPlan): string {
  const rows = plan.rows.map((r) => [r.row, r.action, r.action === 'update' ? r.changes : []]);
  return createHash('sha256')
    .update(plan.kind)
    .update('\0')
    .update(text)
    .update('\0')
    .update(JSON.stringify(rows))
    .digest('hex');
}

/** The dry run's answer: the plan without its rows to write, and its digest for the apply. */
const report = (plan: ImportPlan, digest: string) => {
  const { writes: _writes, ...rest } = plan;
  return { ...rest, digest };
};

const patientOf = (change: Change): string | null =>
  change.table === 'patients'
    ? change.row.id
    : 'patientId' in change.row
      ? String(change.row.patientId)
      : null;

/** The audit event of one row an import wrote, with its before and after. */
const rowAudit =
  (who: Omit<AuditEvent, 'happenedAt' | 'action' | 'outcome'>, kind: ImportKind, now: string) =>
  (change: Change, before: Record<string, unknown> | undefined) =>
    auditStatement(
      {
        ...who,
        happenedAt: now,
        action: `import.${kind}`,
        outcome: 'applied',
        entityTable: change.table,
        entityId: change.row.id,
        patientId: patientOf(change),
        before: before ?? null,
        after: change.row,
      },
      now,
    );

/** The audit event of the import itself: who, which kind of file, and its counts. */
async function auditImport(
  tx: Transaction,
  who: Omit<AuditEvent, 'happenedAt' | 'action' | 'outcome'>,
  plan: ImportPlan,
  outcome: 'applied' | 'rejected',
  now: string,
) {
  const c = plan.counts;
  await appendAudit(
    tx,
    {
      ...who,
      happenedAt: now,
      action: `import.${plan.kind}`,
      outcome,
      detail: `${c.create} created, ${c.update} updated, ${c.unchanged} unchanged, ${c.refused} refused${plan.fileProblem ? `: ${plan.fileProblem}` : ''}`,
    },
    now,
  );
}

/**
 * PAS imports for managers (issue 9): `POST /api/import/:kind?mode=dry-run` answers the plan
 * row by row with a digest; `mode=apply&digest=` plans again inside one write transaction and
 * writes every row, or nothing when a row is refused or the plan is not the one checked.
 * Managers only: an import writes across every site at once, which no other role may do.
 */
export function importRoutes(deps: { db: Database; now: () => Date }) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(deps, IMPORT_ROLES));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: (c) =>
        c.json({ error: 'The file is larger than 16 MB: split it into smaller files' }, 413),
    }),
  );
  app.post('/:kind', async (c) => {
    const kind = c.req.param('kind') as ImportKind;
    if (!IMPORT_KINDS.includes(kind))
      return c.json(
        { error: `There is no ${kind} import: choose ${IMPORT_KINDS.join(', ')}` },
        404,
      );
    const mode = c.req.query('mode');
    if (mode !== 'dry-run' && mode !== 'apply')
      return c.json({ error: 'Say mode=dry-run to check a file, or mode=apply to import it' }, 400);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      return c.json(
        { error: 'The file is not UTF-8 text: save it from the PAS or spreadsheet as "CSV UTF-8"' },
        400,
      );
    }
    const user = c.get('user');
    const instant = deps.now();
    const context = {
      today: londonDateOf(instant),
      now: instant.toISOString(),
      actor: { userId: user.id, name: user.displayName },
    };
    if (mode === 'dry-run') {
      const plan = planImport(kind, text, await readImportState(deps.db, kind, context));
      return c.json(report(plan, digestOf(text, plan)));
    }
    const digest = c.req.query('digest');
    if (!digest)
      return c.json({ error: "Check the file first: an import needs the check's digest" }, 400);
    const who = {
      userId: user.id,
      username: user.username,
      role: user.role,
      deviceId: c.get('deviceId'),
    };
    const outcome = await writeTransaction(deps.db, async (tx) => {
      const plan = planImport(kind, text, await readImportState(tx, kind, context));
      const planDigest = digestOf(text, plan);
      if (plan.fileProblem || plan.counts.refused) {
        await auditImport(tx, who, plan, 'rejected', context.now);
        return { status: 422 as const, plan, planDigest };
      }
      if (planDigest !== digest) return { status: 409 as const, plan, planDigest };
      await writeImportRows(tx, plan.writes, rowAudit(who, kind, context.now));
      await auditImport(tx, who, plan, 'applied', context.now);
      return { status: 200 as const, plan, planDigest };
    });
    const body = report(outcome.plan, outcome.planDigest);
    if (outcome.status === 422)
      return c.json({ ...body, error: 'Nothing was imported: some rows are refused' }, 422);
    if (outcome.status === 409)
      return c.json(
        {
          ...body,
          error: "ClinicDesk's records changed since the file was checked: check it again",
        },
        409,
      );
    return c.json({ ...body, applied: true });
  });
  return app;
}
