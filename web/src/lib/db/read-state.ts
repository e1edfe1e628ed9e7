import {
  withRowDefaults,
  type Patient,
  type ReadState,
  type Referral,
  type RowOf,
  type TableName,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

/** Answers a mutator's reads from IndexedDB (inside the caller's Dexie transaction). */
export function createReadState(db: ClinicDeskDatabase): ReadState {
  return {
    get: async <T extends TableName>(table: T, id: string) => {
      const row = (await db.rows(table).get(id)) as RowOf<T> | undefined;
      return row && withRowDefaults(table, row);
    },
    findPatientByNhsNumber: (nhsNumber: string) =>
      db.rows('patients').where('nhsNumber').equals(nhsNumber).first() as Promise<
        Patient | undefined
      >,
    referralsOfPatient: (patientId: string) =>
      db.rows('referrals').where('patientId').equals(patientId).toArray() as Promise<Referral[]>,
    slotsOfSession: (sessionId: string) =>
      db.rows('slots').where('sessionId').equals(sessionId).toArray(),
    sessionsOfTemplate: (templateId: string, from: string) =>
      db
        .rows('clinicSessions')
        .where('[templateId+date]')
        .between([templateId, from], [templateId, '\uffff'])
        .toArray(),
    appointmentsOfReferral: (referralId: string) =>
      db.rows('appointments').where('referralId').equals(referralId).toArray(),
    // IndexedDB leaves a pathway with no clinician out of an index holding clinicianId: those
    // are read by priority and age, and picked out.
    waitingReferrals: async (
      clinicianId: string | null,
      priority: string,
      receivedBefore: string,
    ) =>
      clinicianId === null
        ? (
            await db
              .rows('referrals')
              .where('[status+priority+receivedDate]')
              .between(['waiting', priority, ''], ['waiting', priority, receivedBefore])
              .toArray()
          ).filter((r) => r.clinicianId === null)
        : db
            .rows('referrals')
            .where('[status+priority+clinicianId+receivedDate]')
            .between(
              ['waiting', priority, clinicianId, ''],
              ['waiting', priority, clinicianId, receivedBefore],
            )
            .toArray(),
    leaveOfClinician: (clinicianId: string) =>
      db.rows('leave').where('clinicianId').equals(clinicianId).toArray(),
    admissionsOfList: (listId: string) =>
      db.rows('admissions').where('listId').equals(listId).toArray(),
    admissionsOfReferral: (referralId: string) =>
      db.rows('admissions').where('referralId').equals(referralId).toArray(),
    caseNotesOfPatient: (patientId: string) =>
      db.rows('caseNotes').where('patientId').equals(patientId).toArray(),
    openTasksOf: (userId: string) =>
      db.rows('tasks').where('[assigneeUserId+status]').equals([userId, 'open']).toArray(),
  };
}
