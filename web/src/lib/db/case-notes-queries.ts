import {
  caseNoteIdOf,
  notesStatusFor,
  volumeStatusFor,
  type Appointment,
  type CalendarDate,
  type CaseNoteVolume,
  type ClinicSession,
  type NotesStatus,
  type Patient,
  type VolumeStatus,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

/** A patient's volumes, first volume first. */
export async function volumesOfPatient(
  db: ClinicDeskDatabase,
  patientId: string,
): Promise<CaseNoteVolume[]> {
  const volumes = await db.rows('caseNotes').where('patientId').equals(patientId).toArray();
  return volumes.sort((a, b) => a.volume - b.volume);
}

/** The volume a barcode names and its patient (when this device holds them). */
export async function volumeByBarcode(db: ClinicDeskDatabase, barcode: string) {
  const volume = await db.rows('caseNotes').get(caseNoteIdOf(barcode.trim()));
  if (!volume) return undefined;
  return { volume, patient: await db.rows('patients').get(volume.patientId) };
}

/** A patient's notes for one clinic: where each volume is and what that means for the clinic. */
export interface PatientNotes {
  status: NotesStatus;
  volumes: { volume: CaseNoteVolume; status: VolumeStatus }[];
}

function notesFor(volumes: CaseNoteVolume[], session: ClinicSession): PatientNotes {
  return {
    status: notesStatusFor(volumes, session),
    volumes: volumes
      .sort((a, b) => a.volume - b.volume)
      .map((volume) => ({ volume, status: volumeStatusFor(volume, session) })),
  };
}

/** Each patient's notes for a clinic, by patient id (the clinic page and its printed list). */
export async function notesForClinic(
  db: ClinicDeskDatabase,
  session: ClinicSession,
  patientIds: readonly string[],
): Promise<Map<string, PatientNotes>> {
  const volumes = await db.rows('caseNotes').where('patientId').anyOf(patientIds).toArray();
  return new Map(
    patientIds.map((id) => [
      id,
      notesFor(
        volumes.filter((v) => v.patientId === id),
        session,
      ),
    ]),
  );
}

export interface PullListLine {
  appointment: Appointment;
  patient: Patient | undefined;
  notes: PatientNotes;
}

export interface PullListClinic {
  session: ClinicSession;
  lines: PullListLine[];
}

/**
 * The notes pull list (issue 8): a day's open clinics at a site (or every site this device
 * holds), earliest first, each with its booked patients in time order and where each volume is.
 */
export async function notesPullList(
  db: ClinicDeskDatabase,
  date: CalendarDate,
  siteId: string | null,
): Promise<PullListClinic[]> {
  const sessions = (await db.rows('clinicSessions').where('date').equals(date).toArray())
    .filter((s) => s.status === 'open' && (siteId === null || s.siteId === siteId))
    .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.name.localeCompare(b.name));
  const appointments = (
    await db
      .rows('appointments')
      .where('sessionId')
      .anyOf(sessions.map((s) => s.id))
      .toArray()
  ).filter((a) => a.status === 'booked');
  const patientIds = [...new Set(appointments.map((a) => a.patientId))];
  const [patients, volumes] = await Promise.all([
    db.rows('patients').bulkGet(patientIds),
    db.rows('caseNotes').where('patientId').anyOf(patientIds).toArray(),
  ]);
  const patientById = new Map(patients.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  return sessions.map((session) => ({
    session,
    lines: appointments
      .filter((a) => a.sessionId === session.id)
      .sort((a, b) => a.startTime.localeCompare(b.startTime))
      .map((appointment) => ({
        appointment,
        patient: patientById.get(appointment.patientId),
        notes: notesFor(
          volumes.filter((v) => v.patientId === appointment.patientId),
          session,
        ),
      })),
  }));
}
