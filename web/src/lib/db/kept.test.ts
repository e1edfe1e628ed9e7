import { describe, expect, it } from 'vitest';
import { createRandom } from '@clinicdesk/domain';
import { sortInSlices } from './kept.ts';

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
