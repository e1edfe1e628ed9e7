import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, weekdayOf } from '../calendar/calendar-date.ts';
import { hasSlotStarted } from '../booking/slot-rules.ts';
import type { ClinicTemplate, Recurrence } from './clinic.ts';
import { buildSession, closureOn, occursOn, templateDays, weekOfMonth } from './recurrence.ts';

function template(overrides: Partial<ClinicTemplate> = {}): ClinicTemplate {
  return {
    id: 'tpl-t',
    name: 'Whitcombe AM OMFS',
    clinicianId: 'clin-1',
    siteId: 'site-wrh',
    room: 'OPD 1',
    weekday: 1,
    startTime: '09:00',
    slotPattern: [
      { type: 'new', minutes: 20 },
      { type: 'two-week-wait', minutes: 30 },
      { type: 'follow-up', minutes: 15 },
    ],
    recurrence: { kind: 'weekly' },
    validFrom: null,
    validTo: null,
    ...overrides,
  };
}

const dates = (days: { date: string; closedBecause: string | null }[]) => days.map((d) => d.date);

describe('recurrence', () => {
  it.each<[string, Partial<ClinicTemplate>, string, string, string[]]>([
    [
      'every week',
      {},
      '2026-03-01',
      '2026-03-31',
      ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'],
    ],
    [
      'alternate weeks counted from the anchor week',
      { weekday: 3, recurrence: { kind: 'alternate', anchor: '2026-03-02' } },
      '2026-03-01',
      '2026-04-05',
      ['2026-03-04', '2026-03-18', '2026-04-01'],
    ],
    [
      'alternate weeks with an anchor in the off week',
      { weekday: 3, recurrence: { kind: 'alternate', anchor: '2026-03-11' } },
      '2026-03-01',
      '2026-04-05',
      ['2026-03-11', '2026-03-25'],
    ],
    [
      '1st and 3rd Tuesday of the month',
      { weekday: 2, recurrence: { kind: 'monthly', weeks: [1, 3] } },
      '2026-03-01',
      '2026-04-30',
      ['2026-03-03', '2026-03-17', '2026-04-07', '2026-04-21'],
    ],
    [
      'a 5th Tuesday only when the month has one',
      { weekday: 2, recurrence: { kind: 'monthly', weeks: [5] } },
      '2026-03-01',
      '2026-05-31',
      ['2026-03-31'],
    ],
    [
      'only between its from and to dates',
      { validFrom: '2026-03-09', validTo: '2026-03-23' },
      '2026-03-01',
      '2026-03-31',
      ['2026-03-09', '2026-03-16', '2026-03-23'],
    ],
  ])('%s', (_name, overrides, from, to, expected) => {
    expect(dates(templateDays(template(overrides), from, to, []))).toEqual(expected);
  });

  it('marks bank holidays by rule and the Trust’s own closures, with the reason', () => {
    const days = templateDays(template(), '2026-04-01', '2026-05-31', [
      { date: '2026-05-18', reason: 'Trust closure: national day of mourning' },
    ]);
    expect(days.filter((d) => d.closedBecause)).toEqual([
      { date: '2026-04-06', closedBecause: 'Bank holiday' }, // Easter Monday
      { date: '2026-05-04', closedBecause: 'Bank holiday' }, // Early May
      { date: '2026-05-18', closedBecause: 'Trust closure: national day of mourning' },
      { date: '2026-05-25', closedBecause: 'Bank holiday' }, // Spring
    ]);
    expect(closureOn('2026-12-28', [])).toBe('Bank holiday'); // Boxing Day substitute
    expect(closureOn('2026-12-29', [])).toBeNull();
  });

  it('counts the week of the month from the day of the month', () => {
    expect(['2026-03-01', '2026-03-07', '2026-03-08', '2026-03-29'].map(weekOfMonth)).toEqual([
      1, 1, 2, 5,
    ]);
  });

  it('keeps wall-clock slot times across the change to BST, and London time decides what has started', () => {
    // Clocks go forward on Sunday 29 March 2026.
    const before = buildSession(template(), '2026-03-23');
    const after = buildSession(template(), '2026-03-30');
    expect(before.slots.map((s) => s.startTime)).toEqual(['09:00', '09:20', '09:50']);
    expect(after.slots.map((s) => s.startTime)).toEqual(['09:00', '09:20', '09:50']);
    expect(after.session.endTime).toBe('10:05');
    const first = (s: typeof before) => s.slots[0]!;
    // 08:10 UTC is 08:10 in GMT but 09:10 in BST.
    expect(
      hasSlotStarted(first(before), { today: '2026-03-23', now: '2026-03-23T08:10:00Z' }),
    ).toBe(false);
    expect(hasSlotStarted(first(after), { today: '2026-03-30', now: '2026-03-30T08:10:00Z' })).toBe(
      true,
    );
    expect(
      hasSlotStarted(after.slots[1]!, { today: '2026-03-30', now: '2026-03-30T08:10:00Z' }),
    ).toBe(false);
  });

  it('gives a session and its slots ids from the template and the day, and slot types in order', () => {
    const { session, slots } = buildSession(template(), '2026-10-26'); // the Monday after BST ends
    expect(session.id).toBe('ses-tpl-t-2026-10-26');
    expect(slots.map((s) => [s.id, s.startTime, s.type])).toEqual([
      ['ses-tpl-t-2026-10-26-1', '09:00', 'new'],
      ['ses-tpl-t-2026-10-26-2', '09:20', 'two-week-wait'],
      ['ses-tpl-t-2026-10-26-3', '09:50', 'follow-up'],
    ]);
  });

  const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
    fc.constant<Recurrence>({ kind: 'weekly' }),
    fc
      .integer({ min: 0, max: 400 })
      .map((d): Recurrence => ({ kind: 'alternate', anchor: addDays('2025-06-01', d) })),
    fc
      .uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 })
      .map((weeks): Recurrence => ({ kind: 'monthly', weeks })),
  );

  it('only ever gives days on the weekday, inside the range and the template’s dates, each once (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        recurrence,
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 120 }),
        fc.option(fc.integer({ min: 0, max: 200 })),
        (weekday, r, start, length, validOffset) => {
          const from = addDays('2025-09-01', start);
          const to = addDays(from, length);
          const validFrom = validOffset === null ? null : addDays('2025-09-01', validOffset);
          const t = template({ weekday, recurrence: r, validFrom });
          const days = dates(templateDays(t, from, to, []));
          expect(new Set(days).size).toBe(days.length);
          for (const d of days) {
            expect(weekdayOf(d)).toBe(weekday);
            expect(d >= from && d <= to).toBe(true);
            if (validFrom) expect(d >= validFrom).toBe(true);
            expect(occursOn(t, d)).toBe(true);
          }
          // Nothing is missed: every matching day in the range is there.
          for (let d = from; d <= to; d = addDays(d, 1)) {
            expect(days.includes(d)).toBe(occursOn(t, d));
          }
        },
      ),
    );
  });
});
