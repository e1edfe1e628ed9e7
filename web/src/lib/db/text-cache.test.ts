import { describe, expect, it } from 'vitest';
import { BoundedTextCache } from './text-cache.ts';

describe('BoundedTextCache', () => {
  it('keeps texts until their characters reach the bound, then lets the first kept go', () => {
    const cache = new BoundedTextCache(10);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect([cache.size, cache.length]).toEqual([2, 8]);
    cache.set('c', 'cc');
    expect([cache.size, cache.length]).toEqual([3, 10]);
    // One more character: the first kept goes, and only it.
    cache.set('d', 'd');
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([
      undefined,
      'bbbb',
      'cc',
      'd',
    ]);
    expect(cache.length).toBe(7);
  });

  it('lets as many of the first kept go as a long text needs', () => {
    const cache = new BoundedTextCache(10);
    for (const key of ['a', 'b', 'c', 'd', 'e']) cache.set(key, key.repeat(2));
    cache.set('f', 'ffffffff');
    expect([cache.get('d'), cache.get('e'), cache.get('f')]).toEqual([undefined, 'ee', 'ffffffff']);
    expect([cache.size, cache.length]).toEqual([2, 10]);
  });

  it('keeps nothing of a text longer than the bound, and nothing else goes for it', () => {
    const cache = new BoundedTextCache(10);
    cache.set('a', 'aaaa');
    cache.set('long', 'x'.repeat(11));
    expect(cache.get('long')).toBeUndefined();
    expect([cache.get('a'), cache.size, cache.length]).toEqual(['aaaa', 1, 4]);
  });

  it('counts a key set again once, at its new length', () => {
    const cache = new BoundedTextCache(10);
    cache.set('a', 'aaaa');
    cache.set('a', 'aaaaaa');
    expect([cache.get('a'), cache.size, cache.length]).toEqual(['aaaaaa', 1, 6]);
  });

  it('stays within its bound over many texts of many lengths', () => {
    const cache = new BoundedTextCache(1_000);
    let kept = 0;
    for (let i = 0; i < 5_000; i++) {
      const text = 'x'.repeat(1 + ((i * 7919) % 300));
      cache.set(`k${i}`, text);
      kept = Math.max(kept, cache.length);
      expect(cache.length).toBeLessThanOrEqual(1_000);
    }
    // The newest text is always kept, and what is kept is the newest run of texts.
    expect(cache.get('k4999')).toBe('x'.repeat(1 + ((4999 * 7919) % 300)));
    expect(kept).toBeGreaterThan(700);
  });
});
