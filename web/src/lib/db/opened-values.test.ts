import { describe, expect, it } from 'vitest';
import { generateDepartment, type Patient } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { openedValuesKept, setDataKeys } from './encryption.ts';
import { alterSealedRow, useTestDevice } from './test-device.test-support.ts';

const DEPT = generateDepartment({ seed: 5, today: '2026-11-24', referrals: 40 });
const db = useTestDevice(DEPT);
const byId = (a: Patient, b: Patient) => (a.id < b.id ? -1 : 1);
const STORED = [...DEPT.patients].sort(byId);

describe('patient data opened once while the device is unlocked (issue 10)', () => {
  it('reads the same rows again without keeping one copy for every read to share', async () => {
    const first = await db().rows('patients').toArray();
    expect(first).toEqual(STORED);
    expect(openedValuesKept()).toBe(DEPT.patients.length);
    // A read changes its own rows only: the next read is as stored.
    first[0]!.familyName = 'CHANGED';
    first[0]!.address.line1 = 'Nowhere';
    const again = await db().rows('patients').toArray();
    expect(again).toEqual(STORED);
    expect(openedValuesKept()).toBe(DEPT.patients.length);
  });

  it('answers a second read from what it opened, and checks the seal again once the keys are set again', async () => {
    const keys = deriveDataKeys(crypto.getRandomValues(new Uint8Array(32)));
    setDataKeys(keys);
    const patient = DEPT.patients[2] as Patient;
    await db().rows('patients').put(patient);
    expect(await db().rows('patients').get(patient.id)).toEqual(patient);
    await alterSealedRow(db(), 'patients', patient.id);
    // Opened once already: read from what was kept, not decrypted again.
    expect(await db().rows('patients').get(patient.id)).toEqual(patient);
    // Keys set again (as at every unlock) empty what was kept: the altered seal is refused.
    setDataKeys(keys);
    await expect(db().rows('patients').get(patient.id)).rejects.toThrow();
  });

  it('opens a changed row afresh', async () => {
    const patient = DEPT.patients[1] as Patient;
    await db().rows('patients').get(patient.id);
    await db()
      .rows('patients')
      .put({ ...patient, phone: '07700 900123' });
    expect((await db().rows('patients').get(patient.id))?.phone).toBe('07700 900123');
  });

  it('forgets everything opened when the device locks, and reads nothing until unlocked', async () => {
    await db().rows('patients').toArray();
    expect(openedValuesKept()).toBeGreaterThan(0);
    setDataKeys(null);
    expect(openedValuesKept()).toBe(0);
    await expect(db().rows('patients').toArray()).rejects.toThrow('ClinicDesk is locked');
  });

  it('does not open values under other keys from what it kept', async () => {
    await db().rows('patients').toArray();
    setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
    expect(openedValuesKept()).toBe(0);
    await expect(db().rows('patients').toArray()).rejects.toThrow();
  });
});
