import {
  openReview,
  rttClock,
  type CalendarDate,
  type Patient,
  type PolicyOverride,
  type PolicyRule,
  type Referral,
  type Review,
  type RttClock,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import type { PatientsRead } from './pathway-queries.ts';

/**
 * The statuses a pathway can hold while a review waits: a DNA or a cancellation puts it back
 * on its list (waiting or follow-up), a DNA after being seen leaves it seen, and a declined
 * offer can come at any point before treatment.
 */
const REVIEWABLE_STATUSES = ['waiting', 'booked', 'seen', 'follow-up', 'day-case'];

export interface ReviewLine {
  referral: Referral;
  review: Review;
  patient: Patient | undefined;
  clock: RttClock;
}

async function referralsWithOpenReview(db: ClinicDeskDatabase): Promise<Referral[]> {
  // Only pathways that have had a review (Dexie version 9 indexes `reviews.length`).
  const reviewed = await db.rows('referrals').where('reviews.length').above(0).toArray();
  return reviewed.filter((r) => REVIEWABLE_STATUSES.includes(r.status) && openReview(r));
}

/**
 * The clinician's review worklist (issue 7): every pathway with a review still waiting for a
 * decision, the longest waiting review first, with the patient and the RTT clock.
 */
export async function openReviews(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  { patients: withPatients = true }: PatientsRead = {},
): Promise<ReviewLine[]> {
  const referrals = await referralsWithOpenReview(db);
  const patients = withPatients
    ? await db.rows('patients').bulkGet(referrals.map((r) => r.patientId))
    : [];
  return referrals
    .map((referral, i) => ({
      referral,
      review: openReview(referral)!,
      patient: patients[i],
      clock: rttClock(referral.rttEvents, today),
    }))
    .sort(
      (a, b) =>
        a.review.raisedAt.localeCompare(b.review.raisedAt) ||
        a.referral.id.localeCompare(b.referral.id),
    );
}

/** How many reviews wait for a decision, for the navigation. */
export async function openReviewCount(db: ClinicDeskDatabase): Promise<number> {
  return (await referralsWithOpenReview(db)).length;
}

export interface OverrideFilter {
  rule: PolicyRule | '';
  /** Instants (ISO, UTC) bounding `at`; '' for no bound. */
  fromInstant: string;
  toInstant: string;
}

export interface OverrideLine {
  override: PolicyOverride;
  patient: Patient | undefined;
}

/**
 * Warnings of the access policy that people went past, newest first (issue 7), read by the
 * `at` index and narrowed by rule, with each patient.
 */
export async function policyOverrides(
  db: ClinicDeskDatabase,
  filter: OverrideFilter,
): Promise<OverrideLine[]> {
  const rows = await db
    .rows('policyOverrides')
    .where('at')
    .between(filter.fromInstant || '', filter.toInstant || '\uffff', true, false)
    .reverse()
    .toArray();
  const shown = filter.rule ? rows.filter((o) => o.rule === filter.rule) : rows;
  const patients = await db.rows('patients').bulkGet(shown.map((o) => o.patientId));
  return shown.map((override, i) => ({ override, patient: patients[i] }));
}
