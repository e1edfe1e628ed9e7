import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDepartment, type Patient } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import type { ClinicDeskDatabase } from './database.ts';
import { closeTestDevice, openTestDevice } from './test-device.test-support.ts';
import { setDataKeys } from './encryption.ts';
import { mutate } from '../sync/outbox.ts';

const DEPT = generateDepartment({ seed: 3, today: '2026-11-24', referrals: 50 });
const PATIENT = DEPT.patients[0] as Patient;
let db: ClinicDeskDatabase;
let name: string;

/** Every value IndexedDB holds for this database, read with the raw API (no middleware). */
async function rawContents(): Promise<string> {
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const dump: unknown[] = [];
  for (const store of [...raw.objectStoreNames]) {
    dump.push(
      await new Promise((resolve) => {
        const req = raw.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
      }),
    );
  }
  raw.close();
  return JSON.stringify(dump, (_k, v: unknown) =>
    v instanceof Uint8Array ? new TextDecoder().decode(v) : v,
  );
}

beforeEach(async () => {
  db = await openTestDevice(DEPT);
  name = db.name;
});
afterEach(() => closeTestDevice(db));

describe('patient data at rest', () => {
  it('reads back exactly what was written, through the app', async () => {
    expect(await db.rows('patients').get(PATIENT.id)).toEqual(PATIENT);
  });

  it('finds a patient by NHS number through its blind index', async () => {
    const found = await db.rows('patients').where('nhsNumber').equals(PATIENT.nhsNumber).first();
    expect(found?.id).toBe(PATIENT.id);
  });

  it('stores no patient name, NHS number, address or phone readable in IndexedDB', async () => {
    await mutate(
      db,
      'device/user',
      'referral.add',
      {
        referralId: 'ref-new',
        receivedDate: '2026-11-20',
        source: 'gp',
        referrer: 'Dr Test',
        reason: 'Jaw pain',
        requestedPriority: 'routine',
        siteId: DEPT.sites[0]?.id,
        patient: {
          newPatient: {
            id: 'pat-new',
            nhsNumber: '9990000018',
            givenName: 'Wilhelmina',
            familyName: 'Quixotic',
            dateOfBirth: '1980-01-01',
            address: { line1: '7 Zebra Crossing', town: 'Worcester', postcode: 'WR1 1AA' },
            phone: '01632 960123',
            gpPractice: 'Orchard Surgery',
          },
        },
      },
      { now: new Date('2026-11-24T09:00:00Z'), today: '2026-11-24' },
    );
    const raw = await rawContents();
    for (const secret of [
      PATIENT.nhsNumber,
      PATIENT.address.line1,
      PATIENT.phone,
      'Wilhelmina',
      'Quixotic',
      '9990000018',
      'Zebra Crossing',
    ]) {
      expect(raw.toUpperCase()).not.toContain(secret.toUpperCase());
    }
  });

  it('refuses to read patient data while locked, and reads it again after unlocking', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    setDataKeys(deriveDataKeys(key));
    await db.rows('patients').put(PATIENT);
    setDataKeys(null);
    await expect(db.rows('patients').get(PATIENT.id)).rejects.toThrow(/locked/);
    setDataKeys(deriveDataKeys(key));
    expect(await db.rows('patients').get(PATIENT.id)).toEqual(PATIENT);
  });

  it('cannot be opened with another device’s key', async () => {
    setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
    await expect(db.rows('patients').get(PATIENT.id)).rejects.toThrow();
  });
});
