import { describe, expect, it } from 'vitest';
import { generateDepartment } from '@clinicdesk/domain';
import { openedValuesKept, setDataKeys } from './encryption.ts';
import { keepAhead } from './keep-ahead.ts';
import { keptPatientNames, keptPtl, loadPtl, patientIndex } from './kept-lists.ts';
import { useTestDevice } from './test-device.test-support.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 6, today: TODAY, referrals: 300 });
const db = useTestDevice(DEPT);

describe('what pages read whole, read ahead while the device is idle (ADR 0011, 0012)', () => {
  it('opens every patient and keeps every name and the PTL, following later changes', async () => {
    expect(openedValuesKept()).toBe(0);
    const ahead = keepAhead(db(), { ptlFor: TODAY, startAfterMs: 0 });
    await ahead.done;
    expect(openedValuesKept()).toBe(DEPT.patients.length);
    expect(keptPatientNames(db()).current).toEqual(await patientIndex(db()));
    expect(keptPtl(db(), TODAY).current).toEqual(await loadPtl(db(), TODAY));
    // Held: a write of many rows (Dexie names the whole table) is read again, not dropped.
    await db()
      .rows('referrals')
      .bulkPut(DEPT.referrals.slice(0, 80).map((r) => ({ ...r, priority: 'urgent' as const })));
    await keptPtl(db(), TODAY).settled();
    expect(keptPtl(db(), TODAY).current).toEqual(await loadPtl(db(), TODAY));
    // Let go: the next such write drops it, for the next page to read whole.
    ahead.stop();
    await db().rows('referrals').bulkPut(DEPT.referrals.slice(0, 80));
    expect(keptPtl(db(), TODAY).current).toBeUndefined();
  });

  it('keeps no PTL for a device whose user does not work it', async () => {
    await keepAhead(db(), { startAfterMs: 0 }).done;
    expect(keptPatientNames(db()).current).toBeDefined();
    expect(keptPtl(db(), TODAY).current).toBeUndefined();
  });

  it('waits before it starts, leaving the unlock’s first screen to read alone', async () => {
    const ahead = keepAhead(db(), { startAfterMs: 300 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(openedValuesKept()).toBe(0);
    await ahead.done;
    expect(openedValuesKept()).toBe(DEPT.patients.length);
  });

  it('keeps nothing once the device locks, even while it reads', async () => {
    const ahead = keepAhead(db(), { ptlFor: TODAY, startAfterMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    setDataKeys(null);
    await ahead.done;
    expect(openedValuesKept()).toBe(0);
    expect(keptPatientNames(db()).current).toBeUndefined();
    expect(keptPtl(db(), TODAY).current).toBeUndefined();
    ahead.stop();
  });

  it('reads nothing when stopped before it starts', async () => {
    const told = keepAhead(db(), { startAfterMs: 0 });
    told.stop();
    await told.done;
    expect(openedValuesKept()).toBe(0);
    expect(keptPatientNames(db()).current).toBeUndefined();
  });
});
