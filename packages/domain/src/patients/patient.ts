import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';
import { explainNhsNumber, normaliseNhsNumber } from './nhs-number.ts';

const required = (label: string) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty(`Enter the patient's ${label}`), v.maxLength(200));

/** An NHS number as typed: spaces allowed, stored as 10 digits, modulus-11 checked. */
export const NhsNumberSchema = v.pipe(
  v.string(),
  v.transform(normaliseNhsNumber),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = explainNhsNumber(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

export const AddressSchema = v.object({
  line1: required('first line of address'),
  line2: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  town: required('town'),
  postcode: v.pipe(
    v.string(),
    v.trim(),
    v.toUpperCase(),
    v.regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a real postcode, like WR5 1DD'),
  ),
});

/** An earlier or overwritten value of a contact field, kept visible (issue 4). */
export const FieldHistoryEntrySchema = v.object({
  field: v.string(),
  value: v.unknown(),
  /** The clock of the write that set this value ('' for the record as first made). */
  hlc: v.string(),
  /** `replaced`: a later write took its place; `overwritten`: it arrived after a later write. */
  outcome: v.picklist(['replaced', 'overwritten']),
  recordedAt: v.string(),
});
export type FieldHistoryEntry = v.InferOutput<typeof FieldHistoryEntrySchema>;

/** Contact fields that merge per field, last writer wins by hybrid logical clock (issue 4). */
export const CONTACT_FIELDS = ['phone', 'address', 'gpPractice'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

const PhoneSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[\d +()-]{10,20}$/, 'Enter a phone number, like 01905 763333'),
);

/**
 * A patient as entered in ClinicDesk (a new referral, a contact edit): phone and GP practice
 * are required. Stored rows follow `PatientRowSchema`, which also takes '' for both.
 */
export const PatientSchema = v.object({
  id: v.string(),
  nhsNumber: NhsNumberSchema,
  givenName: required('first name'),
  familyName: required('last name'),
  dateOfBirth: CalendarDateSchema,
  address: AddressSchema,
  phone: PhoneSchema,
  gpPractice: required('GP practice'),
  /** The clock of the last write to each contact field. */
  fieldClocks: v.optional(v.record(v.string(), v.string())),
  history: v.optional(v.array(FieldHistoryEntrySchema)),
  /** A vulnerable adult: a missed appointment always goes to the clinician (issue 7). */
  vulnerable: v.optional(v.boolean()),
  vulnerableNote: v.optional(
    v.object({
      reason: v.string(),
      at: v.string(),
      by: v.object({ userId: v.string(), name: v.string() }),
    }),
  ),
});

/**
 * A patient row as stored and synced. Phone and GP practice may be '' — not known: PAS
 * extracts often lack them (issue 9). Such patients are listed on the data-quality page, and
 * every screen that shows a phone or GP says "not known" instead.
 */
export const PatientRowSchema = v.object({
  ...PatientSchema.entries,
  phone: v.union([v.literal(''), PhoneSchema], 'Enter a phone number, like 01905 763333'),
  gpPractice: v.pipe(v.string(), v.trim(), v.maxLength(200)),
});
export type Patient = v.InferOutput<typeof PatientRowSchema>;

/** "SMITH, Jane" — the way clinic lists show a patient. */
export function formatPatientName(p: Pick<Patient, 'givenName' | 'familyName'>): string {
  return `${p.familyName.toUpperCase()}, ${p.givenName}`;
}
