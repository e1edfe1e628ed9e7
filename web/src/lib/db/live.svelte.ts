import { liveQuery } from 'dexie';

/**
 * A Dexie live query as a rune: re-runs when the rows change (in this tab or another) and
 * when the reactive values read by `deps` change.
 */
export function live<D, T>(deps: () => D, query: (deps: D) => Promise<T>, initial: T) {
  let value = $state<T>(initial);
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
