import * as v from 'valibot';
import { raiseReview } from './policy-mutators.ts';
import { defineMutator, reject, type Change } from './mutator.ts';
import { cancellationLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';

export const AppointmentCancelArgsSchema = v.object({
  appointmentId: v.pipe(v.string(), v.nonEmpty()),
  by: v.picklist(['patient', 'hospital'], 'Say who cancelled: the patient or the hospital'),
  reason: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty('Give the reason for cancelling'),
    v.maxLength(500),
  ),
});
export type AppointmentCancelArgs = v.InferOutput<typeof AppointmentCancelArgsSchema>;

/**
 * `appointment.cancel`: cancels a booked appointment, saying who cancelled and why.
 * The slot is freed for someone else, and the referral goes back on the waiting list
 * with its RTT clock still running (a cancellation does not stop or reset a clock).
 */
export const appointmentCancel = defineMutator({
  name: 'appointment.cancel',
  args: AppointmentCancelArgsSchema,
  async apply(state, args, ctx) {
    const appointment = await state.get('appointments', args.appointmentId);
    if (!appointment) return reject('unknown-appointment', 'That appointment is not on record');
    if (appointment.status === 'arrived' || appointment.status === 'with-clinician') {
      return reject(
        'patient-arrived',
        'This patient has arrived for the appointment: record that they were seen or could not wait instead',
      );
    }
    if (appointment.status !== 'booked') {
      return reject('not-booked', 'Only a booked appointment can be cancelled');
    }
    const changes: Change[] = [
      {
        table: 'appointments',
        row: {
          ...appointment,
          status: args.by === 'patient' ? 'cancelled-by-patient' : 'cancelled-by-hospital',
          cancelledAt: ctx.now,
          cancellationReason: args.reason,
        },
      },
    ];
    const slot = await state.get('slots', appointment.slotId);
    if (slot && slot.appointmentId === appointment.id) {
      changes.push({ table: 'slots', row: { ...slot, status: 'free', appointmentId: null } });
    }
    const referral = await state.get('referrals', appointment.referralId);
    if (referral) {
      let row =
        referral.status === 'booked' ? { ...referral, status: 'waiting' as const } : referral;
      // Access policy (issue 7): a second cancellation by the patient goes to the clinician to
      // review; it never discharges on its own.
      if (args.by === 'patient') {
        const earlier = (await state.appointmentsOfReferral(referral.id)).filter(
          (a) => a.id !== appointment.id && a.status === 'cancelled-by-patient',
        );
        if (earlier.length >= 1) {
          row = raiseReview(
            row,
            'second-patient-cancellation',
            `Cancelled by the patient ${earlier.length + 1} times, most recently: ${args.reason}`,
            ctx,
            `review-cancel-${appointment.id}`,
          );
        }
      }
      if (row !== referral) changes.push({ table: 'referrals', row });
    }
    if (referral)
      changes.push(
        await letterChange(
          'appointment-cancellation',
          { ...ctx, state },
          {
            referral,
            appointment,
            cancellationReason: args.reason,
            id: cancellationLetterId(appointment.id),
          },
        ),
      );
    return { ok: true, changes };
  },
});
