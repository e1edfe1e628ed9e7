import * as v from 'valibot';
import { appointmentBook } from './appointment-book.ts';
import { appointmentCancel } from './appointment-cancel.ts';
import { patientUpdate } from './patient-update.ts';
import { patientViewed } from './patient-viewed.ts';
import { referralAdd } from './referral-add.ts';
import { referralTriage } from './referral-triage.ts';
import { appointmentAttendance } from './appointment-attendance.ts';
import { pathwayOutcome } from './pathway-outcome.ts';
import { pathwayValidate } from './pathway-validate.ts';
import { settingsUpdate } from './settings-update.ts';
import { clinicTemplateSave } from './clinic-template-save.ts';
import { sessionsGenerate } from './clinic-sessions-generate.ts';
import { sessionAdd } from './clinic-session-add.ts';
import { sessionSlots } from './clinic-session-slots.ts';
import { leaveRecord } from './clinician-leave-record.ts';
import { sessionCancel } from './clinic-session-cancel.ts';
import { rebookCall, rebookReturn, referralShortNotice } from './rebook-mutators.ts';
import { offerRecord, patientVulnerable, reviewDecide } from './policy-mutators.ts';
import { letterPrinted, letterTemplateSave } from './letter-mutators.ts';
import { dayCaseUpdate } from './day-case-update.ts';
import { dayCaseListAdd } from './day-case-list-add.ts';
import { admissionBook } from './admission-book.ts';
import { admissionCancel } from './admission-cancel.ts';
import { admissionOutcome } from './admission-outcome.ts';
import { admissionReligion } from './admission-religion.ts';
import { sessionCashUp, sessionReopen } from './session-cash-up.ts';
import { caseNotesCreate, caseNotesMissing, caseNotesTrack } from './case-notes-mutators.ts';
import { contactClose, contactLog } from './contact-mutators.ts';
import { taskAdd, taskAssign, taskDone, taskReassignAll } from './task-mutators.ts';
import { appointmentArrive } from './appointment-arrive.ts';
import { appointmentProgress } from './appointment-progress.ts';
import { appointmentUndoDna } from './appointment-dna-undo.ts';
import { dayCaseListCancel } from './day-case-list-cancel.ts';
import { appointmentWalkIn } from './appointment-walk-in.ts';
import { sessionRunningLate } from './session-running-late.ts';
import {
  reject,
  type Mutator,
  type MutatorContext,
  type MutatorResult,
  type ReadState,
} from './mutator.ts';

/** Every mutator by name: the same table on the device and on the server. */
export const MUTATORS: Record<string, Mutator> = Object.fromEntries(
  [
    referralAdd,
    referralTriage,
    appointmentBook,
    appointmentCancel,
    appointmentAttendance,
    pathwayOutcome,
    pathwayValidate,
    patientViewed,
    patientUpdate,
    settingsUpdate,
    clinicTemplateSave,
    sessionsGenerate,
    sessionAdd,
    sessionSlots,
    leaveRecord,
    sessionCancel,
    rebookCall,
    rebookReturn,
    referralShortNotice,
    offerRecord,
    reviewDecide,
    patientVulnerable,
    letterPrinted,
    letterTemplateSave,
    dayCaseUpdate,
    dayCaseListAdd,
    admissionBook,
    admissionCancel,
    admissionOutcome,
    admissionReligion,
    sessionCashUp,
    sessionReopen,
    caseNotesCreate,
    caseNotesTrack,
    caseNotesMissing,
    contactLog,
    contactClose,
    taskAdd,
    taskDone,
    taskAssign,
    taskReassignAll,
    appointmentArrive,
    appointmentProgress,
    appointmentUndoDna,
    dayCaseListCancel,
    appointmentWalkIn,
    sessionRunningLate,
  ].map((m) => [m.name, m as unknown as Mutator]),
);

/**
 * Words for the first problem valibot found. Every schema's messages are written for the
 * co-ordinator and name the field themselves ("Enter a time like 09:30"); the dotted path
 * valibot knows is for programs, and screens map it to the field with `v.getDotPath`.
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'The details are not valid';
  // valibot's own words ("Invalid type: …") mean a program sent a malformed edit, not that a
  // person mistyped: say so, naming the field for whoever supports the app.
  if (first.message.startsWith('Invalid ')) {
    const path = v.getDotPath(first);
    return `ClinicDesk could not read this change${path ? ` (its ${path} is not valid)` : ''}: update the app`;
  }
  return first.message;
}

/**
 * Runs a named mutation: checks its arguments, then applies its rule. Unknown names and bad
 * arguments are rejections, not errors, so that one bad edit never blocks a device's queue.
 */
export async function runMutation(
  name: string,
  rawArgs: unknown,
  state: ReadState,
  ctx: MutatorContext,
): Promise<MutatorResult> {
  // Own keys only: a name like "toString" must not find Object.prototype's method.
  const mutator = Object.hasOwn(MUTATORS, name) ? MUTATORS[name] : undefined;
  if (!mutator)
    return reject(
      'unknown-mutation',
      `ClinicDesk does not know the change "${name}": update the app`,
    );
  const parsed = v.safeParse(mutator.args, rawArgs);
  if (!parsed.success) return reject('invalid-args', describeIssues(parsed.issues));
  return mutator.apply(state, parsed.output, ctx);
}
