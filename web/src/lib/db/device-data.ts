import {
  addDays,
  DEVICE_WINDOW_DAYS_BACK,
  isInDeviceWindow,
  TABLE_NAMES,
  WINDOWED_TABLES,
} from '@clinicdesk/domain';
import { readMeta, type ClinicDeskDatabase } from './database.ts';

/** This device's id, made once and kept: the server hands each device its own data key. */
export async function deviceIdOf(db: ClinicDeskDatabase): Promise<string> {
  const existing = await readMeta<string | null>(db, 'deviceId', null);
  if (existing) return existing;
  const id = crypto.randomUUID();
  await db.meta.put({ key: 'deviceId', value: id });
  return id;
}

/** Edits on this device not yet confirmed by the server, by anyone. */
export function unsyncedCount(db: ClinicDeskDatabase): Promise<number> {
  return db.outbox.count();
}

const scopeKey = (siteIds: readonly string[]) => [...siteIds].sort().join(',');

/**
 * Makes the device hold the data of these sites only (issue 3). When the sites differ from
 * what the device holds, its copy is dropped and synced afresh, but never while anyone's
 * edits are still waiting: then the answer is false and nothing changes.
 */
export async function useSiteScope(
  db: ClinicDeskDatabase,
  siteIds: readonly string[],
): Promise<boolean> {
  const wanted = scopeKey(siteIds);
  const held = await readMeta<string | null>(db, 'scope', null);
  if (held === wanted) return true;
  if (held !== null && (await unsyncedCount(db)) > 0) return false;
  await db.transaction(
    'rw',
    [...TABLE_NAMES.map((t) => db.rows(t)), db.meta, db.rejections],
    async () => {
      for (const t of TABLE_NAMES) await db.rows(t).clear();
      await db.rejections.clear();
      await db.meta.bulkDelete(['cursor', 'firstSyncDone']);
      await db.meta.put({ key: 'scope', value: wanted });
    },
  );
  return true;
}

/** Removes everything ClinicDesk keeps on this device (sign-out with nothing left to send). */
export async function wipeDevice(db: ClinicDeskDatabase): Promise<void> {
  db.close();
  await db.delete();
}

/**
 * Drops clinics, slots and appointments older than the device window (8 weeks), once a day:
 * the server stops sending them, and the device need not keep the department's history.
 */
export async function pruneOutsideWindow(db: ClinicDeskDatabase, today: string): Promise<number> {
  if ((await readMeta(db, 'prunedOn', '')) === today) return 0;
  const windowStart = addDays(today, -DEVICE_WINDOW_DAYS_BACK);
  let removed = 0;
  await db.transaction('rw', [...WINDOWED_TABLES.map((t) => db.rows(t)), db.meta], async () => {
    for (const table of WINDOWED_TABLES) {
      // Deleted by key, and only when there is something to delete: a delete through a filter
      // tells the lists kept in memory that the whole table changed, even when nothing did,
      // and they read it whole again (ADR 0012).
      const keys = await db
        .rows(table)
        .filter((row) => !isInDeviceWindow(table, row, windowStart))
        .primaryKeys();
      if (keys.length > 0) await db.rows(table).bulkDelete(keys);
      removed += keys.length;
    }
    await db.meta.put({ key: 'prunedOn', value: today });
  });
  return removed;
}
