import { describe, expect, it } from 'vitest';
import Dexie, { type ObservabilitySet } from 'dexie';
import {
  createRandom,
  DEFAULT_TRUST_SETTINGS,
  generateDepartment,
  REFERRAL_STATUSES,
  TRUST_SETTINGS_ID,
  type Appointment,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { setDataKeys } from './encryption.ts';
import { changedKeysOf } from './kept.ts';
import {
  keptPatientNames,
  keptPtl,
  keptValidationWorklist,
  keptWaitingList,
  loadPtl,
  patientIndex,
} from './kept-lists.ts';
import { waitingEntries } from './queries.ts';
import { validationWorklist } from './pathway-queries.ts';
import { sealServerChanges, writeServerChanges } from '../sync/local-changes.ts';
import { editWaitingListAtRandom, useTestDevice } from './test-device.test-support.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 21, today: TODAY, referrals: 300 });
const db = useTestDevice(DEPT);

describe('which rows a write changed, from Dexie’s storagemutated event', () => {
  it('names the keys of a few rows, and the whole table for a bulk write', async () => {
    const seen: ObservabilitySet[] = [];
    const listener = (parts: ObservabilitySet) => seen.push(parts);
    Dexie.on.storagemutated.subscribe(listener);
    try {
      const [a, b] = DEPT.referrals;
      await db()
        .rows('referrals')
        .bulkPut([{ ...a!, priority: 'urgent' }, b!]);
      await db().rows('appointments').delete(DEPT.appointments[0]!.id);
      await db().rows('referrals').bulkPut(DEPT.referrals.slice(0, 60));
      const name = db().name;
      const tables = ['referrals', 'appointments'] as const;
      expect(changedKeysOf(seen[0]!, name, tables)).toEqual(
        new Map([['referrals', new Set([a!.id, b!.id])]]),
      );
      expect(changedKeysOf(seen[1]!, name, tables)).toEqual(
        new Map([['appointments', new Set([DEPT.appointments[0]!.id])]]),
      );
      expect(changedKeysOf(seen[2]!, name, tables)).toBe('all');
      // Another table, or another database's tables, are not this value's business.
      expect(changedKeysOf(seen[0]!, name, ['patients'])).toBeNull();
      expect(changedKeysOf(seen[0]!, 'another-device', tables)).toBeNull();
    } finally {
      Dexie.on.storagemutated.unsubscribe(listener);
    }
  });
});

// A run of random edits takes 2 s on a quiet machine: the time allowed leaves room for a busy one.
describe('the PTL kept in memory (issue 10)', () => {
  it('stays exactly the list read afresh, through a long run of edits of every kind', async () => {
    const kept = keptPtl(db(), TODAY);
    const shown: unknown[] = [];
    const stop = kept.subscribe((rows) => shown.push(rows));
    const random = createRandom(7);
    const referrals = () => db().rows('referrals').toArray();
    const appointments = () => db().rows('appointments').toArray();
    try {
      await kept.settled();
      expect(kept.current).toEqual(await loadPtl(db(), TODAY));
      for (let step = 0; step < 60; step++) {
        const kind = random.pick([
          'status',
          'priority',
          'appointment',
          'cancel',
          'new',
          'gone',
          'several',
          'settings',
        ]);
        if (kind === 'status' || kind === 'priority') {
          const r = random.pick(await referrals());
          const change: Partial<Referral> =
            kind === 'status'
              ? { status: random.pick(REFERRAL_STATUSES) }
              : { priority: random.pick(['routine', 'urgent', 'two-week-wait'] as const) };
          await db()
            .rows('referrals')
            .put({ ...r, ...change });
        } else if (kind === 'appointment') {
          // An appointment moved to another pathway, and its date moved.
          const a = random.pick(await appointments());
          const to = random.pick(await referrals());
          await db()
            .rows('appointments')
            .put({
              ...a,
              referralId: to.id,
              status: 'booked',
              date: '2027-01-0' + (step % 9 || 1),
            });
        } else if (kind === 'cancel') {
          const a = random.pick(await appointments());
          await db()
            .rows('appointments')
            .put({
              ...a,
              status: random.pick([
                'cancelled-by-patient',
                'did-not-attend',
                'arrived',
                'booked',
              ] as const),
            });
        } else if (kind === 'new') {
          const r = random.pick(await referrals());
          await db()
            .rows('referrals')
            .put({ ...r, id: `new-${step}`, status: 'waiting' });
        } else if (kind === 'gone') {
          const r = random.pick(await referrals());
          const a = random.pick(await appointments());
          await db().rows('referrals').delete(r.id);
          await db().rows('appointments').delete(a.id);
        } else if (kind === 'several') {
          // A page of a pull: a referral and its appointment in one transaction.
          const r = random.pick(await referrals());
          const a = random.pick(await appointments());
          await db().transaction(
            'rw',
            [db().rows('referrals'), db().rows('appointments')],
            async () => {
              await db()
                .rows('referrals')
                .put({ ...r, priority: 'urgent' });
              await db()
                .rows('appointments')
                .put({ ...a, referralId: r.id, status: 'booked', date: TODAY });
            },
          );
        } else {
          await db()
            .rows('settings')
            .put({
              ...DEFAULT_TRUST_SETTINGS,
              id: TRUST_SETTINGS_ID,
              breachWarningWeeks: 1 + (step % 17),
            });
        }
        await kept.settled();
        expect(kept.current, `after step ${step} (${kind})`).toEqual(await loadPtl(db(), TODAY));
      }
      // Each value given out was a new list, never the one before changed under its reader.
      expect(new Set(shown).size).toBe(shown.length);
    } finally {
      stop();
    }
  }, 30_000);

  it('is read whole again after a bulk write nobody was looking at, and dropped at lock', async () => {
    const kept = keptPtl(db(), TODAY);
    let stop = kept.subscribe(() => {});
    await kept.settled();
    stop();
    expect(kept.current).toBeDefined();
    // A pull's page of 60 referrals: Dexie names the whole table, and nobody is subscribed.
    const page = DEPT.referrals.slice(0, 60).map((r) => ({ ...r, status: 'waiting' as const }));
    await db().rows('referrals').bulkPut(page);
    expect(kept.current).toBeUndefined();
    stop = kept.subscribe(() => {});
    await kept.settled();
    expect(kept.current).toEqual(await loadPtl(db(), TODAY));
    // Locked: nothing kept. Unlocked with the keys again: read whole again for the subscriber.
    const keys = deriveDataKeys(crypto.getRandomValues(new Uint8Array(32)));
    setDataKeys(null);
    expect(kept.current).toBeUndefined();
    setDataKeys(keys);
    await kept.settled();
    expect(kept.current).toEqual(await loadPtl(db(), TODAY));
    stop();
  });

  it('lets the list of an earlier day go when asked for another day', async () => {
    const today = keptPtl(db(), TODAY);
    const stop = today.subscribe(() => {});
    await today.settled();
    const tomorrow = keptPtl(db(), '2026-11-25');
    expect(tomorrow).not.toBe(today);
    expect(today.current).toBeUndefined();
    stop();
  });
});

describe('a pulled page of changes, as the sync writes it', () => {
  it('names the keys of every row of a pull of a few changes, so a kept list follows it row by row', async () => {
    const seen: ObservabilitySet[] = [];
    const listener = (parts: ObservabilitySet) => seen.push(parts);
    const kept = keptPtl(db(), TODAY);
    const stop = kept.subscribe(() => {});
    await kept.settled();
    Dexie.on.storagemutated.subscribe(listener);
    try {
      // 130 referrals and 60 patients changed, 3 referrals gone: a full page of a pull.
      const changes = await sealServerChanges([
        ...DEPT.referrals.slice(0, 130).map((r, i) => ({
          table: 'referrals' as const,
          id: r.id,
          version: 1000 + i,
          row: { ...r, priority: 'urgent' as const },
        })),
        ...DEPT.patients.slice(0, 60).map((p, i) => ({
          table: 'patients' as const,
          id: p.id,
          version: 2000 + i,
          row: { ...p, phone: '01632 960000' },
        })),
        ...DEPT.referrals.slice(130, 133).map((r, i) => ({
          table: 'referrals' as const,
          id: r.id,
          version: 3000 + i,
          row: null,
        })),
      ]);
      const write = (keyed: boolean) =>
        db().transaction('rw', db().rows('referrals'), db().rows('patients'), () =>
          writeServerChanges(db(), changes, { keyed }),
        );
      // A whole copy's page is one write a table: Dexie names the whole table (see
      // writeServerChanges for why that is kept for copies).
      await write(false);
      expect(changedKeysOf(seen[0]!, db().name, ['referrals', 'patients'])).toBe('all');
      await kept.settled();
      await write(true);
      await kept.settled();
      const changed = changedKeysOf(seen[1]!, db().name, ['referrals', 'patients']);
      expect(changed).not.toBe('all');
      const keyed = changed as Map<string, Set<string>>;
      expect(keyed.get('referrals')?.size).toBe(133);
      expect(keyed.get('patients')?.size).toBe(60);
      expect(kept.current).toEqual(await loadPtl(db(), TODAY));
    } finally {
      Dexie.on.storagemutated.unsubscribe(listener);
      stop();
    }
  });
});

describe('the waiting list kept in memory (issue 10)', () => {
  it('stays exactly the list read afresh, through edits that take pathways on and off it', async () => {
    const kept = keptWaitingList(db(), TODAY);
    const stop = kept.subscribe(() => {});
    const random = createRandom(5);
    try {
      await kept.settled();
      expect(kept.current).toEqual(await waitingEntries(db(), TODAY));
      for (let step = 0; step < 50; step++) {
        await editWaitingListAtRandom(db(), random, step);
        await kept.settled();
        expect(kept.current, `after step ${step}`).toEqual(await waitingEntries(db(), TODAY));
      }
    } finally {
      stop();
    }
    // Left to book a patient: kept a while (`KEPT_WHILE_AWAY`), and it follows the booking.
    await editWaitingListAtRandom(db(), random, 50);
    await kept.settled();
    expect(kept.current).toEqual(await waitingEntries(db(), TODAY));
    const again = kept.subscribe(() => {});
    expect(kept.current).toEqual(await waitingEntries(db(), TODAY));
    again();
  }, 30_000);
});

describe('the validation worklist kept in memory (issue 10)', () => {
  it('stays exactly the worklist read afresh, through edits to pathways and their appointments', async () => {
    const kept = keptValidationWorklist(db(), TODAY);
    const stop = kept.subscribe(() => {});
    const random = createRandom(9);
    try {
      await kept.settled();
      expect(kept.current).toEqual(await validationWorklist(db(), TODAY));
      for (let step = 0; step < 50; step++) {
        const r = random.pick(await db().rows('referrals').toArray());
        const a = random.pick(await db().rows('appointments').toArray());
        const kind = random.pick(['status', 'validated', 'appointment', 'gone', 'new'] as const);
        if (kind === 'status')
          await db()
            .rows('referrals')
            .put({ ...r, status: random.pick(REFERRAL_STATUSES) });
        else if (kind === 'validated') {
          const [line] = kept.current ?? [];
          if (line)
            await db()
              .rows('referrals')
              .put({
                ...line.referral,
                validations: [
                  ...line.referral.validations,
                  {
                    key: line.item.key,
                    comment: 'Checked',
                    at: `${TODAY}T09:00:00Z`,
                    by: { userId: 'u1', name: 'Colin Co-ordinator' },
                  },
                ],
              });
        } else if (kind === 'appointment') {
          // Often to a pathway on the list: a booking can take it off (a follow-up overdue).
          const lines = kept.current ?? [];
          const to = lines.length > 0 && random.chance(0.6) ? random.pick(lines).referral : r;
          await db()
            .rows('appointments')
            .put({
              ...a,
              referralId: to.id,
              status: random.pick(['booked', 'seen', 'did-not-attend'] as const),
              date: random.pick(['2026-10-01', TODAY, '2027-01-05']),
            });
        } else if (kind === 'gone') await db().rows('appointments').delete(a.id);
        else
          await db()
            .rows('appointments')
            .put({ ...a, id: `new-${step}`, referralId: r.id });
        await kept.settled();
        expect(kept.current, `after step ${step} (${kind})`).toEqual(
          await validationWorklist(db(), TODAY),
        );
      }
    } finally {
      stop();
    }
    expect(kept.current).toBeUndefined();
  }, 30_000);
});

describe('every patient’s name kept in memory (issue 10)', () => {
  it('stays exactly the names read afresh, places in surname order too, through renames, arrivals and erasures', async () => {
    const kept = keptPatientNames(db());
    let given = 0;
    const stop = kept.subscribe(() => (given += 1));
    const random = createRandom(11);
    const patients = () => db().rows('patients').toArray();
    try {
      await kept.settled();
      expect(kept.current).toEqual(await patientIndex(db()));
      for (let step = 0; step < 40; step++) {
        const kind = random.pick(['rename', 'nhs', 'new', 'gone', 'several'] as const);
        const p = random.pick(await patients());
        if (kind === 'rename')
          await db()
            .rows('patients')
            .put({ ...p, familyName: random.pick(['Aaron', 'Moss', 'Zeta', p.familyName]) });
        else if (kind === 'nhs')
          await db()
            .rows('patients')
            .put({ ...p, nhsNumber: '9990000026' });
        else if (kind === 'new')
          await db()
            .rows('patients')
            .put({ ...p, id: `new-${step}`, givenName: 'Step', familyName: `Patient${step}` });
        else if (kind === 'gone') await db().rows('patients').delete(p.id);
        else {
          const q = random.pick(await patients());
          await db().transaction('rw', db().rows('patients'), async () => {
            await db()
              .rows('patients')
              .put({ ...p, familyName: 'Middleton' });
            await db()
              .rows('patients')
              .put({ ...q, givenName: 'Ann' });
          });
        }
        await kept.settled();
        expect(kept.current, `after step ${step} (${kind})`).toEqual(await patientIndex(db()));
      }
    } finally {
      stop();
    }
    expect(given).toBeGreaterThan(1);
  }, 30_000);

  it('gives nothing new for a change that leaves every name and NHS number as it was', async () => {
    const kept = keptPatientNames(db());
    const given: unknown[] = [];
    const stop = kept.subscribe((names) => given.push(names));
    await kept.settled();
    const p = DEPT.patients[3] as Patient;
    await db()
      .rows('patients')
      .put({ ...p, phone: '01632 960999' });
    await kept.settled();
    expect(given).toHaveLength(1);
    await db()
      .rows('patients')
      .put({ ...p, givenName: 'Renamed' });
    await kept.settled();
    expect(given).toHaveLength(2);
    expect(kept.current?.get(p.id)?.givenName).toBe('Renamed');
    stop();
  });
});

// Appointments are part of a referral's row through its next step: one type check that the
// generated department holds some, so the edits above have something to move.
it('the department used here has booked appointments', () => {
  expect(DEPT.appointments.some((a: Appointment) => a.status === 'booked')).toBe(true);
});
