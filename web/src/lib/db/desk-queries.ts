import {
  dnaLetterId,
  formatPatientName,
  normaliseNhsNumber,
  openReview,
  type Appointment,
  type CalendarDate,
  type ClinicSession,
  type Letter,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

export interface DeskLine {
  appointment: Appointment;
  patient: Patient | undefined;
  /** A did-not-attend's letter to the GP, if on the device: taking the DNA back says if it went. */
  dnaLetter?: Letter | undefined;
}

export interface DeskClinic {
  session: ClinicSession;
  /** Its patients in time order (walk-ins at the end, where their slot is); cancellations left out. */
  lines: DeskLine[];
}

/**
 * Today's open clinics at a site for the reception desk (issue 8), in time order, each with
 * its patients in time order. Reads the device only, so it works offline.
 */
export async function deskDay(
  db: ClinicDeskDatabase,
  date: CalendarDate,
  siteId: string,
): Promise<DeskClinic[]> {
  const sessions = (await db.rows('clinicSessions').where('date').equals(date).toArray())
    .filter((s) => s.siteId === siteId && s.status === 'open')
    .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.name.localeCompare(b.name));
  const appointments = (
    await db
      .rows('appointments')
      .where('sessionId')
      .anyOf(sessions.map((s) => s.id))
      .toArray()
  ).filter((a) => !a.status.startsWith('cancelled'));
  const patients = await db
    .rows('patients')
    .bulkGet([...new Set(appointments.map((a) => a.patientId))]);
  const byId = new Map(patients.filter((p): p is Patient => !!p).map((p) => [p.id, p]));
  const missed = appointments.filter((a) => a.status === 'did-not-attend');
  const letters = await db.rows('letters').bulkGet(missed.map((a) => dnaLetterId(a.id)));
  const letterOf = new Map(missed.map((a, i) => [a.id, letters[i]]));
  return sessions.map((session) => ({
    session,
    lines: appointments
      .filter((a) => a.sessionId === session.id)
      .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id))
      .map((appointment) => ({
        appointment,
        patient: byId.get(appointment.patientId),
        dnaLetter: letterOf.get(appointment.id),
      })),
  }));
}

export interface WalkInCandidate {
  referral: Referral;
  patient: Patient;
}

/** A pathway that could walk in: waiting to be booked (triaged) or for a follow-up, not under review. */
function canWalkIn(referral: Referral): boolean {
  const waiting = referral.status === 'waiting' && referral.priority !== null;
  return (waiting || referral.status === 'follow-up') && !openReview(referral);
}

/**
 * Patients who could be added to today's clinic as walk-ins, found by NHS number (exactly) or
 * by name (every word typed, in any order): those with a pathway waiting for an appointment.
 */
export async function findWalkIns(
  db: ClinicDeskDatabase,
  query: string,
): Promise<WalkInCandidate[]> {
  const text = query.trim().toLowerCase();
  if (!text) return [];
  const digits = normaliseNhsNumber(text);
  let patients: Patient[];
  if (/^\d{10}$/.test(digits)) {
    patients = await db.rows('patients').where('nhsNumber').equals(digits).toArray();
  } else {
    const referrals = (
      await db.rows('referrals').where('status').anyOf(['waiting', 'follow-up']).toArray()
    ).filter(canWalkIn);
    const found = await db
      .rows('patients')
      .bulkGet([...new Set(referrals.map((r) => r.patientId))]);
    const words = text.split(/\s+/);
    patients = found.filter(
      (p): p is Patient =>
        !!p && words.every((w) => formatPatientName(p).toLowerCase().includes(w)),
    );
  }
  const candidates: WalkInCandidate[] = [];
  for (const patient of patients.slice(0, 50)) {
    const referrals = await db.rows('referrals').where('patientId').equals(patient.id).toArray();
    for (const referral of referrals.filter(canWalkIn)) candidates.push({ referral, patient });
  }
  return candidates
    .sort((a, b) => formatPatientName(a.patient).localeCompare(formatPatientName(b.patient)))
    .slice(0, 20);
}
