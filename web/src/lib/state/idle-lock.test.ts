import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDepartment } from '@clinicdesk/domain';
import { closeTestDevice, openTestDevice } from '../db/test-device.test-support.ts';
import { startIdleLock } from './idle-lock.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the idle lock', () => {
  it('locks on time with the setting it read, even once a newer ClinicDesk has closed the database', async () => {
    const db = await openTestDevice(
      generateDepartment({ seed: 4, today: '2026-12-06', referrals: 5 }),
    );
    await db.meta.put({ key: 'idleMinutes', value: 1 });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const lock = vi.fn();
    const stop = startIdleLock(db, lock);
    await vi.advanceTimersByTimeAsync(5_000);
    db.close();
    // Each tick reads the setting again and fails: no unhandled rejection, and still 1 minute.
    await vi.advanceTimersByTimeAsync(50_000);
    expect(lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(lock).toHaveBeenCalledTimes(1);
    stop();
    vi.useRealTimers();
    await closeTestDevice(db);
  });
});
