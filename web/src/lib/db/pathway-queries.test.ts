import { describe, expect, it } from 'vitest';
import { addDays, byLongestWait, generateDepartment, TRUST_SETTINGS_ID } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import { loadPtlFirstScreen, triageQueue, validationWorklist } from './pathway-queries.ts';
import { loadPtl, patientIndex } from './kept-lists.ts';
import { EMPTY_FILTER, filterPtl, PTL_COLUMNS, ptlCsv, sortPtl } from '../ptl/ptl-view.ts';
import { loadLookups } from './queries.ts';
import { mutate } from '../sync/outbox.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 9, today: TODAY, referrals: 800 });
const db = useTestDevice(DEPT);

const NONE = new Map();

describe('the PTL on a device', () => {
  it('shows exactly the top of the whole list on its first screen, from the oldest referrals alone', async () => {
    const all = sortPtl(await loadPtl(db(), TODAY), 'weeks', 'desc', NONE, NONE, NONE);
    const running = all.filter((r) => r.weeks !== null).length;
    for (const wanted of [1, 7, 20, 50, 120, 5000]) {
      const first = await loadPtlFirstScreen(db(), TODAY, wanted);
      // At least a screenful: it reads more when the first read gives too few certain rows.
      expect(first.length).toBeGreaterThanOrEqual(Math.min(wanted, running));
      // The same rows, next appointments and all.
      expect(first).toEqual(all.slice(0, first.length));
    }
    expect(all.slice(0, 120).some((r) => r.nextDate !== null)).toBe(true);
  });

  it('stops reading more at 2,560 referrals a status when the oldest clocks have all stopped', async () => {
    // 3,000 open pathways older than any other, every clock stopped (a first treatment given).
    const template = DEPT.referrals.find((r) => r.status === 'follow-up')!;
    const oldest = DEPT.referrals.map((r) => r.receivedDate).sort()[0]!;
    await db()
      .rows('referrals')
      .bulkPut(
        Array.from({ length: 3000 }, (_, i) => {
          const receivedDate = addDays(oldest, -30 - (i % 20));
          return {
            ...template,
            id: `ref-stopped-${String(i).padStart(4, '0')}`,
            receivedDate,
            rttEvents: [
              { date: receivedDate, code: '10' as const, cause: 'Referral received' },
              { date: addDays(receivedDate, 14), code: '30' as const, cause: 'Treated' },
            ],
          };
        }),
      );
    const all = sortPtl(await loadPtl(db(), TODAY), 'weeks', 'desc', NONE, NONE, NONE);
    expect(all.filter((r) => r.referralId.startsWith('ref-stopped-')).length).toBe(3000);
    expect(all.every((r) => !r.referralId.startsWith('ref-stopped-') || r.weeks === null)).toBe(
      true,
    );
    // Past the cap it shows only what it is certain of (here nothing) and the whole list follows.
    const first = await loadPtlFirstScreen(db(), TODAY, 40);
    expect(first.length).toBeLessThan(40);
    expect(first).toEqual(all.slice(0, first.length));
  });

  it('lists every open pathway once, and filters by flag, priority and NHS number', async () => {
    const rows = await loadPtl(db(), TODAY);
    const open = DEPT.referrals.filter(
      (r) => !['discharged', 'rejected', 'redirected'].includes(r.status),
    );
    expect(rows.map((r) => r.referralId).sort()).toEqual(open.map((r) => r.id).sort());
    const patients = await patientIndex(db());
    const breached = filterPtl(rows, { ...EMPTY_FILTER, flag: 'breached' }, patients);
    expect(breached.length).toBeGreaterThan(0);
    expect(breached.every((r) => r.weeks! > 18)).toBe(true);
    const long = filterPtl(rows, { ...EMPTY_FILTER, minWeeks: 30 }, patients);
    expect(long.length).toBeGreaterThan(0);
    expect(long.every((r) => r.weeks! >= 30)).toBe(true);
    const soon = filterPtl(rows, { ...EMPTY_FILTER, treatByOnOrBefore: '2026-12-31' }, patients);
    expect(soon.length).toBeGreaterThan(0);
    expect(soon.every((r) => r.weeks !== null && r.clock.treatByDate! <= '2026-12-31')).toBe(true);
    const booked = filterPtl(rows, { ...EMPTY_FILTER, nextOnOrBefore: '2026-12-31' }, patients);
    expect(booked.every((r) => r.nextDate !== null && r.nextDate <= '2026-12-31')).toBe(true);
    const one = rows[0]!;
    const nhs = patients.get(one.patientId)!.nhsNumber;
    const found = filterPtl(rows, { ...EMPTY_FILTER, text: nhs }, patients);
    expect(found.map((r) => r.patientId)).toContain(one.patientId);
    expect(found.every((r) => patients.get(r.patientId)!.nhsNumber === nhs)).toBe(true);
  });

  it('sorts by patient name either way, and exports the view as CSV a spreadsheet cannot run', async () => {
    const rows = await loadPtl(db(), TODAY);
    const patients = await patientIndex(db());
    const up = sortPtl(rows, 'patient', 'asc', patients, NONE, NONE);
    const names = up.map((r) => patients.get(r.patientId)!.familyName.toLowerCase());
    expect(names).toEqual([...names].sort());
    const down = sortPtl(rows, 'patient', 'desc', patients, NONE, NONE);
    expect(down[0]!.patientId).toBe(up.at(-1)!.patientId);
    const csv = ptlCsv(up.slice(0, 3), patients, NONE, NONE);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('"NHS number"');
    expect(lines[1]).toMatch(/^"[A-Z' -]+, [A-Za-z' -]+","999 \d{3} \d{4}"/);
    const evil = ptlCsv(
      [{ ...up[0]!, latestComment: '=HYPERLINK("http://example.com")' }],
      patients,
      NONE,
      NONE,
    );
    expect(evil).toContain(`"'=HYPERLINK(""http://example.com"")"`);
  });
});

describe('the PTL’s sort', () => {
  it('gives, for every column either way, the order of a full sort with the longest wait breaking ties', async () => {
    const rows = await loadPtl(db(), TODAY);
    expect(rows).toEqual([...rows].sort(byLongestWait));
    const patients = await patientIndex(db());
    const { clinicians, sites } = await loadLookups(db());
    const name = (r: (typeof rows)[number]) => patients.get(r.patientId)!;
    // Each column's value, written out again here rather than taken from the code under test.
    type Value = string | number | null | undefined;
    const valueOf: Record<(typeof PTL_COLUMNS)[number], (r: (typeof rows)[number]) => Value> = {
      // The place in surname order (its own test is above): two patients may share a name.
      patient: (r) => name(r).rank,
      nhsNumber: (r) => name(r).nhsNumber,
      clinician: (r) => clinicians.get(r.clinicianId ?? '')?.name ?? null,
      site: (r) => sites.get(r.siteId)?.name ?? r.siteId,
      priority: (r) =>
        r.priority ? ['two-week-wait', 'urgent', 'soon', 'routine'].indexOf(r.priority) : 4,
      clockStart: (r) => r.clock.clockStart,
      weeks: (r) => (r.weeks === null ? null : r.clock.daysWaited),
      treatBy: (r) => r.clock.treatByDate,
      next: (r) => r.nextDate,
      stage: (r) => r.stage,
      comment: (r) => r.latestComment,
    };
    for (const column of PTL_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const sign = direction === 'asc' ? 1 : -1;
        const expected = [...rows].reverse().sort((a, b) => {
          const [x, y] = [valueOf[column](a) ?? null, valueOf[column](b) ?? null];
          if (x === y) return byLongestWait(a, b);
          if (x === null) return 1;
          if (y === null) return -1;
          return (x < y ? -1 : 1) * sign;
        });
        const got = sortPtl(rows, column, direction, patients, clinicians, sites);
        expect(
          got.map((r) => r.referralId),
          `${column} ${direction}`,
        ).toEqual(expected.map((r) => r.referralId));
      }
    }
  });
});

describe('the triage queue', () => {
  it('lists untriaged referrals oldest first with their due dates, and follows the Trust setting', async () => {
    const queue = await triageQueue(db(), TODAY);
    expect(queue.length).toBe(DEPT.referrals.filter((r) => r.status === 'awaiting-triage').length);
    // Two-week waits first, then the rest; each part oldest first.
    const twoWeek = queue.filter((l) => l.referral.requestedPriority === 'two-week-wait');
    expect(twoWeek.length).toBeGreaterThan(0);
    expect(queue.slice(0, twoWeek.length)).toEqual(twoWeek);
    for (const part of [twoWeek, queue.slice(twoWeek.length)]) {
      expect(part.map((l) => l.referral.receivedDate)).toEqual(
        part.map((l) => l.referral.receivedDate).sort(),
      );
    }
    const overdueAtThree = queue.filter((l) => l.overdue).length;
    await db()
      .rows('settings')
      .put({
        ...DEPT.settings[0]!,
        id: TRUST_SETTINGS_ID,
        triageWorkingDays: 10,
      });
    const relaxed = await triageQueue(db(), TODAY);
    expect(relaxed.filter((l) => l.overdue).length).toBeLessThan(overdueAtThree);
  });
});

describe('the validation worklist', () => {
  it('drops an item from the open list once a person validates it, keeping who and what', async () => {
    const before = await validationWorklist(db(), TODAY);
    const target = before.find((l) => !l.validated)!;
    await db().deviceUsers.put({
      userId: 'user-1',
      username: 'coordinator',
      displayName: 'Colin Co-ordinator',
      role: 'booking-coordinator',
      siteIds: [],
      pinSalt: new Uint8Array(),
      wrappedKey: new Uint8Array(),
      wrapIv: new Uint8Array(),
      failedPins: 0,
    });
    const result = await mutate(
      db(),
      'device-1/user-1',
      'pathway.validate',
      { referralId: target.referral.id, key: target.item.key, comment: 'Booked by phone' },
      { now: new Date('2026-11-24T10:00:00Z'), today: TODAY },
    );
    expect(result.ok).toBe(true);
    const after = await validationWorklist(db(), TODAY);
    const same = after.find(
      (l) => l.referral.id === target.referral.id && l.item.key === target.item.key,
    );
    expect(same?.validated).toMatchObject({
      comment: 'Booked by phone',
      by: { userId: 'user-1', name: 'Colin Co-ordinator' },
    });
    expect(after.filter((l) => !l.validated)).toHaveLength(
      before.filter((l) => !l.validated).length - 1,
    );
  });
});
