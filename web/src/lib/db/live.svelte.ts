import { liveQuery } from 'dexie';
import type { KeptValue } from './kept.ts';

const NOTHING_YET = Symbol('no answer yet');

/**
 * A Dexie live query as a rune: re-runs when the rows change (in this tab or another) and
 * when the reactive values read by `deps` change.
 */
export function live<D, T>(deps: () => D, query: (deps: D) => Promise<T>, initial: T) {
  // Raw: a query's answer is replaced whole, never edited, and a deep proxy over
  // tens of thousands of rows would make every read of a PTL row slow.
  let value = $state.raw<T>(initial);
  let loaded = $state(false);
  // Which deps the value answers (raw: compared by identity, never proxied).
  const asked = $derived(deps());
  let answered = $state.raw<D | typeof NOTHING_YET>(NOTHING_YET);
  $effect(() => {
    const d = asked;
    const subscription = liveQuery(() => query(d)).subscribe({
      next: (v) => {
        value = v;
        loaded = true;
        answered = d;
      },
      error: (e: unknown) => console.error('live query failed', e),
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      return value;
    },
    /** True once any answer has come (it may be for earlier deps while a new one is asked). */
    get loaded() {
      return loaded;
    },
    /** True until the answer for the current deps has come: "nothing found" is not yet known. */
    get pending() {
      return answered !== asked;
    },
    /**
     * The answer for the current deps, or `initial` while it is still coming. A page about one
     * record reads this, not `current`: when the same page opens another record (another
     * pathway, slot or letter), it must never show — or book, or print — the one before.
     */
    get answer() {
      return answered === asked ? value : initial;
    },
  };
}

/**
 * A kept value (ADR 0012) as a rune: followed while the component lives and `source` gives
 * one (null: not yet). `current` is null until the first value has come.
 */
export function followKept<V>(source: () => KeptValue<unknown, V> | null) {
  let value = $state.raw<V | null>(null);
  $effect(() => {
    const kept = source();
    if (kept) return kept.subscribe((v) => (value = v));
  });
  return {
    get current() {
      return value;
    },
  };
}
