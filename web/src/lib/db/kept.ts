import Dexie, { RangeSet, type IntervalTree, type ObservabilitySet } from 'dexie';
import type { TableName } from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import {
  hasDataKeys,
  onKeysChange,
  onLocking,
  openUnderKeys,
  sealerUnderKeys,
} from './encryption.ts';

/** The keys of each table changed since a kept value was last brought up to date. */
export type ChangedKeys = ReadonlyMap<TableName, ReadonlySet<string>>;

/**
 * What changed in `tables` by one committed write (in this tab or another), from the parts of
 * Dexie's `storagemutated` event: the primary keys of each table's changed and deleted rows,
 * or `'all'` when Dexie names a range rather than keys (it does for a write of 50 rows or more,
 * a `clear` or a `modify`). `null` when none of the tables changed.
 */
export function changedKeysOf(
  parts: ObservabilitySet,
  dbName: string,
  tables: readonly TableName[],
): Map<TableName, Set<string>> | 'all' | null {
  const changed = new Map<TableName, Set<string>>();
  for (const table of tables) {
    for (const index of ['', ':dels']) {
      const tree: IntervalTree | undefined = parts[`idb://${dbName}/${table}/${index}`];
      if (!tree) continue;
      for (const { from, to } of RangeSet(tree)) {
        if (typeof from !== 'string' || from !== to) return 'all';
        let keys = changed.get(table);
        if (!keys) changed.set(table, (keys = new Set()));
        keys.add(from);
      }
    }
  }
  return changed.size > 0 ? changed : null;
}

/**
 * The browser's next idle moment, or 50 ms at most (a short timeout where it cannot say, as in
 * Safari): a whole table read a page at a time leaves the page its frames in between.
 */
export function nextIdleMoment(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 50 });
    else setTimeout(resolve, 0);
  });
}

/**
 * Lets the page handle what is waiting (a tap, a frame) and goes on at once: for work somebody
 * is waiting for, where the next idle moment can be a frame away each time (a sort of 55,000
 * names pauses about 60 times). `scheduler.yield` where the browser has it, else a task.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Where `item` goes in `sorted` (ascending by `compare`): after every item before it. */
export function placeOf<T>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many items are sorted, or merged, between one pause and the next. */
const SORTED_AT_A_TIME = 4_096;

/**
 * `items` sorted by `compare` as `Array.prototype.sort` would (stably), a slice at a time with
 * `between` awaited in between: slices are sorted, then merged in pairs, pausing every few
 * thousand items. At 55,000 rows one sort held the main thread for 100 to 170 ms while the
 * device read ahead (issue 10); a tap during it waited that long.
 */
export async function sortInSlices<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
  between: () => Promise<void>,
  atATime = SORTED_AT_A_TIME,
): Promise<T[]> {
  let runs: T[][] = [];
  for (let from = 0; from < items.length; from += atATime) {
    if (from > 0) await between();
    runs.push(items.slice(from, from + atATime).sort(compare));
  }
  let done = 0;
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r]!;
      const b = runs[r + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      const out = new Array<T>(a.length + b.length);
      let i = 0;
      let j = 0;
      for (let k = 0; k < out.length; k++) {
        // Ties take the earlier run's item first: the sort stays stable.
        out[k] = j >= b.length || (i < a.length && compare(b[j]!, a[i]!) >= 0) ? a[i++]! : b[j++]!;
        if (++done % atATime === 0) await between();
      }
      merged.push(out);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

/** How a value made from whole tables is read whole and brought up to date by changed rows. */
export interface KeptSpec<S, V> {
  /** The tables the value is made from. */
  tables: readonly TableName[];
  /**
   * Reads everything the value needs, awaiting `between` between pages and slices of the work:
   * the next idle moment while it is read ahead, or a yield to the page while a page waits.
   */
  load(db: ClinicDeskDatabase, between: () => Promise<void>): Promise<S>;
  /**
   * Reads the changed rows again and brings the state up to date. Returns whether the value
   * shown changed (a patient's new phone number changes nothing in a list of names).
   */
  update(db: ClinicDeskDatabase, state: S, changed: ChangedKeys): Promise<boolean>;
  /** The value given to subscribers: a new one each time it changes. */
  view(state: S): V;
  /**
   * Let go as soon as nobody is subscribed (a list too big to keep for a page seldom open), or
   * `afterMs` later if nobody has subscribed again by then (a page left for a moment and come
   * back to, as data quality is while a record is put right). Meanwhile it follows writes. Time
   * locked does not count when the value is kept over the lock (`overLock`).
   */
  releaseWhenUnwatched?: boolean | { afterMs: number };
  /**
   * What becomes of the value when the device locks while it is up to date (ADR 0012, session
   * 15). Unset: dropped, and read whole after the unlock. `'kept'`: kept as it is, for a value
   * made only of rows the device stores unsealed (ADR 0003), so that memory holds nothing a
   * copy of its IndexedDB does not show. `{ freeze, thaw }`: sealed under the keys as the texts
   * `freeze` gives, each on its own, and made again by `thaw` after an unlock under the same
   * keys; under other keys it cannot be opened, and is read whole.
   */
  overLock?: 'kept' | Sealed<S>;
}

/**
 * `releaseWhenUnwatched` for a list a person leaves to work on one of its rows and comes back
 * to (booking a waiting patient, putting a listed record right): kept two minutes after its page
 * is left, so that coming back does not read it whole again (at 55,000 pathways: 3.5 s for the
 * waiting list, 5.5 s for data quality).
 */
export const KEPT_WHILE_AWAY = { afterMs: 2 * 60_000 } as const;

/** How a kept value is sealed over a lock, and made again after the unlock. */
export interface Sealed<S> {
  /**
   * The state as texts, a slice of it each, awaiting `between` between slices: each is sealed
   * and opened on its own, so that no task encodes or decrypts the whole state at once.
   */
  freeze(state: S, between: () => Promise<void>): Promise<string[]>;
  thaw(texts: readonly string[], between: () => Promise<void>): Promise<S>;
}

type Pending = Map<TableName, Set<string>> | 'all' | null;

/**
 * A value made from whole tables of the device's copy (the PTL's rows, every patient's name),
 * kept in memory while the device is unlocked and brought up to date from the keys each
 * committed write names, rather than read again whole as a live query would (ADR 0012: at
 * 55,000 pathways a live query over the patients froze the PTL for 0.8 s at every edit made
 * at another desk, and reading them again took 4 s of each visit).
 *
 * Dropped whenever the keys change (sign-out, signing in as someone else, and a lock unless
 * `overLock` keeps it), when a write names a range rather than keys while nobody is subscribed,
 * and (`releaseWhenUnwatched`) as soon as nobody is, or a while after: the next subscriber
 * then reads it whole again.
 * Kept over a lock, it follows the writes told of while locked once unlocked.
 */
export class KeptValue<S, V> {
  #state: S | undefined;
  #view: V | undefined;
  #pending: Pending = null;
  #running = false;
  /** A whole read for the current keys is under way. */
  #loading = false;
  #runs: Promise<void> = Promise.resolve();
  /** Moves on whenever what is kept is let go: a read begun before brings nothing back. */
  #generation = 0;
  readonly #listeners = new Set<(value: V) => void>();
  /** Listeners that hold the value for later (reading ahead) rather than for a page shown now. */
  readonly #background = new WeakSet<(value: V) => void>();
  /** Kept over a lock: told of it (`'locking'`), then the keys went (`'locked'`). */
  #overLock: 'locking' | 'locked' | null = null;
  /** The state as sealed at the last lock (`overLock` with `freeze`), opened at the unlock. */
  #sealed: Promise<Uint8Array[]> | undefined;
  /** Lets the value go a while after the last subscriber left (`releaseWhenUnwatched`). */
  #releaseLater: ReturnType<typeof setTimeout> | undefined;

  readonly #stop: () => void;

  constructor(
    private readonly db: ClinicDeskDatabase,
    private readonly spec: KeptSpec<S, V>,
  ) {
    const mutated = (parts: ObservabilitySet) =>
      this.#changed(changedKeysOf(parts, db.name, spec.tables));
    Dexie.on.storagemutated.subscribe(mutated);
    const stopLocking = onLocking(() => this.#locking());
    const stopKeys = onKeysChange(() => this.#keysChanged());
    this.#stop = () => {
      Dexie.on.storagemutated.unsubscribe(mutated);
      stopLocking();
      stopKeys();
    };
  }

  /** Lets the value go: it no longer follows writes, and holds nothing. */
  dispose(): void {
    this.#stop();
    clearTimeout(this.#releaseLater);
    this.#listeners.clear();
    this.#release();
  }

  /** The value now, if it has been read. */
  get current(): V | undefined {
    return this.#view;
  }

  /**
   * Calls `listener` with the value now (if read) and with each new one. Returns the way to stop.
   * `background`: held for later (reading ahead), so a whole read waits for idle moments, unless
   * a page is subscribed too.
   */
  subscribe(
    listener: (value: V) => void,
    { background = false }: { background?: boolean } = {},
  ): () => void {
    if (background) this.#background.add(listener);
    clearTimeout(this.#releaseLater);
    this.#listeners.add(listener);
    if (this.#view !== undefined) listener(this.#view);
    else if (this.#pending === null && !this.#loading)
      this.#changed(this.#sealed === undefined ? 'all' : new Map());
    return () => {
      this.#listeners.delete(listener);
      const release = this.spec.releaseWhenUnwatched;
      if (this.#listeners.size > 0 || !release) return;
      if (release === true) this.#release();
      else this.#releaseAfter(release.afterMs);
    };
  }

  /**
   * Lets the value go `afterMs` from now unless a page subscribes meanwhile. Over a lock it
   * holds nothing readable (sealed, or kept as the device stores it): the while starts again at
   * the unlock, so that a page left by a lock finds its value there after a long one.
   */
  #releaseAfter(afterMs: number): void {
    clearTimeout(this.#releaseLater);
    this.#releaseLater = setTimeout(() => {
      if (this.#listeners.size === 0 && this.#overLock === null) this.#release();
    }, afterMs);
  }

  /**
   * Takes `state`, made by whoever wrote every row it comes from (a device's first copy, which
   * holds them in memory as it writes them), instead of reading the tables whole. Taken only
   * when nothing is held, read or waiting: then `state` must be what a read would give now, and
   * every later write brings it up to date as usual. Returns whether it was taken.
   */
  offer(state: S): boolean {
    if (
      this.#state !== undefined ||
      this.#sealed !== undefined ||
      this.#pending !== null ||
      this.#running ||
      this.#loading
    )
      return false;
    if (!hasDataKeys()) return false;
    this.#state = state;
    const view = this.spec.view(state);
    this.#view = view;
    for (const listener of [...this.#listeners]) listener(view);
    return true;
  }

  /**
   * The pause between pages of a whole read: the next idle moment while the value is only read
   * ahead, or a yield while a page waits for it (idle moments can be a frame away each: a read
   * at 55,000 patients pauses about 300 times). Asked afresh at each pause.
   */
  readonly #pause = (): Promise<void> => {
    for (const listener of this.#listeners)
      if (!this.#background.has(listener)) return yieldToPage();
    return nextIdleMoment();
  };

  /** Holds nothing, and drops what a read under way brings back. */
  #release(): void {
    this.#overLock = null;
    this.#sealed = undefined;
    this.#generation += 1;
    this.#loading = false;
    this.#state = undefined;
    this.#view = undefined;
    this.#pending = null;
  }

  /**
   * The device is locking, the keys still set: an up-to-date value that `overLock` keeps is kept
   * as it is or sealed. One being read or brought up to date is dropped with the keys.
   */
  #locking(): void {
    const overLock = this.spec.overLock;
    if (!overLock || this.#state === undefined || this.#running || this.#loading) return;
    if (overLock !== 'kept') {
      // Frozen a slice at a time once the lock screen is up, and sealed by WebCrypto: the sealer
      // holds the WebCrypto key, not the raw keys. Nothing changes this state while it is locked.
      const seal = sealerUnderKeys();
      this.#sealed = (async (state: S) => {
        const sealed: Uint8Array[] = [];
        for (const text of await overLock.freeze(state, yieldToPage)) {
          sealed.push(await seal(text));
          await yieldToPage();
        }
        return sealed;
      })(this.#state);
      // Found wanting when it is opened, and read whole then.
      this.#sealed.catch(() => {});
    }
    this.#overLock = 'locking';
  }

  #keysChanged(): void {
    if (this.#overLock === 'locking' && !hasDataKeys()) {
      this.#overLock = 'locked';
      if (this.#sealed !== undefined) {
        this.#state = undefined;
        this.#view = undefined;
      }
      return;
    }
    if (this.#overLock === 'locked' && hasDataKeys()) {
      this.#overLock = null;
      const release = this.spec.releaseWhenUnwatched;
      if (this.#listeners.size === 0 && typeof release === 'object')
        this.#releaseAfter(release.afterMs);
      // Opened, and brought up to date with what was written while locked, in idle moments.
      if (this.#state === undefined && this.#sealed === undefined) return;
      this.#pending ??= new Map();
      if (!this.#running) this.#runs = this.#run();
      return;
    }
    this.#overLock = null;
    this.#sealed = undefined;
    this.#drop();
  }

  /** The state sealed at the lock, opened under the keys now; undefined under other keys. */
  async #open(sealed: Promise<Uint8Array[]>): Promise<S | undefined> {
    const overLock = this.spec.overLock;
    if (overLock === undefined || overLock === 'kept') return undefined;
    try {
      // One part at a time, with no pause between: each is decrypted off the main thread, and
      // waiting for an idle moment after each (up to 50 ms while a page renders) made the PTL
      // opened at once after a lock wait 569 ms for its names, against 217 ms without.
      const texts: string[] = [];
      for (const part of await sealed) texts.push(await openUnderKeys(part));
      return await overLock.thaw(texts, this.#pause);
    } catch {
      return undefined;
    }
  }

  #drop(): void {
    this.#loading = false;
    this.#state = undefined;
    this.#view = undefined;
    this.#pending = null;
    this.#generation += 1;
    if (this.#listeners.size > 0) this.#changed('all');
  }

  #changed(changed: Pending): void {
    if (changed === null) return;
    // A write that names no keys leaves a sealed state nothing to follow it by.
    if (changed === 'all') this.#sealed = undefined;
    const held = this.#state !== undefined || this.#sealed !== undefined;
    if (!held && this.#listeners.size === 0 && !this.#running) return;
    if (changed === 'all' && this.#listeners.size === 0 && !this.#running) {
      // Nobody is looking: reading everything again can wait until somebody does.
      this.#state = undefined;
      this.#view = undefined;
      this.#pending = null;
      return;
    }
    if (changed === 'all' || this.#pending === 'all') this.#pending = 'all';
    else if (this.#pending === null) this.#pending = changed;
    else
      for (const [table, keys] of changed) {
        const into = this.#pending.get(table);
        if (into) for (const key of keys) into.add(key);
        else this.#pending.set(table, keys);
      }
    if (!this.#running) this.#runs = this.#run();
  }

  /** Settles once every change seen so far has been applied (or has failed). */
  async settled(): Promise<void> {
    while (this.#running) await this.#runs;
  }

  async #run(): Promise<void> {
    this.#running = true;
    let generation = this.#generation;
    try {
      while (this.#pending !== null && hasDataKeys()) {
        generation = this.#generation;
        const pending = this.#pending;
        this.#pending = null;
        let shown = true;
        let state = this.#state;
        const sealed = this.#sealed;
        this.#sealed = undefined;
        if (state === undefined && sealed !== undefined && pending !== 'all') {
          // Loading until it is also brought up to date: a page subscribing meanwhile waits.
          this.#loading = true;
          state = await this.#open(sealed);
          if (generation !== this.#generation) continue;
        }
        if (pending === 'all' || state === undefined) {
          this.#loading = true;
          state = await this.spec.load(this.db, this.#pause);
        } else shown = await this.spec.update(this.db, state, pending);
        if (generation === this.#generation) this.#loading = false;
        // Locked or unlocked again meanwhile: what was read belongs to the keys before.
        if (generation !== this.#generation) continue;
        this.#state = state;
        if (!shown && this.#view !== undefined) continue;
        const view = this.spec.view(state);
        this.#view = view;
        for (const listener of [...this.#listeners]) listener(view);
      }
    } catch (error) {
      // Locked, or unlocked again, while it read: nothing is wrong, and what it read is dropped
      // already (and read again for whoever is looking, once unlocked).
      if (generation === this.#generation) {
        console.error('a kept list could not be brought up to date', error);
        this.#loading = false;
        this.#state = undefined;
        this.#view = undefined;
        this.#pending = null;
      }
    } finally {
      this.#running = false;
    }
    if (this.#pending !== null && hasDataKeys()) this.#runs = this.#run();
  }
}

const kept = new WeakMap<
  ClinicDeskDatabase,
  Map<string, { key: string; value: KeptValue<unknown, unknown> }>
>();

/**
 * The one kept value called `name` on this device copy, for `key` (the day, for a list whose
 * rows depend on it): a value kept for another key is let go.
 */
export function keptValue<S, V>(
  db: ClinicDeskDatabase,
  name: string,
  key: string,
  spec: KeptSpec<S, V>,
): KeptValue<S, V> {
  let values = kept.get(db);
  if (!values) kept.set(db, (values = new Map()));
  const held = values.get(name);
  if (held?.key === key) return held.value as KeptValue<S, V>;
  held?.value.dispose();
  const value = new KeptValue(db, spec);
  values.set(name, { key, value: value as KeptValue<unknown, unknown> });
  return value;
}
