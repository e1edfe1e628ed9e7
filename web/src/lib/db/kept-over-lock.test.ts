import { describe, expect, it } from 'vitest';
import { createRandom, generateDepartment, type Patient, type Referral } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { lockDataKeys, openedValuesKept, setDataKeys } from './encryption.ts';
import {
  keptPatientNames,
  keptPtl,
  loadPtl,
  namesStateOf,
  NAMES_OVER_LOCK,
  patientIndex,
} from './kept-lists.ts';
import { useTestDevice } from './test-device.test-support.ts';
import {
  DATA_QUALITY_OVER_LOCK,
  dataQualityOnDevice,
  keptDataQuality,
} from './data-quality-queries.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 33, today: TODAY, referrals: 200 });

// ADR 0012, session 15: the PTL and every patient's name outlive a lock, so that the first PTL
// opened after an unlock is not read whole again; names sealed while locked, the PTL as it is.
describe('kept lists over a lock (issue 10)', () => {
  const deviceKey = crypto.getRandomValues(new Uint8Array(32));
  const unlock = () => setDataKeys(deriveDataKeys(deviceKey));
  const db = useTestDevice(DEPT, { deviceKey });

  /** A kept value read whole for a page, then the page closed: as the PTL is left at a lock. */
  async function readOnce<V>(kept: {
    subscribe(l: (v: V) => void): () => void;
    settled(): Promise<void>;
  }) {
    const stop = kept.subscribe(() => {});
    await kept.settled();
    stop();
  }

  it('keeps the PTL as it is over a lock, and brings it up to date with a write made while locked', async () => {
    const kept = keptPtl(db(), TODAY);
    await readOnce(kept);
    const before = kept.current;
    expect(before).toEqual(await loadPtl(db(), TODAY));

    lockDataKeys();
    expect(kept.current).toBe(before);
    unlock();
    await kept.settled();
    // Nothing written meanwhile: the very list kept, not one read again.
    expect(kept.current).toBe(before);

    lockDataKeys();
    // Another tab, still unlocked, discharges the pathway at the top of the list.
    const top = DEPT.referrals.find((r) => r.id === before![0]!.referralId) as Referral;
    await db()
      .rows('referrals')
      .put({ ...top, status: 'discharged' });
    expect(kept.current).toBe(before);
    unlock();
    await kept.settled();
    expect(kept.current).not.toBe(before);
    expect(kept.current).toEqual(await loadPtl(db(), TODAY));
    expect(kept.current!.some((r) => r.referralId === top.id)).toBe(false);
  });

  it('seals every name over a lock, and opens them at the unlock without opening a patient', async () => {
    const kept = keptPatientNames(db());
    await readOnce(kept);
    const before = kept.current;
    expect(before?.size).toBe(DEPT.patients.length);

    lockDataKeys();
    // Locked: no name is held readable.
    expect(kept.current).toBeUndefined();
    // Another tab erases a patient meanwhile (erasure is by key, and needs no keys).
    const gone = DEPT.patients[7] as Patient;
    await db().rows('patients').delete(gone.id);

    unlock();
    await kept.settled();
    // The names came back from the sealed copy: no patient row was opened to make them.
    expect(openedValuesKept()).toBe(0);
    expect(kept.current).toEqual(await patientIndex(db()));
    expect(kept.current!.has(gone.id)).toBe(false);
    expect(kept.current!.size).toBe(DEPT.patients.length - 1);

    // And it follows the next change as before.
    const renamed = DEPT.patients[3] as Patient;
    await db()
      .rows('patients')
      .put({ ...renamed, familyName: 'Aardvark' });
    await kept.settled();
    expect(kept.current).toEqual(await patientIndex(db()));
  });

  it('seals data quality over a lock while it is kept, and makes it again without opening a patient', async () => {
    const noPhone = { ...(DEPT.patients[5] as Patient), phone: '' };
    await db().rows('patients').put(noPhone);
    const kept = keptDataQuality(db());
    // Opened, then left for a record to be put right: kept a while (KEPT_WHILE_AWAY).
    await readOnce(kept);
    const before = kept.current!;
    expect(before).toEqual(await dataQualityOnDevice(db()));
    expect(before.incomplete.map((line) => line.patient.id)).toContain(noPhone.id);

    lockDataKeys();
    expect(kept.current).toBeUndefined();
    // Another tab, still unlocked, erases a listed patient and takes a pathway's clinician away.
    const gone = before.incomplete[0]!.patient;
    await db().rows('patients').delete(gone.id);
    const open = DEPT.referrals.find((r) => r.status === 'waiting' && r.clinicianId)!;
    await db()
      .rows('referrals')
      .put({ ...open, clinicianId: null });

    unlock();
    await kept.settled();
    // Made again from the sealed copy and the two rows changed: no patient was opened.
    expect(openedValuesKept()).toBe(0);
    expect(kept.current!.incomplete.some((line) => line.patient.id === gone.id)).toBe(false);
    expect(kept.current!.pathwaysWithoutClinician.some((r) => r.id === open.id)).toBe(true);
    expect(kept.current).toEqual(await dataQualityOnDevice(db()));
  });

  it('cannot open the sealed names under other keys, and reads nothing it cannot open', async () => {
    const kept = keptPatientNames(db());
    await readOnce(kept);
    lockDataKeys();
    // Someone else's keys: neither the sealed names nor the patients open under them.
    setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      await kept.settled();
    } finally {
      console.error = log;
    }
    expect(kept.current).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('drops both at sign-out, and at a lock after a write that names no keys', async () => {
    const names = keptPatientNames(db());
    const ptl = keptPtl(db(), TODAY);
    await readOnce(names);
    await readOnce(ptl);
    // Sign-out (or signing in as someone else) takes the keys without a lock: nothing is kept.
    setDataKeys(null);
    expect(ptl.current).toBeUndefined();
    unlock();
    await Promise.all([names.settled(), ptl.settled()]);
    expect(names.current).toBeUndefined();
    expect(ptl.current).toBeUndefined();

    await readOnce(names);
    await readOnce(ptl);
    lockDataKeys();
    // A pull's page of 60 referrals while locked: Dexie names the table, not the rows.
    const page = DEPT.referrals.slice(0, 60).map((r) => ({ ...r, status: 'waiting' as const }));
    await db().rows('referrals').bulkPut(page);
    expect(ptl.current).toBeUndefined();
    unlock();
    await ptl.settled();
    expect(ptl.current).toBeUndefined();
    // The names were not touched by it: opened from their sealed copy.
    await names.settled();
    expect(names.current).toEqual(await patientIndex(db()));
    // The next page to ask for the PTL reads it whole.
    await readOnce(ptl);
    expect(ptl.current).toEqual(await loadPtl(db(), TODAY));

    // The same for the sealed names: a clear of the patients while locked leaves them nothing
    // to follow it by.
    lockDataKeys();
    await db().rows('patients').clear();
    unlock();
    await names.settled();
    expect(names.current).toBeUndefined();
    await readOnce(names);
    expect(names.current?.size).toBe(0);
  });
});

describe('every name as sealed over a lock', () => {
  it('is made again exactly, over several slices, whatever the names hold', async () => {
    const random = createRandom(5);
    const awkward = [
      "O'Brien",
      'Zoë',
      '"Quoted"',
      'Back\\slash',
      'Tab\there',
      'Ünal',
      'x\u2028y',
      '',
    ];
    const patients = Array.from({ length: 12_345 }, (_, i) => ({
      id: `p-${random.int(0, 99_999)}-${i}`,
      givenName: random.pick(awkward) + String(i % 7),
      familyName: random.pick([...awkward, 'Smith', 'smith', 'Jones']),
      nhsNumber: String(9_990_000_000 + i),
    }));
    let pauses = 0;
    const between = async () => void (pauses += 1);
    const state = await namesStateOf(patients, between);
    pauses = 0;
    const texts = await NAMES_OVER_LOCK.freeze(state, between);
    // A text for each slice of 5,000, and a pause between each two.
    expect(texts).toHaveLength(3);
    expect(pauses).toBe(2);
    pauses = 0;
    expect(await NAMES_OVER_LOCK.thaw(texts, between)).toEqual(state);
    // A pause before each slice parsed, and between the slices indexed.
    expect(pauses).toBe(3 + 2);
    // No patient at all.
    const none = await namesStateOf([], between);
    expect(
      await NAMES_OVER_LOCK.thaw(await NAMES_OVER_LOCK.freeze(none, between), between),
    ).toEqual(none);
  });
});

describe('data quality as sealed over a lock', () => {
  it('is made again exactly, over several parts, listed pathways whole', async () => {
    const random = createRandom(8);
    // 4,500 patients (three parts), some missing details, some sharing an NHS number.
    const patients = Array.from({ length: 4_500 }, (_, i) => {
      const p = DEPT.patients[i % DEPT.patients.length]!;
      return {
        ...p,
        id: `p-${i}`,
        phone: random.int(0, 9) === 0 ? '' : p.phone,
        nhsNumber: random.int(0, 20) === 0 ? DEPT.patients[0]!.nhsNumber : p.nhsNumber,
      };
    });
    const pathways = Array.from({ length: 2_500 }, (_, i) => {
      const r = DEPT.referrals[i % DEPT.referrals.length]!;
      const listed = random.int(0, 4) === 0 ? { ...r, id: `r-${i}`, clinicianId: null } : null;
      return [`r-${i}`, `p-${i}`, r.receivedDate, listed] as const;
    });
    const between = async () => {};
    const state = await DATA_QUALITY_OVER_LOCK.thaw(
      [JSON.stringify({ patients }), JSON.stringify({ pathways })],
      between,
    );
    const texts = await DATA_QUALITY_OVER_LOCK.freeze(state, between);
    // Parts of 2,000: three of patients, two of pathways.
    expect(texts).toHaveLength(5);
    const again = await DATA_QUALITY_OVER_LOCK.thaw(texts, between);
    expect(again).toEqual(state);
    expect(again.noClinician.length).toBe(pathways.filter((p) => p[3]).length);
    expect(again.sharedNhs.has(DEPT.patients[0]!.nhsNumber)).toBe(true);
  });
});
