import { describe, expect, it } from 'vitest';
import { generateDepartment, longerWaitingThan, openReview, rttClock } from '@clinicdesk/domain';
import { writeChanges } from '../sync/local-changes.ts';
import { createReadState, rowKey, type RowsRead } from './read-state.ts';
import { useTestDevice } from './test-device.test-support.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 11, today: TODAY, referrals: 400 });
const db = useTestDevice(DEPT);

/** What the rule asks for, worked out the slow way: every pathway, filtered in memory. */
function expectedQueue(clinicianId: string | null, priority: string, before = '9999-12-31') {
  return DEPT.referrals
    .filter(
      (r) =>
        r.status === 'waiting' &&
        r.priority === priority &&
        r.clinicianId === clinicianId &&
        r.receivedDate < before,
    )
    .map((r) => r.id)
    .sort();
}

/** The days a queue's pathways were received, and a day after them all: cut-offs to try. */
function cutOffs(clinicianId: string | null, priority: string): string[] {
  const days = DEPT.referrals
    .filter(
      (r) => r.status === 'waiting' && r.priority === priority && r.clinicianId === clinicianId,
    )
    .map((r) => r.receivedDate)
    .sort();
  return [...new Set([...days, '9999-12-31'])];
}

describe("a clinician's queue of waiting pathways on the device (issue 10: read by index)", () => {
  const queues = [
    ...new Set(
      DEPT.referrals
        .filter((r) => r.status === 'waiting' && r.priority)
        .map((r) => `${r.clinicianId}|${r.priority}`),
    ),
  ].map((k) => k.split('|') as [string, string]);

  it('has queues of more than one clinician and priority to check', () => {
    expect(new Set(queues.map(([c]) => c)).size).toBeGreaterThan(2);
    expect(new Set(queues.map(([, p]) => p)).size).toBeGreaterThan(1);
  });

  it('holds exactly the waiting pathways of each clinician at each priority received before each day', async () => {
    const state = createReadState(db());
    let checked = 0;
    for (const [c, p] of queues) {
      for (const before of cutOffs(c, p)) {
        const got = (await state.waitingReferrals(c, p as 'routine', before)).map((r) => r.id);
        expect(got.sort(), `${c} at ${p} before ${before}`).toEqual(expectedQueue(c, p, before));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(queues.length * 2);
  });

  it('finds the same longer-waiting pathway as reading the whole queue, for every waiting pathway', async () => {
    const state = createReadState(db());
    const waiting = DEPT.referrals.filter((r) => r.status === 'waiting' && r.priority);
    let found = 0;
    for (const referral of waiting) {
      const mine = rttClock(referral.rttEvents, TODAY).daysWaited;
      const longest = DEPT.referrals
        .filter(
          (r) =>
            r.id !== referral.id &&
            r.status === 'waiting' &&
            r.priority === referral.priority &&
            r.clinicianId === referral.clinicianId &&
            !openReview(r),
        )
        .map((r) => ({ id: r.id, days: rttClock(r.rttEvents, TODAY).daysWaited }))
        .filter((r) => r.days > mine)
        .sort((a, b) => b.days - a.days)[0];
      const got = await longerWaitingThan(state, referral, TODAY);
      expect(got?.daysWaited, referral.id).toBe(longest?.days);
      if (got) found++;
    }
    expect(found).toBeGreaterThan(10);
  });

  it('reads the pathways with no clinician yet by status (IndexedDB leaves them out of the index)', async () => {
    const waiting = DEPT.referrals.filter((r) => r.status === 'waiting' && r.priority);
    const unassigned = waiting
      .slice(0, 3)
      .map((r) => ({ ...r, clinicianId: null, priority: 'soon' as const }));
    await db().rows('referrals').bulkPut(unassigned);
    const got = await createReadState(db()).waitingReferrals(null, 'soon', '9999-12-31');
    expect(got.map((r) => r.id).sort()).toEqual(unassigned.map((r) => r.id).sort());
    const oldest = unassigned.map((r) => r.receivedDate).sort()[0]!;
    const before = await createReadState(db()).waitingReferrals(null, 'soon', oldest);
    expect(before).toEqual([]);
  });

  it('leaves a pathway out once it is booked, and finds the one waiting longer in its place', async () => {
    const [c, p] = queues.find(([c, p]) => expectedQueue(c, p).length >= 3)!;
    const queue = DEPT.referrals.filter((r) => expectedQueue(c, p).includes(r.id));
    const newest = queue.reduce((a, b) => (a.receivedDate > b.receivedDate ? a : b));
    const state = createReadState(db());
    const before = await longerWaitingThan(state, newest, TODAY);
    expect(before).toBeDefined();
    await db()
      .rows('referrals')
      .put({ ...before!.referral, status: 'booked' });
    const after = await longerWaitingThan(state, newest, TODAY);
    expect(after?.referral.id).not.toBe(before!.referral.id);
    expect(
      (await state.waitingReferrals(c, p as 'routine', '9999-12-31')).map((r) => r.id),
    ).not.toContain(before!.referral.id);
  });
});

describe('the rows one edit reads, remembered (issue 10)', () => {
  it('reads a row once, hands out copies, and keeps the row as stored for the undo', async () => {
    const read: RowsRead = new Map();
    const state = createReadState(db(), read);
    const slot = DEPT.slots[0]!;
    const first = await state.get('slots', slot.id);
    // Changed under the edit (it cannot be, inside its transaction): the remembered row answers.
    await db()
      .rows('slots')
      .put({ ...slot, status: 'blocked' });
    const second = await state.get('slots', slot.id);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    (first as { status: string }).status = 'booked';
    expect(read.get(rowKey('slots', slot.id))).toEqual(slot);
    expect(await state.get('appointments', 'appt-none')).toBeUndefined();
    expect(read.get(rowKey('appointments', 'appt-none'))).toBeNull();
  });

  it('takes the undo from the rows read, and reads the others', async () => {
    const read: RowsRead = new Map();
    const state = createReadState(db(), read);
    const [slot, other] = [DEPT.slots[0]!, DEPT.slots[1]!];
    await state.get('slots', slot.id);
    const undo = await db().transaction('rw', db().rows('slots'), () =>
      writeChanges(
        db(),
        [
          { table: 'slots', row: { ...slot, status: 'blocked' } },
          { table: 'slots', row: { ...other, status: 'blocked' } },
          { table: 'slots', row: { ...slot, id: 'slot-new' } },
        ],
        read,
      ),
    );
    expect(undo).toEqual([
      { table: 'slots', id: slot.id, before: slot },
      { table: 'slots', id: other.id, before: other },
      { table: 'slots', id: 'slot-new', before: null },
    ]);
  });
});
