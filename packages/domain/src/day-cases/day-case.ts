import * as v from 'valibot';
import { CalendarDateSchema, type CalendarDate } from '../calendar/calendar-date.ts';

// The same shape as referrals' RecordedBy: written out here because the referral schema
// imports this file (the day-case details live on the referral).
const RecordedBySchema = v.object({ userId: v.string(), name: v.string() });

/**
 * Surgical prioritisation for the day-case list (Federation of Surgical Specialty Associations /
 * Royal College of Surgeons, Clinical guide to surgical prioritisation). P1a and P1b are
 * emergencies and never wait on a list; a day case is P1 (within 72 hours) to P4 (over 3 months).
 */
export const SURGICAL_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type SurgicalPriority = (typeof SURGICAL_PRIORITIES)[number];
export const SurgicalPrioritySchema = v.picklist(
  SURGICAL_PRIORITIES,
  'Choose the clinical priority',
);

export const SURGICAL_PRIORITY_LABELS: Record<SurgicalPriority, string> = {
  P1: 'P1 – within 72 hours',
  P2: 'P2 – within 1 month',
  P3: 'P3 – within 3 months',
  P4: 'P4 – can wait over 3 months',
};

/** The days within which each priority should be treated from the decision to admit; P4: none. */
export const SURGICAL_PRIORITY_DAYS: Record<SurgicalPriority, number | null> = {
  P1: 3,
  P2: 31,
  P3: 91,
  P4: null,
};

export const PRE_OP_OUTCOMES = ['not-done', 'fit', 'unfit', 'needs-review'] as const;
export type PreOpOutcome = (typeof PRE_OP_OUTCOMES)[number];
export const PRE_OP_OUTCOME_LABELS: Record<PreOpOutcome, string> = {
  'not-done': 'Not done yet',
  fit: 'Fit for surgery',
  unfit: 'Not fit for surgery',
  'needs-review': 'Needs an anaesthetist’s review',
};

/** Pre-operative assessment: whether it is needed, when it is (or was) and what it found. */
export const PreOpSchema = v.object({
  needed: v.boolean(),
  outcome: v.picklist(PRE_OP_OUTCOMES, 'Choose the pre-operative assessment outcome'),
  date: v.nullable(CalendarDateSchema),
});
export type PreOp = v.InferOutput<typeof PreOpSchema>;

/** Days the patient has said they cannot come in (holidays, exams, carers). */
export const UnavailabilitySchema = v.object({
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  reason: v.string(),
});
export type Unavailability = v.InferOutput<typeof UnavailabilitySchema>;

/**
 * A pathway's place on the day-case waiting list (issue 7): what is to be done, how soon, when
 * the decision to admit was made (RTT 20), pre-operative assessment and the patient's
 * unavailability. Kept on the referral, which is the pathway.
 */
export const DayCaseDetailsSchema = v.object({
  procedure: v.string(),
  priority: SurgicalPrioritySchema,
  decisionDate: CalendarDateSchema,
  estimatedMinutes: v.number(),
  preOp: PreOpSchema,
  unavailable: v.array(UnavailabilitySchema),
  /** Set when the patient did not attend for admission: the clinician decides what next. */
  reviewReason: v.optional(v.nullable(v.string()), null),
  addedAt: v.string(),
  addedBy: RecordedBySchema,
});
export type DayCaseDetails = v.InferOutput<typeof DayCaseDetailsSchema>;

/** The unavailability that covers a day, if the patient has said they cannot come then. */
export function unavailabilityOn(
  details: Pick<DayCaseDetails, 'unavailable'>,
  date: CalendarDate,
): Unavailability | undefined {
  return details.unavailable.find((u) => u.from <= date && date <= u.to);
}

/**
 * A day-case session (a list): the day, site and surgeon, and how much it holds — a number of
 * procedures, or theatre minutes (issue 7: day-case sessions with capacity).
 */
export const DayCaseCapacitySchema = v.variant(
  'kind',
  [
    v.object({
      kind: v.literal('procedures'),
      count: v.pipe(
        v.number('Enter how many procedures the list holds'),
        v.integer('Enter a whole number of procedures'),
        v.minValue(1, 'A list holds at least 1 procedure'),
        v.maxValue(50, 'A list holds at most 50 procedures'),
      ),
    }),
    v.object({
      kind: v.literal('minutes'),
      minutes: v.pipe(
        v.number('Enter the list’s length in minutes'),
        v.integer('Enter whole minutes'),
        v.minValue(15, 'A list runs at least 15 minutes'),
        v.maxValue(720, 'A list runs at most 12 hours (720 minutes)'),
      ),
    }),
  ],
  'Say whether the list holds a number of procedures or of minutes',
);
export type DayCaseCapacity = v.InferOutput<typeof DayCaseCapacitySchema>;

export const DayCaseListSchema = v.object({
  id: v.string(),
  date: CalendarDateSchema,
  siteId: v.string(),
  clinicianId: v.string(),
  name: v.string(),
  capacity: DayCaseCapacitySchema,
  status: v.picklist(['open', 'cancelled']),
  addedAt: v.string(),
  addedBy: RecordedBySchema,
  /** Set when the whole list is cancelled (`daycase.list.cancel`). */
  cancelledAt: v.nullable(v.string()),
  cancelledBy: v.nullable(RecordedBySchema),
  cancellationReason: v.nullable(v.string()),
});
export type DayCaseList = v.InferOutput<typeof DayCaseListSchema>;

export const ADMISSION_STATUSES = [
  'booked',
  'admitted',
  'cancelled-by-hospital',
  'cancelled-by-patient',
  'did-not-attend',
] as const;
export type AdmissionStatus = (typeof ADMISSION_STATUSES)[number];
export const ADMISSION_STATUS_LABELS: Record<AdmissionStatus, string> = {
  booked: 'Booked',
  admitted: 'Admitted and treated',
  'cancelled-by-hospital': 'Cancelled by the hospital',
  'cancelled-by-patient': 'Cancelled by the patient',
  'did-not-attend': 'Did not attend',
};

/**
 * A patient's religion or belief as they gave it when their admission was booked, and whether
 * they agreed to the hospital chaplaincy being told they are in (issue 9: the chaplaincy's
 * list). Special category data: only the roles `canSeeReligion` names receive it.
 */
export const ReligionRecordSchema = v.object({
  religion: v.string(),
  chaplaincyVisit: v.boolean(),
  recordedAt: v.string(),
  recordedBy: RecordedBySchema,
});
export type ReligionRecord = v.InferOutput<typeof ReligionRecordSchema>;

/**
 * A day-case admission: a patient's place on a list on their TCI (to come in) date. An
 * on-the-day cancellation by the hospital must be rebooked within 28 days (NHS Standard
 * Contract, cancelled operations standard): `rebookBy` says by when, and the tracking stays open
 * until `rebookedAdmissionId` names the new admission.
 */
export const AdmissionSchema = v.object({
  id: v.string(),
  referralId: v.string(),
  patientId: v.string(),
  listId: v.string(),
  siteId: v.string(),
  tciDate: CalendarDateSchema,
  procedure: v.string(),
  minutes: v.number(),
  status: v.picklist(ADMISSION_STATUSES),
  preOpDate: v.nullable(CalendarDateSchema),
  bookedAt: v.string(),
  bookedBy: RecordedBySchema,
  cancelledOnTheDay: v.boolean(),
  cancelledAt: v.nullable(v.string()),
  cancellationReason: v.nullable(v.string()),
  rebookBy: v.nullable(CalendarDateSchema),
  rebookedAdmissionId: v.nullable(v.string()),
  religion: v.nullable(ReligionRecordSchema),
});
export type Admission = v.InferOutput<typeof AdmissionSchema>;

/** Admissions that take a place on their list: booked, or already admitted. */
export function holdsPlace(admission: Pick<Admission, 'status'>): boolean {
  return admission.status === 'booked' || admission.status === 'admitted';
}

/** True while an on-the-day hospital cancellation waits for its new TCI date. */
export function awaitsRebooking(
  admission: Pick<Admission, 'rebookBy' | 'rebookedAdmissionId'>,
): boolean {
  return admission.rebookBy !== null && admission.rebookedAdmissionId === null;
}

/** One line of the chaplaincy's list: an admission whose patient agreed to a visit. */
export interface ChaplaincyLine {
  admission: Admission;
  religion: string;
}

/**
 * The chaplaincy's list (issue 9): day-case patients admitted, or due in, on the days of a
 * range (optionally at one site) who gave a religion or belief and agreed to the chaplaincy
 * being told, in date then site order. Patients who declined are never on it.
 */
export function chaplaincyList(
  admissions: readonly Admission[],
  range: { from: CalendarDate; to: CalendarDate; siteId: string | null },
): ChaplaincyLine[] {
  return admissions
    .filter(
      (a) =>
        holdsPlace(a) &&
        a.tciDate >= range.from &&
        a.tciDate <= range.to &&
        (range.siteId === null || a.siteId === range.siteId) &&
        // Admissions stored before religion was recorded have no field at all.
        a.religion?.chaplaincyVisit === true &&
        a.religion.religion !== '',
    )
    .map((admission) => ({ admission, religion: admission.religion!.religion }))
    .sort(
      (a, b) =>
        a.admission.tciDate.localeCompare(b.admission.tciDate) ||
        a.admission.siteId.localeCompare(b.admission.siteId),
    );
}
