import { describe, expect, it, vi } from 'vitest';
import { createRandom, generateDepartment } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { lockDataKeys, setDataKeys } from './encryption.ts';
import { KeptValue, sortInSlices } from './kept.ts';
import { useTestDevice } from './test-device.test-support.ts';

describe('sortInSlices', () => {
  it('sorts as Array.prototype.sort does, ties in their first order, pausing between slices', async () => {
    const random = createRandom(17);
    for (const length of [0, 1, 7, 8, 9, 100, 1_000, 5_003]) {
      // Few distinct keys: many ties, whose first order the sort must keep.
      const items = Array.from({ length }, (_, position) => ({
        key: random.int(0, Math.max(1, length >> 4)),
        position,
      }));
      const byKey = (a: (typeof items)[number], b: (typeof items)[number]) => a.key - b.key;
      let pauses = 0;
      const sorted = await sortInSlices(items, byKey, async () => void (pauses += 1), 8);
      expect(sorted, `${length} items`).toEqual([...items].sort(byKey));
      // A pause after each slice sorted and after every 8 items merged.
      if (length > 8) expect(pauses).toBeGreaterThanOrEqual(Math.floor(length / 8));
    }
  });
});

describe('a kept value read whole (issue 10)', () => {
  const db = useTestDevice(generateDepartment({ seed: 5, today: '2026-11-24', referrals: 5 }));

  /** How a whole read paced itself: idle moments asked of the browser, and pauses in all. */
  async function pacing(subscribe: (value: KeptValue<number, number>) => () => void) {
    let idle = 0;
    const browserIdle = vi.fn((callback: () => void) => {
      idle += 1;
      return setTimeout(callback, 0);
    });
    vi.stubGlobal('requestIdleCallback', browserIdle);
    let pauses = 0;
    try {
      const value = new KeptValue<number, number>(db(), {
        tables: ['patients'],
        load: async (_db, between) => {
          for (let page = 0; page < 5; page++) {
            await between();
            pauses += 1;
          }
          return pauses;
        },
        update: async () => false,
        view: (state) => state,
      });
      const stop = subscribe(value);
      await value.settled();
      stop();
      value.dispose();
      return { idle, pauses };
    } finally {
      vi.unstubAllGlobals();
    }
  }

  it('waits for idle moments while only read ahead, and yields at once while a page waits', async () => {
    expect(await pacing((v) => v.subscribe(() => {}, { background: true }))).toEqual({
      idle: 5,
      pauses: 5,
    });
    expect(await pacing((v) => v.subscribe(() => {}))).toEqual({ idle: 0, pauses: 5 });
    // A page opened while it is read ahead: after the pause already asked for, it no longer
    // waits for idle moments.
    expect(
      await pacing((v) => {
        const ahead = v.subscribe(() => {}, { background: true });
        const page = v.subscribe(() => {});
        return () => (ahead(), page());
      }),
    ).toEqual({ idle: 1, pauses: 5 });
  });
});

describe('a kept value let go a while after its page is left (issue 10)', () => {
  const db = useTestDevice(generateDepartment({ seed: 7, today: '2026-11-24', referrals: 5 }));

  it('is kept for that while, following writes, then let go unless a page came back', async () => {
    let loads = 0;
    const value = new KeptValue<string[], string[]>(db(), {
      tables: ['patients'],
      load: async (db) => {
        loads += 1;
        return (await db.rows('patients').toArray()).map((p) => p.phone);
      },
      update: async (db, state) => {
        state.splice(0, state.length, ...(await db.rows('patients').toArray()).map((p) => p.phone));
        return true;
      },
      view: (state) => [...state],
      releaseWhenUnwatched: { afterMs: 60_000 },
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let stop = value.subscribe(() => {});
      await value.settled();
      stop();
      // Left: still kept, and it follows a patient's record put right meanwhile.
      const [patient] = await db().rows('patients').toArray();
      await db()
        .rows('patients')
        .put({ ...patient!, phone: '01632 960001' });
      await value.settled();
      expect(value.current).toContain('01632 960001');
      // Back within the while: kept, not read again, and not let go when the first while ends.
      vi.advanceTimersByTime(59_000);
      stop = value.subscribe(() => {});
      expect(value.current).toContain('01632 960001');
      vi.advanceTimersByTime(2_000);
      expect(value.current).toBeDefined();
      stop();
      vi.advanceTimersByTime(59_999);
      expect(value.current).toBeDefined();
      vi.advanceTimersByTime(1);
      expect(value.current).toBeUndefined();
      expect(loads).toBe(1);
    } finally {
      vi.useRealTimers();
      value.dispose();
    }
  });
});

describe('a kept value sealed over a lock (issue 10)', () => {
  const deviceKey = crypto.getRandomValues(new Uint8Array(32));
  const db = useTestDevice(generateDepartment({ seed: 6, today: '2026-11-24', referrals: 5 }), {
    deviceKey,
  });

  it('is sealed a part at a time and made again from every part at the unlock, not read whole', async () => {
    let loads = 0;
    const value = new KeptValue<number[], number[]>(db(), {
      tables: ['patients'],
      load: async () => {
        loads += 1;
        return Array.from({ length: 10 }, (_, i) => i * loads);
      },
      update: async () => false,
      view: (state) => [...state],
      overLock: {
        // Three parts: 0–3, 4–7, 8–9.
        freeze: async (state) =>
          [0, 4, 8].map((from) => JSON.stringify(state.slice(from, from + 4))),
        thaw: async (texts) => texts.flatMap((text) => JSON.parse(text) as number[]),
      },
    });
    const stop = value.subscribe(() => {});
    await value.settled();
    stop();
    expect(value.current).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    lockDataKeys();
    expect(value.current).toBeUndefined();
    setDataKeys(deriveDataKeys(deviceKey));
    await value.settled();
    expect(value.current).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(loads).toBe(1);
    value.dispose();
  });
  it('left, then locked longer than its while: there at the unlock, and let go that while later', async () => {
    let loads = 0;
    const value = new KeptValue<number[], number[]>(db(), {
      tables: ['patients'],
      load: async () => {
        loads += 1;
        return [1, 2, 3];
      },
      update: async () => false,
      view: (state) => [...state],
      releaseWhenUnwatched: { afterMs: 60_000 },
      overLock: {
        freeze: async (state) => [JSON.stringify(state)],
        thaw: async (texts) => JSON.parse(texts[0]!) as number[],
      },
    });
    /** Runs the fake clock a millisecond at a time until `work` is done (sealing is real). */
    const until = async (work: Promise<unknown>) => {
      let done = false;
      void work.then(() => (done = true));
      while (!done) await vi.advanceTimersByTimeAsync(1);
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const stop = value.subscribe(() => {});
      await until(value.settled());
      stop();
      lockDataKeys();
      // Locked over lunch: the while runs out, but nothing readable is held to let go.
      await vi.advanceTimersByTimeAsync(45 * 60_000);
      setDataKeys(deriveDataKeys(deviceKey));
      await until(value.settled());
      expect(value.current).toEqual([1, 2, 3]);
      expect(loads).toBe(1);
      // The while starts again at the unlock.
      await vi.advanceTimersByTimeAsync(59_000);
      expect(value.current).toEqual([1, 2, 3]);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(value.current).toBeUndefined();
    } finally {
      vi.useRealTimers();
      value.dispose();
    }
  });
});
