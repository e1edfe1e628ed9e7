import { ROLE_LABELS, type Role } from '@clinicdesk/domain';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { countUsers, findUserByUsername, insertUser } from '../db/users.ts';
import { hashPassword, oneTimeSecret } from './passwords.ts';

/**
 * On a database with no users, creates the administrator `admin` with a one-time secret that
 * must be changed at first sign-in. There is no default password anywhere (issue 3).
 * Returns the secret to print, or undefined when users already exist.
 */
export async function ensureAdministrator(db: Database, now: Date): Promise<string | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const secret = oneTimeSecret();
  await insertUser(
    db,
    {
      id: randomUUID(),
      username: 'admin',
      displayName: 'Administrator',
      role: 'administrator',
      siteIds: [],
      passwordHash: await hashPassword(secret),
      mustChangePassword: true,
    },
    now.toISOString(),
  );
  return secret;
}

/** The demo users, one per desk role; they exist only alongside the synthetic demo data. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Role;
  sites: 'one' | 'all';
}[] = [
  {
    username: 'reception',
    displayName: 'Rita Reception (KTC desk)',
    role: 'receptionist',
    sites: 'one',
  },
  {
    username: 'coordinator',
    displayName: 'Colin Co-ordinator',
    role: 'booking-coordinator',
    sites: 'all',
  },
  { username: 'secretary', displayName: 'Sam Secretary', role: 'medical-secretary', sites: 'all' },
  { username: 'clinician', displayName: 'Dr Cleo Clinician', role: 'clinician', sites: 'all' },
  { username: 'manager', displayName: 'Mina Manager', role: 'manager', sites: 'all' },
];

/** Creates the demo users with one shared demo password (printed at start, never a default). */
export async function seedDemoUsers(db: Database, password: string, now: Date): Promise<string[]> {
  const sites = (await db.execute("SELECT id FROM rows WHERE tbl = 'sites' ORDER BY id")).rows.map(
    (r) => String(r['id']),
  );
  const passwordHash = await hashPassword(password);
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    if (await findUserByUsername(db, u.username)) continue;
    const siteIds = u.sites === 'all' ? sites : sites.filter((s) => s === 'site-ktc');
    await insertUser(
      db,
      {
        id: randomUUID(),
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        siteIds,
        passwordHash,
        mustChangePassword: false,
      },
      now.toISOString(),
    );
    created.push(`${u.username} (${ROLE_LABELS[u.role]})`);
  }
  return created;
}
