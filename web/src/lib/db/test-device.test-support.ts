import { TABLE_NAMES, type Department } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { ClinicDeskDatabase } from './database.ts';
import { setDataKeys } from './encryption.ts';

/**
 * A device for a test: a fresh IndexedDB (fake-indexeddb) with a random data key in memory,
 * holding a department as if it had synced.
 */
export async function openTestDevice(dept: Department): Promise<ClinicDeskDatabase> {
  setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
  const db = new ClinicDeskDatabase(`test-${crypto.randomUUID()}`);
  await db.transaction(
    'rw',
    TABLE_NAMES.map((t) => db.rows(t)),
    async () => {
      for (const table of TABLE_NAMES) await db.table(table).bulkPut(dept[table]);
    },
  );
  return db;
}

/** Forgets the key and deletes the test device's database. */
export async function closeTestDevice(db: ClinicDeskDatabase): Promise<void> {
  setDataKeys(null);
  await db.delete();
}
