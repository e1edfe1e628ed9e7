import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { appointmentInSlot, isActiveAppointment } from '../booking/appointment.ts';
import { hasSlotStarted, slotTypesForReferral } from '../booking/slot-rules.ts';
import { SLOT_TYPE_LABELS } from '../clinics/clinic.ts';
import { PRIORITY_LABELS } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import type { SlotType } from '../clinics/clinic.ts';
import type { Referral } from '../referrals/referral.ts';
import { OverrideArgSchema } from '../policy/access-policy.ts';
import { OFFER_METHODS } from '../policy/pathway-records.ts';
import { applyBookingPolicy } from './booking-policy.ts';
import type { Rebook } from '../clinics/rebook.ts';
import {
  defineMutator,
  reject,
  rttEventNow,
  type Change,
  type MutatorContext,
  type ReadState,
  type Rejection,
} from './mutator.ts';
import { bookingLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';

/** "an urgent", "a routine": the message is read by a person, so the article must agree. */
function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Why a referral's first appointment cannot go in a slot of this type, or null when it can. */
function firstAppointmentRefusal(referral: Referral, slotType: SlotType): Rejection | null {
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
      'This patient has already had their first appointment: record the outcome, then book a follow-up',
    );
  }
  if (referral.status !== 'waiting' || !referral.priority) {
    return reject(
      'not-triaged',
      'This referral has not been triaged yet: a clinician must set its priority first',
    );
  }
  const allowed = slotTypesForReferral({ ...referral, priority: referral.priority });
  if (referral.clinicTypeNeeded === 'procedure' && !allowed.includes(slotType)) {
    return reject(
      'wrong-slot-type',
      'The clinician asked for a see-and-treat procedure list: choose a procedure slot',
    );
  }
  if (!allowed.includes(slotType)) {
    const priority = withArticle(PRIORITY_LABELS[referral.priority].toLowerCase());
    const slotLabel = withArticle(SLOT_TYPE_LABELS[slotType].toLowerCase());
    return reject(
      'wrong-slot-type',
      `${priority[0]!.toUpperCase()}${priority.slice(1)} first appointment cannot use ${slotLabel} slot`,
    );
  }
  return null;
}

/** The Rebook worklist entry a pathway is still on, if any. */
export async function openRebookOf(
  state: ReadState,
  referral: Referral,
): Promise<Rebook | undefined> {
  const rebook = referral.openRebookId
    ? await state.get('rebooks', referral.openRebookId)
    : undefined;
  return rebook && rebook.status === 'open' ? rebook : undefined;
}

/** A patient displaced by a cancelled clinic leaves the Rebook worklist when rebooked. */
export function rebookClosed(rebook: Rebook, appointmentId: string, ctx: MutatorContext): Change {
  return {
    table: 'rebooks',
    row: {
      ...rebook,
      status: 'rebooked',
      closedAt: ctx.now,
      closedBy: ctx.actor,
      newAppointmentId: appointmentId,
    },
  };
}

export const AppointmentBookArgsSchema = v.object({
  appointmentId: v.pipe(v.string(), v.nonEmpty()),
  referralId: v.pipe(v.string(), v.nonEmpty()),
  slotId: v.pipe(v.string(), v.nonEmpty()),
  /** Access-policy warnings gone past, each with its reason (issue 7). */
  overrides: v.optional(v.pipe(v.array(OverrideArgSchema), v.maxLength(10)), []),
  /** How the date was agreed with the patient. */
  offerMethod: v.optional(v.picklist(OFFER_METHODS), 'telephone'),
});
export type AppointmentBookArgs = v.InferOutput<typeof AppointmentBookArgsSchema>;

/**
 * `appointment.book`: books a triaged referral's first appointment, or a follow-up of a pathway
 * on the follow-up list, into a free slot.
 * A slot goes to the first booking the server applies (DESIGN.md, Sync step 4); the slot
 * must suit the referral's priority and its clinic must still be running.
 */
export const appointmentBook = defineMutator({
  name: 'appointment.book',
  args: AppointmentBookArgsSchema,
  async apply(state, args, ctx) {
    const [slot, referral, existing] = await Promise.all([
      state.get('slots', args.slotId),
      state.get('referrals', args.referralId),
      state.get('appointments', args.appointmentId),
    ]);
    if (existing) {
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
    const followUp = referral.status === 'follow-up';
    if (followUp) {
      const pending = (await state.appointmentsOfReferral(referral.id)).find(
        (a) => isActiveAppointment(a) && a.date >= ctx.today,
      );
      if (pending) {
        return reject(
          'already-booked',
          `This patient already has a follow-up booked on ${formatUkDate(pending.date)} at ${pending.startTime}`,
        );
      }
      if (slot.type !== 'follow-up') {
        return reject('wrong-slot-type', 'A follow-up appointment needs a follow-up slot');
      }
    } else {
      const refused = firstAppointmentRefusal(referral, slot.type);
      if (refused) return refused;
    }
    const policy = await applyBookingPolicy(
      state,
      referral,
      slot,
      args.appointmentId,
      args.overrides,
      args.offerMethod,
      ctx,
    );
    if (!('checks' in policy)) return policy;
    const appointment = appointmentInSlot(slot, referral, {
      id: args.appointmentId,
      kind: followUp ? 'follow-up' : 'new',
      status: 'booked',
      bookedAt: ctx.now,
    });
    // Rebooking after a first-appointment DNA starts a new clock on the day (RTT rule: 10).
    const nullified = rttClock(referral.rttEvents, ctx.today).state === 'nullified';
    const rttEvents = nullified
      ? [...referral.rttEvents, rttEventNow(ctx, '10', 'Rebooked after did not attend')]
      : referral.rttEvents;
    const changes: Change[] = [
      { table: 'appointments', row: appointment },
      { table: 'slots', row: { ...slot, status: 'booked', appointmentId: appointment.id } },
      {
        table: 'referrals',
        row: {
          ...referral,
          status: followUp ? 'follow-up' : 'booked',
          siteId: slot.siteId,
          rttEvents,
          openRebookId: null,
          offers: [...referral.offers, policy.offer],
        },
      },
      ...policy.overrides.map((row) => ({ table: 'policyOverrides' as const, row })),
    ];
    const displaced = await openRebookOf(state, referral);
    if (displaced) changes.push(rebookClosed(displaced, appointment.id, ctx));
    changes.push(
      await letterChange(
        displaced ? 'appointment-change' : 'appointment-confirmation',
        { ...ctx, state },
        { referral, appointment, previous: displaced, id: bookingLetterId(appointment.id) },
      ),
    );
    return { ok: true, changes };
  },
});
