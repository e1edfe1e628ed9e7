import { londonTimeOf, type CalendarDate } from '../calendar/calendar-date.ts';
import type { SlotType } from '../clinics/clinic.ts';
import type { Priority } from '../referrals/referral.ts';

/**
 * Slot types a first (new-patient) appointment may use for a priority. Two-week-wait slots
 * are held for suspected cancer referrals and urgent slots for them and urgent referrals;
 * follow-up and procedure slots are never used for a first appointment (Trust booking rules,
 * as in most access policies).
 */
export function slotTypesForNewPatient(priority: Priority): readonly SlotType[] {
  if (priority === 'two-week-wait') return ['two-week-wait', 'urgent', 'new'];
  return priority === 'urgent' ? ['urgent', 'new'] : ['new'];
}

/**
 * Slot types the next appointment of a pathway may use: a follow-up in a follow-up slot, a
 * first appointment by its priority and the clinic type the clinician asked for.
 */
export function slotTypesForBooking(referral: {
  status: string;
  priority: Priority | null;
  clinicTypeNeeded: 'new' | 'urgent' | 'procedure' | null;
}): readonly SlotType[] {
  if (referral.status === 'follow-up') return ['follow-up'];
  if (!referral.priority) return [];
  return slotTypesForReferral({ ...referral, priority: referral.priority });
}

/**
 * Slot types a triaged referral's first appointment may use: a see-and-treat referral needs a
 * procedure slot; any other follows its priority.
 */
export function slotTypesForReferral(referral: {
  priority: Priority;
  clinicTypeNeeded: 'new' | 'urgent' | 'procedure' | null;
}): readonly SlotType[] {
  return referral.clinicTypeNeeded === 'procedure'
    ? ['procedure']
    : slotTypesForNewPatient(referral.priority);
}

/** True when a first appointment of this priority may go in a slot of this type. */
export function canUseSlotForNewPatient(priority: Priority, slotType: SlotType): boolean {
  return slotTypesForNewPatient(priority).includes(slotType);
}

/**
 * True when a slot has already started by the hospital's clock: an earlier day, or earlier
 * today in Europe/London. Slot times are London wall-clock times.
 */
export function hasSlotStarted(
  slot: { date: CalendarDate; startTime: string },
  ctx: { today: CalendarDate; now: string },
): boolean {
  if (slot.date !== ctx.today) return slot.date < ctx.today;
  return slot.startTime <= londonTimeOf(ctx.now);
}
