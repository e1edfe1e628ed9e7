import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import type { Referral } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { isChildOn } from '../policy/access-policy.ts';
import { raiseReview } from './policy-mutators.ts';
import { dnaLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';
import { cashedUpRefusal } from '../clinics/cash-up.ts';
import { isActiveAppointment } from '../booking/appointment.ts';
import { hasSlotStarted } from '../booking/slot-rules.ts';
import { defineMutator, reject, rttEventNow, type Change } from './mutator.ts';

export const AppointmentAttendanceArgsSchema = v.object({
  appointmentId: v.pipe(v.string(), v.nonEmpty()),
  attendance: v.picklist(
    ['attended', 'did-not-attend'],
    'Say whether the patient attended or did not attend',
  ),
});
export type AppointmentAttendanceArgs = v.InferOutput<typeof AppointmentAttendanceArgsSchema>;

/**
 * `appointment.attendance`: records whether the patient came (issue 5: RTT events are recorded
 * where the work happens). A first attendance is a 20 and leaves the pathway awaiting its clinic
 * outcome. Not attending a first appointment nullifies the clock (33) and puts the referral back
 * on the waiting list; booking it again starts a new clock (10). A missed follow-up goes back
 * on the follow-up list, due now, with no RTT effect.
 */
export const appointmentAttendance = defineMutator({
  name: 'appointment.attendance',
  args: AppointmentAttendanceArgsSchema,
  async apply(state, args, ctx) {
    const appointment = await state.get('appointments', args.appointmentId);
    if (!appointment) return reject('unknown-appointment', 'That appointment is not on record');
    const closed = cashedUpRefusal(await state.get('clinicSessions', appointment.sessionId));
    if (closed) return reject('clinic-cashed-up', closed);
    if (!isActiveAppointment(appointment)) {
      return reject(
        'attendance-recorded',
        'Attendance has already been recorded for this appointment, or it was cancelled',
      );
    }
    if (appointment.date > ctx.today) {
      return reject(
        'appointment-in-future',
        `This appointment is on ${formatUkDate(appointment.date)}: record attendance on the day or after`,
      );
    }
    if (args.attendance === 'did-not-attend') {
      if (appointment.status !== 'booked') {
        return reject(
          'patient-arrived',
          'This patient arrived for the appointment: if they left before being seen, record that they could not wait',
        );
      }
      // A patient has not missed an appointment whose time has not yet come (issue 8).
      if (!hasSlotStarted(appointment, ctx)) {
        return reject(
          'appointment-not-started',
          `This appointment is at ${appointment.startTime}: a patient can be marked as not attending only after that time`,
        );
      }
    }
    const referral = await state.get('referrals', appointment.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    const attended = args.attendance === 'attended';
    const clock = rttClock(referral.rttEvents, ctx.today);
    const first = appointment.kind === 'new';
    let row: Referral;
    if (attended) {
      const events =
        clock.state === 'running'
          ? [
              ...referral.rttEvents,
              rttEventNow(
                ctx,
                '20',
                first ? 'First outpatient attendance' : 'Follow-up attendance',
                appointment.date,
              ),
            ]
          : referral.rttEvents;
      row = { ...referral, status: 'seen', rttEvents: events };
    } else {
      // Access policy (issue 7): a first-appointment DNA, and any DNA of a child or a
      // vulnerable adult, goes to the clinician to decide; nothing discharges on its own.
      const patient = await state.get('patients', referral.patientId);
      const atRisk =
        !!patient &&
        (patient.vulnerable === true || isChildOn(patient.dateOfBirth, appointment.date));
      const reviewId = `review-dna-${appointment.id}`;
      if (first && clock.state === 'running') {
        row = raiseReview(
          {
            ...referral,
            status: 'waiting',
            rttEvents: [
              ...referral.rttEvents,
              rttEventNow(ctx, '33', 'Did not attend first appointment', appointment.date),
            ],
          },
          atRisk ? 'dna-child-or-vulnerable' : 'first-dna',
          `Did not attend the first appointment on ${formatUkDate(appointment.date)}`,
          ctx,
          reviewId,
        );
      } else {
        row = { ...referral, status: 'follow-up', followUpDueDate: ctx.today };
        if (atRisk) {
          row = raiseReview(
            row,
            'dna-child-or-vulnerable',
            `Did not attend on ${formatUkDate(appointment.date)}`,
            ctx,
            reviewId,
          );
        }
      }
    }
    const changes: Change[] = [
      {
        table: 'appointments',
        row: {
          ...appointment,
          status: attended ? 'seen' : 'did-not-attend',
          // Seen straight from the waiting room: the wait ended now (issue 8).
          waitEndedAt:
            appointment.status === 'arrived' ? ctx.now : (appointment.waitEndedAt ?? null),
        },
      },
      { table: 'referrals', row },
    ];
    // The GP hears of a missed appointment at once (issue 7 letters).
    if (!attended) {
      changes.push(
        await letterChange(
          'dna-gp',
          { ...ctx, state },
          { referral, appointment, id: dnaLetterId(appointment.id) },
        ),
      );
    }
    return { ok: true, changes };
  },
});
