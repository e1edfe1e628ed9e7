import {
  isOpenPathway,
  orderEscalations,
  orderTasks,
  type CalendarDate,
  type Contact,
  type ContactCategory,
  type Patient,
  type Referral,
  type Task,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { patientIdByNhsNumber } from './letter-queries.ts';

/** A person's open tasks, earliest due first (issue 8: My work). */
export async function openTasksOf(db: ClinicDeskDatabase, userId: string): Promise<Task[]> {
  const tasks = await db
    .rows('tasks')
    .where('[assigneeUserId+status]')
    .equals([userId, 'open'])
    .toArray();
  return orderTasks(tasks);
}

/** Every open task on the device, by the person it is assigned to (cover). */
export async function openTasksByPerson(db: ClinicDeskDatabase): Promise<Map<string, Task[]>> {
  const byPerson = new Map<string, Task[]>();
  for (const task of orderTasks(await db.rows('tasks').where('status').equals('open').toArray()))
    byPerson.set(task.assigneeUserId, [...(byPerson.get(task.assigneeUserId) ?? []), task]);
  return byPerson;
}

/** Escalated calls not yet closed, oldest first: the managers' worklist. */
export async function openEscalations(db: ClinicDeskDatabase): Promise<Contact[]> {
  return orderEscalations(await db.rows('contacts').where('status').equals('escalated').toArray());
}

/** How many items wait for a person: their open tasks, and open escalations for a manager. */
export async function myWorkCount(
  db: ClinicDeskDatabase,
  userId: string,
  closesEscalations: boolean,
): Promise<number> {
  const [tasks, escalations] = await Promise.all([
    db.rows('tasks').where('[assigneeUserId+status]').equals([userId, 'open']).count(),
    closesEscalations ? db.rows('contacts').where('status').equals('escalated').count() : 0,
  ]);
  return tasks + escalations;
}

export interface ContactFilter {
  category: ContactCategory | '';
  /** Only calls escalated to a manager and not yet closed. */
  escalatedOnly: boolean;
  /** Calls logged on or after this London day. */
  from: CalendarDate | null;
}

export interface ContactLine {
  contact: Contact;
  patient: Patient | undefined;
}

/** The contact log, newest first, filtered; at most `limit` calls. */
export async function contactLog(
  db: ClinicDeskDatabase,
  filter: ContactFilter,
  limit = 200,
): Promise<ContactLine[]> {
  const all = filter.escalatedOnly
    ? await openEscalations(db)
    : await db.rows('contacts').orderBy('loggedAt').reverse().toArray();
  const contacts = all
    .filter((c) => !filter.category || c.category === filter.category)
    .filter((c) => !filter.from || c.loggedAt >= filter.from)
    .slice(0, limit);
  const patientIds = contacts.map((c) => c.patientId).filter((id): id is string => !!id);
  const patients = await db.rows('patients').bulkGet(patientIds);
  const byId = new Map(patients.filter((p): p is Patient => !!p).map((p) => [p.id, p]));
  return contacts.map((contact) => ({
    contact,
    patient: contact.patientId ? byId.get(contact.patientId) : undefined,
  }));
}

export interface PatientFound {
  patient: Patient;
  /** The patient's open pathways, newest first, to link a call or a task to one. */
  referrals: Referral[];
}

/** A patient by NHS number with their open pathways, or undefined when not on this device. */
export async function patientForWork(
  db: ClinicDeskDatabase,
  nhsNumber: string,
): Promise<PatientFound | undefined> {
  const id = await patientIdByNhsNumber(db, nhsNumber);
  const patient = id ? await db.rows('patients').get(id) : undefined;
  if (!patient) return undefined;
  const referrals = (await db.rows('referrals').where('patientId').equals(patient.id).toArray())
    .filter(isOpenPathway)
    .sort((a, b) => b.receivedDate.localeCompare(a.receivedDate));
  return { patient, referrals };
}
