import {
  chaplaincyList,
  cancelledOnTheDay,
  holdsPlace,
  isOpenPathway,
  listUse,
  orderDayCaseList,
  type Admission,
  type CalendarDate,
  type DayCaseLine,
  type DayCaseList,
  type ListUse,
  type Patient,
  type Referral,
  type RebookDueLine,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

export interface DayCaseWaitingLine extends DayCaseLine {
  patient: Patient | undefined;
  /** The booked admission, when the pathway has a TCI date. */
  admission: Admission | undefined;
}

/**
 * The day-case waiting list on this device (issue 7): every pathway on it, P1 first then the
 * oldest decision to admit, with each patient and any booked TCI.
 */
export async function dayCaseWaitingList(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<DayCaseWaitingLine[]> {
  const referrals = await db.rows('referrals').where('status').equals('day-case').toArray();
  const lines = orderDayCaseList(referrals, today);
  const [patients, booked] = await Promise.all([
    db.rows('patients').bulkGet(lines.map((l) => l.referral.patientId)),
    db.rows('admissions').where('status').equals('booked').toArray(),
  ]);
  const byReferral = new Map(booked.map((a) => [a.referralId, a]));
  return lines.map((l, i) => ({
    ...l,
    patient: patients[i],
    admission: byReferral.get(l.referral.id),
  }));
}

export interface ListWithUse {
  list: DayCaseList;
  use: ListUse;
  /** True when a procedure of the asked-for minutes fits in what is left. */
  fits: boolean;
  /** Patients with a TCI date on it still booked (cancelling the list cancels theirs). */
  booked?: number;
}

/**
 * Open day-case lists from today onwards, soonest first, with what each has left; `minutes`
 * is the procedure's length, for lists counted in minutes.
 */
export async function dayCaseListsFrom(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  minutes: number,
): Promise<ListWithUse[]> {
  const lists = (await db.rows('dayCaseLists').where('date').aboveOrEqual(today).toArray()).filter(
    (l) => l.status === 'open',
  );
  const admissions = await admissionsOnLists(db, lists);
  const booked = bookedByList(admissions);
  return lists
    .map((list) => {
      const use = listUse(list, admissions);
      return {
        list,
        use,
        fits: use.unit === 'procedures' ? use.remaining >= 1 : use.remaining >= minutes,
        booked: booked.get(list.id) ?? 0,
      };
    })
    .sort(
      (a, b) => a.list.date.localeCompare(b.list.date) || a.list.name.localeCompare(b.list.name),
    );
}

/** Patients booked on each list and not yet admitted or cancelled, by list id. */
function bookedByList(admissions: readonly { listId: string; status: string }[]) {
  const booked = new Map<string, number>();
  for (const a of admissions)
    if (a.status === 'booked') booked.set(a.listId, (booked.get(a.listId) ?? 0) + 1);
  return booked;
}

/** The patients booked on each of some lists (the leave screen's lists to cancel), by list id. */
export async function bookedOnLists(
  db: ClinicDeskDatabase,
  lists: readonly DayCaseList[],
): Promise<Map<string, number>> {
  return bookedByList(await admissionsOnLists(db, lists));
}

async function admissionsOnLists(db: ClinicDeskDatabase, lists: readonly DayCaseList[]) {
  if (lists.length === 0) return [];
  return db
    .rows('admissions')
    .where('listId')
    .anyOf(lists.map((l) => l.id))
    .toArray();
}

export interface CancelledOnTheDayLine extends RebookDueLine {
  patient: Patient | undefined;
  referral: Referral | undefined;
}

/**
 * Operations the hospital cancelled on the day, still to be rebooked within 28 days, soonest
 * deadline first (overdue ones flagged). A pathway that has since closed drops off.
 */
export async function cancelledOnTheDayList(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<CancelledOnTheDayLine[]> {
  const cancelled = await db
    .rows('admissions')
    .where('status')
    .equals('cancelled-by-hospital')
    .toArray();
  const lines = cancelledOnTheDay(cancelled, today);
  const [patients, referrals] = await Promise.all([
    db.rows('patients').bulkGet(lines.map((l) => l.admission.patientId)),
    db.rows('referrals').bulkGet(lines.map((l) => l.admission.referralId)),
  ]);
  return lines
    .map((l, i) => ({ ...l, patient: patients[i], referral: referrals[i] }))
    .filter((l) => !l.referral || isOpenPathway(l.referral));
}

export interface ReportPatient {
  admission: Admission;
  patient: Patient | undefined;
  referral: Referral | undefined;
}

export interface ReportList {
  list: DayCaseList;
  use: ListUse;
  patients: ReportPatient[];
}

/**
 * The day-case lists from `from` to `to` (both included), each with its capacity used and left
 * and its patients (booked or admitted) in order of booking (issue 7: list report per session
 * and per week; issue 9: admission listings by date and site).
 */
export async function dayCaseListReport(
  db: ClinicDeskDatabase,
  from: CalendarDate,
  to: CalendarDate,
): Promise<ReportList[]> {
  if (to < from) return [];
  const lists = (
    await db.rows('dayCaseLists').where('date').between(from, to, true, true).toArray()
  ).sort((a, b) => a.date.localeCompare(b.date) || a.siteId.localeCompare(b.siteId));
  const admissions = await admissionsOnLists(db, lists);
  const held = admissions.filter(holdsPlace).sort((a, b) => a.bookedAt.localeCompare(b.bookedAt));
  const [patients, referrals] = await Promise.all([
    db.rows('patients').bulkGet(held.map((a) => a.patientId)),
    db.rows('referrals').bulkGet(held.map((a) => a.referralId)),
  ]);
  const people = held.map((admission, i) => ({
    admission,
    patient: patients[i],
    referral: referrals[i],
  }));
  return lists.map((list) => ({
    list,
    use: listUse(list, admissions),
    patients: people.filter((p) => p.admission.listId === list.id),
  }));
}

export interface ChaplaincyRow {
  admission: Admission;
  religion: string;
  patient: Patient | undefined;
  list: DayCaseList | undefined;
}

/**
 * The chaplaincy's list for a range of days (issue 9): day-case patients admitted or due in who
 * agreed to the chaplaincy being told, with their names and the list they are on. Only devices
 * of roles that may see religion hold it (the server leaves it out for the others).
 */
export async function chaplaincyRows(
  db: ClinicDeskDatabase,
  range: { from: CalendarDate; to: CalendarDate; siteId: string | null },
): Promise<ChaplaincyRow[]> {
  const held = await db.rows('admissions').where('status').anyOf(['booked', 'admitted']).toArray();
  const lines = chaplaincyList(held, range);
  const [patients, lists] = await Promise.all([
    db.rows('patients').bulkGet(lines.map((l) => l.admission.patientId)),
    db.rows('dayCaseLists').bulkGet(lines.map((l) => l.admission.listId)),
  ]);
  return lines.map((l, i) => ({ ...l, patient: patients[i], list: lists[i] }));
}
