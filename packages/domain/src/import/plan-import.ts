import { APPOINTMENT_COLUMNS, planAppointmentsImport } from './import-appointments.ts';
import type { ImportKind, ImportPlan, ImportState } from './import-plan.ts';
import { PATIENT_COLUMNS, planPatientsImport } from './import-patients.ts';
import { planReferralsImport, REFERRAL_COLUMNS } from './import-referrals.ts';
import { planTemplatesImport, TEMPLATE_COLUMNS } from './import-templates.ts';

/** The columns each kind of file must name in its first row (docs/import.md). */
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  patients: PATIENT_COLUMNS,
  referrals: REFERRAL_COLUMNS,
  templates: TEMPLATE_COLUMNS,
  appointments: APPOINTMENT_COLUMNS,
};

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
