import * as v from 'valibot';
import {
  addDays,
  daysBetween,
  formatUkDate,
  type CalendarDate,
} from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../access/recorded-by.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Review } from './pathway-records.ts';
import { rttClock } from '../rtt/rtt-clock.ts';

/**
 * The Trust's Patient Access Policy as numbers a manager can change (issue 7). Defaults follow
 * national guidance: reasonable notice of 3 weeks, a second offer within 6 weeks of a declined
 * first, two-week-wait patients seen within 14 days, follow-ups booked once due within 6 weeks.
 */
export const ACCESS_POLICY_DEFAULTS = {
  reasonableNoticeDays: 21,
  secondOfferWithinWeeks: 6,
  twoWeekWaitDays: 14,
  followUpBookingWindowWeeks: 6,
} as const;

export const POLICY_RULES = [
  'reasonable-notice',
  'book-in-turn',
  'two-week-wait',
  'second-offer',
  'follow-up-window',
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export const POLICY_RULE_LABELS: Record<PolicyRule, string> = {
  'reasonable-notice': 'Reasonable notice',
  'book-in-turn': 'Booking in turn',
  'two-week-wait': 'Two-week wait within 14 days',
  'second-offer': 'Second offer within 6 weeks',
  'follow-up-window': 'Follow-up booking window',
};

/** What a rule says about a booking: go ahead, ask for a recorded reason, or stop. */
export type RuleLevel = 'allow' | 'warn' | 'block';
export interface RuleCheck {
  rule: PolicyRule;
  level: RuleLevel;
  reason: string;
}

/** A warning a person chose to go past, and why. */
export const OverrideArgSchema = v.object({
  rule: v.picklist(POLICY_RULES),
  reason: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty('Give the reason for going ahead despite the warning'),
    v.maxLength(500),
  ),
});
export type OverrideArg = v.InferOutput<typeof OverrideArgSchema>;

/** An override as recorded (table `policyOverrides`), for the overrides report. */
export const PolicyOverrideSchema = v.object({
  id: v.string(),
  rule: v.picklist(POLICY_RULES),
  /** The warning as the person saw it. */
  warning: v.string(),
  reason: v.string(),
  referralId: v.string(),
  patientId: v.string(),
  siteId: v.string(),
  appointmentId: v.nullable(v.string()),
  at: v.string(),
  by: RecordedBySchema,
  policyVersion: v.number(),
});
export type PolicyOverride = v.InferOutput<typeof PolicyOverrideSchema>;

export interface PolicyNumbers {
  reasonableNoticeDays: number;
  secondOfferWithinWeeks: number;
  twoWeekWaitDays: number;
  followUpBookingWindowWeeks: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "no notice", "1 day's notice", "9 days' notice": the possessive follows the number. */
export function noticeWording(days: number): string {
  if (days <= 0) return 'no notice';
  return days === 1 ? "1 day's notice" : `${days} days' notice`;
}

/** Notice in days between today and an appointment date. */
export function noticeDays(today: CalendarDate, date: CalendarDate): number {
  return daysBetween(today, date);
}

/** True when an offered date gives reasonable notice, or the patient agreed to sooner. */
export function isReasonableOffer(
  today: CalendarDate,
  date: CalendarDate,
  policy: Pick<PolicyNumbers, 'reasonableNoticeDays'>,
  patientAgreedSooner: boolean,
): boolean {
  return patientAgreedSooner || noticeDays(today, date) >= policy.reasonableNoticeDays;
}

/** The clinical review still waiting for a decision on a pathway, if any. */
export function openReview(referral: Pick<Referral, 'reviews'>): Review | undefined {
  return referral.reviews.find((r) => r.decision === null);
}

/** True when a person is a child (under 18) on a day. */
export function isChildOn(dateOfBirth: CalendarDate, day: CalendarDate): boolean {
  const eighteenth = `${Number(dateOfBirth.slice(0, 4)) + 18}${dateOfBirth.slice(4)}`;
  return day < eighteenth;
}

/** Facts about a proposed booking that the rules weigh. */
export interface BookingFacts {
  referral: Referral;
  /** The appointment's date. */
  date: CalendarDate;
  today: CalendarDate;
  /** The longest-waiting other patient of the same priority and clinician still to book. */
  longerWaiting: { referral: Referral; daysWaited: number } | undefined;
}

/**
 * Every access-policy rule for a booking, each allow / warn / block with its reason in plain
 * words (issue 7). The same function runs on the screen, before the person confirms, and in
 * `appointment.book`, so a warning the screen did not show cannot slip through.
 */
export function checkBookingRules(facts: BookingFacts, policy: PolicyNumbers): RuleCheck[] {
  const { referral, date, today } = facts;
  const checks: RuleCheck[] = [];
  const notice = noticeDays(today, date);
  checks.push(
    notice >= policy.reasonableNoticeDays
      ? {
          rule: 'reasonable-notice',
          level: 'allow',
          reason:
            notice === 0
              ? 'A same-day appointment: the policy asks for no notice'
              : `Gives ${noticeWording(notice)}: a reasonable offer`,
        }
      : {
          rule: 'reasonable-notice',
          level: 'warn',
          reason: `${notice < 0 ? 'This date has passed' : notice === 0 ? 'A same-day appointment gives no notice' : `Only ${noticeWording(notice)}`} (the policy asks for ${plural(policy.reasonableNoticeDays, 'day')}): book only if the patient agrees to the sooner date`,
        },
  );
  if (referral.status === 'follow-up') {
    const due = referral.followUpDueDate;
    const windowOpens = due ? addDays(due, -policy.followUpBookingWindowWeeks * 7) : null;
    checks.push(
      windowOpens && today < windowOpens
        ? {
            rule: 'follow-up-window',
            level: 'warn',
            reason: `This follow-up is due by ${formatUkDate(due!)}: the policy books follow-ups from ${formatUkDate(windowOpens)} (partial booking)`,
          }
        : {
            rule: 'follow-up-window',
            level: 'allow',
            reason: 'Within the follow-up booking window',
          },
    );
    return checks;
  }
  if (referral.priority === 'two-week-wait') {
    const clock = rttClock(referral.rttEvents, today);
    const start = clock.clockStart ?? referral.receivedDate;
    const by = addDays(start, policy.twoWeekWaitDays);
    checks.push(
      date > by
        ? {
            rule: 'two-week-wait',
            level: 'warn',
            reason: `A two-week-wait patient must be offered a first appointment by ${formatUkDate(by)}; this one is on ${formatUkDate(date)}`,
          }
        : {
            rule: 'two-week-wait',
            level: 'allow',
            reason: `Within ${policy.twoWeekWaitDays} days of referral`,
          },
    );
  }
  const longer = facts.longerWaiting;
  checks.push(
    longer
      ? {
          rule: 'book-in-turn',
          level: 'warn',
          reason: `Another patient of the same priority for the same clinician has waited longer (${plural(Math.floor(longer.daysWaited / 7), 'week')}): give the reason to book this patient first`,
        }
      : { rule: 'book-in-turn', level: 'allow', reason: 'Booked in turn' },
  );
  const declined = referral.offers.filter((o) => o.response === 'declined' && o.reasonable);
  const lastDeclined = declined.at(-1);
  if (lastDeclined && lastDeclined.dates.length > 0) {
    const first = [...lastDeclined.dates].sort()[0]!;
    const latest = addDays(first, policy.secondOfferWithinWeeks * 7);
    checks.push(
      date > latest
        ? {
            rule: 'second-offer',
            level: 'warn',
            reason: `After a declined offer for ${formatUkDate(first)}, the next offer should be by ${formatUkDate(latest)}`,
          }
        : {
            rule: 'second-offer',
            level: 'allow',
            reason: `Within ${plural(policy.secondOfferWithinWeeks, 'week')} of the declined offer`,
          },
    );
  }
  return checks;
}

/** The warnings among checks that a person has not given a reason for. */
export function unansweredWarnings(
  checks: readonly RuleCheck[],
  overrides: readonly OverrideArg[],
): RuleCheck[] {
  return checks.filter(
    (c) => c.level === 'warn' && !overrides.some((o) => o.rule === c.rule && o.reason.trim()),
  );
}
