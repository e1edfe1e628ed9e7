import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import type { Appointment } from '../booking/appointment.ts';
import { cashUpRefusal, unfinishedAppointments } from '../clinics/cash-up.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type ReadState } from './mutator.ts';

export const SessionCashUpArgsSchema = v.object({ sessionId: Id });

/** The appointments a clinic's slots hold, with each pathway and patient's name. */
async function clinicAppointments(state: ReadState, sessionId: string) {
  const slots = await state.slotsOfSession(sessionId);
  const lines = [];
  // One read after another: a device's IndexedDB transaction must never wait on anything else.
  for (const slot of slots) {
    if (!slot.appointmentId) continue;
    const appointment: Appointment | undefined = await state.get(
      'appointments',
      slot.appointmentId,
    );
    if (!appointment) continue;
    const referral = await state.get('referrals', appointment.referralId);
    const patient = await state.get('patients', appointment.patientId);
    const name = patient ? `${patient.givenName} ${patient.familyName}` : 'A patient';
    lines.push({ appointment, referral, name });
  }
  return lines;
}

/**
 * `session.cashUp`: closes a clinic for the day (issue 8). Refused, listing each patient, while
 * anyone booked has no attendance recorded, is still in the building, or was seen without an
 * outcome; once cashed up, its attendances and outcomes are closed to edits.
 */
export const sessionCashUp = defineMutator({
  name: 'session.cashUp',
  args: SessionCashUpArgsSchema,
  async apply(state, args, ctx) {
    const session = await state.get('clinicSessions', args.sessionId);
    if (!session) return reject('unknown-session', 'That clinic is not on record');
    if (session.status === 'cancelled') {
      return reject('session-cancelled', 'This clinic was cancelled: there is nothing to cash up');
    }
    if (session.cashedUp) {
      return reject(
        'already-cashed-up',
        `This clinic was already cashed up by ${session.cashedUp.by.name}`,
      );
    }
    if (session.date > ctx.today) {
      return reject(
        'session-in-future',
        `This clinic is on ${formatUkDate(session.date)}: cash it up on the day or after`,
      );
    }
    const unfinished = unfinishedAppointments(await clinicAppointments(state, session.id));
    if (unfinished.length > 0) return reject('unfinished-patients', cashUpRefusal(unfinished));
    return {
      ok: true,
      changes: [
        {
          table: 'clinicSessions',
          row: { ...session, cashedUp: { at: ctx.now, by: ctx.actor } },
        },
      ],
    };
  },
});

export const SessionReopenArgsSchema = v.object({
  sessionId: Id,
  reason: text('Say why the clinic is being reopened', 500),
});

/**
 * `session.reopen`: opens a cashed-up clinic again to correct an attendance or outcome (issue 8).
 * The co-ordinator's decision, with the reason kept on the clinic.
 */
export const sessionReopen = defineMutator({
  name: 'session.reopen',
  args: SessionReopenArgsSchema,
  async apply(state, args, ctx) {
    const session = await state.get('clinicSessions', args.sessionId);
    if (!session) return reject('unknown-session', 'That clinic is not on record');
    if (!session.cashedUp) {
      return reject('not-cashed-up', 'This clinic has not been cashed up: it is open already');
    }
    return {
      ok: true,
      changes: [
        {
          table: 'clinicSessions',
          row: {
            ...session,
            cashedUp: null,
            reopenings: [
              ...session.reopenings,
              { at: ctx.now, by: ctx.actor, reason: args.reason },
            ],
          },
        },
      ],
    };
  },
});
