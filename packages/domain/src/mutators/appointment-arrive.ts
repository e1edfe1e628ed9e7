import * as v from 'valibot';
import { cashedUpRefusal } from '../clinics/cash-up.ts';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { APPOINTMENT_STATUS_LABELS, type Appointment } from '../booking/appointment.ts';
import { PatientUpdateArgsSchema, patientUpdate } from './patient-update.ts';
import {
  defineMutator,
  reject,
  type Change,
  type MutatorContext,
  type Rejection,
} from './mutator.ts';

export const AppointmentArriveArgsSchema = v.object({
  appointmentId: v.pipe(v.string(), v.nonEmpty()),
  /**
   * Contact details the patient corrected at the desk, saved with the arrival or not at all
   * (the same per-field merge and history as `patient.update`).
   */
  contact: v.optional(
    v.nullable(
      v.object({
        changes: PatientUpdateArgsSchema.entries.changes,
        hlc: PatientUpdateArgsSchema.entries.hlc,
      }),
    ),
    null,
  ),
});
export type AppointmentArriveArgs = v.InferOutput<typeof AppointmentArriveArgsSchema>;

/**
 * Why the desk cannot change an appointment today, or null when it can: the desk works on
 * today's clinics only (issue 8), and never on a cancelled appointment.
 */
export function deskRefusal(appointment: Appointment, ctx: MutatorContext): Rejection | null {
  if (appointment.status.startsWith('cancelled')) {
    return reject(
      'appointment-cancelled',
      'This appointment has been cancelled: book the patient again if they are to be seen',
    );
  }
  if (appointment.date !== ctx.today) {
    return reject(
      'not-today',
      `This appointment is on ${formatUkDate(appointment.date)}: the desk records arrivals only on the day`,
    );
  }
  return null;
}

/**
 * `appointment.arrive`: checks a booked patient in at the desk (issue 8): arrived, with the
 * time they arrived, from which their wait is counted. Contact details the patient corrected
 * while checking in are saved in the same edit, so a refused correction records no arrival
 * and a refused arrival changes no details: nothing is half-saved.
 */
export const appointmentArrive = defineMutator({
  name: 'appointment.arrive',
  args: AppointmentArriveArgsSchema,
  async apply(state, args, ctx) {
    const appointment = await state.get('appointments', args.appointmentId);
    if (!appointment) return reject('unknown-appointment', 'That appointment is not on record');
    const refused = deskRefusal(appointment, ctx);
    if (refused) return refused;
    // A cashed-up clinic is closed for the day (issue 8): reopen it to change it.
    const closed = cashedUpRefusal(await state.get('clinicSessions', appointment.sessionId));
    if (closed) return reject('clinic-cashed-up', closed);
    if (appointment.status !== 'booked') {
      return reject(
        'already-recorded',
        `This patient is already recorded as ${APPOINTMENT_STATUS_LABELS[appointment.status].toLowerCase()}`,
      );
    }
    const changes: Change[] = [
      {
        table: 'appointments',
        row: { ...appointment, status: 'arrived', arrivedAt: ctx.now, waitEndedAt: null },
      },
    ];
    if (args.contact) {
      const update = await patientUpdate.apply(
        state,
        { patientId: appointment.patientId, ...args.contact },
        ctx,
      );
      if (!update.ok) return update;
      changes.push(...update.changes);
    }
    return { ok: true, changes };
  },
});
