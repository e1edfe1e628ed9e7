import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { SLOT_TYPES, SlotPatternItemSchema, addMinutes, type Slot } from '../clinics/clinic.ts';
import { fitsInDay, patternMinutes, slotsFromPattern } from '../clinics/recurrence.ts';
import { Id } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type Change } from './mutator.ts';

export const SessionSlotsArgsSchema = v.object({
  sessionId: Id,
  /** Free slots to give another type. */
  retype: v.optional(
    v.array(v.object({ slotId: Id, type: v.picklist(SLOT_TYPES, 'Choose a slot type') })),
    [],
  ),
  /** Free slots to take out of this clinic. */
  remove: v.optional(v.array(Id), []),
  /** Slots to add at the end of the clinic. */
  add: v.optional(v.pipe(v.array(SlotPatternItemSchema), v.maxLength(30)), []),
});

/**
 * `session.slots`: changes one clinic's slots without touching its template (issue 6):
 * retype or take out free slots, add slots at the end. A booked slot is never changed.
 */
export const sessionSlots = defineMutator({
  name: 'session.slots',
  args: SessionSlotsArgsSchema,
  async apply(state, args, ctx) {
    const session = await state.get('clinicSessions', args.sessionId);
    if (!session) return reject('unknown-session', 'That clinic is not on record');
    if (session.status === 'cancelled') {
      return reject('clinic-cancelled', 'This clinic is cancelled: its slots cannot be changed');
    }
    if (session.date < ctx.today) {
      return reject(
        'clinic-past',
        `This clinic ran on ${formatUkDate(session.date)}: its slots cannot be changed`,
      );
    }
    if (args.retype.length + args.remove.length + args.add.length === 0) {
      return reject('no-change', 'Nothing to change: retype, remove or add a slot');
    }
    const slots = await state.slotsOfSession(session.id);
    const byId = new Map(slots.map((s) => [s.id, s]));
    const changed = new Map<string, Slot>();
    const touch = (slotId: string): Slot | string => {
      const slot = changed.get(slotId) ?? byId.get(slotId);
      if (!slot) return 'That slot is not in this clinic';
      if (slot.status !== 'free') {
        return `The ${slot.startTime} slot is ${slot.status === 'booked' ? 'booked' : 'already out of use'}: only a free slot can be changed`;
      }
      return slot;
    };
    for (const { slotId, type } of args.retype) {
      const slot = touch(slotId);
      if (typeof slot === 'string') return reject('slot-not-free', slot);
      changed.set(slotId, { ...slot, type });
    }
    for (const slotId of args.remove) {
      const slot = touch(slotId);
      if (typeof slot === 'string') return reject('slot-not-free', slot);
      changed.set(slotId, {
        ...slot,
        status: 'blocked',
        blockedReason: 'Taken out of this clinic',
      });
    }
    const changes: Change[] = [...changed.values()].map((row) => ({ table: 'slots', row }));
    let endTime = session.endTime;
    if (args.add.length > 0) {
      if (!fitsInDay(session.endTime, args.add)) {
        return reject('too-long', 'The added slots run past midnight: add fewer or shorter slots');
      }
      const added = slotsFromPattern(
        { ...session, startTime: session.endTime },
        args.add,
        slots.length + 1,
      );
      for (const row of added) changes.push({ table: 'slots', row });
      endTime = addMinutes(session.endTime, patternMinutes(args.add));
    }
    changes.push({
      table: 'clinicSessions',
      row: { ...session, endTime, changedBy: ctx.actor, changedAt: ctx.now },
    });
    return { ok: true, changes };
  },
});
