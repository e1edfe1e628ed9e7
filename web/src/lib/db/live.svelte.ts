import { liveQuery } from 'dexie';

/**
 * A Dexie live query as a rune: re-runs when the rows change (in this tab or another) and
 * when the reactive values read by `deps` change.
 */
export function live<D, T>(deps: () => D, query: (deps: D) => Promise<T>, initial: T) {
  // Raw: a query's answer is replaced whole, never edited, and a deep proxy over
  // tens of thousands of rows would make every read of a PTL row slow.
  let value = $state.raw<T>(initial);
  let loaded = $state(false);
  $effect(() => {
    const d = deps();
    const subscription = liveQuery(() => query(d)).subscribe({
      next: (v) => {
        value = v;
        loaded = true;
      },
      error: (e: unknown) => console.error('live query failed', e),
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      return value;
    },
    get loaded() {
      return loaded;
    },
  };
}
