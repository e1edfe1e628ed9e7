import { formatPatientName, formatUkDate } from '@clinicdesk/domain';
import type { ClinicDeskDatabase, OutboxEntry } from '../db/database.ts';

/** Issue 8: calls and tasks, described by what the person typed. */
const WORK_ITEM_EDITS: Record<string, (args: Record<string, string | undefined>) => string> = {
  'contact.log': (a) => `Logging a call from ${a['callerName'] ?? 'a caller'}`,
  'contact.close': () => 'Closing an escalated call',
  'task.add': (a) => `Adding the task “${a['title'] ?? ''}”`,
  'task.done': () => 'Marking a task done',
  'task.assign': () => 'Handing over a task',
  'task.reassignAll': () => 'Moving an absent colleague’s tasks',
};

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
  const workItem = WORK_ITEM_EDITS[entry.name];
  if (workItem) return workItem(args);
  return entry.name;
}
