import type { MutatorResult } from '@clinicdesk/domain';
import { deviceClock } from '../sync/device-clock.ts';
import { readMeta, type ClinicDeskDatabase } from '../db/database.ts';
import { mutate } from '../sync/outbox.ts';
import { syncOnce, type SyncOutcome } from '../sync/sync-client.ts';

/** What the header says about sync, in the words a receptionist reads. */
export function describeSync(s: {
  online: boolean;
  pending: number;
  syncing: boolean;
  problem: string | null;
  synced?: boolean;
}): string {
  const waiting =
    s.pending === 1 ? '1 change waiting to sync' : `${s.pending} changes waiting to sync`;
  if (!s.online)
    return s.pending ? `Offline – ${waiting}` : 'Offline – all changes saved on this device';
  if (s.problem) return `Sync problem – ${s.problem}`;
  if (s.syncing || s.synced === false) return 'Syncing…';
  return s.pending ? `Online – ${waiting}` : 'Online – all changes saved';
}

/**
 * The device's sync state as runes: online or not, edits waiting, first-sync progress.
 * One instance per tab, created by the root layout.
 */
export class SyncStatus {
  online = $state(true);
  syncing = $state(false);
  pending = $state(0);
  problem = $state<string | null>(null);
  progress = $state<{ received: number; total: number } | null>(null);
  /** True once this device has finished its first full copy of the data. */
  hasData = $state(false);
  /** True once a sync round has finished in this tab. */
  synced = $state(false);
  lastSyncedAt = $state<string | null>(null);
  clientId = '';
  #again = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #started: Promise<void>;
  #markStarted: () => void = () => {};

  constructor(readonly db: ClinicDeskDatabase) {
    this.#started = new Promise((resolve) => (this.#markStarted = resolve));
  }

  get label(): string {
    return describeSync(this);
  }

  /** Starts listening for the network and syncing as this device; returns how to stop. */
  start(clientId: string): () => void {
    this.clientId = clientId;
    this.#markStarted();
    this.online = navigator.onLine;
    const onOnline = () => {
      this.online = true;
      void this.sync();
    };
    const onOffline = () => (this.online = false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    void this.refreshPending();
    this.#timer = setInterval(() => void this.sync(), 30_000);
    void readMeta(this.db, 'firstSyncDone', false).then((done) => {
      this.hasData = done;
      void this.sync();
    });
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      clearInterval(this.#timer);
    };
  }

  /** Makes an edit locally, queues it, and starts a sync when the network is there. */
  async edit(name: string, args: unknown): Promise<MutatorResult> {
    await this.#started;
    const result = await mutate(this.db, this.clientId, name, args, deviceClock());
    await this.refreshPending();
    if (result.ok) void this.sync();
    return result;
  }

  async refreshPending(): Promise<void> {
    this.pending = await this.db.outbox.filter((e) => !e.decided).count();
  }

  /** Syncs now; a request while a sync is running runs once more after it. */
  async sync(): Promise<void> {
    if (!this.clientId) return;
    if (this.syncing) {
      this.#again = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.#again = false;
        const first = !this.hasData;
        const outcome: SyncOutcome = await syncOnce({
          db: this.db,
          clientId: this.clientId,
          onProgress: first
            ? (received, total) => (this.progress = { received, total })
            : undefined,
        });
        this.apply(outcome);
      } while (this.#again && this.online);
    } finally {
      this.syncing = false;
      this.progress = null;
      await this.refreshPending();
    }
  }

  private apply(outcome: SyncOutcome) {
    if (outcome.kind === 'offline') {
      this.online = false;
      return;
    }
    this.online = true;
    if (outcome.kind === 'synced') {
      this.problem = null;
      this.synced = true;
      this.lastSyncedAt = deviceClock().now.toISOString();
      if (!this.hasData) {
        this.hasData = true;
        void this.db.meta.put({ key: 'firstSyncDone', value: true });
      }
    } else {
      this.problem = outcome.message;
    }
  }
}

/** This device's id for sync, made once and kept. */
export async function deviceClientId(db: ClinicDeskDatabase): Promise<string> {
  const existing = await readMeta<string | null>(db, 'clientId', null);
  if (existing) return existing;
  const id = crypto.randomUUID();
  await db.meta.put({ key: 'clientId', value: id });
  return id;
}
