import { describe, expect, it } from 'vitest';
import { londonInstant, londonMinuteKey } from './london-time.ts';

describe('londonInstant', () => {
  it.each([
    ['2026-01-15', '09:00', '2026-01-15T09:00:00+00:00'],
    ['2026-03-29', '09:00', '2026-03-29T09:00:00+01:00'],
    ['2026-03-28', '23:30', '2026-03-28T23:30:00+00:00'],
    ['2026-10-25', '09:00', '2026-10-25T09:00:00+00:00'],
    ['2026-10-24', '23:30', '2026-10-24T23:30:00+01:00'],
  ])('%s %s in London is %s', (date, time, instant) => {
    expect(londonInstant(date, time)).toBe(instant);
  });
});

describe('londonMinuteKey', () => {
  it.each([
    ['2026-12-01T00:00:00Z', '2026-12-01T00:00'],
    ['2026-06-01T08:00:00Z', '2026-06-01T09:00'],
    ['2026-06-01T08:00:30Z', '2026-06-01T09:01'],
    ['2026-05-31T23:00:00Z', '2026-06-01T00:00'],
  ])('%s is the London minute %s (rounded up)', (instant, key) => {
    expect(londonMinuteKey(Date.parse(instant))).toBe(key);
  });
});
