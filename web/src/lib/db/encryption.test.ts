import { describe, expect, it } from 'vitest';
import { generateDepartment, type Patient } from '@clinicdesk/domain';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { alterSealedRow, useTestDevice } from './test-device.test-support.ts';
import { readWholeTable, sealInAdvance, setDataKeys } from './encryption.ts';
import { sealServerChanges, writeServerChanges } from '../sync/local-changes.ts';
import { mutate } from '../sync/outbox.ts';

const DEPT = generateDepartment({ seed: 3, today: '2026-11-24', referrals: 50 });
const PATIENT = DEPT.patients[0] as Patient;
const db = useTestDevice(DEPT);

/** Every value IndexedDB holds for this database, read with the raw API (no middleware). */
async function rawContents(): Promise<string> {
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(db().name);
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

describe('patient data at rest', () => {
  it('reads back exactly what was written, through the app', async () => {
    expect(await db().rows('patients').get(PATIENT.id)).toEqual(PATIENT);
  });

  it('finds a patient by NHS number through its blind index', async () => {
    const found = await db().rows('patients').where('nhsNumber').equals(PATIENT.nhsNumber).first();
    expect(found?.id).toBe(PATIENT.id);
  });

  it('stores no patient name, NHS number, address or phone readable in IndexedDB', async () => {
    await mutate(
      db(),
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
    await db().rows('patients').put(PATIENT);
    setDataKeys(null);
    await expect(db().rows('patients').get(PATIENT.id)).rejects.toThrow(/locked/);
    setDataKeys(deriveDataKeys(key));
    expect(await db().rows('patients').get(PATIENT.id)).toEqual(PATIENT);
  });

  it('cannot be opened with another device’s key', async () => {
    setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
    await expect(db().rows('patients').get(PATIENT.id)).rejects.toThrow();
  });

  describe('rows sealed ahead of their write (a first copy, issue 10)', () => {
    const fresh: Patient = {
      ...(DEPT.patients[1] as Patient),
      id: 'pat-ahead',
      nhsNumber: '9998765404',
      familyName: 'AHEADOFTIME',
    };

    it('are stored sealed, read back whole and found by NHS number', async () => {
      const [stored] = await sealInAdvance('patients', [fresh]);
      expect(stored).not.toHaveProperty('familyName');
      await db().transaction('rw', db().rows('patients'), () => db().rows('patients').put(stored!));
      expect(await db().rows('patients').get(fresh.id)).toEqual(fresh);
      const found = await db().rows('patients').where('nhsNumber').equals(fresh.nhsNumber).first();
      expect(found?.id).toBe(fresh.id);
      const raw = await rawContents();
      expect(raw).not.toContain('AHEADOFTIME');
      expect(raw).not.toContain('9998765404');
    });

    it('are sealed again under the new key when the keys changed before the write', async () => {
      const [stored] = await sealInAdvance('patients', [fresh]);
      setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
      await db().rows('patients').put(stored!);
      expect(await db().rows('patients').get(fresh.id)).toEqual(fresh);
    });

    it('leaves rows of tables that are not sealed as they are', async () => {
      const sites = [...DEPT.sites];
      expect(await sealInAdvance('sites', sites)).toBe(sites);
    });

    it('writes a pulled page with sealed patients as the server sent it', async () => {
      const changes = await sealServerChanges([
        { table: 'patients', id: fresh.id, version: 1, row: fresh },
        { table: 'sites', id: DEPT.sites[0]!.id, version: 2, row: DEPT.sites[0]! },
      ]);
      await db().transaction('rw', db().rows('patients'), db().rows('sites'), () =>
        writeServerChanges(db(), changes),
      );
      expect(await db().rows('patients').get(fresh.id)).toEqual(fresh);
      expect(await db().rows('sites').get(DEPT.sites[0]!.id)).toEqual(DEPT.sites[0]);
    });
  });
});

describe('a whole table read outside a transaction (issue 10, ADR 0012)', () => {
  it('opens every sealed row by WebCrypto, a page at a time, as the middleware would', async () => {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const expected = [...DEPT.patients].sort(byId);
    // Pages of 7: the last is short, and one page ends on the last row of another.
    expect(await readWholeTable(db(), 'patients', { page: 7 })).toEqual(expected);
    expect(await readWholeTable(db(), 'patients', { page: DEPT.patients.length })).toEqual(
      expected,
    );
    // A table with nothing sealed comes back as stored.
    expect(
      await readWholeTable(db(), 'referrals', { page: 9, between: () => Promise.resolve() }),
    ).toEqual([...DEPT.referrals].sort(byId));
  });

  it('refuses a row altered behind the app, and any read once the device is locked', async () => {
    await alterSealedRow(db(), 'patients', PATIENT.id);
    await expect(readWholeTable(db(), 'patients')).rejects.toThrow();
    setDataKeys(null);
    await expect(readWholeTable(db(), 'referrals')).rejects.toThrow('ClinicDesk is locked');
  });

  it('gives up when the device locks while it reads', async () => {
    const reading = readWholeTable(db(), 'patients', { page: 5 });
    setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
    await expect(reading).rejects.toThrow('ClinicDesk is locked');
  });
});
