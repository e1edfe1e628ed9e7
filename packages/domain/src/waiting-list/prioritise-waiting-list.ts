import type { CalendarDate } from '../calendar/calendar-date.ts';
import { PRIORITIES, type Priority, type Referral } from '../referrals/referral.ts';
import { rttClock, type RttClock } from '../rtt/rtt-clock.ts';
import { openReview } from '../policy/access-policy.ts';

/** A referral on the outpatient waiting list with its clock as of today. */
export interface WaitingListEntry {
  referral: Referral & { priority: Priority };
  clock: RttClock;
}

/**
 * True when a referral is waiting to be booked: triaged, without a first appointment, and not
 * waiting for a clinician's review (issue 7).
 */
export function isOnOutpatientWaitingList(
  referral: Referral,
): referral is Referral & { priority: Priority } {
  return referral.status === 'waiting' && referral.priority !== null && !openReview(referral);
}

/**
 * The waiting list's booking order: clinical priority first (two-week wait, urgent, soon,
 * routine), then the longest RTT wait (Patient Access Policy: book in turn), then by referral
 * id, so that every line has one place.
 */
export function byWaitingListOrder(a: WaitingListEntry, b: WaitingListEntry): number {
  return (
    PRIORITIES.indexOf(a.referral.priority) - PRIORITIES.indexOf(b.referral.priority) ||
    b.clock.daysWaited - a.clock.daysWaited ||
    a.referral.id.localeCompare(b.referral.id)
  );
}

/** The referrals on the outpatient waiting list, each with its clock, in booking order. */
export function prioritiseWaitingList(
  referrals: readonly Referral[],
  today: CalendarDate,
): WaitingListEntry[] {
  return referrals
    .filter(isOnOutpatientWaitingList)
    .map((referral) => ({ referral, clock: rttClock(referral.rttEvents, today) }))
    .sort(byWaitingListOrder);
}
