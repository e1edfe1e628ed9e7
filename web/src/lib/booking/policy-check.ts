import {
  checkBookingRules,
  longerWaitingThan,
  type CalendarDate,
  type Referral,
  type RuleCheck,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from '../db/database.ts';
import { loadSettings } from '../db/pathway-queries.ts';
import { createReadState } from '../db/read-state.ts';

/**
 * The access policy's warnings for booking a pathway on a day (issue 7), worked out on the
 * device with the same rules `appointment.book` applies, so the person sees them — and gives
 * their reasons — before the booking is queued.
 */
export async function policyWarnings(
  db: ClinicDeskDatabase,
  referral: Referral,
  date: CalendarDate,
  today: CalendarDate,
): Promise<RuleCheck[]> {
  const settings = await loadSettings(db);
  const longerWaiting = await longerWaitingThan(createReadState(db), referral, today);
  return checkBookingRules({ referral, date, today, longerWaiting }, settings).filter(
    (c) => c.level !== 'allow',
  );
}
