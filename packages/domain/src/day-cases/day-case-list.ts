import type { CalendarDate } from '../calendar/calendar-date.ts';
import type { Referral } from '../referrals/referral.ts';
import { rttClock, type RttClock } from '../rtt/rtt-clock.ts';
import {
  awaitsRebooking,
  SURGICAL_PRIORITIES,
  unavailabilityOn,
  type Admission,
  type DayCaseDetails,
  type Unavailability,
} from './day-case.ts';

export interface DayCaseLine {
  referral: Referral;
  /** Null until someone records the procedure, priority and decision to admit. */
  details: DayCaseDetails | null;
  clock: RttClock;
  /** The patient's unavailability that covers today, if any. */
  unavailableToday: Unavailability | undefined;
  /** A TCI date still to come, when one is booked. */
  tciDate: CalendarDate | null;
}

/** Pathways with no details yet come first: nobody can book them until someone records them. */
const rank = (details: DayCaseDetails | null) =>
  details ? SURGICAL_PRIORITIES.indexOf(details.priority) + 1 : 0;

/**
 * The day-case waiting list (issue 7): every pathway on it, ordered by clinical priority (P1
 * first) then the date of the decision to admit, oldest first; patients unavailable today are
 * marked, not hidden, so nobody drops off the list.
 */
export function orderDayCaseList(
  referrals: readonly Referral[],
  today: CalendarDate,
): DayCaseLine[] {
  return referrals
    .filter((r) => r.status === 'day-case')
    .map((referral) => {
      const details = referral.dayCase;
      return {
        referral,
        details,
        clock: rttClock(referral.rttEvents, today),
        unavailableToday: details ? unavailabilityOn(details, today) : undefined,
        tciDate: referral.tciDate && referral.tciDate >= today ? referral.tciDate : null,
      };
    })
    .sort(
      (a, b) =>
        rank(a.details) - rank(b.details) ||
        (a.details?.decisionDate ?? '').localeCompare(b.details?.decisionDate ?? '') ||
        b.clock.daysWaited - a.clock.daysWaited ||
        a.referral.id.localeCompare(b.referral.id),
    );
}

export interface RebookDueLine {
  admission: Admission;
  overdue: boolean;
}

/**
 * Patients whose operation the hospital cancelled on the day, still waiting for a new TCI
 * date, soonest deadline first; overdue once the 28 days have passed (issue 7).
 */
export function cancelledOnTheDay(
  admissions: readonly Admission[],
  today: CalendarDate,
): RebookDueLine[] {
  return admissions
    .filter(awaitsRebooking)
    .map((admission) => ({ admission, overdue: admission.rebookBy! < today }))
    .sort(
      (a, b) =>
        a.admission.rebookBy!.localeCompare(b.admission.rebookBy!) ||
        a.admission.id.localeCompare(b.admission.id),
    );
}
