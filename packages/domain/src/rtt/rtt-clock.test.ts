import { describe, it, expect } from 'vitest';
import { addDays } from '../calendar/calendar-date.ts';
import type { RttCode } from '../referrals/referral.ts';
import { rttClock, type RttClock } from './rtt-clock.ts';
import cases from './fixtures/cases.json';

type Ev = { date: string; code: RttCode };
type Case = { name: string; events: Ev[]; asOf: string; expect: RttClock };

const ev = (date: string, code: RttCode): Ev => ({ date, code });

describe('rttClock: shared contract cases (shared/rtt/cases.json)', () => {
  it.each(cases as Case[])('$name', ({ events, asOf, expect: expected }) => {
    expect(rttClock(events, asOf)).toEqual(expected);
  });
});

type RuleCase = { name: string; events: Ev[]; asOf: string; expect: Partial<RttClock> };

const rules: RuleCase[] = [
  {
    name: 'a referral dated after the day asked is ignored: no clock yet',
    events: [ev('2026-03-03', '10')],
    asOf: '2026-03-02',
    expect: { state: 'none', clockStart: null, treatByDate: null, problems: [] },
  },
  {
    name: 'an event dated on the day asked counts',
    events: [ev('2026-01-05', '10'), ev('2026-03-02', '30')],
    asOf: '2026-03-02',
    expect: { state: 'stopped', stopDate: '2026-03-02', stopCode: '30', daysWaited: 56 },
  },
  {
    name: 'an out-of-order event after the day asked is dropped before order is checked',
    events: [ev('2026-01-05', '10'), ev('2026-04-01', '30'), ev('2026-02-01', '20')],
    asOf: '2026-03-01',
    expect: { state: 'running', daysWaited: 55, problems: [] },
  },
  {
    name: 'sorting is stable: same-day events keep list order (10 then 33 nullifies)',
    events: [ev('2026-02-01', '20'), ev('2026-01-05', '10'), ev('2026-01-05', '33')],
    asOf: '2026-03-01',
    expect: {
      state: 'nullified',
      clockStart: '2026-01-05',
      problems: ['events-out-of-order', 'activity-without-clock'],
    },
  },
  {
    name: 'sorting is stable: same-day events keep list order (33 before 10 has no clock)',
    events: [ev('2026-02-01', '20'), ev('2026-01-05', '33'), ev('2026-01-05', '10')],
    asOf: '2026-03-01',
    expect: {
      state: 'running',
      clockStart: '2026-01-05',
      problems: ['events-out-of-order', 'activity-without-clock'],
    },
  },
  {
    name: 'same-day events in list order are not out of order',
    events: [ev('2026-01-05', '10'), ev('2026-01-05', '20')],
    asOf: '2026-01-06',
    expect: { state: 'running', problems: [] },
  },
  {
    name: 'an 11 after patient-initiated active monitoring (31) restarts cleanly',
    events: [ev('2026-01-05', '10'), ev('2026-02-02', '31'), ev('2026-04-06', '11')],
    asOf: '2026-04-13',
    expect: { state: 'running', clockStart: '2026-04-06', daysWaited: 7, problems: [] },
  },
  {
    name: 'an 11 after a decision not to treat (34) starts a clock but is flagged',
    events: [ev('2026-01-05', '10'), ev('2026-02-02', '34'), ev('2026-04-06', '11')],
    asOf: '2026-04-13',
    expect: {
      state: 'running',
      clockStart: '2026-04-06',
      problems: ['restart-without-active-monitoring'],
    },
  },
  {
    name: 'an 11 with no earlier clock starts a clock but is flagged',
    events: [ev('2026-01-05', '11')],
    asOf: '2026-01-12',
    expect: { state: 'running', problems: ['restart-without-active-monitoring'] },
  },
  {
    name: 'an 11 after a nullified clock starts a clock but is flagged',
    events: [ev('2026-01-05', '10'), ev('2026-01-20', '33'), ev('2026-02-02', '11')],
    asOf: '2026-02-09',
    expect: {
      state: 'running',
      clockStart: '2026-02-02',
      problems: ['restart-without-active-monitoring'],
    },
  },
  {
    name: 'an 11 while a clock runs is only clock-already-running',
    events: [ev('2026-01-05', '10'), ev('2026-01-19', '11')],
    asOf: '2026-02-02',
    expect: { state: 'running', clockStart: '2026-01-05', problems: ['clock-already-running'] },
  },
  {
    name: 'problems are reported once each, in the order first met',
    events: [
      ev('2026-01-05', '10'),
      ev('2026-01-06', '12'),
      ev('2026-01-10', '30'),
      ev('2026-01-11', '21'),
      ev('2026-01-12', '10'),
      ev('2026-01-13', '10'),
      ev('2026-01-20', '36'),
      ev('2026-01-21', '20'),
    ],
    asOf: '2026-02-01',
    expect: {
      state: 'stopped',
      clockStart: '2026-01-12',
      stopCode: '36',
      problems: ['clock-already-running', 'activity-without-clock'],
    },
  },
  {
    name: 'a DNA with no clock running is activity-without-clock',
    events: [ev('2026-01-05', '33')],
    asOf: '2026-01-12',
    expect: { state: 'none', stopCode: null, problems: ['activity-without-clock'] },
  },
  {
    name: 'a DNA after a transfer (21) is after first attendance and does not nullify',
    events: [ev('2026-01-05', '10'), ev('2026-01-19', '21'), ev('2026-02-02', '33')],
    asOf: '2026-02-02',
    expect: { state: 'running', problems: ['dna-after-first-attendance'] },
  },
  {
    name: 'attendance belongs to its own clock: a first DNA on a new clock nullifies it',
    events: [
      ev('2026-01-05', '10'),
      ev('2026-01-19', '20'),
      ev('2026-02-02', '32'),
      ev('2026-03-02', '11'),
      ev('2026-03-16', '33'),
    ],
    asOf: '2026-03-20',
    expect: { state: 'nullified', clockStart: '2026-03-02', stopCode: '33', problems: [] },
  },
  {
    name: 'a nullified clock keeps its start, reports 33, and counts no wait even if old',
    events: [ev('2025-01-06', '10'), ev('2025-02-03', '33')],
    asOf: '2026-01-06',
    expect: {
      state: 'nullified',
      clockStart: '2025-01-06',
      stopDate: null,
      stopCode: '33',
      daysWaited: 0,
      weeksWaited: 0,
      treatByDate: null,
      breached: false,
    },
  },
  {
    name: 'a new 10 after a nullify starts a fresh clock with no problems',
    events: [ev('2026-01-05', '10'), ev('2026-01-20', '33'), ev('2026-02-02', '10')],
    asOf: '2026-02-09',
    expect: {
      state: 'running',
      clockStart: '2026-02-02',
      stopCode: null,
      daysWaited: 7,
      treatByDate: '2026-06-08',
      problems: [],
    },
  },
  {
    name: 'a 12 after a stopped clock starts a fresh clock',
    events: [ev('2026-01-05', '10'), ev('2026-01-20', '30'), ev('2026-02-02', '12')],
    asOf: '2026-02-02',
    expect: { state: 'running', clockStart: '2026-02-02', stopDate: null, daysWaited: 0 },
  },
  {
    name: 'a stopped clock waits to its stop date, not to the day asked, and can be breached',
    events: [ev('2025-06-02', '10'), ev('2025-10-07', '30')],
    asOf: '2026-06-01',
    expect: { state: 'stopped', daysWaited: 127, weeksWaited: 19, breached: true },
  },
  {
    name: 'patient death (36) stops the clock',
    events: [ev('2026-01-05', '10'), ev('2026-01-26', '36')],
    asOf: '2026-02-02',
    expect: { state: 'stopped', stopCode: '36', daysWaited: 21 },
  },
  {
    name: 'codes 90, 91, 92, 98 and 99 have no effect and raise no problem',
    events: ['90', '91', '92', '98', '99'].map((code) => ev('2026-01-01', code as RttCode)),
    asOf: '2026-01-12',
    expect: { state: 'none', problems: [] },
  },
];

describe('rttClock: rules the contract leaves open or that are easy to get wrong', () => {
  it.each(rules)('$name', ({ events, asOf, expect: expected }) => {
    expect(rttClock(events, asOf)).toMatchObject(expected);
  });

  it('accepts events carrying extra fields such as a cause', () => {
    const events = [{ date: '2026-01-05', code: '10' as const, cause: 'GP referral' }];
    expect(rttClock(events, '2026-01-12').state).toBe('running');
  });

  it('does not reorder or change the events it is given', () => {
    const events = [ev('2026-02-16', '20'), ev('2026-01-05', '10')];
    const copy = events.map((e) => ({ ...e }));
    rttClock(events, '2026-03-02');
    expect(events).toEqual(copy);
  });
});

describe('rttClock: weeksWaited follows the national time bands (ceil of days / 7)', () => {
  it.each([
    { days: 0, weeks: 0, breached: false },
    { days: 1, weeks: 1, breached: false },
    { days: 7, weeks: 1, breached: false },
    { days: 8, weeks: 2, breached: false },
    { days: 126, weeks: 18, breached: false },
    { days: 127, weeks: 19, breached: true },
    { days: 364, weeks: 52, breached: true },
    { days: 365, weeks: 53, breached: true },
  ])('$days days waited is week $weeks', ({ days, weeks, breached }) => {
    const start = '2025-01-06';
    const asOf = addDays(start, days);
    const clock = rttClock([ev(start, '10')], asOf);
    expect(clock).toMatchObject({ daysWaited: days, weeksWaited: weeks, breached });
  });

  it('a 52-plus week waiter has weeksWaited over 52; 364 days is not one', () => {
    expect(rttClock([ev('2025-01-06', '10')], '2026-01-06').weeksWaited).toBeGreaterThan(52);
    expect(rttClock([ev('2025-01-06', '10')], '2026-01-05').weeksWaited).toBe(52);
  });
});
