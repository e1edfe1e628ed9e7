import {
  addDays,
  PRIORITIES,
  type Appointment,
  type CalendarDate,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { loadSettings, type PatientsRead } from './pathway-queries.ts';

/** Where a follow-up stands (issue 7: the waiting-for-review list). */
export type FollowUpState = 'overdue' | 'book-now' | 'later' | 'booked' | 'no-date';

export interface FollowUpLine {
  referral: Referral;
  patient: Patient | undefined;
  state: FollowUpState;
  /** The booked follow-up still to come, if any. */
  booked: Appointment | undefined;
  /** The day the booking window opens: follow-ups due later wait on the list (partial booking). */
  bookFrom: CalendarDate | null;
}

const ORDER: Record<FollowUpState, number> = {
  overdue: 0,
  'no-date': 1,
  'book-now': 2,
  later: 3,
  booked: 4,
};

/**
 * The waiting-for-review list: every pathway waiting for a follow-up, overdue first, then those
 * due within the booking window (book now), then those due later (partial booking: they come up
 * when the window opens), then the booked; within each, clinical priority and due date.
 */
export async function followUpList(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  { patients: withPatients = true }: PatientsRead = {},
): Promise<FollowUpLine[]> {
  const [settings, referrals] = await Promise.all([
    loadSettings(db),
    db.rows('referrals').where('status').equals('follow-up').toArray(),
  ]);
  const appointments = await db
    .rows('appointments')
    .where('referralId')
    .anyOf(referrals.map((r) => r.id))
    .toArray();
  const patients = withPatients
    ? await db.rows('patients').bulkGet(referrals.map((r) => r.patientId))
    : [];
  const windowDays = settings.followUpBookingWindowWeeks * 7;
  const lines = referrals.map((referral, i): FollowUpLine => {
    const booked = appointments
      .filter((a) => a.referralId === referral.id && a.status === 'booked' && a.date >= today)
      .sort((a, b) => a.date.localeCompare(b.date))[0];
    const due = referral.followUpDueDate;
    const bookFrom = due ? addDays(due, -windowDays) : null;
    const state: FollowUpState = booked
      ? 'booked'
      : !due
        ? 'no-date'
        : due < today
          ? 'overdue'
          : bookFrom! <= today
            ? 'book-now'
            : 'later';
    return { referral, patient: patients[i], state, booked, bookFrom };
  });
  return lines.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      PRIORITIES.indexOf(a.referral.priority ?? 'routine') -
        PRIORITIES.indexOf(b.referral.priority ?? 'routine') ||
      (a.referral.followUpDueDate ?? '').localeCompare(b.referral.followUpDueDate ?? '') ||
      a.referral.id.localeCompare(b.referral.id),
  );
}
