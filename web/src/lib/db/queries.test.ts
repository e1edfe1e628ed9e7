import { describe, expect, it } from 'vitest';
import { addDays, generateDepartment, prioritiseWaitingList, rttClock } from '@clinicdesk/domain';
import { waitingEntries, waitingFirstScreen } from './queries.ts';
import { useTestDevice } from './test-device.test-support.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 14, today: TODAY, referrals: 900 });
const db = useTestDevice(DEPT);

const ids = (entries: { referral: { id: string } }[]) => entries.map((e) => e.referral.id);

describe('the whole waiting list, read in slices (issue 10)', () => {
  it('holds every waiting pathway with a priority once, in booking order', async () => {
    const waiting = DEPT.referrals.filter((r) => r.status === 'waiting');
    // One received ahead of today (a date typed ahead), one on a slice's edge, one untriaged.
    const ahead = { ...waiting[0]!, id: 'ref-ahead', receivedDate: addDays(TODAY, 3) };
    const edge = { ...waiting[1]!, id: 'ref-edge', receivedDate: TODAY };
    const untriaged = { ...waiting[2]!, id: 'ref-untriaged', priority: null };
    await db().rows('referrals').bulkPut([ahead, edge, untriaged]);
    const expected = prioritiseWaitingList([...waiting, ahead, edge, untriaged], TODAY);
    expect(ids(await waitingEntries(db(), TODAY))).toEqual(ids(expected));
    expect(ids(expected)).toContain('ref-ahead');
    expect(ids(expected)).not.toContain('ref-untriaged');
  });
});

describe("the waiting list's first screen (issue 10)", () => {
  it('is exactly the top of the whole list, however few pathways of each priority it reads', async () => {
    const whole = await waitingEntries(db(), TODAY);
    expect(new Set(whole.map((e) => e.referral.priority)).size).toBeGreaterThan(2);
    for (const [wanted, limit] of [
      [50, 5],
      [50, 20],
      [50, 60],
      [10, 200],
      [50, 5000],
    ] as const) {
      const first = await waitingFirstScreen(db(), TODAY, wanted, limit);
      // Reading too few to be certain of any line leaves the screen to the whole list.
      if (limit >= 60) expect(first.length, `wanted ${wanted}, limit ${limit}`).toBeGreaterThan(0);
      expect(first.length).toBeLessThanOrEqual(wanted);
      expect(ids(first)).toEqual(ids(whole.slice(0, first.length)));
    }
  });

  it('fills a whole screen from the oldest pathways when it reads enough of them', async () => {
    const first = await waitingFirstScreen(db(), TODAY, 50);
    const whole = await waitingEntries(db(), TODAY);
    expect(ids(first)).toEqual(ids(whole.slice(0, 50)));
  });

  it('keeps booking order when a clock restarted after the referral came in (a DNA, then rebooked)', async () => {
    // The oldest routine referral had its clock restarted last week: it now waits one week.
    const routine = DEPT.referrals
      .filter((r) => r.status === 'waiting' && r.priority === 'routine')
      .sort((a, b) => a.receivedDate.localeCompare(b.receivedDate));
    const restarted = routine[0]!;
    await db()
      .rows('referrals')
      .put({
        ...restarted,
        rttEvents: [
          ...restarted.rttEvents,
          { date: addDays(TODAY, -21), code: '33', cause: 'Did not attend the first appointment' },
          { date: addDays(TODAY, -7), code: '10', cause: 'Rebooked after did not attend' },
        ],
      });
    const rebooked = (await db().rows('referrals').get(restarted.id))!;
    expect(rttClock(rebooked.rttEvents, TODAY).daysWaited).toBe(7);
    const whole = await waitingEntries(db(), TODAY);
    for (const limit of [3, 10, 40]) {
      const first = await waitingFirstScreen(db(), TODAY, 50, limit);
      expect(ids(first)).toEqual(ids(whole.slice(0, first.length)));
    }
    const first = await waitingFirstScreen(db(), TODAY, 500, 5000);
    const at = ids(first).indexOf(restarted.id);
    expect(at).toBeGreaterThan(ids(first).indexOf(routine[1]!.id));
  });

  it('is empty when nobody is waiting', async () => {
    await db().rows('referrals').clear();
    expect(await waitingFirstScreen(db(), TODAY, 50)).toEqual([]);
  });
});
