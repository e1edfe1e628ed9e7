import type { MutatorResult } from '@clinicdesk/domain';
import { refreshTeamIfStale } from '../team/team.ts';
import { deviceClock } from '../sync/device-clock.ts';
import { readMeta, unlessClosed, type ClinicDeskDatabase } from '../db/database.ts';
import { hasDataKeys } from '../db/encryption.ts';
import { mutate } from '../sync/outbox.ts';
import { nextHlc } from '../sync/device-hlc.ts';
import { syncOnce, type CopyFeed, type SyncOutcome } from '../sync/sync-client.ts';

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

/** What an edit says when a newer ClinicDesk has closed this tab's database (nothing was saved). */
export const OUTDATED_MESSAGE =
  'ClinicDesk was updated in another tab. Reload this tab to make this change; your other changes are kept';

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
  /** When the oldest edit still waiting to be sent was made (issue 4: warn after 24 hours). */
  oldestPendingAt = $state<string | null>(null);
  /** The signed-in user's sync client on this device; empty while locked or signed out. */
  clientId = $state('');
  /** Called when the server says the session has ended (401). */
  onSignedOut: () => void = () => {};
  /** For the device's first copy: what gathers the kept lists as it is written (`feedFromCopy`). */
  feedCopy: (() => Promise<CopyFeed | null>) | undefined = undefined;
  #again = false;

  constructor(readonly db: ClinicDeskDatabase) {}

  get label(): string {
    return describeSync(this);
  }

  /** Starts listening for the network and the timer; returns how to stop. */
  start(): () => void {
    this.online = navigator.onLine;
    const onOnline = () => {
      this.online = true;
      void this.sync();
    };
    const onOffline = () => (this.online = false);
    const onFocus = () => void this.sync();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('focus', onFocus);
    const timer = setInterval(() => void this.sync(), 30_000);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('focus', onFocus);
      clearInterval(timer);
    };
  }

  /** Syncs as this client from now on (a user unlocked), or stops syncing (locked, signed out). */
  async useClient(clientId: string | null): Promise<void> {
    this.clientId = clientId ?? '';
    this.synced = false;
    this.problem = null;
    if (!clientId) return;
    this.hasData = await readMeta(this.db, 'firstSyncDone', false);
    await this.refreshPending();
    void this.sync();
  }

  /** Makes an edit locally, queues it, and starts a sync when the network is there. */
  async edit(name: string, args: unknown): Promise<MutatorResult> {
    if (!this.clientId)
      return { ok: false, reason: 'locked', message: 'Unlock ClinicDesk to make changes' };
    const clock = deviceClock();
    const clientId = this.clientId;
    const result: MutatorResult = await unlessClosed(
      () => mutate(this.db, clientId, name, args, clock),
      { ok: false, reason: 'outdated', message: OUTDATED_MESSAGE },
    );
    if (!result.ok && result.reason === 'outdated') return result;
    // When the edit was written and queued, for the device benchmark (tests/bench): the
    // latest only, so a long day at the desk does not fill the timeline.
    performance.clearMarks('clinicdesk:edit-queued');
    performance.mark('clinicdesk:edit-queued', { detail: { name, ok: result.ok } });
    // The new edit is counted at once, so the status line never says "all changes saved" over
    // it; the recount (which opens the sealed queue) follows without holding the screen.
    if (result.ok) {
      if (this.pending === 0) this.oldestPendingAt = clock.now.toISOString();
      this.pending += 1;
    }
    void this.refreshPending();
    if (result.ok) void this.sync();
    return result;
  }

  /** The clock to stamp a field edit with (patient contact details). */
  nextHlc(): Promise<string> {
    return nextHlc(this.db, this.clientId || 'device');
  }

  /** Changes a patient's contact details, each field stamped with this device's clock. */
  async updatePatient(patientId: string, changes: Record<string, unknown>): Promise<MutatorResult> {
    return this.edit('patient.update', { patientId, changes, hlc: await this.nextHlc() });
  }

  async refreshPending(): Promise<void> {
    if (!hasDataKeys()) return;
    const clientId = this.clientId;
    // This user's edits: another user's wait for them to sign in here again.
    const waiting = clientId
      ? await unlessClosed(
          () =>
            this.db.outbox
              .where('[clientId+seq]')
              .between([clientId, 0], [clientId, Infinity])
              .filter((e) => !e.decided)
              .toArray(),
          null,
        )
      : [];
    // Closed under this tab: the count stays as it was; the reloaded tab counts the edits kept.
    if (waiting === null) return;
    this.pending = waiting.length;
    this.oldestPendingAt = waiting[0]?.at ?? null;
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
      // Closed under this tab: the sync stops quietly until the tab is reloaded.
      await unlessClosed(async () => {
        do {
          this.#again = false;
          const first = !this.hasData;
          const outcome: SyncOutcome = await syncOnce({
            db: this.db,
            // Read again each round: another user may have unlocked the device meanwhile.
            clientId: this.clientId,
            onProgress: first
              ? (received, total) => (this.progress = { received, total })
              : undefined,
            // Read when the copy starts: the layout sets it once it knows who signed in.
            feedCopy: first ? async () => (this.feedCopy ? this.feedCopy() : null) : undefined,
          });
          this.apply(outcome);
        } while (this.#again && this.online);
      }, undefined);
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
    if (outcome.kind === 'signed-out') {
      this.problem = 'sign in again to send your changes';
      this.onSignedOut();
      return;
    }
    if (outcome.kind === 'synced') {
      this.problem = null;
      this.synced = true;
      this.lastSyncedAt = deviceClock().now.toISOString();
      // The team list for assigning work offline (issue 8), at most hourly.
      const userId = this.clientId.slice(this.clientId.indexOf('/') + 1);
      if (userId) void refreshTeamIfStale(this.db, userId, deviceClock().now);
      if (!this.hasData) {
        this.hasData = true;
        void this.db.meta.put({ key: 'firstSyncDone', value: true });
      }
    } else {
      this.problem = outcome.message;
    }
  }
}
