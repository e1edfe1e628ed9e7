import * as v from 'valibot';
import { addDays, CalendarDateSchema } from '../calendar/calendar-date.ts';
import { isReasonableOffer, noticeDays, openReview } from '../policy/access-policy.ts';
import {
  OFFER_METHODS,
  OFFER_RESPONSES,
  REVIEW_DECISIONS,
  type Offer,
  type Review,
  type ReviewKind,
} from '../policy/pathway-records.ts';
import { isOpenPathway, type Referral } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { Id, text, trustSettings } from './clinic-scheduling-args.ts';
import { dischargeLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';
import { defineMutator, reject, rttEventNow, type Change, type MutatorContext } from './mutator.ts';

/** A review for the clinician, raised now by whoever made the edit that calls for it. */
export function raiseReview(
  referral: Referral,
  kind: ReviewKind,
  detail: string,
  ctx: MutatorContext,
  id: string,
): Referral {
  if (openReview(referral)) return referral;
  const review: Review = {
    id,
    kind,
    raisedAt: ctx.now,
    raisedBy: ctx.actor,
    detail,
    decidedAt: null,
    decidedBy: null,
    decision: null,
    decisionNote: null,
  };
  return { ...referral, reviews: [...referral.reviews, review] };
}

export const OfferRecordArgsSchema = v.object({
  referralId: Id,
  offerId: Id,
  method: v.picklist(OFFER_METHODS, 'Say how the dates were offered'),
  dates: v.pipe(
    v.array(CalendarDateSchema),
    v.minLength(1, 'Enter the date offered'),
    v.maxLength(3, 'Record at most 3 dates in one offer'),
  ),
  response: v.picklist(OFFER_RESPONSES, 'Say whether the patient accepted or declined'),
  patientAgreedSooner: v.optional(v.boolean(), false),
});

/**
 * `offer.record`: dates offered to a patient and their answer (issue 7), so that "two
 * reasonable offers declined" is evidence, not memory. The second reasonable offer declined
 * sends the pathway to its clinician to discuss active monitoring (31) — never a discharge.
 */
export const offerRecord = defineMutator({
  name: 'offer.record',
  args: OfferRecordArgsSchema,
  async apply(state, args, ctx) {
    const referral = await state.get('referrals', args.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    if (!isOpenPathway(referral)) {
      return reject('pathway-closed', 'This pathway has ended: no offer can be recorded');
    }
    if (referral.offers.some((o) => o.id === args.offerId)) {
      return reject('duplicate-id', 'This offer has already been recorded');
    }
    const dates = [...args.dates].sort();
    if (dates[0]! < ctx.today) {
      return reject('date-in-past', 'An offered date cannot be in the past');
    }
    const settings = await trustSettings(state);
    const offer: Offer = {
      id: args.offerId,
      at: ctx.now,
      method: args.method,
      dates,
      noticeDays: noticeDays(ctx.today, dates[0]!),
      reasonable: dates.every((d) =>
        isReasonableOffer(ctx.today, d, settings, args.patientAgreedSooner),
      ),
      patientAgreedSooner: args.patientAgreedSooner,
      response: args.response,
      by: ctx.actor,
    };
    let row: Referral = { ...referral, offers: [...referral.offers, offer] };
    const declined = row.offers.filter((o) => o.reasonable && o.response === 'declined');
    if (offer.reasonable && offer.response === 'declined' && declined.length >= 2) {
      row = raiseReview(
        row,
        'two-declined-offers',
        `${declined.length} reasonable offers declined, the last on ${ctx.today}`,
        ctx,
        `review-${offer.id}`,
      );
    }
    return { ok: true, changes: [{ table: 'referrals', row }] };
  },
});

export const ReviewDecideArgsSchema = v.object({
  referralId: Id,
  reviewId: Id,
  decision: v.picklist(REVIEW_DECISIONS, 'Choose what happens next'),
  note: text('Say why, for the record', 1000),
  /** Weeks until the active-monitoring review, when that is the decision. */
  reviewInWeeks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(104)), 12),
});

/**
 * `review.decide`: the clinician's decision on a pathway the access policy sent them (issue 7):
 * rebook (it goes back to its list for the co-ordinator), discharge to the GP (34 when a clock
 * runs), or active monitoring (31, with a review date). Only a person discharges.
 */
export const reviewDecide = defineMutator({
  name: 'review.decide',
  args: ReviewDecideArgsSchema,
  async apply(state, args, ctx) {
    const referral = await state.get('referrals', args.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    const review = referral.reviews.find((r) => r.id === args.reviewId);
    if (!review) return reject('unknown-review', 'That review is not on this pathway');
    if (review.decision !== null) {
      return reject(
        'already-decided',
        `${review.decidedBy?.name ?? 'A clinician'} has already decided this review`,
      );
    }
    const decided: Review = {
      ...review,
      decision: args.decision,
      decidedAt: ctx.now,
      decidedBy: ctx.actor,
      decisionNote: args.note,
    };
    const reviews = referral.reviews.map((r) => (r.id === review.id ? decided : r));
    const running = rttClock(referral.rttEvents, ctx.today).state === 'running';
    let row: Referral = { ...referral, reviews };
    if (args.decision === 'discharge') {
      row = {
        ...row,
        status: 'discharged',
        rttEvents: running
          ? [...row.rttEvents, rttEventNow(ctx, '34', `Discharged after review: ${args.note}`)]
          : row.rttEvents,
      };
    } else if (args.decision === 'active-monitoring') {
      if (!running) {
        return reject(
          'no-clock',
          'No RTT clock is running, so active monitoring cannot stop one: choose rebook or discharge',
        );
      }
      row = {
        ...row,
        status: 'follow-up',
        followUpDueDate: addDays(ctx.today, args.reviewInWeeks * 7),
        rttEvents: [
          ...row.rttEvents,
          rttEventNow(ctx, '31', `Active monitoring agreed after review: ${args.note}`),
        ],
      };
    }
    const changes: Change[] = [{ table: 'referrals', row }];
    if (args.decision === 'discharge') {
      changes.push(
        await letterChange(
          'discharge-gp',
          { ...ctx, state },
          { referral: row, dischargeReason: args.note, id: dischargeLetterId(row.id, ctx.now) },
        ),
      );
    }
    return { ok: true, changes };
  },
});

/**
 * `patient.vulnerable`: marks a patient as a vulnerable adult (or clears it), with the reason,
 * so that a missed appointment is always sent for clinical review (issue 7).
 */
export const patientVulnerable = defineMutator({
  name: 'patient.vulnerable',
  args: v.object({
    patientId: Id,
    vulnerable: v.boolean(),
    reason: text('Give the reason', 500),
  }),
  async apply(state, args, ctx) {
    const patient = await state.get('patients', args.patientId);
    if (!patient) return reject('unknown-patient', 'That patient is not on record');
    return {
      ok: true,
      changes: [
        {
          table: 'patients',
          row: {
            ...patient,
            vulnerable: args.vulnerable,
            vulnerableNote: { reason: args.reason, at: ctx.now, by: ctx.actor },
          },
        },
      ],
    };
  },
});
