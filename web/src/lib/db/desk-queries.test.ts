import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { formatPatientName, generateDepartment } from '@clinicdesk/domain';
import { ClinicDeskDatabase } from './database.ts';
import { useTestDevice } from './test-device.test-support.ts';
import { deskDay, findWalkIns } from './desk-queries.ts';

const TODAY = '2026-11-24'; // a Tuesday
const KTC = 'site-ktc';
const DEPT = generateDepartment({ seed: 8, today: TODAY, referrals: 400 });
const db = useTestDevice(DEPT);

describe('today at the desk', () => {
  it('lists today’s open clinics at the site in time order, each with its patients in time order', async () => {
    const clinics = await deskDay(db(), TODAY, KTC);
    const expected = DEPT.clinicSessions.filter((s) => s.date === TODAY && s.siteId === KTC);
    expect(clinics.map((c) => c.session.id).sort()).toEqual(expected.map((s) => s.id).sort());
    const starts = clinics.map((c) => c.session.startTime);
    expect(starts).toEqual([...starts].sort());
    for (const { session, lines } of clinics) {
      const times = lines.map((l) => l.appointment.startTime);
      expect(times).toEqual([...times].sort());
      for (const l of lines) {
        expect(l.appointment.sessionId).toBe(session.id);
        expect(l.patient?.id).toBe(l.appointment.patientId);
      }
    }
    expect(clinics.flatMap((c) => c.lines).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves out cancelled clinics and cancelled appointments', async () => {
    const [first] = await deskDay(db(), TODAY, KTC);
    const [line] = first!.lines;
    await db()
      .rows('appointments')
      .put({
        ...line!.appointment,
        status: 'cancelled-by-patient',
        cancelledAt: `${TODAY}T08:00:00Z`,
      });
    const again = await deskDay(db(), TODAY, KTC);
    expect(again[0]!.lines.map((l) => l.appointment.id)).not.toContain(line!.appointment.id);
    await db()
      .rows('clinicSessions')
      .put({ ...first!.session, status: 'cancelled' });
    expect((await deskDay(db(), TODAY, KTC)).map((c) => c.session.id)).not.toContain(
      first!.session.id,
    );
  });
});

describe('finding a walk-in', () => {
  it('finds a waiting patient by NHS number, typed with spaces, and by name in any order', async () => {
    const referral = DEPT.referrals.find(
      (r) => r.status === 'waiting' && r.priority !== null && r.reviews.length === 0,
    )!;
    const patient = DEPT.patients.find((p) => p.id === referral.patientId)!;
    const spaced = `${patient.nhsNumber.slice(0, 3)} ${patient.nhsNumber.slice(3, 6)} ${patient.nhsNumber.slice(6)}`;
    expect((await findWalkIns(db(), spaced)).map((c) => c.referral.id)).toEqual([referral.id]);
    const byName = await findWalkIns(db(), `${patient.givenName} ${patient.familyName}`);
    expect(byName.map((c) => c.referral.id)).toContain(referral.id);
    for (const c of byName)
      expect(formatPatientName(c.patient).toLowerCase()).toContain(
        patient.familyName.toLowerCase(),
      );
  });

  it('does not offer a patient whose pathway is booked, awaiting triage or closed', async () => {
    for (const status of ['booked', 'awaiting-triage', 'discharged'] as const) {
      const referral = DEPT.referrals.find((r) => r.status === status)!;
      const patient = DEPT.patients.find((p) => p.id === referral.patientId)!;
      expect(await findWalkIns(db(), patient.nhsNumber)).toEqual([]);
    }
    expect(await findWalkIns(db(), '   ')).toEqual([]);
  });
});

describe('upgrading a device to version 7', () => {
  it('gives appointments and clinics stored before the desk existed its fields’ defaults', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(4).stores({ appointments: 'id, sessionId', clinicSessions: 'id, date' });
    const { arrivedAt: _a, waitEndedAt: _w, walkIn: _k, ...appointment } = DEPT.appointments[0]!;
    const { runningLate: _r, ...session } = DEPT.clinicSessions[0]!;
    await old.table('appointments').put(appointment);
    await old.table('clinicSessions').put(session);
    old.close();
    const upgraded = new ClinicDeskDatabase(name);
    expect(await upgraded.rows('appointments').get(appointment.id)).toMatchObject({
      arrivedAt: null,
      waitEndedAt: null,
      walkIn: false,
    });
    expect(await upgraded.rows('clinicSessions').get(session.id)).toMatchObject({
      runningLate: null,
    });
    await upgraded.delete();
  });
});
