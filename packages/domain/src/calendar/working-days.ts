import { addDays, weekdayOf, type CalendarDate } from './calendar-date.ts';

/** Easter Sunday of a year (the Anonymous Gregorian algorithm). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first `weekday` (1 Monday … 7 Sunday) on or after a day. */
function onOrAfter(date: CalendarDate, weekday: number): CalendarDate {
  return addDays(date, (weekday - weekdayOf(date) + 7) % 7);
}

/** The last `weekday` on or before a day. */
function onOrBefore(date: CalendarDate, weekday: number): CalendarDate {
  return addDays(date, -((weekdayOf(date) - weekday + 7) % 7));
}

/** Moves a holiday that falls at the weekend to the next day that is neither weekend nor taken. */
function substitute(date: CalendarDate, taken: Set<CalendarDate>): CalendarDate {
  let day = date;
  while (weekdayOf(day) >= 6 || taken.has(day)) day = addDays(day, 1);
  return day;
}

/**
 * The regular bank holidays of England and Wales in a year, with weekend substitutes. One-off
 * holidays proclaimed by the Crown (a jubilee, a coronation) are not in any rule: a Trust adds
 * those as closures.
 */
export function englandBankHolidays(year: number): CalendarDate[] {
  const taken = new Set<CalendarDate>();
  const add = (date: CalendarDate) => {
    taken.add(date);
    return date;
  };
  const easter = easterSunday(year);
  add(substitute(`${year}-01-01`, taken));
  add(addDays(easter, -2));
  add(addDays(easter, 1));
  add(onOrAfter(`${year}-05-01`, 1));
  add(onOrBefore(`${year}-05-31`, 1));
  add(onOrBefore(`${year}-08-31`, 1));
  add(substitute(`${year}-12-25`, taken));
  add(substitute(`${year}-12-26`, taken));
  return [...taken].sort();
}

const holidayCache = new Map<number, Set<CalendarDate>>();

/** True on Monday to Friday when the day is not a bank holiday in England. */
export function isWorkingDay(date: CalendarDate): boolean {
  if (weekdayOf(date) >= 6) return false;
  const year = Number(date.slice(0, 4));
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Set(englandBankHolidays(year));
    holidayCache.set(year, holidays);
  }
  return !holidays.has(date);
}

/**
 * The day `count` working days after `date`: a referral received on a Friday with three working
 * days to triage is due by the Wednesday. A day that is not itself a working day counts from
 * the next one.
 */
export function addWorkingDays(date: CalendarDate, count: number): CalendarDate {
  let day = date;
  let left = count;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
