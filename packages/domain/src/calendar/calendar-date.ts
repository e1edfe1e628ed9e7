import * as v from 'valibot';

/** A calendar day as `YYYY-MM-DD`, with no time and no time zone (STYLE.md: never a `Date`). */
export type CalendarDate = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DAY = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;
const MS_PER_DAY = 86_400_000;

/** True when `value` is a real day written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Valibot schema for a real `YYYY-MM-DD` day. */
export const CalendarDateSchema = v.pipe(v.string(), v.check(isCalendarDate, 'Enter a real date'));

function toEpochDay(date: CalendarDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    MS_PER_DAY
  );
}

function fromEpochDay(day: number): CalendarDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day `days` after `date` (negative goes back). Calendar arithmetic: BST does not move a day. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday of a day: 1 Monday … 7 Sunday. */
export function weekdayOf(date: CalendarDate): number {
  const d = new Date(toEpochDay(date) * MS_PER_DAY).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday on or before `date`. */
export function startOfWeek(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** Shows a day the British way, `dd/mm/yyyy`. */
export function formatUkDate(date: CalendarDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** Reads a day typed the British way (`d/m/yyyy` or `dd/mm/yyyy`); undefined when it is not a real day. */
export function parseUkDate(text: string): CalendarDate | undefined {
  const m = UK_DAY.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

// Made once: building a formatter costs far more than using it, and the server asks per mutation.
const LONDON_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day of an instant in Europe/London (the hospital's day, BST-aware). */
export function londonDateOf(instant: Date): CalendarDate {
  const parts = LONDON_DAY.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Shows an instant as `dd/mm/yyyy HH:mm` in Europe/London. */
export function formatLondonDateTime(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .replace(',', '');
}

/** The wall-clock time `HH:MM` of an instant in Europe/London (BST-aware). */
export function londonTimeOf(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/**
 * The instant (ISO, UTC) at which a London calendar day begins: 00:00 GMT in winter, 23:00
 * UTC the day before in summer. For filtering timestamps by the days people mean.
 */
export function londonDayStart(date: CalendarDate): string {
  const guess = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  const wall = londonTimeOf(new Date(guess));
  const offsetMinutes = Number(wall.slice(0, 2)) * 60 + Number(wall.slice(3, 5));
  // London is GMT or GMT+1, so its wall clock at 00:00 UTC reads 00:00 or 01:00.
  return new Date(guess - offsetMinutes * 60_000).toISOString();
}
