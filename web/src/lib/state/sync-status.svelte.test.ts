import { describe, expect, it, vi } from 'vitest';
import { generateDepartment } from '@clinicdesk/domain';
import { closeTestDevice, openTestDevice } from '../db/test-device.test-support.ts';
import { isDatabaseClosed } from '../db/database.ts';
import { describeSync, OUTDATED_MESSAGE, SyncStatus } from './sync-status.svelte.ts';

type SyncState = Parameters<typeof describeSync>[0];

const idle: SyncState = { online: true, pending: 0, syncing: false, problem: null, synced: true };

describe('describeSync', () => {
  it.each<{ why: string; state: Partial<SyncState>; words: string }>([
    {
      why: 'offline with nothing queued',
      state: { online: false },
      words: 'Offline – all changes saved on this device',
    },
    {
      why: 'offline with one edit queued',
      state: { online: false, pending: 1 },
      words: 'Offline – 1 change waiting to sync',
    },
    {
      why: 'offline with edits queued',
      state: { online: false, pending: 2 },
      words: 'Offline – 2 changes waiting to sync',
    },
    {
      why: 'offline even while a problem is remembered',
      state: { online: false, pending: 2, problem: 'the server did not answer' },
      words: 'Offline – 2 changes waiting to sync',
    },
    {
      why: 'offline even before the first sync',
      state: { online: false, synced: false },
      words: 'Offline – all changes saved on this device',
    },
    {
      why: 'a problem, even mid-sync',
      state: { problem: 'the server did not answer', syncing: true, pending: 1 },
      words: 'Sync problem – the server did not answer',
    },
    { why: 'syncing', state: { syncing: true, pending: 4 }, words: 'Syncing…' },
    { why: 'not yet synced in this tab', state: { synced: false }, words: 'Syncing…' },
    {
      why: 'synced with one edit queued',
      state: { pending: 1 },
      words: 'Online – 1 change waiting to sync',
    },
    {
      why: 'synced with edits queued',
      state: { pending: 12 },
      words: 'Online – 12 changes waiting to sync',
    },
    { why: 'synced with nothing queued', state: {}, words: 'Online – all changes saved' },
    {
      why: 'synced unless told otherwise',
      state: { synced: undefined },
      words: 'Online – all changes saved',
    },
  ])('says "$words" when $why', ({ state, words }) => {
    expect(describeSync({ ...idle, ...state })).toBe(words);
  });
});

describe('a sync status whose database a newer ClinicDesk closed in another tab', () => {
  it('counts and syncs quietly, keeping the count it had, instead of rejecting unheard', async () => {
    const db = await openTestDevice(
      generateDepartment({ seed: 3, today: '2026-12-06', referrals: 20 }),
    );
    const status = new SyncStatus(db);
    status.clientId = 'device-1/user-1';
    status.pending = 2;
    db.close();
    await expect(status.refreshPending()).resolves.toBeUndefined();
    await expect(status.sync()).resolves.toBeUndefined();
    expect(status.pending).toBe(2);
    expect(status.syncing).toBe(false);
    await closeTestDevice(db);
  });

  it('refuses an edit in words, saving nothing, rather than failing unheard', async () => {
    const db = await openTestDevice(
      generateDepartment({ seed: 3, today: '2026-12-06', referrals: 5 }),
    );
    const status = new SyncStatus(db);
    status.clientId = 'device-1/user-1';
    db.close();
    const result = await status.edit('patient.viewed', { patientId: 'pat-1', screen: 'Test' });
    expect(result).toEqual({ ok: false, reason: 'outdated', message: OUTDATED_MESSAGE });
    expect(status.pending).toBe(0);
    await closeTestDevice(db);
  });

  it('tells a closed database from any other failure', async () => {
    const db = await openTestDevice(
      generateDepartment({ seed: 3, today: '2026-12-06', referrals: 5 }),
    );
    db.close();
    const closed = await db.outbox.count().catch((e: unknown) => e);
    expect(isDatabaseClosed(closed)).toBe(true);
    expect(isDatabaseClosed(new Error('Database has been closed'))).toBe(false);
    expect(isDatabaseClosed(null)).toBe(false);
    await closeTestDevice(db);
  });
});

describe('a sync asked for again while one runs', () => {
  it('runs the next round as whoever is signed in by then, not as the user it started with', async () => {
    const db = await openTestDevice(
      generateDepartment({ seed: 3, today: '2026-12-06', referrals: 5 }),
    );
    // The network is the edge: the server answers "busy" to every pull, the first one late.
    const asked: string[] = [];
    let answerFirst = () => {};
    const firstAnswered = new Promise<void>((resolve) => (answerFirst = resolve));
    vi.stubGlobal('fetch', async (input: string) => {
      asked.push(new URL(input, 'http://desk.test').searchParams.get('clientId') ?? '');
      if (asked.length === 1) await firstAnswered;
      return new Response(JSON.stringify({ error: 'The server is busy' }), { status: 503 });
    });
    try {
      const status = new SyncStatus(db);
      status.clientId = 'device-1/user-a';
      const running = status.sync();
      await vi.waitFor(() => expect(asked).toHaveLength(1));
      // User A locks the device and user B unlocks it; B's sign-in asks for a sync.
      status.clientId = 'device-1/user-b';
      await status.sync();
      answerFirst();
      await running;
      expect(asked).toEqual(['device-1/user-a', 'device-1/user-b']);
    } finally {
      vi.unstubAllGlobals();
      await closeTestDevice(db);
    }
  });
});
