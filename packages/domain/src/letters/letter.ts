import * as v from 'valibot';
import { RecordedBySchema } from '../referrals/referral.ts';

/** The letters the department sends (issue 7: Letters). */
export const LETTER_KINDS = [
  'appointment-confirmation',
  'appointment-change',
  'appointment-cancellation',
  'tci',
  'dna-gp',
  'discharge-gp',
  'triage-outcome-referrer',
  'clinic-outcome-gp',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LetterKindSchema = v.picklist(LETTER_KINDS, 'Choose a kind of letter');

/** Who a letter is addressed to: it decides the address block at the top of the page. */
export type LetterRecipient = 'patient' | 'gp' | 'referrer';

export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  'appointment-confirmation': 'Appointment confirmation',
  'appointment-change': 'Appointment change',
  'appointment-cancellation': 'Appointment cancellation',
  tci: 'Admission (TCI) with pre-operative instructions',
  'dna-gp': 'Did not attend, to the GP',
  'discharge-gp': 'Discharge, to the GP',
  'triage-outcome-referrer': 'Referral not accepted or redirected, to the referrer',
  'clinic-outcome-gp': 'Clinic outcome, to the GP (copy to the patient)',
};

export const LETTER_RECIPIENTS: Record<LetterKind, LetterRecipient> = {
  'appointment-confirmation': 'patient',
  'appointment-change': 'patient',
  'appointment-cancellation': 'patient',
  tci: 'patient',
  'dna-gp': 'gp',
  'discharge-gp': 'gp',
  'triage-outcome-referrer': 'referrer',
  'clinic-outcome-gp': 'gp',
};

/** A letter's wording: its subject line and body, with `{{merge.fields}}` to fill. */
export const LetterWordingSchema = v.object({
  subject: v.pipe(
    v.string('Enter a subject line'),
    v.trim(),
    v.nonEmpty('Enter a subject line'),
    v.maxLength(200, 'Keep the subject line under 200 characters'),
  ),
  body: v.pipe(
    v.string('Enter the wording of the letter'),
    v.trim(),
    v.nonEmpty('Enter the wording of the letter'),
    v.maxLength(10_000, 'Keep the letter under 10,000 characters'),
  ),
});
export type LetterWording = v.InferOutput<typeof LetterWordingSchema>;

/**
 * A manager's wording of one kind of letter; its id is the kind. Absent until a manager
 * first saves one: until then the default wording (version 1) is used.
 */
export const LetterTemplateSchema = v.object({
  id: LetterKindSchema,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  subject: v.string(),
  body: v.string(),
  updatedAt: v.nullable(v.string()),
  updatedBy: v.nullable(RecordedBySchema),
});
export type LetterTemplate = v.InferOutput<typeof LetterTemplateSchema>;

/**
 * A letter produced for a patient (issue 7). It keeps the wording and the merge data as they
 * were when it was produced, so that it never changes afterwards — not when the patient moves,
 * nor when a manager rewords the template. `printedAt` is null until it is printed or
 * downloaded: the "unsent letters" list is the letters still null and not withdrawn.
 */
export const LetterSchema = v.object({
  id: v.string(),
  kind: LetterKindSchema,
  patientId: v.string(),
  referralId: v.string(),
  /** The site the letter concerns: it decides which devices hold it. */
  siteId: v.string(),
  appointmentId: v.nullable(v.string()),
  producedAt: v.string(),
  producedBy: RecordedBySchema,
  templateVersion: v.number(),
  /** The template's wording at `templateVersion`, unfilled. */
  subject: v.string(),
  body: v.string(),
  /** The merge fields' values at production, already formatted (dates dd/mm/yyyy). */
  merge: v.record(v.string(), v.string()),
  printedAt: v.nullable(v.string()),
  printedBy: v.nullable(RecordedBySchema),
  /**
   * Set when a letter is not to be sent after all (a did-not-attend taken back, hazard H18):
   * it leaves the unsent list and cannot be printed. Only an unprinted letter is withdrawn.
   */
  withdrawnAt: v.nullable(v.string()),
  withdrawnBy: v.nullable(RecordedBySchema),
  withdrawnReason: v.nullable(v.string()),
});
export type Letter = v.InferOutput<typeof LetterSchema>;

/**
 * The id of the letter a booking produces — confirmation or change, whichever the server
 * decides — so that a screen can link to it before the server has answered.
 */
export function bookingLetterId(appointmentId: string): string {
  return `letter-booked-${appointmentId}`;
}

/** The id of the letter to the patient that cancelling an appointment produces. */
export function cancellationLetterId(appointmentId: string): string {
  return `letter-cancelled-${appointmentId}`;
}

/** The id of the letter to the referrer that a triage rejection or redirection produces. */
/** The TCI letter of a day-case admission (with its pre-operative instructions). */
export function tciLetterId(admissionId: string): string {
  return `letter-tci-${admissionId}`;
}

/** The letter to the GP after a missed appointment. */
export function dnaLetterId(appointmentId: string): string {
  return `letter-dna-${appointmentId}`;
}

/**
 * The letter to the GP after a clinic outcome (issue 8): one per attendance, so a screen can
 * link to it at once; an outcome recorded without an attendance (from the notes) by its time.
 */
export function outcomeLetterId(
  referralId: string,
  appointmentId: string | null,
  at: string,
): string {
  return appointmentId ? `letter-outcome-${appointmentId}` : `letter-outcome-${referralId}-${at}`;
}

/** The letter to the GP when a pathway is discharged. */
export function dischargeLetterId(referralId: string, at: string): string {
  return `letter-discharge-${referralId}-${at}`;
}

export function triageLetterId(referralId: string): string {
  return `letter-triage-${referralId}`;
}
