import type { ClinicDeskDatabase } from '../db/database.ts';
import { live } from '../db/live.svelte.ts';
import { cachedTeam, refreshTeam, type CachedTeam } from './team.ts';
import { deviceClock } from '../sync/device-clock.ts';

/**
 * The signed-in person's team as a rune: the cached list at once (offline too), fetched afresh
 * from the server when the screen opens and the network is there.
 */
export function liveTeam(db: ClinicDeskDatabase, userId: () => string) {
  $effect(() => {
    const id = userId();
    if (id) void refreshTeam(db, id, deviceClock().now);
  });
  return live<string, CachedTeam | null>(userId, (id) => cachedTeam(db, id), null);
}
