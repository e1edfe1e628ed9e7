import { planAppointmentsImport } from './import-appointments.ts';
import type { ImportKind, ImportPlan, ImportState } from './import-plan.ts';
import { planPatientsImport } from './import-patients.ts';
import { planReferralsImport } from './import-referrals.ts';
import { planTemplatesImport } from './import-templates.ts';

const PLANNERS: Record<ImportKind, (text: string, state: ImportState) => ImportPlan> = {
  patients: planPatientsImport,
  referrals: planReferralsImport,
  templates: planTemplatesImport,
  appointments: planAppointmentsImport,
};

/**
 * What importing a PAS extract would do, row by row, against the current state (issue 9). Pure:
 * the dry run shows it, and the apply runs it again inside its transaction and writes its rows
 * only when no row is refused.
 */
export function planImport(kind: ImportKind, text: string, state: ImportState): ImportPlan {
  return PLANNERS[kind](text, state);
}
