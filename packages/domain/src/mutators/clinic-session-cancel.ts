import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { rebookIdFor, type Rebook } from '../clinics/rebook.ts';
import { cancellationLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';
import type { Slot } from '../clinics/clinic.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import {
  defineMutator,
  reject,
  type Change,
  type ReadState,
  type MutatorContext,
} from './mutator.ts';

export const SessionCancelArgsSchema = v.object({
  sessionId: Id,
  reason: text('Give the reason for cancelling the clinic', 300),
  /** The leave that empties the clinic, when it is leave. */
  leaveId: v.optional(v.nullable(Id), null),
  /** To reduce the clinic rather than cancel it: the slots to take out. */
  slotIds: v.optional(
    v.nullable(v.pipe(v.array(Id), v.minLength(1, 'Choose the slots to take out'))),
    null,
  ),
});

/**
 * Cancels the appointment booked in a slot, for the hospital: the appointment keeps its
 * history as cancelled by the hospital, the RTT clock keeps running (no clock event), and
 * the patient goes on the Rebook worklist until they are rebooked or deliberately returned
 * to the waiting list.
 */
async function displace(
  state: ReadState,
  slot: Slot,
  reason: string,
  ctx: MutatorContext,
): Promise<Change[]> {
  if (!slot.appointmentId) return [];
  const appointment = await state.get('appointments', slot.appointmentId);
  if (!appointment || appointment.status !== 'booked') return [];
  const referral = await state.get('referrals', appointment.referralId);
  const rebook: Rebook = {
    id: rebookIdFor(appointment.id),
    referralId: appointment.referralId,
    patientId: appointment.patientId,
    siteId: appointment.siteId,
    clinicianId: appointment.clinicianId,
    displacedAppointmentId: appointment.id,
    sessionId: appointment.sessionId,
    date: appointment.date,
    startTime: appointment.startTime,
    kind: appointment.kind,
    slotType: slot.type,
    reason,
    displacedAt: ctx.now,
    status: 'open',
    calls: [],
    closedAt: null,
    closedBy: null,
    closedReason: null,
    newAppointmentId: null,
  };
  const changes: Change[] = [
    {
      table: 'appointments',
      row: {
        ...appointment,
        status: 'cancelled-by-hospital',
        cancelledAt: ctx.now,
        cancellationReason: reason,
      },
    },
    { table: 'rebooks', row: rebook },
  ];
  if (referral) {
    changes.push({
      table: 'referrals',
      row: {
        ...referral,
        status: referral.status === 'booked' ? 'waiting' : referral.status,
        openRebookId: rebook.id,
      },
    });
    // The patient is rung from the Rebook worklist, and written to as well (issue 7).
    changes.push(
      await letterChange(
        'appointment-cancellation',
        { ...ctx, state },
        {
          referral,
          appointment,
          cancellationReason: reason,
          id: cancellationLetterId(appointment.id),
        },
      ),
    );
  }
  return changes;
}

/**
 * `session.cancel`: cancels a clinic, or reduces it by taking some of its slots out (issue 6:
 * clinician leave). Every patient booked into what is taken out is displaced onto the Rebook
 * worklist in the same step, so no one is lost between the cancellation and the phone call.
 */
export const sessionCancel = defineMutator({
  name: 'session.cancel',
  args: SessionCancelArgsSchema,
  async apply(state, args, ctx) {
    const session = await state.get('clinicSessions', args.sessionId);
    if (!session) return reject('unknown-session', 'That clinic is not on record');
    if (session.status === 'cancelled') {
      return reject('already-cancelled', 'This clinic has already been cancelled');
    }
    if (session.date < ctx.today) {
      return reject(
        'clinic-past',
        `This clinic ran on ${formatUkDate(session.date)}: it cannot be cancelled now`,
      );
    }
    if (args.leaveId && !(await state.get('leave', args.leaveId))) {
      return reject('unknown-leave', 'That leave is not on record');
    }
    const slots = await state.slotsOfSession(session.id);
    const reduce = args.slotIds !== null;
    const chosen = reduce ? new Set(args.slotIds) : null;
    const out = chosen ? slots.filter((s) => chosen.has(s.id)) : slots;
    if (chosen && out.length !== chosen.size) {
      return reject('unknown-slot', 'One of those slots is not in this clinic');
    }
    const attended: string[] = [];
    for (const slot of out) {
      if (!slot.appointmentId) continue;
      const appointment = await state.get('appointments', slot.appointmentId);
      if (
        appointment &&
        appointment.status !== 'booked' &&
        !appointment.status.startsWith('cancelled')
      ) {
        attended.push(slot.startTime);
      }
    }
    if (attended.length > 0) {
      return reject(
        'patients-attending',
        `The patient at ${attended.join(', ')} has already arrived or been seen: leave ${attended.length === 1 ? 'that slot' : 'those slots'} in the clinic`,
      );
    }
    const changes: Change[] = [];
    for (const slot of out) {
      if (slot.status === 'blocked') continue;
      changes.push(...(await displace(state, slot, args.reason, ctx)));
      changes.push({
        table: 'slots',
        row: { ...slot, status: 'blocked', appointmentId: null, blockedReason: args.reason },
      });
    }
    changes.push({
      table: 'clinicSessions',
      row: {
        ...session,
        status: reduce ? 'open' : 'cancelled',
        cancellationReason: reduce ? session.cancellationReason : args.reason,
        leaveId: args.leaveId ?? session.leaveId,
        changedBy: ctx.actor,
        changedAt: ctx.now,
      },
    });
    return { ok: true, changes };
  },
});
