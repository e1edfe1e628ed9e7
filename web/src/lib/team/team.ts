import * as v from 'valibot';
import { canMakeMutation, RoleSchema } from '@clinicdesk/domain';
import { readMeta, type ClinicDeskDatabase } from '../db/database.ts';

const TeamMemberSchema = v.object({
  id: v.string(),
  displayName: v.string(),
  role: RoleSchema,
  siteIds: v.array(v.string()),
});
export type TeamMember = v.InferOutput<typeof TeamMemberSchema>;

export interface CachedTeam {
  fetchedAt: string;
  members: TeamMember[];
}

const keyOf = (userId: string) => `team:${userId}`;
/** How long a cached team list is good for before a sync round fetches it again. */
const STALE_MS = 60 * 60 * 1000;

/**
 * The colleagues a person can assign work to, as last fetched from the server (issue 8). Users
 * are not synced: the device keeps this short list (names, roles, shared sites) for offline use.
 */
export function cachedTeam(db: ClinicDeskDatabase, userId: string): Promise<CachedTeam | null> {
  return readMeta<CachedTeam | null>(db, keyOf(userId), null);
}

/**
 * Fetches the team from the server and keeps it on the device; offline (or refused) it leaves
 * the cached list as it was and says so with false.
 */
export async function refreshTeam(
  db: ClinicDeskDatabase,
  userId: string,
  now: Date,
  fetchFn: typeof fetch = fetch,
): Promise<boolean> {
  try {
    const res = await fetchFn('/api/team', { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return false;
    const parsed = v.safeParse(v.object({ team: v.array(TeamMemberSchema) }), await res.json());
    if (!parsed.success) return false;
    const value: CachedTeam = { fetchedAt: now.toISOString(), members: parsed.output.team };
    await db.meta.put({ key: keyOf(userId), value });
    return true;
  } catch {
    return false;
  }
}

/** Refreshes the cached team when it is missing or over an hour old. */
export async function refreshTeamIfStale(
  db: ClinicDeskDatabase,
  userId: string,
  now: Date,
  fetchFn: typeof fetch = fetch,
): Promise<void> {
  const cached = await cachedTeam(db, userId);
  if (cached && now.getTime() - Date.parse(cached.fetchedAt) < STALE_MS) return;
  await refreshTeam(db, userId, now, fetchFn);
}

/**
 * Colleagues who can hold tasks (their role finishes them: the booking office and managers),
 * the only people a task can go to; the server refuses anyone else.
 */
export function taskHolders(team: CachedTeam | null): TeamMember[] {
  return (team?.members ?? []).filter((m) => canMakeMutation(m.role, 'task.done'));
}
