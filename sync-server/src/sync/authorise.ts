import {
  canMakeMutation,
  ROLE_LABELS,
  siteOfRow,
  type Change,
  type Rejection,
} from '@clinicdesk/domain';
import { findUserById, type UserRecord } from '../db/users.ts';
import type { Transaction } from '../db/database.ts';

/** Refuses an edit the user's role may not make, before anything is read (issue 3). */
export function refuseByRole(user: UserRecord, name: string): Rejection | undefined {
  if (canMakeMutation(user.role, name)) return undefined;
  return {
    ok: false,
    reason: 'not-permitted',
    message: `Your role (${ROLE_LABELS[user.role]}) does not allow this change`,
  };
}

/** Refuses an edit that would write a row of a site the user does not work at. */
export function refuseBySite(user: UserRecord, changes: Change[]): Rejection | undefined {
  const outside = changes.find((c) => {
    const site = siteOfRow(c.table, c.row);
    return site !== null && !user.siteIds.includes(site);
  });
  if (!outside) return undefined;
  return {
    ok: false,
    reason: 'other-site',
    message:
      'This change is at a site you do not work at: ask a colleague there, or an administrator to add the site',
  };
}

/**
 * Refuses a task given to someone who could never see it or finish it: the assignee must be an
 * enabled user whose role finishes tasks (the booking office, managers) and who works at the task's site (issue 8: no work left unseen). Devices
 * choose from the cached team list; this is the server's word on it.
 */
export async function refuseUnknownAssignee(
  tx: Pick<Transaction, 'execute'>,
  changes: Change[],
): Promise<Rejection | undefined> {
  for (const change of changes) {
    if (change.table !== 'tasks' || change.row.status !== 'open') continue;
    const user = await findUserById(tx, change.row.assigneeUserId);
    const mayTake =
      !!user &&
      !user.disabled &&
      canMakeMutation(user.role, 'task.done') &&
      user.siteIds.includes(change.row.siteId);
    if (mayTake) continue;
    return {
      ok: false,
      reason: 'unknown-assignee',
      message: `${change.row.assigneeName} cannot take tasks at this site: choose a colleague from the list`,
    };
  }
  return undefined;
}
