import { addDays, isCalendarDate, londonDayStart, type CalendarDate } from '@clinicdesk/domain';
import type { ResourceType } from './fhir-resource.ts';
import { londonMinuteKey } from './london-time.ts';

/** A search value the server cannot use: answered 400 with these words. */
export class SearchError extends Error {}

/** A bound on a London wall-clock minute key (`YYYY-MM-DDTHH:MM`): `>= key` or `< key`. */
export interface TimeBound {
  op: '>=' | '<';
  key: string;
}

const DATE_VALUE =
  /^(eq|ge|gt|le|lt|sa|eb|ne|ap)?(\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?)$/;

/** The instants [from, to) that a FHIR date value at its own precision covers, London days. */
function rangeOf(value: string): [number, number] {
  if (value.includes('T')) {
    const at = Date.parse(value);
    if (Number.isNaN(at)) throw new SearchError(`${value} is not a date and time`);
    const seconds = /:\d{2}:\d{2}/.test(value) ? 1000 : 60_000;
    return [at, at + seconds];
  }
  const [from, to] = dayRange(value);
  if (!isCalendarDate(from)) throw new SearchError(`${value} is not a date`);
  return [Date.parse(londonDayStart(from)), Date.parse(londonDayStart(to))];
}

function dayRange(value: string): [CalendarDate, CalendarDate] {
  if (value.length === 10) return [value, addDays(value, 1)];
  if (value.length === 7) {
    const [y, m] = [Number(value.slice(0, 4)), Number(value.slice(5, 7))];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    return [`${value}-01`, `${next}-01`];
  }
  return [`${value}-01-01`, `${Number(value) + 1}-01-01`];
}

/**
 * One value of a date search parameter (`ge2026-12-01`, `lt2026-12-08T12:00:00Z`) as bounds
 * on a start time held to the minute. A date without a time means the London day, as the
 * department means it; prefixes follow FHIR R4 search (a missing prefix is `eq`).
 */
export function parseDateValue(raw: string): TimeBound[] {
  const m = DATE_VALUE.exec(raw);
  if (!m) throw new SearchError(`${raw} is not a FHIR date, like ge2026-12-01`);
  const prefix = m[1] ?? 'eq';
  if (!['eq', 'ge', 'gt', 'le', 'lt'].includes(prefix)) {
    throw new SearchError(`The ${prefix} prefix is not supported: use eq, ge, gt, le or lt`);
  }
  const [from, to] = rangeOf(m[2]!);
  const atLeast = (t: number): TimeBound => ({ op: '>=', key: londonMinuteKey(t) });
  const before = (t: number): TimeBound => ({ op: '<', key: londonMinuteKey(t) });
  switch (prefix) {
    case 'ge':
      return [atLeast(from)];
    case 'gt':
      return [atLeast(to)];
    case 'le':
      return [before(to)];
    case 'lt':
      return [before(from)];
    default:
      return [atLeast(from), before(to)];
  }
}

/** A reference search value (`Patient/pat-1`, `pat-1` or a full URL ending so) as an id. */
export function parseReference(raw: string, type: ResourceType): string {
  if (raw.includes(',')) throw new SearchError(`Search by one ${type} at a time`);
  const m = new RegExp(`^(?:.*/)?(?:${type}/)?([A-Za-z0-9\\-.]{1,64})$`).exec(raw);
  const typed = /^(?:.*\/)?([A-Z][A-Za-z]+)\/[^/]+$/.exec(raw);
  if (!m || (typed && typed[1] !== type)) {
    throw new SearchError(`${raw} is not a reference to a ${type}, like ${type}/123`);
  }
  return m[1]!;
}

/** A token list (`free,busy`): each value must be one of `allowed`. */
export function parseTokens<T extends string>(
  raw: string,
  allowed: readonly T[],
  name: string,
): T[] {
  const values = raw.split(',');
  for (const value of values) {
    if (!allowed.includes(value as T)) {
      throw new SearchError(`${name} must be one of ${allowed.join(', ')}`);
    }
  }
  return values as T[];
}
