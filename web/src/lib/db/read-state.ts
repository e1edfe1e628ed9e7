import {
  withRowDefaults,
  type Patient,
  type ReadState,
  type Referral,
  type RowOf,
  type TableName,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

type Row = Record<string, unknown>;
/** Rows as stored (null: none), by `table/id`, that one edit's mutator has read. */
export type RowsRead = Map<string, Row | null>;

export const rowKey = (table: string, id: string) => `${table}/${id}`;

/**
 * Answers a mutator's reads from IndexedDB (inside the caller's Dexie transaction). With
 * `remember`, rows read by id are kept for the rest of that one edit: a second read of the same
 * row costs no round trip, and the edit's undo takes its pre-images from them (issue 10). Only
 * for one mutator run at a time: rows written afterwards are not seen by it.
 */
export function createReadState(db: ClinicDeskDatabase, remember?: RowsRead): ReadState {
  const read = async <T extends TableName>(table: T, id: string) => {
    if (!remember) return (await db.rows(table).get(id)) as RowOf<T> | undefined;
    const key = rowKey(table, id);
    if (!remember.has(key)) remember.set(key, ((await db.rows(table).get(id)) as Row) ?? null);
    // A copy each time: the pre-image stays as stored whatever the mutator does with its rows.
    const row = remember.get(key);
    return (row ? structuredClone(row) : undefined) as RowOf<T> | undefined;
  };
  return {
    get: async <T extends TableName>(table: T, id: string) => {
      const row = await read(table, id);
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
