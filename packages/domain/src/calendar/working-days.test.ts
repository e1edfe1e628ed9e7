import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, weekdayOf } from './calendar-date.ts';
import { addWorkingDays, easterSunday, englandBankHolidays, isWorkingDay } from './working-days.ts';

describe('englandBankHolidays', () => {
  // gov.uk/bank-holidays lists these for England and Wales.
  it.each([
    [
      2025,
      [
        '2025-01-01',
        '2025-04-18',
        '2025-04-21',
        '2025-05-05',
        '2025-05-26',
        '2025-08-25',
        '2025-12-25',
        '2025-12-26',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-26',
        '2027-03-29',
        '2027-05-03',
        '2027-05-31',
        '2027-08-30',
        '2027-12-27',
        '2027-12-28',
      ],
    ],
    [
      2022,
      [
        '2022-01-03',
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-05-30',
        '2022-08-29',
        '2022-12-26',
        '2022-12-27',
      ],
    ],
  ])('%i matches the published list (without one-off holidays)', (year, expected) => {
    expect(englandBankHolidays(year)).toEqual(expected);
  });

  it('finds Easter Sunday across centuries', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('always has eight holidays, every one on a weekday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        const days = englandBankHolidays(year);
        expect(days).toHaveLength(8);
        for (const d of days) expect(weekdayOf(d)).toBeLessThanOrEqual(5);
      }),
    );
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend: Friday plus three working days is Wednesday', () => {
    expect(addWorkingDays('2026-11-20', 3)).toBe('2026-11-25');
  });

  it('skips Christmas and the substitute Boxing Day', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  it('counts from the next working day when given a Saturday', () => {
    expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23');
  });

  it('always lands on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 30 }),
        (offset, n) => {
          const start = addDays('2000-01-01', offset);
          const end = addWorkingDays(start, n);
          expect(isWorkingDay(end)).toBe(true);
          let counted = 0;
          for (let d = addDays(start, 1); d <= end; d = addDays(d, 1))
            if (isWorkingDay(d)) counted += 1;
          expect(counted).toBe(n);
        },
      ),
    );
  });
});
