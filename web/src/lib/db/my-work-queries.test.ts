import { describe, expect, it } from 'vitest';
import { createRandom, generateDepartment, type Department } from '@clinicdesk/domain';
import { editWaitingListAtRandom, useTestDevice } from './test-device.test-support.ts';
import {
  keptWaitingCount,
  myWorklists,
  orderWorklists,
  watchKeptWorklists,
  type WorklistSummary,
} from './my-work-queries.ts';
import { keptValidationWorklist } from './kept-lists.ts';
import { triageQueue, validationWorklist } from './pathway-queries.ts';
import { waitingEntries } from './queries.ts';
import { rebookWorklist } from './rebook-queries.ts';
import { unsentLetterCount } from './letter-queries.ts';
import { contactLog, myWorkCount, openTasksByPerson, openTasksOf } from './work-item-queries.ts';
import { mutate } from '../sync/outbox.ts';

// Issue 8: My work counts each worklist with the query its own page uses, most urgent first.

const TODAY = '2026-11-24';
const CLOCK = { now: new Date('2026-11-24T09:00:00Z'), today: TODAY };
const DEPT: Department = generateDepartment({ seed: 8, today: TODAY, referrals: 400 });
const SITE = DEPT.sites[0]!.id;
/** The test device's one user: a client id without a device part is the user's id. */
const ME = 'client-test';
const db = useTestDevice(DEPT);

async function edit(name: string, args: unknown, clock = CLOCK) {
  const result = await mutate(db(), ME, name, args, clock);
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
}

const task = (taskId: string, dueDate: string | null, userId = ME) => ({
  taskId,
  siteId: SITE,
  title: `Letter ${taskId}`,
  priority: 'soon',
  dueDate,
  source: 'post',
  assignee: { userId, name: userId },
});

const byKey = (lists: WorklistSummary[]) => new Map(lists.map((l) => [l.key, l]));

describe('My work on a device', () => {
  it('gives a co-ordinator the booking office’s lists with the counts their pages show', async () => {
    const lists = byKey(await myWorklists(db(), 'booking-coordinator', ME, TODAY));
    expect([...lists.keys()].sort()).toEqual(
      [
        'conflicts',
        'follow-ups',
        'letters',
        'rebook',
        'tasks',
        'triage',
        'validation',
        'waiting-list',
      ].sort(),
    );
    const triage = await triageQueue(db(), TODAY);
    expect(lists.get('triage')).toMatchObject({
      count: triage.length,
      overdue: triage.filter((l) => l.overdue).length,
    });
    expect(lists.get('rebook')?.count).toBe((await rebookWorklist(db(), TODAY)).length);
    expect(lists.get('letters')?.count).toBe(await unsentLetterCount(db()));
    expect(lists.get('waiting-list')?.count).toBeGreaterThan(10);
  });

  it('puts my overdue tasks first, with the earliest due date, and leaves others’ tasks off', async () => {
    await edit('task.add', task('t-later', '2026-12-01'));
    await edit('task.add', task('t-colleague', '2026-11-25', 'user-sam'));
    // Added yesterday, due yesterday: overdue today.
    await edit('task.add', task('t-overdue', '2026-11-23'), {
      now: new Date('2026-11-23T09:00:00Z'),
      today: '2026-11-23',
    });
    expect((await openTasksOf(db(), ME)).map((t) => t.id)).toEqual(['t-overdue', 't-later']);
    const lists = await myWorklists(db(), 'medical-secretary', ME, TODAY);
    expect(lists.find((l) => l.key === 'tasks')).toMatchObject({
      count: 2,
      overdue: 1,
      earliest: '2026-11-23',
    });
    expect(await myWorkCount(db(), ME, false)).toBe(2);
    expect([...(await openTasksByPerson(db())).keys()].sort()).toEqual([ME, 'user-sam']);
    await edit('task.done', { taskId: 't-overdue' });
    expect(await myWorkCount(db(), ME, false)).toBe(1);
  });

  it('gives a manager the escalated calls, all urgent, until one is closed', async () => {
    await edit('contact.log', {
      contactId: 'call-1',
      siteId: SITE,
      callerName: 'Mr Test',
      relationship: 'relative-or-carer',
      category: 'complaint',
      said: 'Waited two hours',
      done: 'Apologised',
      escalate: true,
      escalationReason: 'Formal complaint',
    });
    const escalations = () =>
      myWorklists(db(), 'manager', ME, TODAY).then((l) => byKey(l).get('escalations'));
    expect(await escalations()).toMatchObject({ count: 1, overdue: 1, earliest: TODAY });
    expect(await myWorkCount(db(), ME, true)).toBe(1);
    expect((await contactLog(db(), { escalatedOnly: true, category: '', from: null })).length).toBe(
      1,
    );
    await edit('contact.close', { contactId: 'call-1', outcome: 'Rang back' });
    expect(await escalations()).toMatchObject({ count: 0, overdue: 0 });
    expect(
      (await contactLog(db(), { escalatedOnly: false, category: 'complaint', from: null }))[0]
        ?.contact.status,
    ).toBe('closed');
  });

  it('does not give a receptionist the booking office’s lists', async () => {
    const keys = (await myWorklists(db(), 'receptionist', ME, TODAY)).map((l) => l.key);
    expect(keys.sort()).toEqual(['conflicts', 'letters']);
  });
});

describe('the lists My work keeps while it shows them (issue 10)', () => {
  it('keeps the count of referrals to book exactly as the waiting list reads afresh, through edits', async () => {
    const fresh = async () => {
      const dates = (await waitingEntries(db(), TODAY)).map((e) => e.clock.treatByDate);
      const known = dates.filter((d) => d !== null).sort();
      return {
        count: dates.length,
        overdue: known.filter((d) => d < TODAY).length,
        earliest: known[0] ?? null,
      };
    };
    const kept = keptWaitingCount(db(), TODAY);
    const given: unknown[] = [];
    const stop = kept.subscribe((c) => given.push(c));
    const random = createRandom(31);
    try {
      await kept.settled();
      expect(kept.current).toEqual(await fresh());
      for (let step = 0; step < 40; step++) {
        await editWaitingListAtRandom(db(), random, step);
        await kept.settled();
        expect(kept.current, `after step ${step}`).toEqual(await fresh());
      }
      expect(new Set(given).size).toBe(given.length);
    } finally {
      stop();
    }
    // Held only while My work shows it.
    expect(kept.current).toBeUndefined();
  }, 30_000);

  it('counts what My work showed again when a pathway is validated', async () => {
    const counts: number[] = [];
    const stop = watchKeptWorklists(db(), 'booking-coordinator', TODAY, (summary) => {
      if (summary.key === 'validation') counts.push(summary.count);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await keptValidationWorklist(db(), TODAY).settled();
      const open = (await validationWorklist(db(), TODAY)).filter((l) => !l.validated);
      expect(counts.at(-1)).toBe(open.length);
      expect(open.length).toBeGreaterThan(0);
      await edit('pathway.validate', {
        referralId: open[0]!.referral.id,
        key: open[0]!.item.key,
        comment: 'Checked',
      });
      await keptValidationWorklist(db(), TODAY).settled();
      expect(counts.at(-1)).toBe(open.length - 1);
    } finally {
      stop();
    }
  });
});

const list = (key: string, count: number, overdue: number, earliest: string | null) => ({
  key,
  label: key,
  href: '/',
  dueMeans: '',
  count,
  overdue,
  earliest,
});

describe('orderWorklists', () => {
  it('puts the most overdue first, then the earliest date, then the busiest, empty lists last', () => {
    const ordered = orderWorklists([
      list('empty', 0, 0, null),
      list('busy-undated', 40, 0, null),
      list('early', 3, 0, '2026-11-01'),
      list('one-overdue', 5, 1, '2026-11-20'),
      list('many-overdue', 9, 4, '2026-11-22'),
    ]);
    expect(ordered.map((l) => l.key)).toEqual([
      'many-overdue',
      'one-overdue',
      'early',
      'busy-undated',
      'empty',
    ]);
  });
});
