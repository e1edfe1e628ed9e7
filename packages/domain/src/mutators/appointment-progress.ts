import * as v from 'valibot';
import { cashedUpRefusal } from '../clinics/cash-up.ts';
import { APPOINTMENT_STATUS_LABELS, type Appointment } from '../booking/appointment.ts';
import type { Referral } from '../referrals/referral.ts';
import { deskRefusal } from './appointment-arrive.ts';
import { defineMutator, reject, type Change, type MutatorContext } from './mutator.ts';

const DESK_STEPS = ['with-clinician', 'could-not-wait', 'booked', 'arrived'] as const;
type DeskStep = (typeof DESK_STEPS)[number];

export const AppointmentProgressArgsSchema = v.object({
  appointmentId: v.pipe(v.string(), v.nonEmpty()),
  to: v.picklist(DESK_STEPS, 'Choose what has happened to the patient'),
});
export type AppointmentProgressArgs = v.InferOutput<typeof AppointmentProgressArgsSchema>;

/**
 * The desk's steps after arrival, from each status (issue 8): called in to the clinician;
 * left without being seen; an arrival recorded by mistake undone; called in by mistake, back
 * to waiting. Seen and did not attend are `appointment.attendance`'s, with their RTT effect.
 */
const STEPS_FROM: Partial<Record<Appointment['status'], readonly DeskStep[]>> = {
  arrived: ['with-clinician', 'could-not-wait', 'booked'],
  'with-clinician': ['could-not-wait', 'arrived'],
};

/** The appointment after a desk step: when the wait started and ended. */
function stepped(appointment: Appointment, to: DeskStep, ctx: MutatorContext): Appointment {
  switch (to) {
    case 'booked':
      return { ...appointment, status: 'booked', arrivedAt: null, waitEndedAt: null };
    case 'arrived':
      return { ...appointment, status: 'arrived', waitEndedAt: null };
    case 'with-clinician':
      return { ...appointment, status: 'with-clinician', waitEndedAt: ctx.now };
    case 'could-not-wait':
      return {
        ...appointment,
        status: 'could-not-wait',
        waitEndedAt: appointment.waitEndedAt ?? ctx.now,
      };
  }
}

/**
 * A patient who could not wait is not lost (hazard H1): a first appointment goes back on the
 * waiting list, a follow-up back on the follow-up list due now, the RTT clock running (as a
 * patient's cancellation: no clock event).
 */
function afterCouldNotWait(referral: Referral, ctx: MutatorContext): Referral | null {
  if (referral.status === 'booked') return { ...referral, status: 'waiting' };
  if (referral.status === 'follow-up') return { ...referral, followUpDueDate: ctx.today };
  return null;
}

/**
 * `appointment.progress`: moves a patient on at the desk once they have arrived: with the
 * clinician, could not wait, or an undo of a step recorded by mistake (issue 8). One step at
 * a time, on the day only.
 */
export const appointmentProgress = defineMutator({
  name: 'appointment.progress',
  args: AppointmentProgressArgsSchema,
  async apply(state, args, ctx) {
    const appointment = await state.get('appointments', args.appointmentId);
    if (!appointment) return reject('unknown-appointment', 'That appointment is not on record');
    const refused = deskRefusal(appointment, ctx);
    if (refused) return refused;
    // A cashed-up clinic is closed for the day (issue 8): reopen it to change it.
    const closed = cashedUpRefusal(await state.get('clinicSessions', appointment.sessionId));
    if (closed) return reject('clinic-cashed-up', closed);
    const current = APPOINTMENT_STATUS_LABELS[appointment.status].toLowerCase();
    if (!(STEPS_FROM[appointment.status] ?? []).includes(args.to)) {
      return reject(
        'wrong-step',
        appointment.status === 'booked'
          ? 'This patient has not arrived yet: check them in first'
          : `This patient is recorded as ${current}: they cannot be moved to ${APPOINTMENT_STATUS_LABELS[args.to].toLowerCase()}`,
      );
    }
    if (args.to === 'booked' && appointment.walkIn) {
      return reject(
        'walk-in',
        'A walk-in has no booking to go back to: if they left without being seen, record that they could not wait',
      );
    }
    const changes: Change[] = [{ table: 'appointments', row: stepped(appointment, args.to, ctx) }];
    if (args.to === 'could-not-wait') {
      const referral = await state.get('referrals', appointment.referralId);
      const row = referral ? afterCouldNotWait(referral, ctx) : null;
      if (row) changes.push({ table: 'referrals', row });
    }
    return { ok: true, changes };
  },
});
