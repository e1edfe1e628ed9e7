import { formatUkDate } from '../calendar/calendar-date.ts';
import type { Appointment } from '../booking/appointment.ts';
import type { Referral } from '../referrals/referral.ts';
import type { ClinicSession } from './clinic.ts';

/** Appointment statuses that need nothing more before a clinic is cashed up. */
const SETTLED: ReadonlySet<Appointment['status']> = new Set([
  'did-not-attend',
  'could-not-wait',
  'cancelled-by-patient',
  'cancelled-by-hospital',
]);

/**
 * True when an attendance still waits for its clinic outcome (issue 8): seen, with no outcome
 * recorded on it, and its pathway still awaiting one. An attendance from before outcomes were
 * tied to appointments has none on record; when its pathway has moved on, the outcome was
 * recorded on the pathway, so it does not wait.
 */
export function awaitsOutcome(
  appointment: Pick<Appointment, 'status' | 'outcome'>,
  referral: Pick<Referral, 'status'> | undefined,
): boolean {
  return appointment.status === 'seen' && !appointment.outcome && referral?.status === 'seen';
}

/** Why an appointment stops its clinic being cashed up, in the desk's words; null when it does not. */
export function unfinishedReason(
  appointment: Pick<Appointment, 'status' | 'outcome'>,
  referral: Pick<Referral, 'status'> | undefined,
): string | null {
  if (SETTLED.has(appointment.status)) return null;
  if (appointment.status === 'seen') {
    return awaitsOutcome(appointment, referral) ? 'attended, no outcome recorded' : null;
  }
  if (appointment.status === 'booked') return 'attendance not recorded';
  // Arrived, with the clinician, or any status the desk adds later: still in the building.
  return 'arrived, attendance not recorded';
}

export interface UnfinishedLine {
  appointment: Appointment;
  /** The patient's name as the desk knows them. */
  name: string;
  reason: string;
}

/**
 * The patients who stop a clinic being cashed up, in clinic order (issue 8): booked patients
 * whose attendance was never recorded, patients still in the building, and attended patients
 * without an outcome.
 */
export function unfinishedAppointments(
  lines: readonly { appointment: Appointment; referral: Referral | undefined; name: string }[],
): UnfinishedLine[] {
  return lines
    .flatMap(({ appointment, referral, name }) => {
      const reason = unfinishedReason(appointment, referral);
      return reason ? [{ appointment, name, reason }] : [];
    })
    .sort((a, b) => a.appointment.startTime.localeCompare(b.appointment.startTime));
}

/** The refusal for a cash-up that cannot be done yet, listing every unfinished patient. */
export function cashUpRefusal(unfinished: readonly UnfinishedLine[]): string {
  const list = unfinished
    .map((u) => `${u.appointment.startTime} ${u.name} (${u.reason})`)
    .join('; ');
  const count = unfinished.length === 1 ? '1 patient is' : `${unfinished.length} patients are`;
  return `This clinic cannot be cashed up yet: ${count} not finished: ${list}`;
}

/**
 * The sentence refusing an attendance or outcome edit on a cashed-up clinic, or null when the
 * clinic is still open for them (issue 8: once cashed up, the clinic's record is closed).
 */
export function cashedUpRefusal(session: ClinicSession | undefined): string | null {
  if (!session?.cashedUp) return null;
  return `The clinic on ${formatUkDate(session.date)} was cashed up by ${session.cashedUp.by.name}: ask a co-ordinator to reopen it before changing its attendances or outcomes`;
}
