import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './database.ts';

/** Sessions last a working shift; the device locks itself much sooner when left idle. */
export const SESSION_HOURS = 12;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session and returns its token (only its hash is stored). */
export async function createSession(
  db: Database,
  userId: string,
  deviceId: string,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.execute({
    sql: 'INSERT INTO sessions (token_hash, user_id, device_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [
      sha256(token),
      userId,
      deviceId,
      now.toISOString(),
      new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
      now.toISOString(),
    ],
  });
  return token;
}

/** The user and device of a live session, or undefined when it is unknown or expired. */
export async function findSession(
  db: Database,
  token: string,
  now: Date,
): Promise<{ userId: string; deviceId: string } | undefined> {
  const rs = await db.execute({
    sql: 'SELECT user_id, device_id, expires_at FROM sessions WHERE token_hash = ?',
    args: [sha256(token)],
  });
  const row = rs.rows[0];
  if (!row || String(row['expires_at']) <= now.toISOString()) return undefined;
  return { userId: String(row['user_id']), deviceId: String(row['device_id']) };
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM sessions WHERE token_hash = ?', args: [sha256(token)] });
}

/** Ends every session of a user (disabled account, changed password or role). */
export async function deleteSessionsOf(db: Database, userId: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM sessions WHERE user_id = ?', args: [userId] });
}

/** The device's data key, made the first time the device signs in. */
export async function deviceKey(db: Database, deviceId: string, now: Date): Promise<string> {
  await db.execute({
    sql: 'INSERT OR IGNORE INTO device_keys (device_id, key, created_at) VALUES (?, ?, ?)',
    args: [deviceId, randomBytes(32).toString('base64'), now.toISOString()],
  });
  const rs = await db.execute({
    sql: 'SELECT key FROM device_keys WHERE device_id = ?',
    args: [deviceId],
  });
  return String(rs.rows[0]?.['key']);
}
