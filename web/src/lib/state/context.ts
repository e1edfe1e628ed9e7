import { getContext, setContext } from 'svelte';
import type { ClinicDeskDatabase } from '../db/database.ts';
import type { Session } from './session.svelte.ts';
import type { SyncStatus } from './sync-status.svelte.ts';

export interface Desk {
  db: ClinicDeskDatabase;
  sync: SyncStatus;
  session: Session;
}

const KEY = Symbol('desk');

/** Makes the device's database and sync state available to every page below. */
export function provideDesk(desk: Desk): void {
  setContext(KEY, desk);
}

/** The device's database and sync state, from the root layout. */
export function useDesk(): Desk {
  const desk = getContext<Desk | undefined>(KEY);
  if (!desk) throw new Error('useDesk() outside the root layout');
  return desk;
}
