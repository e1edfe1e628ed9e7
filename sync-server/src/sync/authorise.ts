import {
  canMakeMutation,
  ROLE_LABELS,
  siteOfRow,
  type Change,
  type Rejection,
} from '@clinicdesk/domain';
import type { UserRecord } from '../db/users.ts';

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
