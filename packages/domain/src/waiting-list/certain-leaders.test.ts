import { describe, expect, it } from 'vitest';
import { certainLeaders } from './certain-leaders.ts';

const line = (id: string, daysWaited: number) => ({ id, clock: { daysWaited } });
const TODAY = '2026-03-02';

describe('certainLeaders: the top of a list read from its oldest referrals only', () => {
  const ordered = [line('a', 40), line('b', 30), line('c', 20), line('d', 10)];

  it.each([
    { newestRead: '2026-02-10', atMost: 20, leaders: ['a', 'b'] },
    { newestRead: '2026-01-01', atMost: 60, leaders: [] },
    { newestRead: '2026-03-01', atMost: 1, leaders: ['a', 'b', 'c', 'd'] },
  ])(
    'keeps the lines that waited more than $atMost days ($newestRead read last)',
    ({ newestRead, leaders }) => {
      expect(certainLeaders(ordered, newestRead, TODAY).map((l) => l.id)).toEqual(leaders);
    },
  );

  it('stops at the first line that is not certain, even if a later one waited longer', () => {
    // Booking order within a priority is by wait, but a caller may pass a list sorted otherwise.
    const mixed = [line('a', 40), line('b', 5), line('c', 50)];
    expect(certainLeaders(mixed, '2026-02-10', TODAY).map((l) => l.id)).toEqual(['a']);
  });
});
