import {
  awaitsOutcome,
  unfinishedReason,
  type Appointment,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

export interface ClinicOutcomeLine {
  appointment: Appointment;
  patient: Patient | undefined;
  referral: Referral | undefined;
  /** Attended and still waiting for the clinic outcome. */
  awaiting: boolean;
  /** Why the clinic cannot be cashed up while this patient stays as they are; null when finished. */
  unfinished: string | null;
}

/**
 * A clinic's patients for its Outcomes panel and cash-up (issue 8): everyone booked into it
 * and not cancelled, in clinic order, each with whether they still need an attendance or an
 * outcome — the same rule `session.cashUp` applies.
 */
export async function clinicOutcomes(
  db: ClinicDeskDatabase,
  sessionId: string,
): Promise<ClinicOutcomeLine[]> {
  const appointments = (
    await db.rows('appointments').where('sessionId').equals(sessionId).toArray()
  )
    .filter((a) => !a.status.startsWith('cancelled'))
    .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));
  const [patients, referrals] = await Promise.all([
    db.rows('patients').bulkGet(appointments.map((a) => a.patientId)),
    db.rows('referrals').bulkGet(appointments.map((a) => a.referralId)),
  ]);
  return appointments.map((appointment, i) => {
    const referral = referrals[i];
    return {
      appointment,
      patient: patients[i],
      referral,
      awaiting: awaitsOutcome(appointment, referral),
      unfinished: unfinishedReason(appointment, referral),
    };
  });
}
