import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { appointmentInSlot } from '../booking/appointment.ts';
import { hasSlotStarted, slotTypesForReferral } from '../booking/slot-rules.ts';
import { SLOT_TYPE_LABELS } from '../clinics/clinic.ts';
import { PRIORITY_LABELS } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { defineMutator, reject, rttEventNow } from './mutator.ts';

/** "an urgent", "a routine": the message is read by a person, so the article must agree. */
function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

export const AppointmentBookArgsSchema = v.object({
  appointmentId: v.pipe(v.string(), v.nonEmpty()),
  referralId: v.pipe(v.string(), v.nonEmpty()),
  slotId: v.pipe(v.string(), v.nonEmpty()),
});
export type AppointmentBookArgs = v.InferOutput<typeof AppointmentBookArgsSchema>;

/**
 * `appointment.book`: books a triaged referral's first appointment into a free slot.
 * A slot goes to the first booking the server applies (DESIGN.md, Sync step 4); the slot
 * must suit the referral's priority and its clinic must still be running.
 */
export const appointmentBook = defineMutator({
  name: 'appointment.book',
  args: AppointmentBookArgsSchema,
  async apply(state, args, ctx) {
    const [slot, referral] = await Promise.all([
      state.get('slots', args.slotId),
      state.get('referrals', args.referralId),
    ]);
    if (await state.get('appointments', args.appointmentId)) {
      return reject('duplicate-id', 'This booking has already been made');
    }
    if (!slot) return reject('unknown-slot', 'That slot no longer exists');
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    const session = await state.get('clinicSessions', slot.sessionId);
    if (!session || session.status === 'cancelled') {
      return reject('clinic-cancelled', 'That clinic has been cancelled: choose another slot');
    }
    if (slot.status === 'blocked') {
      return reject(
        'slot-blocked',
        `The ${slot.startTime} slot on ${formatUkDate(slot.date)} is not available for booking: choose another slot`,
      );
    }
    if (slot.status !== 'free') {
      return reject(
        'slot-taken',
        `The ${slot.startTime} slot on ${formatUkDate(slot.date)} has just been booked for another patient: choose another slot`,
      );
    }
    if (hasSlotStarted(slot, ctx)) {
      return reject(
        'slot-in-past',
        `The ${slot.startTime} slot on ${formatUkDate(slot.date)} has already started: choose a later one`,
      );
    }
    if (referral.status === 'discharged') {
      return reject(
        'referral-discharged',
        'This patient has been discharged: the referral cannot be booked',
      );
    }
    if (referral.status === 'booked') {
      return reject('already-booked', 'This patient already has a first appointment booked');
    }
    if (referral.status === 'seen') {
      return reject(
        'already-seen',
        'This patient has already had their first appointment: book a follow-up instead',
      );
    }
    if (referral.status !== 'waiting' || !referral.priority) {
      return reject(
        'not-triaged',
        'This referral has not been triaged yet: a clinician must set its priority first',
      );
    }
    const allowed = slotTypesForReferral({ ...referral, priority: referral.priority });
    if (referral.clinicTypeNeeded === 'procedure' && !allowed.includes(slot.type)) {
      return reject(
        'wrong-slot-type',
        'The clinician asked for a see-and-treat procedure list: choose a procedure slot',
      );
    }
    if (!allowed.includes(slot.type)) {
      const priority = withArticle(PRIORITY_LABELS[referral.priority].toLowerCase());
      const slotType = withArticle(SLOT_TYPE_LABELS[slot.type].toLowerCase());
      return reject(
        'wrong-slot-type',
        `${priority[0]!.toUpperCase()}${priority.slice(1)} first appointment cannot use ${slotType} slot`,
      );
    }
    const appointment = appointmentInSlot(slot, referral, {
      id: args.appointmentId,
      kind: 'new',
      status: 'booked',
      bookedAt: ctx.now,
    });
    // Rebooking after a first-appointment DNA starts a new clock on the day (RTT rule: 10).
    const nullified = rttClock(referral.rttEvents, ctx.today).state === 'nullified';
    const rttEvents = nullified
      ? [...referral.rttEvents, rttEventNow(ctx, '10', 'Rebooked after did not attend')]
      : referral.rttEvents;
    return {
      ok: true,
      changes: [
        { table: 'appointments', row: appointment },
        { table: 'slots', row: { ...slot, status: 'booked', appointmentId: appointment.id } },
        {
          table: 'referrals',
          row: { ...referral, status: 'booked', siteId: slot.siteId, rttEvents },
        },
      ],
    };
  },
});
