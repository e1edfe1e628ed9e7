import { canSeePatientData, type Role, type SessionUser } from '@clinicdesk/domain';
import type { Database, Transaction } from './database.ts';

type Executor = Pick<Database | Transaction, 'execute'>;

export interface UserRecord extends SessionUser {
  passwordHash: string;
  mustChangePassword: boolean;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
}

function toUser(r: Record<string, unknown>): UserRecord {
  return {
    id: String(r['id']),
    username: String(r['username']),
    displayName: String(r['display_name']),
    role: String(r['role']) as Role,
    siteIds: JSON.parse(String(r['site_ids'])) as string[],
    passwordHash: String(r['password_hash']),
    mustChangePassword: Number(r['must_change_password']) === 1,
    disabled: Number(r['disabled']) === 1,
    failedAttempts: Number(r['failed_attempts']),
    lockedUntil: r['locked_until'] === null ? null : String(r['locked_until']),
  };
}

/** The public part of a user: what a device and an administrator may see. */
export function publicUser(
  u: UserRecord,
): SessionUser & { mustChangePassword: boolean; disabled: boolean } {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    siteIds: u.siteIds,
    mustChangePassword: u.mustChangePassword,
    disabled: u.disabled,
  };
}

export async function findUserByUsername(
  db: Executor,
  username: string,
): Promise<UserRecord | undefined> {
  const rs = await db.execute({ sql: 'SELECT * FROM users WHERE username = ?', args: [username] });
  return rs.rows[0] ? toUser(rs.rows[0]) : undefined;
}

export async function findUserById(db: Executor, id: string): Promise<UserRecord | undefined> {
  const rs = await db.execute({ sql: 'SELECT * FROM users WHERE id = ?', args: [id] });
  return rs.rows[0] ? toUser(rs.rows[0]) : undefined;
}

export async function listUsers(db: Executor): Promise<UserRecord[]> {
  const rs = await db.execute('SELECT * FROM users ORDER BY display_name');
  return rs.rows.map(toUser);
}

export async function countUsers(db: Executor): Promise<number> {
  const rs = await db.execute('SELECT COUNT(*) AS n FROM users');
  return Number(rs.rows[0]?.['n'] ?? 0);
}

export async function insertUser(
  db: Executor,
  u: SessionUser & { passwordHash: string; mustChangePassword: boolean },
  now: string,
): Promise<void> {
  await db.execute({
    sql: `INSERT INTO users (id, username, display_name, role, site_ids, password_hash, must_change_password, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      u.id,
      u.username,
      u.displayName,
      u.role,
      JSON.stringify(u.siteIds),
      u.passwordHash,
      u.mustChangePassword ? 1 : 0,
      now,
      now,
    ],
  });
}

export async function updateUser(
  db: Executor,
  id: string,
  fields: Partial<{
    displayName: string;
    role: Role;
    siteIds: string[];
    disabled: boolean;
    passwordHash: string;
    mustChangePassword: boolean;
  }>,
  now: string,
): Promise<void> {
  const sets: string[] = [];
  const args: (string | number)[] = [];
  const put = (column: string, value: string | number) => {
    sets.push(`${column} = ?`);
    args.push(value);
  };
  if (fields.displayName !== undefined) put('display_name', fields.displayName);
  if (fields.role !== undefined) put('role', fields.role);
  if (fields.siteIds !== undefined) put('site_ids', JSON.stringify(fields.siteIds));
  if (fields.disabled !== undefined) put('disabled', fields.disabled ? 1 : 0);
  if (fields.passwordHash !== undefined) put('password_hash', fields.passwordHash);
  if (fields.mustChangePassword !== undefined)
    put('must_change_password', fields.mustChangePassword ? 1 : 0);
  put('updated_at', now);
  await db.execute({
    sql: `UPDATE users SET ${sets.join(', ')} WHERE id = ?`,
    args: [...args, id],
  });
}

/** Counts a failed sign-in; the fifth in a row locks the account for 15 minutes. */
export async function recordFailedSignIn(db: Executor, user: UserRecord, now: Date): Promise<void> {
  const attempts = user.failedAttempts + 1;
  const lockedUntil =
    attempts >= 5 ? new Date(now.getTime() + 15 * 60_000).toISOString() : user.lockedUntil;
  await db.execute({
    sql: 'UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?',
    args: [attempts >= 5 ? 0 : attempts, lockedUntil, user.id],
  });
}

export async function recordSuccessfulSignIn(db: Executor, userId: string): Promise<void> {
  await db.execute({
    sql: 'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?',
    args: [userId],
  });
}

/** A colleague as a device needs them to assign work offline: no username, hash or lock state. */
export interface TeamMember {
  id: string;
  displayName: string;
  role: Role;
  siteIds: string[];
}

/**
 * The enabled colleagues of a user who hold patient data, each with only the sites they share
 * with the user (issue 8: assigning work and cover). Reads only the columns it returns.
 */
export async function teamOf(db: Executor, user: SessionUser): Promise<TeamMember[]> {
  const rs = await db.execute(
    'SELECT id, display_name, role, site_ids FROM users WHERE disabled = 0 ORDER BY display_name',
  );
  return rs.rows
    .map((r) => ({
      id: String(r['id']),
      displayName: String(r['display_name']),
      role: String(r['role']) as Role,
      siteIds: (JSON.parse(String(r['site_ids'])) as string[]).filter((s) =>
        user.siteIds.includes(s),
      ),
    }))
    .filter((m) => canSeePatientData(m.role) && m.siteIds.length > 0);
}
