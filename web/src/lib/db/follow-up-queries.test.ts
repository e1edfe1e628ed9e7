import { describe, expect, it } from 'vitest';
import { addDays, generateDepartment } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import { followUpList } from './follow-up-queries.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 6, today: TODAY, referrals: 500 });
const db = useTestDevice(DEPT);

describe('the waiting-for-review list', () => {
  it('puts overdue first, then due within the 6-week window, then later ones with the day they can be booked', async () => {
    const waiting = DEPT.referrals.filter((r) => r.status === 'waiting').slice(0, 3);
    const dues = [addDays(TODAY, -3), addDays(TODAY, 20), addDays(TODAY, 70)];
    await db()
      .rows('referrals')
      .bulkPut(
        waiting.map((r, i) => ({ ...r, status: 'follow-up' as const, followUpDueDate: dues[i]! })),
      );
    const lines = await followUpList(db(), TODAY);
    const mine = lines.filter((l) => waiting.some((w) => w.id === l.referral.id));
    expect(mine.map((l) => [l.referral.followUpDueDate, l.state])).toEqual([
      [dues[0], 'overdue'],
      [dues[1], 'book-now'],
      [dues[2], 'later'],
    ]);
    expect(mine[2]!.bookFrom).toBe(addDays(dues[2]!, -42));
    const order = lines.map((l) => l.state);
    const rank = ['overdue', 'no-date', 'book-now', 'later', 'booked'];
    expect(order.map((s) => rank.indexOf(s))).toEqual(
      [...order.map((s) => rank.indexOf(s))].sort((a, b) => a - b),
    );
  });

  it('shows a follow-up already booked with its appointment', async () => {
    const lines = await followUpList(db(), TODAY);
    const booked = lines.filter((l) => l.state === 'booked');
    expect(booked.length).toBeGreaterThan(0);
    for (const l of booked) expect(l.booked!.date >= TODAY).toBe(true);
  });
});
