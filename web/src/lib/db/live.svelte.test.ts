import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { generateDepartment } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import { live } from './live.svelte.ts';

const DEPT = generateDepartment({ seed: 4, today: '2026-12-07', referrals: 30 });
const device = useTestDevice(DEPT);

describe('a live query about one record', () => {
  it('never answers with the record asked for before while the next one is read', async () => {
    const [first, second] = DEPT.referrals;
    let id = $state(first!.id);
    let query!: ReturnType<typeof live<string, { id: string } | undefined>>;
    const stop = $effect.root(() => {
      query = live(
        () => id,
        (asked) => device().rows('referrals').get(asked),
        undefined,
      );
    });
    try {
      flushSync();
      expect(query.answer).toBeUndefined();
      await vi.waitFor(() => expect(query.answer?.id).toBe(first!.id));
      // The same page opens another record.
      id = second!.id;
      flushSync();
      expect(query.pending).toBe(true);
      expect(query.current?.id).toBe(first!.id);
      expect(query.answer).toBeUndefined();
      await vi.waitFor(() => expect(query.answer?.id).toBe(second!.id));
      // A change to the record it shows keeps it on screen while it is read again.
      await device().rows('referrals').update(second!.id, { referrer: 'Dr Changed' });
      await vi.waitFor(() =>
        expect((query.answer as { referrer?: string } | undefined)?.referrer).toBe('Dr Changed'),
      );
      expect(query.pending).toBe(false);
    } finally {
      stop();
    }
  });
});
