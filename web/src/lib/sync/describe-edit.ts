import { formatPatientName, formatUkDate } from '@clinicdesk/domain';
import type { ClinicDeskDatabase, OutboxEntry } from '../db/database.ts';

/** One line saying what a queued edit was, for the list of edits the server refused. */
export async function describeEdit(
  db: ClinicDeskDatabase,
  entry: Pick<OutboxEntry, 'name' | 'args'>,
): Promise<string> {
  const args = (entry.args ?? {}) as Record<string, string | undefined>;
  if (entry.name === 'appointment.book') {
    const referral = args['referralId']
      ? await db.rows('referrals').get(args['referralId'])
      : undefined;
    const patient = referral ? await db.rows('patients').get(referral.patientId) : undefined;
    const slot = args['slotId'] ? await db.rows('slots').get(args['slotId']) : undefined;
    const who = patient ? formatPatientName(patient) : 'a patient';
    return slot
      ? `Booking ${who} at ${slot.startTime} on ${formatUkDate(slot.date)}`
      : `Booking ${who}`;
  }
  if (entry.name === 'appointment.cancel') return 'Cancelling an appointment';
  if (entry.name === 'referral.add') return 'Adding a referral';
  return entry.name;
}
