import { addDays } from '../calendar/calendar-date.ts';
import type { Slot } from '../clinics/clinic.ts';
import {
  checkBookingRules,
  isReasonableOffer,
  noticeDays,
  openReview,
  unansweredWarnings,
  type OverrideArg,
  type PolicyOverride,
  type RuleCheck,
} from '../policy/access-policy.ts';
import { REVIEW_KIND_LABELS, type Offer } from '../policy/pathway-records.ts';
import type { Referral } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { trustSettings } from './clinic-scheduling-args.ts';
import { reject, type MutatorContext, type ReadState, type Rejection } from './mutator.ts';

/** The longest-waiting other patient of the same priority and clinician still to book. */
export async function longerWaitingThan(
  state: ReadState,
  referral: Referral,
  today: string,
): Promise<{ referral: Referral; daysWaited: number } | undefined> {
  if (referral.status !== 'waiting' || !referral.priority) return undefined;
  const mine = rttClock(referral.rttEvents, today).daysWaited;
  // A clock starts on or after its referral was received (the RTT rules suite), so only a
  // pathway received more than `mine` days ago can have waited longer than this one.
  const receivedBefore = addDays(today, -mine);
  let longest: { referral: Referral; daysWaited: number } | undefined;
  const candidates = await state.waitingReferrals(
    referral.clinicianId,
    referral.priority,
    receivedBefore,
  );
  for (const other of candidates) {
    if (other.id === referral.id || openReview(other)) continue;
    const days = rttClock(other.rttEvents, today).daysWaited;
    if (days > mine && (!longest || days > longest.daysWaited)) {
      longest = { referral: other, daysWaited: days };
    }
  }
  return longest;
}

export interface PolicyOutcome {
  checks: RuleCheck[];
  /** The accepted offer the booking is. */
  offer: Offer;
  overrides: PolicyOverride[];
}

/**
 * The access policy's say on a booking (issue 7): a pathway waiting for a clinician's review
 * is not booked; every warning needs a recorded reason, or the booking is refused with the
 * warning's words. A booking is itself an accepted offer, reasonable when it gives the notice
 * the policy asks for or the patient agreed to sooner (the reasonable-notice override).
 */
export async function applyBookingPolicy(
  state: ReadState,
  referral: Referral,
  slot: Slot,
  appointmentId: string,
  overrides: readonly OverrideArg[],
  method: Offer['method'],
  ctx: MutatorContext,
): Promise<PolicyOutcome | Rejection> {
  const review = openReview(referral);
  if (review) {
    return reject(
      'awaiting-clinical-review',
      `A clinician must review this pathway before it is booked again: ${REVIEW_KIND_LABELS[review.kind]}`,
    );
  }
  const settings = await trustSettings(state);
  const checks = checkBookingRules(
    {
      referral,
      date: slot.date,
      today: ctx.today,
      longerWaiting: await longerWaitingThan(state, referral, ctx.today),
    },
    settings,
  );
  const blocked = checks.find((c) => c.level === 'block');
  if (blocked) return reject(`policy-${blocked.rule}`, blocked.reason);
  const unanswered = unansweredWarnings(checks, overrides);
  if (unanswered.length > 0) {
    return reject(`policy-warning`, `${unanswered[0]!.reason}. Record a reason to go ahead.`);
  }
  const agreedSooner = overrides.some((o) => o.rule === 'reasonable-notice');
  const offer: Offer = {
    id: `offer-${appointmentId}`,
    at: ctx.now,
    method,
    dates: [slot.date],
    noticeDays: noticeDays(ctx.today, slot.date),
    reasonable: isReasonableOffer(ctx.today, slot.date, settings, agreedSooner),
    patientAgreedSooner: agreedSooner,
    response: 'accepted',
    by: ctx.actor,
  };
  const warned = new Map(checks.filter((c) => c.level === 'warn').map((c) => [c.rule, c.reason]));
  const recorded: PolicyOverride[] = overrides
    .filter((o) => warned.has(o.rule))
    .map((o) => ({
      id: `override-${appointmentId}-${o.rule}`,
      rule: o.rule,
      warning: warned.get(o.rule)!,
      reason: o.reason,
      referralId: referral.id,
      patientId: referral.patientId,
      siteId: slot.siteId,
      appointmentId,
      at: ctx.now,
      by: ctx.actor,
      policyVersion: settings.version,
    }));
  return { checks, offer, overrides: recorded };
}
