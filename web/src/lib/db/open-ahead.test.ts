import { describe, expect, it } from 'vitest';
import { generateDepartment } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { openedValuesKept, setDataKeys } from './encryption.ts';
import { openPatientsAhead } from './open-ahead.ts';
import { useTestDevice } from './test-device.test-support.ts';

const DEPT = generateDepartment({ seed: 6, today: '2026-11-24', referrals: 300 });
const db = useTestDevice(DEPT);

describe('patients opened ahead while the device is idle (ADR 0011)', () => {
  it('opens every patient, a chunk at a time', async () => {
    expect(openedValuesKept()).toBe(0);
    await openPatientsAhead(db(), 7, 0).done;
    expect(openedValuesKept()).toBe(DEPT.patients.length);
  });

  it('waits before it starts, leaving the unlock’s first screen to read alone', async () => {
    const ahead = openPatientsAhead(db(), 50, 300);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(openedValuesKept()).toBe(0);
    await ahead.done;
    expect(openedValuesKept()).toBe(DEPT.patients.length);
  });

  it('stops when the device locks, keeping nothing', async () => {
    const ahead = openPatientsAhead(db(), 5, 0);
    setDataKeys(null);
    await ahead.done;
    expect(openedValuesKept()).toBe(0);
  });

  it('stops when other keys are set, and when told to', async () => {
    const ahead = openPatientsAhead(db(), 5, 0);
    setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
    await ahead.done;
    expect(openedValuesKept()).toBe(0);
    const told = openPatientsAhead(db(), 1, 0);
    told.stop();
    await told.done;
    expect(openedValuesKept()).toBe(0);
  });
});
