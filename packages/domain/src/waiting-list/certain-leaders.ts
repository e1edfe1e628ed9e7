import { daysBetween, type CalendarDate } from '../calendar/calendar-date.ts';

/**
 * The lines certain to lead a list ordered by longest wait, when only the pathways received up
 * to `newestRead` have been read (a first screen read from the oldest referrals). RTT rules
 * suite: a clock starts on or after its referral was received, so a pathway not read has waited
 * at most `today − newestRead` days; a line that waited strictly longer cannot be overtaken by
 * one not read. `ordered` is longest wait first; the answer is its leading run of such lines.
 */
export function certainLeaders<T extends { clock: { daysWaited: number } }>(
  ordered: readonly T[],
  newestRead: CalendarDate,
  today: CalendarDate,
): T[] {
  const atMost = daysBetween(newestRead, today);
  const first = ordered.findIndex((line) => line.clock.daysWaited <= atMost);
  return first === -1 ? [...ordered] : ordered.slice(0, first);
}
