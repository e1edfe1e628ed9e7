import { addDays, type CalendarDate } from '../calendar/calendar-date.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { isActiveAppointment, type Appointment } from '../booking/appointment.ts';
import { isOpenPathway, type Referral, type Validation } from '../referrals/referral.ts';
import { rttClock, type RttClock } from '../rtt/rtt-clock.ts';
import { RTT_PROBLEM_LABELS } from '../rtt/rtt-codes.ts';
import { openReview } from '../policy/access-policy.ts';
import type { TrustSettings } from '../settings/trust-settings.ts';

/** Where an open pathway is: the PTL's "stage" column (issue 5). */
export const PATHWAY_STAGES = [
  'awaiting-triage',
  'awaiting-first',
  'awaiting-outcome',
  'awaiting-follow-up',
  'awaiting-day-case',
  'closed',
] as const;
export type PathwayStage = (typeof PATHWAY_STAGES)[number];

export const PATHWAY_STAGE_LABELS: Record<PathwayStage, string> = {
  'awaiting-triage': 'Awaiting triage',
  'awaiting-first': 'Awaiting first appointment',
  'awaiting-outcome': 'Awaiting clinic outcome',
  'awaiting-follow-up': 'Awaiting follow-up',
  'awaiting-day-case': 'Awaiting day case',
  closed: 'Closed',
};

/** The stage a referral's status puts it in. */
export function pathwayStage(referral: Pick<Referral, 'status'>): PathwayStage {
  switch (referral.status) {
    case 'awaiting-triage':
      return 'awaiting-triage';
    case 'waiting':
    case 'booked':
      return 'awaiting-first';
    case 'seen':
      return 'awaiting-outcome';
    case 'follow-up':
      return 'awaiting-follow-up';
    case 'day-case':
      return 'awaiting-day-case';
    default:
      return 'closed';
  }
}

/**
 * True when a clinic outcome may be recorded on a pathway: triaged, still open, and with no
 * appointment booked that should first be attended or cancelled (`pathway.outcome`'s rule).
 */
export function canRecordOutcome(referral: Pick<Referral, 'status'>): boolean {
  return (
    isOpenPathway(referral) && referral.status !== 'awaiting-triage' && referral.status !== 'booked'
  );
}

/**
 * True when attendance may be recorded: booked (or the patient is at the clinic: arrived,
 * with the clinician) and on or before today.
 */
export function canRecordAttendance(
  appointment: Pick<Appointment, 'status' | 'date'>,
  today: CalendarDate,
): boolean {
  return isActiveAppointment(appointment) && appointment.date <= today;
}

/** The day a referral must be triaged by: the Trust's working days after it was received. */
export function triageDueDate(
  referral: Pick<Referral, 'receivedDate'>,
  settings: Pick<TrustSettings, 'triageWorkingDays'>,
): CalendarDate {
  return addWorkingDays(referral.receivedDate, settings.triageWorkingDays);
}

/** What happens next on an open pathway, as a person would find it (issue 5: nobody is lost). */
export type NextStep =
  | { kind: 'appointment'; appointment: Appointment }
  | { kind: 'tci'; date: CalendarDate }
  | { kind: 'list'; list: 'triage' | 'waiting' | 'follow-up' | 'day-case' }
  | { kind: 'worklist'; worklist: 'attendance' | 'outcome' | 'review' };

/**
 * The next step a person can see for an open pathway, or null when there is none — the hazard
 * this whole module exists to catch. Closed pathways need none and answer null too.
 *
 * A booked appointment still to come is the strongest answer; a booked appointment already
 * past with no attendance recorded puts the pathway on the attendance worklist; otherwise its
 * status names the list it waits on.
 */
export function nextStepOf(
  referral: Referral,
  appointments: readonly Appointment[],
  today: CalendarDate,
): NextStep | null {
  if (!isOpenPathway(referral)) return null;
  const booked = appointments
    .filter((a) => a.referralId === referral.id && isActiveAppointment(a))
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
  const coming = booked.find((a) => a.date >= today);
  if (coming) return { kind: 'appointment', appointment: coming };
  if (booked.length > 0) return { kind: 'worklist', worklist: 'attendance' };
  // Sent to the clinician by the access policy: their review worklist, not a booking list.
  if (openReview(referral)) return { kind: 'worklist', worklist: 'review' };
  switch (referral.status) {
    case 'awaiting-triage':
      return { kind: 'list', list: 'triage' };
    case 'waiting':
      return { kind: 'list', list: 'waiting' };
    case 'seen':
      return { kind: 'worklist', worklist: 'outcome' };
    case 'follow-up':
      return { kind: 'list', list: 'follow-up' };
    case 'day-case':
      return referral.tciDate && referral.tciDate >= today
        ? { kind: 'tci', date: referral.tciDate }
        : { kind: 'list', list: 'day-case' };
    default:
      // 'booked' with no booked appointment: the record says booked but nothing is.
      return null;
  }
}

/** A pathway that needs a person's eyes, and why, in plain words. */
export interface ValidationItem {
  /** Stable for the same reason on the same pathway, so a person's validation sticks to it. */
  key: string;
  reason: string;
}

/** Codes that mean the patient has been seen or treated on the current clock. */
const SEEN_CODES = new Set(['20', '21', '30', '31', '32', '34', '35']);
/** Stops after which further activity is suspicious (treatment and monitoring expect it). */
const FINAL_STOPS = new Set(['34', '35', '36']);

/**
 * Every reason a pathway needs validating (issue 5, Validation worklist): the clock's own
 * problems, a running clock with nothing planned, an open pathway with no next step at all,
 * a two-week wait not seen in 14 days, an overdue follow-up, a past TCI date with no outcome,
 * and activity after a clock that ended for good.
 */
export function validationItems(
  referral: Referral,
  appointments: readonly Appointment[],
  today: CalendarDate,
  clock: RttClock = rttClock(referral.rttEvents, today),
): ValidationItem[] {
  if (!isOpenPathway(referral)) return [];
  const items: ValidationItem[] = clock.problems.map((p) => ({
    key: `clock:${p}`,
    reason: RTT_PROBLEM_LABELS[p],
  }));
  const next = nextStepOf(referral, appointments, today);
  if (next === null) {
    items.push({
      key: 'no-next-step',
      reason:
        'Open pathway with no appointment, no TCI date and no place on any list: the patient could be lost',
    });
  } else if (clock.state === 'running' && next.kind === 'worklist') {
    items.push({
      key: `clock-running-${next.worklist}`,
      reason:
        next.worklist === 'attendance'
          ? 'RTT clock running: an appointment has passed with no attendance recorded'
          : next.worklist === 'review'
            ? 'RTT clock running: waiting for a clinician to decide after a missed appointment, cancellations or declined offers'
            : 'RTT clock running: the patient has been seen but no clinic outcome is recorded',
    });
  }
  if (
    referral.priority === 'two-week-wait' &&
    clock.state === 'running' &&
    clock.clockStart !== null &&
    today > addDays(clock.clockStart, 14) &&
    !referral.rttEvents.some((e) => e.date >= clock.clockStart! && SEEN_CODES.has(e.code))
  ) {
    items.push({
      key: 'two-week-wait-not-seen',
      reason: `Two-week-wait referral not seen within 14 days (${clock.daysWaited} days so far)`,
    });
  }
  if (
    referral.status === 'follow-up' &&
    referral.followUpDueDate &&
    referral.followUpDueDate < today &&
    next?.kind !== 'appointment'
  ) {
    items.push({
      key: `follow-up-overdue:${referral.followUpDueDate}`,
      reason: 'Follow-up is past its due date and has no appointment booked',
    });
  }
  if (referral.status === 'day-case' && referral.tciDate && referral.tciDate < today) {
    items.push({
      key: `tci-past:${referral.tciDate}`,
      reason: 'The day-case TCI date has passed with no outcome recorded',
    });
  }
  if (clock.state === 'stopped' && FINAL_STOPS.has(clock.stopCode!)) {
    const later = appointments.some(
      (a) =>
        a.referralId === referral.id &&
        (isActiveAppointment(a) || a.status === 'seen') &&
        a.date > clock.stopDate!,
    );
    if (later)
      items.push({
        key: 'activity-after-stop',
        reason: `The clock stopped (${clock.stopCode}) but the patient has appointments after it: a new clock may be needed`,
      });
  }
  return items;
}

/** The latest validation recorded for a key, if a person has validated it. */
export function validationOf(referral: Referral, key: string): Validation | undefined {
  return referral.validations.findLast((v) => v.key === key);
}

/** The latest validation comment on a pathway, for the PTL's last column. */
export function latestValidation(referral: Referral): Validation | undefined {
  return referral.validations.at(-1);
}
