import * as v from 'valibot';
import { AppointmentSchema } from '../booking/appointment.ts';
import {
  ClinicianSchema,
  ClinicSessionSchema,
  ClinicTemplateSchema,
  SiteSchema,
  SlotSchema,
} from '../clinics/clinic.ts';
import { PatientSchema } from '../patients/patient.ts';
import { ReferralSchema } from '../referrals/referral.ts';

/** Every synced table and the schema each of its rows must pass at a boundary. */
export const TABLE_SCHEMAS = {
  sites: SiteSchema,
  clinicians: ClinicianSchema,
  patients: PatientSchema,
  referrals: ReferralSchema,
  clinicTemplates: ClinicTemplateSchema,
  clinicSessions: ClinicSessionSchema,
  slots: SlotSchema,
  appointments: AppointmentSchema,
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
