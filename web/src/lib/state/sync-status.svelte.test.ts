import { describe, expect, it } from 'vitest';
import { describeSync } from './sync-status.svelte.ts';

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
