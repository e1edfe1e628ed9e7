import type * as v from 'valibot';
import type { Appointment } from '../booking/appointment.ts';
import type { ClinicSession, Slot } from '../clinics/clinic.ts';
import type { ClinicianLeave } from '../clinics/leave.ts';
import type { Admission } from '../day-cases/day-case.ts';
import type { CaseNoteVolume } from '../case-notes/case-notes.ts';
import type { Patient } from '../patients/patient.ts';
import type { RowOf, TableName } from '../sync/tables.ts';
import type { CalendarDate } from '../calendar/calendar-date.ts';
import type { Role } from '../access/roles.ts';
import type { Task } from '../tasks/task.ts';
import type { Priority, RecordedBy, Referral, RttEvent } from '../referrals/referral.ts';

/** A row a mutator writes: the whole new row, keyed by table and id. */
export type Change = { [T in TableName]: { table: T; row: RowOf<T> } }[TableName];

/** An expected refusal: a code for programs and a sentence for the co-ordinator. */
export interface Rejection {
  ok: false;
  reason: string;
  message: string;
}

export type MutatorResult = { ok: true; changes: Change[] } | Rejection;

/**
 * What a mutator may read. The device answers from IndexedDB, the server from libSQL inside
 * the push's transaction; the mutator itself does no I/O of its own.
 */
export interface ReadState {
  get<T extends TableName>(table: T, id: string): Promise<RowOf<T> | undefined>;
  findPatientByNhsNumber(nhsNumber: string): Promise<Patient | undefined>;
  /** Every referral of a patient, open or closed. */
  referralsOfPatient(patientId: string): Promise<Referral[]>;
  /** Every slot of a clinic session (issue 6: cancelling and reshaping clinics). */
  slotsOfSession(sessionId: string): Promise<Slot[]>;
  /** A template's sessions on or after a day. */
  sessionsOfTemplate(templateId: string, from: CalendarDate): Promise<ClinicSession[]>;
  /** Every appointment of a referral, whatever its status. */
  appointmentsOfReferral(referralId: string): Promise<Appointment[]>;
  /**
   * Referrals waiting to be booked at a priority for a clinician (null: for no one in
   * particular), received before a day: the access policy asks only for those that can have
   * waited longer than a given pathway, so a long queue is not read whole (issue 10).
   */
  waitingReferrals(
    clinicianId: string | null,
    priority: Priority,
    receivedBefore: CalendarDate,
  ): Promise<Referral[]>;
  /** Every period of leave recorded for a clinician. */
  leaveOfClinician(clinicianId: string): Promise<ClinicianLeave[]>;
  /** Every admission on a day-case list, whatever its status (issue 7: list capacity). */
  admissionsOfList(listId: string): Promise<Admission[]>;
  /** Every day-case admission of a referral, whatever its status. */
  admissionsOfReferral(referralId: string): Promise<Admission[]>;
  /** Every volume of a patient's case notes (issue 8: numbering a new volume). */
  caseNotesOfPatient(patientId: string): Promise<CaseNoteVolume[]>;
  /** Every open task assigned to a person (issue 8: cover for an absent colleague). */
  openTasksOf(userId: string): Promise<Task[]>;
}

/** The world a mutator is told about: the hospital's day, the moment and who made the edit. */
export interface MutatorContext {
  today: CalendarDate;
  now: string;
  /** The signed-in person the edit is recorded against (never taken from the edit's arguments). */
  actor: RecordedBy;
  /**
   * The actor's role, for the few rules that depend on it beyond the role's permitted edits
   * (a manager may reassign anyone's task). Absent means no such extra rights.
   */
  role?: Role;
  /**
   * The sites the person works at (their device holds only these), when known. An edit of a
   * per-site choice changes only these sites and keeps what colleagues elsewhere recorded.
   */
  siteIds?: readonly string[];
}

/** A named edit: its arguments' schema and the rule that turns them into changes. */
export interface Mutator<S extends v.GenericSchema = v.GenericSchema> {
  name: string;
  args: S;
  apply(state: ReadState, args: v.InferOutput<S>, ctx: MutatorContext): Promise<MutatorResult>;
}

/** A rejection with its reason code and the words to show. */
export function reject(reason: string, message: string): Rejection {
  return { ok: false, reason, message };
}

/** Declares a mutator with its argument types inferred from its schema. */
export function defineMutator<S extends v.GenericSchema>(m: Mutator<S>): Mutator<S> {
  return m;
}

/** An RTT event recorded now by the person making the edit (issue 5: who recorded it). */
export function rttEventNow(
  ctx: MutatorContext,
  code: RttEvent['code'],
  cause: string,
  date: CalendarDate = ctx.today,
): RttEvent {
  return { date, code, cause, recordedBy: ctx.actor };
}
