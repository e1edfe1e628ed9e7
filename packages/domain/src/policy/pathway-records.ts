import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../access/recorded-by.ts';

export const OFFER_METHODS = ['telephone', 'letter', 'in-person'] as const;
export const OFFER_RESPONSES = ['accepted', 'declined', 'no-response'] as const;

/** An offer of dates made to a patient, kept so that "two reasonable offers" is evidence. */
export const OfferSchema = v.object({
  id: v.string(),
  at: v.string(),
  method: v.picklist(OFFER_METHODS),
  dates: v.array(CalendarDateSchema),
  /** Days of notice of the earliest date offered. */
  noticeDays: v.number(),
  reasonable: v.boolean(),
  patientAgreedSooner: v.boolean(),
  response: v.picklist(OFFER_RESPONSES),
  by: RecordedBySchema,
});
export type Offer = v.InferOutput<typeof OfferSchema>;

export const REVIEW_KINDS = [
  'first-dna',
  'dna-child-or-vulnerable',
  'second-patient-cancellation',
  'two-declined-offers',
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  'first-dna': 'Did not attend the first appointment: rebook or discharge?',
  'dna-child-or-vulnerable': 'A child or vulnerable patient did not attend: clinical review',
  'second-patient-cancellation': 'Second cancellation by the patient: rebook or discharge?',
  'two-declined-offers': 'Two reasonable offers declined: discuss active monitoring (31)?',
};
export const REVIEW_DECISIONS = ['rebook', 'discharge', 'active-monitoring'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A pathway sent to its clinician to decide (issue 7: never an automatic discharge). */
export const ReviewSchema = v.object({
  id: v.string(),
  kind: v.picklist(REVIEW_KINDS),
  raisedAt: v.string(),
  raisedBy: RecordedBySchema,
  detail: v.string(),
  decidedAt: v.nullable(v.string()),
  decidedBy: v.nullable(RecordedBySchema),
  decision: v.nullable(v.picklist(REVIEW_DECISIONS)),
  decisionNote: v.nullable(v.string()),
});
export type Review = v.InferOutput<typeof ReviewSchema>;
