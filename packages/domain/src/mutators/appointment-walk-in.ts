import * as v from 'valibot';
import { cashedUpRefusal } from '../clinics/cash-up.ts';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { appointmentInSlot, isActiveAppointment } from '../booking/appointment.ts';
import { slotTypesForBooking } from '../booking/slot-rules.ts';
import { addMinutes } from '../clinics/clinic.ts';
import { fitsInDay, slotsFromPattern } from '../clinics/recurrence.ts';
import { openReview } from '../policy/access-policy.ts';
import { REVIEW_KIND_LABELS } from '../policy/pathway-records.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { openRebookOf, rebookClosed } from './appointment-book.ts';
import { Id } from './clinic-scheduling-args.ts';
import { defineMutator, reject, rttEventNow, type Change } from './mutator.ts';

export const AppointmentWalkInArgsSchema = v.object({
  appointmentId: Id,
  referralId: v.pipe(v.string('Choose the patient'), v.nonEmpty('Choose the patient')),
  sessionId: Id,
  /** How long the clinician is expected to need: the length of the slot added for them. */
  minutes: v.optional(
    v.pipe(
      v.number('Enter the minutes needed'),
      v.integer('Enter whole minutes'),
      v.minValue(5, 'A walk-in needs at least 5 minutes'),
      v.maxValue(120, 'A walk-in can have at most 120 minutes'),
    ),
    15,
  ),
});
export type AppointmentWalkInArgs = v.InferOutput<typeof AppointmentWalkInArgsSchema>;

/**
 * `appointment.walkIn`: adds a patient who turned up without a booking to one of today's
 * clinics, already arrived (issue 8). The clinic gains one slot at its end, as `session.slots`
 * adds slots, of the type the pathway would be booked into, so no booked patient is moved and
 * the clinic's times stay true; the patient is seen as the clinician fits them in. Only a
 * pathway waiting for its next appointment can walk in (triaged and on the waiting list, or on
 * the follow-up list) and not one a clinician must first review. No letter is written and no
 * offer recorded: the patient is here.
 */
export const appointmentWalkIn = defineMutator({
  name: 'appointment.walkIn',
  args: AppointmentWalkInArgsSchema,
  async apply(state, args, ctx) {
    if (await state.get('appointments', args.appointmentId)) {
      return reject('duplicate-id', 'This walk-in has already been added');
    }
    const [session, referral] = await Promise.all([
      state.get('clinicSessions', args.sessionId),
      state.get('referrals', args.referralId),
    ]);
    if (!session) return reject('unknown-session', 'That clinic is not on record');
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    if (session.status === 'cancelled') {
      return reject('clinic-cancelled', 'This clinic has been cancelled: choose another clinic');
    }
    const closed = cashedUpRefusal(session);
    if (closed) return reject('clinic-cashed-up', closed);
    if (session.date !== ctx.today) {
      return reject(
        'not-today',
        `This clinic is on ${formatUkDate(session.date)}: a walk-in joins one of today's clinics`,
      );
    }
    const review = openReview(referral);
    if (review) {
      return reject(
        'awaiting-clinical-review',
        `A clinician must review this pathway before the patient is seen again: ${REVIEW_KIND_LABELS[review.kind]}`,
      );
    }
    const followUp = referral.status === 'follow-up';
    const type = slotTypesForBooking(referral)[0];
    if ((referral.status !== 'waiting' && !followUp) || !type) {
      return reject(
        'not-waiting',
        'This pathway is not waiting for an appointment (not yet triaged, already booked or seen, or closed): it cannot walk in',
      );
    }
    const active = (await state.appointmentsOfReferral(referral.id)).find(isActiveAppointment);
    if (active) {
      return reject(
        'already-booked',
        `This patient already has an appointment on ${formatUkDate(active.date)} at ${active.startTime}: check them in to that one, or cancel it first`,
      );
    }
    const pattern = [{ type, minutes: args.minutes }];
    if (!fitsInDay(session.endTime, pattern)) {
      return reject('too-long', 'The clinic would run past midnight: it cannot take a walk-in');
    }
    const slots = await state.slotsOfSession(session.id);
    const [free] = slotsFromPattern(
      { ...session, startTime: session.endTime },
      pattern,
      slots.length + 1,
    );
    const slot = { ...free!, status: 'booked' as const, appointmentId: args.appointmentId };
    const appointment = {
      ...appointmentInSlot(slot, referral, {
        id: args.appointmentId,
        kind: followUp ? ('follow-up' as const) : ('new' as const),
        status: 'arrived',
        bookedAt: ctx.now,
      }),
      arrivedAt: ctx.now,
      walkIn: true,
    };
    // Seen after a first-appointment DNA nullified the clock: a new clock starts (RTT rule: 10).
    const nullified = rttClock(referral.rttEvents, ctx.today).state === 'nullified';
    const changes: Change[] = [
      { table: 'appointments', row: appointment },
      { table: 'slots', row: slot },
      {
        table: 'clinicSessions',
        row: {
          ...session,
          endTime: addMinutes(session.endTime, args.minutes),
          changedBy: ctx.actor,
          changedAt: ctx.now,
        },
      },
      {
        table: 'referrals',
        row: {
          ...referral,
          status: followUp ? 'follow-up' : 'booked',
          siteId: session.siteId,
          rttEvents: nullified
            ? [...referral.rttEvents, rttEventNow(ctx, '10', 'Walked in after did not attend')]
            : referral.rttEvents,
          openRebookId: null,
        },
      },
    ];
    const displaced = await openRebookOf(state, referral);
    if (displaced) changes.push(rebookClosed(displaced, appointment.id, ctx));
    return { ok: true, changes };
  },
});
