import { describe, it, expect } from 'vitest';
import * as v from 'valibot';
import {
  londonDayStart,
  addDays,
  CalendarDateSchema,
  daysBetween,
  formatLondonDateTime,
  formatUkDate,
  isCalendarDate,
  londonDateOf,
  parseUkDate,
  startOfWeek,
  weekdayOf,
} from './calendar-date.ts';

describe('isCalendarDate', () => {
  it.each([
    { date: '2026-01-01', real: true },
    { date: '2026-12-31', real: true },
    { date: '2026-02-28', real: true },
    { date: '2026-02-29', real: false },
    { date: '2028-02-29', real: true },
    { date: '2100-02-29', real: false },
    { date: '2000-02-29', real: true },
    { date: '2026-02-30', real: false },
    { date: '2026-04-31', real: false },
    { date: '2026-13-01', real: false },
    { date: '2026-00-10', real: false },
    { date: '2026-01-00', real: false },
    { date: '2026-1-5', real: false },
    { date: '05/01/2026', real: false },
    { date: '2026-01-05T00:00:00Z', real: false },
    { date: ' 2026-01-05', real: false },
    { date: '', real: false },
  ])('$date is a real YYYY-MM-DD day: $real', ({ date, real }) => {
    expect(isCalendarDate(date)).toBe(real);
  });

  it('its schema refuses an impossible day in plain words', () => {
    const result = v.safeParse(CalendarDateSchema, '2026-02-29');
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe('Enter a real date');
  });
});

describe('addDays', () => {
  it.each([
    { from: '2026-01-05', days: 0, to: '2026-01-05' },
    { from: '2026-01-05', days: 1, to: '2026-01-06' },
    { from: '2026-01-31', days: 1, to: '2026-02-01', why: 'across a month end' },
    { from: '2026-02-28', days: 1, to: '2026-03-01', why: 'February in a common year' },
    { from: '2028-02-28', days: 1, to: '2028-02-29', why: 'February in a leap year' },
    { from: '2026-12-31', days: 1, to: '2027-01-01', why: 'across a year end' },
    { from: '2027-01-01', days: -1, to: '2026-12-31', why: 'back across a year end' },
    { from: '2026-03-01', days: -1, to: '2026-02-28', why: 'back across February' },
    { from: '2026-03-28', days: 1, to: '2026-03-29', why: 'into the day clocks go forward' },
    { from: '2026-03-29', days: 1, to: '2026-03-30', why: 'out of the day clocks go forward' },
    { from: '2026-10-24', days: 1, to: '2026-10-25', why: 'into the day clocks go back' },
    { from: '2026-10-25', days: 1, to: '2026-10-26', why: 'out of the day clocks go back' },
    { from: '2026-01-05', days: 126, to: '2026-05-11', why: '18 weeks across the spring change' },
    { from: '2026-01-01', days: 365, to: '2027-01-01' },
  ])('$from plus $days days is $to', ({ from, days, to }) => {
    expect(addDays(from, days)).toBe(to);
  });
});

describe('daysBetween', () => {
  it.each([
    { from: '2026-01-05', to: '2026-01-05', days: 0 },
    { from: '2026-01-05', to: '2026-01-06', days: 1 },
    { from: '2026-01-06', to: '2026-01-05', days: -1 },
    { from: '2026-03-28', to: '2026-03-29', days: 1, why: 'BST starts on 29 March 2026' },
    { from: '2026-03-29', to: '2026-03-30', days: 1, why: 'BST starts on 29 March 2026' },
    { from: '2026-10-25', to: '2026-10-26', days: 1, why: 'BST ends on 25 October 2026' },
    { from: '2026-10-24', to: '2026-10-25', days: 1, why: 'BST ends on 25 October 2026' },
    { from: '2026-03-29', to: '2026-10-25', days: 210, why: 'a whole BST season' },
    { from: '2026-01-01', to: '2027-01-01', days: 365 },
    { from: '2028-01-01', to: '2029-01-01', days: 366 },
    { from: '2026-12-31', to: '2026-01-01', days: -364 },
  ])('from $from to $to is $days days', ({ from, to, days }) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([-400, -1, 0, 1, 30, 126, 1000])('undoes addDays (%i days)', (days) => {
    expect(daysBetween('2026-03-29', addDays('2026-03-29', days))).toBe(days);
  });
});

describe('weekdayOf', () => {
  it.each([
    { date: '2026-01-05', weekday: 1, name: 'Monday' },
    { date: '2026-01-06', weekday: 2, name: 'Tuesday' },
    { date: '2026-01-07', weekday: 3, name: 'Wednesday' },
    { date: '2026-01-08', weekday: 4, name: 'Thursday' },
    { date: '2026-01-09', weekday: 5, name: 'Friday' },
    { date: '2026-01-10', weekday: 6, name: 'Saturday' },
    { date: '2026-01-11', weekday: 7, name: 'Sunday' },
    { date: '2026-03-29', weekday: 7, name: 'Sunday' },
    { date: '2026-10-25', weekday: 7, name: 'Sunday' },
    { date: '2028-02-29', weekday: 2, name: 'Tuesday' },
  ])('$date is a $name ($weekday)', ({ date, weekday }) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe('startOfWeek', () => {
  it.each([
    { date: '2026-01-05', monday: '2026-01-05', why: 'a Monday is its own week start' },
    { date: '2026-01-07', monday: '2026-01-05' },
    { date: '2026-01-11', monday: '2026-01-05', why: 'Sunday belongs to the week before' },
    { date: '2026-01-01', monday: '2025-12-29', why: 'across a year end' },
    { date: '2026-03-01', monday: '2026-02-23', why: 'across a month end' },
    { date: '2026-03-29', monday: '2026-03-23', why: 'the Sunday clocks go forward' },
    { date: '2026-10-25', monday: '2026-10-19', why: 'the Sunday clocks go back' },
  ])('the week of $date starts on $monday', ({ date, monday }) => {
    expect(startOfWeek(date)).toBe(monday);
  });
});

describe('formatUkDate', () => {
  it.each([
    { date: '2026-02-01', shown: '01/02/2026' },
    { date: '2026-12-31', shown: '31/12/2026' },
    { date: '2028-02-29', shown: '29/02/2028' },
  ])('shows $date as $shown (dd/mm/yyyy)', ({ date, shown }) => {
    expect(formatUkDate(date)).toBe(shown);
  });
});

describe('parseUkDate', () => {
  it.each([
    { typed: '1/2/2026', date: '2026-02-01' },
    { typed: '01/02/2026', date: '2026-02-01' },
    { typed: '31/12/2026', date: '2026-12-31' },
    { typed: ' 29/02/2028 ', date: '2028-02-29' },
  ])('reads $typed as $date (day first, the British way)', ({ typed, date }) => {
    expect(parseUkDate(typed)).toBe(date);
  });

  it.each([
    { typed: '31/02/2026', why: 'February has no 31st' },
    { typed: '29/02/2026', why: '2026 is not a leap year' },
    { typed: '1/13/2026', why: 'there is no 13th month' },
    { typed: '0/1/2026', why: 'there is no day 0' },
    { typed: '2026-02-01', why: 'ISO is not how a person types it' },
    { typed: '1/2/26', why: 'a two-digit year is ambiguous' },
    { typed: '1.2.2026', why: 'only slashes are read' },
    { typed: '', why: 'nothing typed' },
  ])('reads $typed as no date ($why)', ({ typed }) => {
    expect(parseUkDate(typed)).toBeUndefined();
  });

  it.each(['2026-02-01', '2028-02-29', '2026-12-31'])(
    'reads back what formatUkDate shows (%s)',
    (date) => {
      expect(parseUkDate(formatUkDate(date))).toBe(date);
    },
  );
});

describe('londonDateOf', () => {
  it.each([
    {
      instant: '2026-07-15T23:30:00Z',
      day: '2026-07-16',
      why: 'in summer 23:30 UTC is 00:30 BST the next day',
    },
    {
      instant: '2026-01-15T23:30:00Z',
      day: '2026-01-15',
      why: 'in winter 23:30 UTC is 23:30 GMT the same day',
    },
    { instant: '2026-07-15T22:59:59Z', day: '2026-07-15', why: 'a second before BST midnight' },
    { instant: '2026-07-15T23:00:00Z', day: '2026-07-16', why: 'BST midnight' },
    { instant: '2026-12-31T23:59:59Z', day: '2026-12-31', why: 'the last second of a GMT year' },
    { instant: '2026-03-29T00:30:00Z', day: '2026-03-29', why: 'before clocks go forward' },
    {
      instant: '2026-10-24T23:30:00Z',
      day: '2026-10-25',
      why: 'still BST on the night clocks go back',
    },
  ])('$instant is $day in London ($why)', ({ instant, day }) => {
    expect(londonDateOf(new Date(instant))).toBe(day);
  });
});

describe('formatLondonDateTime', () => {
  it.each([
    { instant: '2026-07-15T08:30:00Z', shown: '15/07/2026 09:30', why: 'BST is UTC+1' },
    { instant: '2026-01-15T08:30:00Z', shown: '15/01/2026 08:30', why: 'GMT is UTC' },
    { instant: '2026-07-15T23:30:00Z', shown: '16/07/2026 00:30', why: 'BST rolls the day' },
  ])('shows $instant as $shown ($why)', ({ instant, shown }) => {
    expect(formatLondonDateTime(instant)).toBe(shown);
  });
});

describe('londonDayStart', () => {
  it.each([
    ['2026-01-15', '2026-01-15T00:00:00.000Z'],
    ['2026-07-01', '2026-06-30T23:00:00.000Z'],
    ['2026-03-29', '2026-03-29T00:00:00.000Z'],
    ['2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z'],
    ['2026-10-26', '2026-10-26T00:00:00.000Z'],
  ])('a London day %s begins at %s', (day, instant) => {
    expect(londonDayStart(day)).toBe(instant);
  });
});
