import { afterEach, beforeEach } from 'vitest';
import { TABLE_NAMES, type Department, type Random, type Referral } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { ClinicDeskDatabase } from './database.ts';
import { setDataKeys } from './encryption.ts';
import { mutate } from '../sync/outbox.ts';

/**
 * A device for a test: a fresh IndexedDB (fake-indexeddb) with its data key (random unless
 * given) in memory, holding a department as if it had synced.
 */
export async function openTestDevice(
  dept: Department,
  deviceKey: Uint8Array = crypto.getRandomValues(new Uint8Array(32)),
): Promise<ClinicDeskDatabase> {
  setDataKeys(deriveDataKeys(deviceKey));
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

/**
 * A fresh test device for each test of the file (opened before, deleted after), read through
 * the returned function: `const db = useTestDevice(DEPT);` then `db()` inside a test. A given
 * `deviceKey` seals every test's device, for tests that unlock it again with the same keys.
 */
export function useTestDevice(
  dept: Department,
  { deviceKey }: { deviceKey?: Uint8Array } = {},
): () => ClinicDeskDatabase {
  let db: ClinicDeskDatabase | undefined;
  beforeEach(async () => {
    db = await openTestDevice(dept, deviceKey);
  });
  afterEach(async () => {
    if (db) await closeTestDevice(db);
    db = undefined;
  });
  return () => {
    if (!db) throw new Error('the test device is open only inside a test');
    return db;
  };
}

/** Forgets the key and deletes the test device's database. */
export async function closeTestDevice(db: ClinicDeskDatabase): Promise<void> {
  setDataKeys(null);
  await db.delete();
}

/**
 * Queues one edit of this device's own, as one made at the desk is queued: `clientId` recorded
 * viewing the patient. For tests about what a queued edit changes or holds back.
 */
export async function queueAnEdit(
  db: ClinicDeskDatabase,
  clientId: string,
  patientId: string,
  today = '2026-11-24',
): Promise<void> {
  const made = await mutate(
    db,
    clientId,
    'patient.viewed',
    { patientId, screen: 'test' },
    { now: new Date(`${today}T09:00:00Z`), today },
  );
  if (!made.ok) throw new Error(`the edit was not queued: ${JSON.stringify(made)}`);
}

/**
 * Reasons for going past the access policy's warnings (issue 7), for tests about something
 * else: bookings at short notice or ahead of a longer wait are warned about, and these are the
 * reasons a co-ordinator would record.
 */
export const AGREED = [
  { rule: 'reasonable-notice', reason: 'Patient agreed to the sooner date' },
  { rule: 'book-in-turn', reason: 'Clinically urgent' },
  { rule: 'two-week-wait', reason: 'Patient chose a later date' },
  { rule: 'second-offer', reason: 'Patient asked for a later date' },
  { rule: 'follow-up-window', reason: 'Clinician asked for it booked now' },
];

/**
 * Alters one byte of a sealed row's ciphertext behind the app's back (the raw IndexedDB API),
 * keeping its IV and tag: a read that opens it again must refuse it.
 */
export async function alterSealedRow(db: ClinicDeskDatabase, table: string, id: string) {
  const raw = db.backendDB();
  const stored = await new Promise<{ sealed: Uint8Array }>((resolve) => {
    const req = raw.transaction(table).objectStore(table).get(id);
    req.onsuccess = () => resolve(req.result as { sealed: Uint8Array });
  });
  const sealed = new Uint8Array(stored.sealed);
  sealed[14] = sealed[14]! ^ 0xff;
  await new Promise<void>((resolve) => {
    const tx = raw.transaction(table, 'readwrite');
    tx.objectStore(table).put({ ...stored, sealed });
    tx.oncomplete = () => resolve();
  });
}

/**
 * One random edit that may take a pathway on or off the waiting list, or move it there: its
 * status, its priority (or none), its clock started afresh, a new waiting pathway, or one
 * erased. For tests that hold a kept waiting list, or a count of it, to the list read afresh.
 */
export async function editWaitingListAtRandom(
  db: ClinicDeskDatabase,
  random: Random,
  step: number,
): Promise<void> {
  const r = random.pick(await db.rows('referrals').toArray());
  if (random.chance(0.15)) return void (await db.rows('referrals').delete(r.id));
  const change: Partial<Referral> = random.pick([
    { status: 'waiting' as const },
    { status: 'booked' as const },
    { priority: random.pick(['routine', 'urgent', 'two-week-wait', 'soon'] as const) },
    { priority: null },
    { rttEvents: [{ date: '2026-01-05', code: '10', cause: 'referral received' }] },
    { id: `new-${step}`, status: 'waiting' as const, priority: 'routine' as const },
  ]);
  await db.rows('referrals').put({ ...r, ...change });
}
