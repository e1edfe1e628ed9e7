import type { Context } from 'hono';
import type { AuthEnv } from '../auth/require-user.ts';
import { appendAudit } from '../db/audit.ts';
import { writeTransaction, type Database } from '../db/database.ts';
import type { SearchSpec, StoredRow } from './search-spec.ts';

/**
 * Records a FHIR read of patient data (Patient, Appointment) in the audit trail: one event per
 * patient whose data was sent, so that a manager's search of the trail by patient finds it,
 * or one event with no patient when a search found nobody. The detail is the request itself.
 */
export async function auditPatientReads(
  db: Database,
  c: Context<AuthEnv>,
  spec: SearchSpec,
  rows: StoredRow[],
  kind: 'read' | 'search',
  at: Date,
) {
  const patientOf = spec.patientOf;
  if (!patientOf) return;
  const url = new URL(c.req.url);
  const who = {
    happenedAt: at.toISOString(),
    userId: c.var.user.id,
    username: c.var.user.username,
    role: c.var.user.role,
    deviceId: c.var.deviceId,
    action: `fhir.${kind}`,
    outcome: 'viewed' as const,
    entityTable: spec.table,
    detail: `GET ${url.pathname}${url.search}`,
  };
  const byPatient = new Map<string, string | null>();
  for (const row of rows) {
    byPatient.set(patientOf(row), kind === 'read' ? String(row.data['id']) : null);
  }
  await writeTransaction(db, async (tx) => {
    if (byPatient.size === 0) await appendAudit(tx, { ...who, patientId: null }, who.happenedAt);
    for (const [patientId, entityId] of byPatient) {
      await appendAudit(tx, { ...who, patientId, entityId }, who.happenedAt);
    }
  });
}
