import * as v from 'valibot';
import {
  PullResponseSchema,
  SYNC_PROTOCOL_VERSION,
  TABLE_SCHEMAS,
  type Mutation,
  type PushResponse,
  type RowChange,
} from '@clinicdesk/domain';
import { readMeta, type ClinicDeskDatabase, type OutboxEntry } from '../db/database.ts';
import { pruneOutsideWindow } from '../db/device-data.ts';
import { deviceClock } from './device-clock.ts';
import { observeHlcs } from './device-hlc.ts';
import { sealServerChanges } from './local-changes.ts';
import { rebase, recordDecisions } from './outbox.ts';

export type SyncOutcome =
  | { kind: 'synced'; pushed: number; pulled: number }
  | { kind: 'offline' }
  | { kind: 'signed-out' }
  | { kind: 'update-needed'; message: string }
  | { kind: 'failed'; message: string };

/**
 * What a device's first copy gathers, as it writes each page, for the values kept in memory
 * (ADR 0012, session 14; `feedFromCopy` in `lib/db/copy-feed.ts` makes one): every patient's
 * name and, for those who work the PTL, its whole list. Without it the first page to need them
 * read every patient and referral back out of IndexedDB and opened them again, 7 to 10 s after
 * a copy of 55,000 pathways. Declared here, where it is used, so that the sync client does not
 * depend on the kept lists.
 */
export interface CopyFeed {
  /** One page of the copy, as the server sent it, once its transaction has committed. */
  written(changes: readonly RowChange[]): void;
  /**
   * The copy is written whole: the kept values take what was gathered, unless anything but the
   * copy wrote to their tables meanwhile (then they read the tables whole when next needed).
   */
  finish(): Promise<void>;
  /** The copy stopped (failed, or the server asked for a fresh one): nothing is offered. */
  stop(): void;
}

export interface SyncOptions {
  db: ClinicDeskDatabase;
  clientId: string;
  fetch?: typeof fetch;
  onProgress?: (received: number, total: number) => void;
  pageSize?: number;
  /**
   * For a device's first copy: gathers, as each page is written, what the lists kept in memory
   * would otherwise read back whole once it is done (`feedFromCopy`). Null: nothing to gather.
   */
  feedCopy?: () => Promise<CopyFeed | null>;
}

class SyncStop extends Error {
  constructor(readonly outcome: SyncOutcome) {
    super(outcome.kind);
  }
}

async function call(
  fetchFn: typeof fetch,
  input: string,
  init?: RequestInit,
  passOn: number[] = [],
): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(input, { ...init, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new SyncStop({ kind: 'offline' });
  }
  if (res.status === 401) throw new SyncStop({ kind: 'signed-out' });
  if (res.status === 426)
    throw new SyncStop({
      kind: 'update-needed',
      message: 'A newer ClinicDesk is needed to sync: reload the app. Your changes are kept.',
    });
  if (!res.ok && !passOn.includes(res.status)) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new SyncStop({
      kind: 'failed',
      message: body.error ?? `The server answered ${res.status}`,
    });
  }
  return res;
}

/** The wire form of a queued edit, without what only the device needs. */
const onTheWire = ({ id, clientId, seq, name, args, at, hlc }: OutboxEntry): Mutation => ({
  id,
  clientId,
  seq,
  name,
  args,
  at,
  hlc,
});

/**
 * The first seq of the unbroken run of held edits that ends with the newest: the oldest edit
 * the device can still send in order. Before a break lie only edits a server has decided.
 */
function firstOfLastRun(held: OutboxEntry[]): number | undefined {
  let i = held.length - 1;
  while (i > 0 && held[i - 1]!.seq === held[i]!.seq - 1) i--;
  return held[i]?.seq;
}

/**
 * Sends this user's undecided edits in order, telling the server from which seq the device
 * can send (`heldFrom`). If the server answers 409 (it has lost edits it once decided, as
 * after a restore from a backup), the device sends again every edit of that run after the
 * server's lastSeq, decided or not, once.
 */
async function push({
  db,
  clientId,
  fetch: fetchFn = fetch,
}: SyncOptions): Promise<{ pushed: number; afresh: boolean }> {
  // Only this user's edits: another user's wait until they sign in here again.
  const held = await db.outbox
    .where('[clientId+seq]')
    .between([clientId, 0], [clientId, Infinity])
    .toArray();
  const heldFrom = firstOfLastRun(held) ?? 0;
  let entries = held.filter((e) => !e.decided);
  let sent = 0;
  let resent = false;
  let afresh = false;
  while (sent < entries.length) {
    const batch = entries.slice(sent, sent + 200);
    const res = await call(
      fetchFn,
      '/api/sync/push',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          protocolVersion: SYNC_PROTOCOL_VERSION,
          clientId,
          mutations: batch.map(onTheWire),
          heldFrom,
        }),
      },
      resent ? [] : [409],
    );
    if (res.status === 409) {
      const { lastSeq } = (await res.json()) as { lastSeq?: unknown };
      if (typeof lastSeq !== 'number')
        throw new SyncStop({ kind: 'failed', message: 'The server refused the changes' });
      entries = held.filter((e) => e.seq > lastSeq && e.seq >= heldFrom);
      sent = 0;
      resent = true;
      continue;
    }
    const body = (await res.json()) as PushResponse;
    await recordDecisions(db, clientId, body.results);
    afresh ||= body.afresh === true;
    sent += batch.length;
  }
  return { pushed: entries.length, afresh };
}

/**
 * Fetches and checks one page of changes after `cursor`. `remaining`: what the page before said
 * was still to come, so that the server need not count it again.
 */
async function fetchPage(
  { clientId, fetch: fetchFn = fetch, pageSize = 2000 }: SyncOptions,
  cursor: number,
  remaining?: number,
): Promise<v.InferOutput<typeof PullResponseSchema>> {
  const told = remaining === undefined ? '' : `&remaining=${remaining}`;
  const res = await call(
    fetchFn,
    `/api/sync/pull?since=${cursor}&clientId=${encodeURIComponent(clientId)}&limit=${pageSize}${told}&v=${SYNC_PROTOCOL_VERSION}`,
  );
  const parsed = v.safeParse(PullResponseSchema, await res.json());
  if (!parsed.success)
    throw new SyncStop({
      kind: 'failed',
      message: 'The server sent data this device cannot read',
    });
  const page = parsed.output;
  const bad = page.changes.find((c) => c.row && !v.is(TABLE_SCHEMAS[c.table], c.row));
  if (bad)
    throw new SyncStop({
      kind: 'failed',
      message: `The server sent a row of ${bad.table} this device cannot read`,
    });
  return page;
}

/**
 * Starts fetching a page now, and sealing its patients' rows for writing (`sealed`: the page's
 * changes as stored); a failure surfaces only when the page is awaited.
 */
function prefetch(options: SyncOptions, cursor: number, remaining?: number) {
  const page = fetchPage(options, cursor, remaining).then(async (p) => ({
    ...p,
    sealed: await sealServerChanges(p.changes),
  }));
  page.catch(() => {});
  return page;
}

/**
 * The most changes left to pull for a page to be written keyed (`writeServerChanges`): the
 * edits of other desks since the last sync, not a copy or a long catch-up.
 */
const KEYED_PULL_MOST = 2_000;

/**
 * Pulls what changed since the device's cursor, page by page, rebasing the queued edits on
 * each. The next page is fetched while this one is written (issue 10: a first copy waited on
 * the network between pages). Asked (`startAfresh`) or told by the server, it copies everything
 * from the start instead, dropping the device's rows with the first page and keeping its
 * queued edits: the server has lost history this copy came from (restored from a backup, ADR
 * 0005).
 */
async function pull(options: SyncOptions, startAfresh: boolean): Promise<number> {
  const { db, clientId, onProgress } = options;
  let afresh: 'no' | 'first page' | 'next pages' = startAfresh ? 'first page' : 'no';
  const startCursor = startAfresh ? 0 : await readMeta(db, 'cursor', 0);
  // A device's first copy only: a copy afresh rewrites rows with the edits the device kept.
  let feed = afresh === 'no' && startCursor === 0 ? await options.feedCopy?.() : null;
  let received = 0;
  const started = performance.now();
  let next = prefetch(options, startCursor);
  try {
    for (;;) {
      const page = await next;
      if (page.afresh) {
        if (afresh !== 'no')
          throw new SyncStop({ kind: 'failed', message: 'The server could not send its data' });
        afresh = 'first page';
        feed?.stop();
        feed = null;
        next = prefetch(options, 0);
        continue;
      }
      if (page.hasMore)
        next = prefetch(options, page.cursor, Math.max(0, page.total - page.changes.length));
      await observeHlcs(db, page.changes, clientId);
      await rebase(db, page.sealed, {
        caughtUp: !page.hasMore,
        clock: deviceClock(),
        cursor: page.cursor,
        replaceAll: afresh === 'first page',
        keyed: afresh === 'no' && startCursor !== 0 && page.total <= KEYED_PULL_MOST,
      });
      feed?.written(page.changes);
      if (afresh === 'first page') afresh = 'next pages';
      received += page.changes.length;
      onProgress?.(received, received + Math.max(0, page.total - page.changes.length));
      if (!page.hasMore) {
        await pruneOutsideWindow(db, deviceClock().today);
        // A whole copy's time, for the device benchmark (tests/bench): once per fresh copy.
        if (afresh !== 'no' || startCursor === 0)
          performance.measure('clinicdesk:full-copy', { start: started, detail: { received } });
        if (feed) {
          const feeding = performance.now();
          await feed.finish();
          performance.measure('clinicdesk:copy-feed', { start: feeding });
        }
        return received;
      }
    }
  } finally {
    feed?.stop();
  }
}

/**
 * One round of sync: push the queued edits, then pull what changed. Runs in one tab at a
 * time (a Web Lock), so two tabs never push the same queue at once.
 */
export async function syncOnce(options: SyncOptions): Promise<SyncOutcome> {
  const run = async (): Promise<SyncOutcome> => {
    try {
      const { pushed, afresh } = await push(options);
      const pulled = await pull(options, afresh);
      return { kind: 'synced', pushed, pulled };
    } catch (e) {
      if (e instanceof SyncStop) return e.outcome;
      return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  };
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('clinicdesk-sync', run);
  }
  return run();
}
