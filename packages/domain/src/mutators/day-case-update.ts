import * as v from 'valibot';
import { CalendarDateSchema, formatUkDate } from '../calendar/calendar-date.ts';
import {
  PRE_OP_OUTCOMES,
  SurgicalPrioritySchema,
  type DayCaseDetails,
} from '../day-cases/day-case.ts';
import type { RttEvent } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import { defineMutator, reject, rttEventNow } from './mutator.ts';

export const DayCaseUpdateArgsSchema = v.object({
  referralId: Id,
  procedure: text('Name the intended procedure', 200),
  priority: SurgicalPrioritySchema,
  decisionDate: CalendarDateSchema,
  estimatedMinutes: v.pipe(
    v.number('Enter how long the procedure takes, in minutes'),
    v.integer('Enter whole minutes'),
    v.minValue(5, 'A procedure takes at least 5 minutes'),
    v.maxValue(600, 'A day-case procedure takes at most 600 minutes'),
  ),
  preOp: v.object({
    needed: v.boolean(),
    outcome: v.picklist(PRE_OP_OUTCOMES, 'Choose the pre-operative assessment outcome'),
    date: v.nullable(CalendarDateSchema),
  }),
  unavailable: v.pipe(
    v.array(
      v.object({
        from: CalendarDateSchema,
        to: CalendarDateSchema,
        reason: text('Say why the patient is unavailable', 200),
      }),
    ),
    v.maxLength(20, 'Record at most 20 periods the patient is unavailable'),
  ),
});
export type DayCaseUpdateArgs = v.InferOutput<typeof DayCaseUpdateArgsSchema>;

/** Inserts an event after every event on or before its date, so the list stays in date order. */
function inDateOrder(events: readonly RttEvent[], event: RttEvent): RttEvent[] {
  const at = events.findLastIndex((e) => e.date <= event.date) + 1;
  return [...events.slice(0, at), event, ...events.slice(at)];
}

/**
 * `daycase.update`: the day-case waiting-list details of a pathway on the day-case list — the
 * intended procedure, clinical priority (P1–P4), decision to admit, pre-operative assessment
 * and the patient's unavailability (issue 7). The decision to admit is RTT activity 20 (the
 * clock runs on), recorded with its own date the first time it is given.
 */
export const dayCaseUpdate = defineMutator({
  name: 'daycase.update',
  args: DayCaseUpdateArgsSchema,
  async apply(state, args, ctx) {
    const referral = await state.get('referrals', args.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    if (referral.status !== 'day-case') {
      return reject(
        'not-on-day-case-list',
        'This pathway is not on the day-case list: the clinic outcome must add it first',
      );
    }
    if (args.decisionDate > ctx.today) {
      return reject('decision-in-future', 'The decision to admit cannot be in the future');
    }
    const clock = rttClock(referral.rttEvents, ctx.today);
    if (clock.clockStart && args.decisionDate < clock.clockStart) {
      return reject(
        'decision-before-clock',
        `The decision to admit cannot be before the RTT clock started on ${formatUkDate(clock.clockStart)}`,
      );
    }
    const period = args.unavailable.find((u) => u.to < u.from);
    if (period) {
      return reject(
        'unavailable-backwards',
        `The patient’s unavailability from ${formatUkDate(period.from)} must end on or after it starts`,
      );
    }
    const { preOp } = args;
    if (!preOp.needed && preOp.outcome !== 'not-done') {
      return reject(
        'pre-op-not-needed',
        'Pre-operative assessment is marked as not needed: clear its outcome, or mark it needed',
      );
    }
    if (preOp.outcome !== 'not-done' && !preOp.date) {
      return reject('pre-op-date-missing', 'Enter the date of the pre-operative assessment');
    }
    if (preOp.outcome !== 'not-done' && preOp.date! > ctx.today) {
      return reject(
        'pre-op-outcome-in-future',
        'A pre-operative assessment still to come has no outcome yet: record it on or after the day',
      );
    }
    const before = referral.dayCase;
    const details: DayCaseDetails = {
      procedure: args.procedure,
      priority: args.priority,
      decisionDate: args.decisionDate,
      estimatedMinutes: args.estimatedMinutes,
      preOp: { ...preOp, date: preOp.date },
      unavailable: args.unavailable,
      reviewReason: before?.reviewReason ?? null,
      addedAt: before?.addedAt ?? ctx.now,
      addedBy: before?.addedBy ?? ctx.actor,
    };
    // The decision to admit is recorded once; correcting its date later leaves the event alone.
    const recordDecision =
      !before && rttClock(referral.rttEvents, args.decisionDate).state === 'running';
    const rttEvents = recordDecision
      ? inDateOrder(
          referral.rttEvents,
          rttEventNow(ctx, '20', `Decision to admit: ${args.procedure}`, args.decisionDate),
        )
      : referral.rttEvents;
    return {
      ok: true,
      changes: [{ table: 'referrals', row: { ...referral, dayCase: details, rttEvents } }],
    };
  },
});
