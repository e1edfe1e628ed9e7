import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../access/recorded-by.ts';
import { OfferSchema, ReviewSchema } from '../policy/pathway-records.ts';
import { DayCaseDetailsSchema } from '../day-cases/day-case.ts';

/** Clinical priorities in the order they are booked: two-week wait first. */
export const PRIORITIES = ['two-week-wait', 'urgent', 'soon', 'routine'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PrioritySchema = v.picklist(PRIORITIES, 'Choose a priority');

export const PRIORITY_LABELS: Record<Priority, string> = {
  'two-week-wait': 'Two-week wait',
  urgent: 'Urgent',
  soon: 'Soon',
  routine: 'Routine',
};

export const REFERRAL_SOURCES = ['gp', 'e-rs', 'consultant', 'a-and-e', 'dentist'] as const;
export const ReferralSourceSchema = v.picklist(
  REFERRAL_SOURCES,
  'Choose where the referral came from',
);
export const REFERRAL_SOURCE_LABELS: Record<(typeof REFERRAL_SOURCES)[number], string> = {
  gp: 'GP',
  'e-rs': 'e-Referral Service',
  consultant: 'Consultant',
  'a-and-e': 'A&E',
  dentist: 'Dentist',
};

/**
 * Where a referral is on its way through outpatients. Only `waiting` referrals are on the
 * outpatient waiting list to be booked (issue 5: only triaged referrals are booked).
 */
export const REFERRAL_STATUSES = [
  'awaiting-triage',
  'waiting',
  'booked',
  'seen',
  'follow-up',
  'day-case',
  'discharged',
  'rejected',
  'redirected',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Statuses that end a pathway: it leaves the PTL and every worklist. */
export const CLOSED_REFERRAL_STATUSES: ReadonlySet<ReferralStatus> = new Set([
  'discharged',
  'rejected',
  'redirected',
]);

/** True while a pathway is open: it must always have a next step a person can see. */
export function isOpenPathway(referral: { status: ReferralStatus }): boolean {
  return !CLOSED_REFERRAL_STATUSES.has(referral.status);
}

/** The kinds of problem the department sees, for catching a second referral for the same one. */
export const CONDITIONS = [
  'third-molars',
  'oral-lesion',
  'tmj',
  'salivary',
  'facial-skin',
  'cyst',
  'trauma',
  'orthognathic',
  'neck-lump',
  'other',
] as const;
export type Condition = (typeof CONDITIONS)[number];
export const ConditionSchema = v.picklist(CONDITIONS, 'Choose the condition referred');
export const CONDITION_LABELS: Record<Condition, string> = {
  'third-molars': 'Wisdom teeth (third molars)',
  'oral-lesion': 'Mouth ulcer, patch or lesion',
  tmj: 'Jaw joint (TMJ) pain or clicking',
  salivary: 'Salivary gland swelling',
  'facial-skin': 'Facial skin lesion',
  cyst: 'Cyst of the jaw',
  trauma: 'Facial or jaw injury',
  orthognathic: 'Jaw shape or bite (orthognathic)',
  'neck-lump': 'Lump in the neck',
  other: 'Something else',
};

/** The clinic a triaged referral needs first (a subset of slot types). */
export const CLINIC_TYPES_NEEDED = ['new', 'urgent', 'procedure'] as const;
export type ClinicTypeNeeded = (typeof CLINIC_TYPES_NEEDED)[number];
export const CLINIC_TYPE_NEEDED_LABELS: Record<ClinicTypeNeeded, string> = {
  new: 'New patient clinic',
  urgent: 'Urgent clinic',
  procedure: 'See-and-treat procedure list',
};

/** Who did something, as the record shows it: the account and the name at the time. */
export { RecordedBySchema, type RecordedBy } from '../access/recorded-by.ts';

/** A clinician's triage decision, kept on the referral. */
export const TriageSchema = v.object({
  decision: v.picklist(['accepted', 'rejected', 'redirected']),
  at: v.string(),
  by: RecordedBySchema,
  reason: v.nullable(v.string()),
});
export type Triage = v.InferOutput<typeof TriageSchema>;

/** A person's validation of a worklist item: who, when and what they found (kept, never edited). */
export const ValidationSchema = v.object({
  key: v.string(),
  comment: v.string(),
  at: v.string(),
  by: RecordedBySchema,
});
export type Validation = v.InferOutput<typeof ValidationSchema>;

export const RTT_CODES = [
  '10',
  '11',
  '12',
  '20',
  '21',
  '30',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '90',
  '91',
  '92',
  '98',
  '99',
] as const;
export type RttCode = (typeof RTT_CODES)[number];

/** An RTT-coded activity on a pathway: the clock is derived from these, never typed in. */
export const RttEventSchema = v.object({
  date: CalendarDateSchema,
  code: v.picklist(RTT_CODES),
  cause: v.string(),
  /** Who recorded it; absent only on events imported without one. */
  recordedBy: v.optional(RecordedBySchema),
});
export type RttEvent = v.InferOutput<typeof RttEventSchema>;

/** A referral and the RTT pathway it starts (DESIGN.md: Referral / pathway). */
export const ReferralSchema = v.object({
  id: v.string(),
  patientId: v.string(),
  receivedDate: CalendarDateSchema,
  source: ReferralSourceSchema,
  referrer: v.string(),
  reason: v.string(),
  requestedPriority: PrioritySchema,
  priority: v.nullable(PrioritySchema),
  clinicianId: v.nullable(v.string()),
  /** The site the patient is to be seen at: it decides which devices hold the pathway. */
  siteId: v.string(),
  status: v.picklist(REFERRAL_STATUSES),
  rttEvents: v.array(RttEventSchema),
  condition: v.optional(ConditionSchema, 'other'),
  attachments: v.optional(v.string(), ''),
  /** The clinic type the triaging clinician asked for. */
  clinicTypeNeeded: v.optional(v.nullable(v.picklist(CLINIC_TYPES_NEEDED)), null),
  triage: v.optional(v.nullable(TriageSchema), null),
  /** When the pathway is on the follow-up list: the date it should be seen by. */
  followUpDueDate: v.optional(v.nullable(CalendarDateSchema), null),
  /** To-come-in date of a day-case admission, once one is booked. */
  tciDate: v.optional(v.nullable(CalendarDateSchema), null),
  validations: v.optional(v.array(ValidationSchema), []),
  /** Why a possible duplicate was added anyway (issue 5: duplicates are caught). */
  duplicateOverride: v.optional(v.nullable(v.string()), null),
  /** The Rebook worklist item open for this pathway, after the hospital cancelled (issue 6). */
  openRebookId: v.optional(v.nullable(v.string()), null),
  /** The patient can come at short notice, to these sites (issue 6: short-notice list). */
  shortNotice: v.optional(
    v.nullable(v.object({ siteIds: v.array(v.string()), notedAt: CalendarDateSchema })),
    null,
  ),
  /** Dates offered to the patient and their answers (issue 7: reasonable offers as evidence). */
  offers: v.optional(v.array(OfferSchema), []),
  /** Decisions the access policy sends to the clinician, open and decided (issue 7). */
  reviews: v.optional(v.array(ReviewSchema), []),
  /** Its place on the day-case waiting list: procedure, priority, pre-op (issue 7). */
  dayCase: v.optional(v.nullable(DayCaseDetailsSchema), null),
});
export type Referral = v.InferOutput<typeof ReferralSchema>;

/** The fields a referral starts with before anyone has triaged, validated or booked it. */
export const NEW_REFERRAL_FIELDS = {
  attachments: '',
  clinicTypeNeeded: null,
  triage: null,
  followUpDueDate: null,
  tciDate: null,
  validations: [],
  duplicateOverride: null,
  openRebookId: null,
  shortNotice: null,
  offers: [],
  reviews: [],
  dayCase: null,
} satisfies Partial<Referral>;
