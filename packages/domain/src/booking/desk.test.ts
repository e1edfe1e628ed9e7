import { describe, expect, it } from 'vitest';
import { minutesWaited, nextDeskStep, waitingRoom } from './desk.ts';

const NOW = '2026-03-02T10:30:00.000Z';

describe('the desk’s next step', () => {
  it.each([
    ['booked', 'arrive'],
    ['arrived', 'with-clinician'],
    ['with-clinician', 'seen'],
    ['seen', null],
    ['did-not-attend', null],
    ['could-not-wait', null],
    ['cancelled-by-patient', null],
  ] as const)('after %s comes %s', (status, step) => {
    expect(nextDeskStep({ status })).toBe(step);
  });
});

describe('waiting times', () => {
  it.each([
    ['not arrived', null, null, null],
    ['still waiting', '2026-03-02T10:05:30.000Z', null, 24],
    ['called in after 10 minutes', '2026-03-02T10:00:00.000Z', '2026-03-02T10:10:59.000Z', 10],
    ['a clock that ran backwards', '2026-03-02T10:40:00.000Z', null, 0],
  ])('counts whole minutes from arrival: %s', (_, arrivedAt, waitEndedAt, minutes) => {
    expect(minutesWaited({ arrivedAt, waitEndedAt }, NOW)).toBe(minutes);
  });

  it('counts only patients still in the waiting room for a clinic, with the longest wait', () => {
    expect(
      waitingRoom(
        [
          { status: 'arrived', arrivedAt: '2026-03-02T10:20:00.000Z', waitEndedAt: null },
          { status: 'arrived', arrivedAt: '2026-03-02T09:50:00.000Z', waitEndedAt: null },
          {
            status: 'with-clinician',
            arrivedAt: '2026-03-02T09:00:00.000Z',
            waitEndedAt: '2026-03-02T09:45:00.000Z',
          },
          { status: 'booked', arrivedAt: null, waitEndedAt: null },
        ],
        NOW,
      ),
    ).toEqual({ waiting: 2, longestMinutes: 40 });
    expect(waitingRoom([], NOW)).toEqual({ waiting: 0, longestMinutes: null });
  });
});
