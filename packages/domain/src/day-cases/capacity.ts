import { formatUkDate } from '../calendar/calendar-date.ts';
import { holdsPlace, type Admission, type DayCaseList } from './day-case.ts';

/** How full a day-case list is, in its own unit (procedures or minutes). */
export interface ListUse {
  unit: 'procedures' | 'minutes';
  total: number;
  used: number;
  remaining: number;
}

/** How much of a list its booked and admitted patients take. */
export function listUse(list: DayCaseList, admissions: readonly Admission[]): ListUse {
  const held = admissions.filter((a) => a.listId === list.id && holdsPlace(a));
  if (list.capacity.kind === 'procedures') {
    const used = held.length;
    return {
      unit: 'procedures',
      total: list.capacity.count,
      used,
      remaining: list.capacity.count - used,
    };
  }
  const used = held.reduce((n, a) => n + a.minutes, 0);
  return {
    unit: 'minutes',
    total: list.capacity.minutes,
    used,
    remaining: list.capacity.minutes - used,
  };
}

/** "2 of 6 procedures left", "45 of 240 minutes left". */
export function describeListUse(use: ListUse): string {
  return `${use.remaining} of ${use.total} ${use.unit === 'procedures' ? (use.total === 1 ? 'procedure' : 'procedures') : 'minutes'} left`;
}

/**
 * Why a procedure of `minutes` does not fit on a list, or null when it does (issue 7: a list
 * is never overbooked, by count or by minutes).
 */
export function capacityRefusal(
  list: DayCaseList,
  admissions: readonly Admission[],
  minutes: number,
): string | null {
  const use = listUse(list, admissions);
  const day = formatUkDate(list.date);
  if (use.unit === 'procedures') {
    return use.remaining >= 1
      ? null
      : `The day-case list on ${day} is full (${use.used} of ${use.total} procedures booked): choose another list`;
  }
  if (use.remaining >= minutes) return null;
  return use.remaining <= 0
    ? `The day-case list on ${day} is full (${use.total} minutes booked): choose another list`
    : `The day-case list on ${day} has ${use.remaining} minutes left and this procedure takes ${minutes}: choose another list`;
}
