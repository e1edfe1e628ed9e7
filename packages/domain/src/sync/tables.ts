import * as v from 'valibot';
import { AppointmentSchema } from '../booking/appointment.ts';
import {
  ClinicianSchema,
  ClinicSessionSchema,
  ClinicTemplateSchema,
  SiteSchema,
  SlotSchema,
} from '../clinics/clinic.ts';
import { PatientRowSchema } from '../patients/patient.ts';
import { ReferralSchema } from '../referrals/referral.ts';
import { ClinicianLeaveSchema } from '../clinics/leave.ts';
import { RebookSchema } from '../clinics/rebook.ts';
import { PolicyOverrideSchema } from '../policy/access-policy.ts';
import { TrustSettingsSchema } from '../settings/trust-settings.ts';
import { LetterSchema, LetterTemplateSchema } from '../letters/letter.ts';
import { AdmissionSchema, DayCaseListSchema } from '../day-cases/day-case.ts';
import { CaseNoteVolumeSchema } from '../case-notes/case-notes.ts';
import { ContactSchema } from '../contacts/contact.ts';
import { TaskSchema } from '../tasks/task.ts';

/** Every synced table and the schema each of its rows must pass at a boundary. */
export const TABLE_SCHEMAS = {
  sites: SiteSchema,
  clinicians: ClinicianSchema,
  patients: PatientRowSchema,
  referrals: ReferralSchema,
  clinicTemplates: ClinicTemplateSchema,
  clinicSessions: ClinicSessionSchema,
  slots: SlotSchema,
  appointments: AppointmentSchema,
  settings: TrustSettingsSchema,
  leave: ClinicianLeaveSchema,
  rebooks: RebookSchema,
  policyOverrides: PolicyOverrideSchema,
  letters: LetterSchema,
  letterTemplates: LetterTemplateSchema,
  dayCaseLists: DayCaseListSchema,
  admissions: AdmissionSchema,
  caseNotes: CaseNoteVolumeSchema,
  contacts: ContactSchema,
  tasks: TaskSchema,
} as const;

export type TableName = keyof typeof TABLE_SCHEMAS;
export const TABLE_NAMES = Object.keys(TABLE_SCHEMAS) as TableName[];
export type RowOf<T extends TableName> = v.InferOutput<(typeof TABLE_SCHEMAS)[T]>;

export const TableNameSchema = v.picklist(TABLE_NAMES as [TableName, ...TableName[]]);

/** Site a row belongs to, for scoping what a device holds; null for department-wide rows. */
export function siteOfRow(table: TableName, row: Record<string, unknown>): string | null {
  if (table === 'sites') return String(row['id']);
  const site = row['siteId'];
  return typeof site === 'string' ? site : null;
}

/** How far back a device keeps clinics, slots and appointments: 8 weeks (issue 3, rolling window). */
export const DEVICE_WINDOW_DAYS_BACK = 56;

/** Tables whose rows are dated and leave a device once older than the window. */
export const WINDOWED_TABLES: readonly TableName[] = ['clinicSessions', 'slots', 'appointments'];

/**
 * True when a row belongs on a device today: undated rows always, dated ones from 8 weeks
 * back onwards (a device need not carry a department's whole history).
 */
export function isInDeviceWindow(
  table: TableName,
  row: Record<string, unknown>,
  windowStart: string,
): boolean {
  if (!WINDOWED_TABLES.includes(table)) return true;
  return typeof row['date'] !== 'string' || row['date'] >= windowStart;
}
