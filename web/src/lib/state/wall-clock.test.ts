import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onWallClock } from './wall-clock.ts';

describe('onWallClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks on the whole quarter-minutes of the wall clock, whenever it started', () => {
    vi.setSystemTime(new Date('2026-12-07T10:29:52.300Z'));
    const ticks: string[] = [];
    const stop = onWallClock(15_000, (now) => ticks.push(new Date(now).toISOString()));
    vi.advanceTimersByTime(8_000);
    expect(ticks).toEqual(['2026-12-07T10:30:00.005Z']);
    vi.advanceTimersByTime(30_000);
    expect(ticks).toEqual([
      '2026-12-07T10:30:00.005Z',
      '2026-12-07T10:30:15.005Z',
      '2026-12-07T10:30:30.005Z',
    ]);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(ticks).toHaveLength(3);
  });
});
