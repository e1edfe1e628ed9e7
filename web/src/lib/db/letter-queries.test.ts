import { describe, expect, it } from 'vitest';
import { generateDepartment, type Department } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import {
  lettersOfPatient,
  patientIdByNhsNumber,
  unsentLetterCount,
  unsentLetters,
} from './letter-queries.ts';
import { mutate } from '../sync/outbox.ts';

const TODAY = '2026-11-24';
const DEPT: Department = generateDepartment({ seed: 7, today: TODAY, referrals: 300 });
const db = useTestDevice(DEPT);

async function edit(name: string, args: unknown, at: string) {
  const result = await mutate(db(), 'client-test', name, args, {
    now: new Date(at),
    today: TODAY,
  });
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
}

/** Cancels booked appointments one minute apart, each writing a cancellation letter. */
async function cancelSome(count: number) {
  const booked = DEPT.appointments
    .filter((a) => a.status === 'booked' && a.date > TODAY)
    .slice(0, count);
  for (const [i, a] of booked.entries())
    await edit(
      'appointment.cancel',
      { appointmentId: a.id, by: 'patient', reason: 'Away' },
      `2026-11-24T09:0${i}:00Z`,
    );
  return booked;
}

describe('letters on a device', () => {
  it('lists unsent letters oldest first and drops a letter once printed', async () => {
    const booked = await cancelSome(3);
    expect(await unsentLetterCount(db())).toBe(3);
    const unsent = await unsentLetters(db());
    expect(unsent.map((l) => l.appointmentId)).toEqual(booked.map((a) => a.id));
    expect(unsent[0]?.merge['patient.name']).toBeTruthy();

    await edit('letter.printed', { letterId: unsent[1]!.id }, '2026-11-24T10:00:00Z');
    expect(await unsentLetterCount(db())).toBe(2);
    expect((await unsentLetters(db())).map((l) => l.id)).toEqual([unsent[0]!.id, unsent[2]!.id]);
  });

  it('drops a letter withdrawn when its did-not-attend is taken back (hazard H18)', async () => {
    await cancelSome(1);
    const missed = DEPT.appointments.find((a) => a.status === 'booked' && a.date === TODAY)!;
    await edit(
      'appointment.attendance',
      { appointmentId: missed.id, attendance: 'did-not-attend' },
      '2026-11-24T17:00:00Z',
    );
    expect(await unsentLetterCount(db())).toBe(2);
    await edit(
      'appointment.undoDna',
      { appointmentId: missed.id, reason: 'Arrived late' },
      '2026-11-24T17:05:00Z',
    );
    expect(await unsentLetterCount(db())).toBe(1);
    expect((await unsentLetters(db())).map((l) => l.kind)).toEqual(['appointment-cancellation']);
  });

  it('finds every letter of a patient, printed or not, by their NHS number', async () => {
    const [first] = await cancelSome(1);
    const patient = DEPT.patients.find((p) => p.id === first!.patientId)!;
    const patientId = await patientIdByNhsNumber(db(), patient.nhsNumber);
    expect(patientId).toBe(patient.id);
    const letters = await lettersOfPatient(db(), patient.id);
    await edit('letter.printed', { letterId: letters[0]!.id }, '2026-11-24T10:00:00Z');
    expect((await lettersOfPatient(db(), patient.id)).map((l) => l.kind)).toEqual([
      'appointment-cancellation',
    ]);
  });

  it('keeps the patient’s name and address sealed in IndexedDB', async () => {
    const [appointment] = await cancelSome(1);
    const patient = DEPT.patients.find((p) => p.id === appointment!.patientId)!;
    const stored = await new Promise<unknown[]>((resolve, reject) => {
      const req = db().backendDB().transaction('letters').objectStore('letters').getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error as Error);
    });
    const raw = JSON.stringify(stored);
    expect(stored).toHaveLength(1);
    expect(raw).not.toContain(patient.familyName);
    expect(raw).not.toContain(patient.address.line1);
  });
});
