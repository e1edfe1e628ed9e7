import * as v from 'valibot';
import { addDays, formatUkDate } from '../calendar/calendar-date.ts';
import { isOpenPathway, RTT_CODES, type Referral, type RttCode } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { CLOCK_START_CODES, NO_CLOCK_CODES, RTT_CODE_LABELS } from '../rtt/rtt-codes.ts';
import {
  SURGICAL_PRIORITY_LABELS,
  SurgicalPrioritySchema,
  type DayCaseDetails,
} from '../day-cases/day-case.ts';
import { dischargeLetterId, outcomeLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';
import type { Appointment } from '../booking/appointment.ts';
import { cashedUpRefusal } from '../clinics/cash-up.ts';
import {
  defineMutator,
  reject,
  rttEventNow,
  type Change,
  type ReadState,
  type Rejection,
} from './mutator.ts';

const weeks = (label: string) =>
  v.pipe(
    v.number(`Enter ${label} in weeks`),
    v.integer(`Enter ${label} in whole weeks`),
    v.minValue(1, `${label[0]!.toUpperCase()}${label.slice(1)} must be at least 1 week`),
    v.maxValue(104, `${label[0]!.toUpperCase()}${label.slice(1)} must be within 104 weeks`),
  );

export const NEXT_STEPS = [
  'discharge',
  'follow-up',
  'active-monitoring',
  'day-case',
  'refer-on',
] as const;
export type NextStepChoice = (typeof NEXT_STEPS)[number];
export const NEXT_STEP_LABELS: Record<NextStepChoice, string> = {
  discharge: 'Discharge',
  'follow-up': 'Follow up',
  'active-monitoring': 'Active monitoring',
  'day-case': 'Add to the day-case list',
  'refer-on': 'Refer on to another provider',
};

export const PathwayOutcomeArgsSchema = v.object({
  referralId: v.pipe(v.string(), v.nonEmpty()),
  /** The attendance the outcome follows; by default the pathway's attendance awaiting one. */
  appointmentId: v.optional(v.pipe(v.string(), v.nonEmpty())),
  code: v.picklist(RTT_CODES, 'Choose the RTT status'),
  next: v.variant('step', [
    v.object({ step: v.literal('discharge') }),
    v.object({ step: v.literal('follow-up'), inWeeks: weeks('the follow-up interval') }),
    v.object({ step: v.literal('active-monitoring'), reviewInWeeks: weeks('the review interval') }),
    v.object({
      step: v.literal('day-case'),
      procedure: v.pipe(
        v.string('Name the procedure'),
        v.trim(),
        v.nonEmpty('Name the procedure'),
        v.maxLength(200),
      ),
      priority: SurgicalPrioritySchema,
      estimatedMinutes: v.pipe(
        v.number('Enter how long the procedure takes, in minutes'),
        v.integer('Enter whole minutes'),
        v.minValue(5, 'A procedure takes at least 5 minutes'),
        v.maxValue(600, 'A day-case procedure takes at most 600 minutes'),
      ),
    }),
    v.object({ step: v.literal('refer-on') }),
  ]),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000)), ''),
});
export type PathwayOutcomeArgs = v.InferOutput<typeof PathwayOutcomeArgsSchema>;

/**
 * The RTT codes that fit each next step, given whether a clock is running (NHS RTT rules: a
 * running clock continues (20), stops (30–36) or transfers (21); without one, 90–99 apply).
 */
export function outcomeCodesFor(step: NextStepChoice, running: boolean): readonly RttCode[] {
  if (!running) {
    if (step === 'day-case') return CLOCK_START_CODES;
    if (step === 'refer-on') return ['98'];
    return NO_CLOCK_CODES;
  }
  switch (step) {
    case 'discharge':
      return ['30', '34', '35', '36'];
    case 'follow-up':
      return ['20', '30', '34', '35'];
    case 'active-monitoring':
      return ['31', '32'];
    case 'day-case':
      return ['20'];
    case 'refer-on':
      return ['21', '34'];
  }
}

const STATUS_AFTER: Record<NextStepChoice, Referral['status']> = {
  discharge: 'discharged',
  'follow-up': 'follow-up',
  'active-monitoring': 'follow-up',
  'day-case': 'day-case',
  'refer-on': 'redirected',
};

/** The next step in the words of the letter to the GP (issue 8: the letters that follow). */
function letterSummary(next: PathwayOutcomeArgs['next'], due: string | null): string {
  switch (next.step) {
    case 'follow-up':
      return `We will see them again in clinic in about ${next.inWeeks} weeks, by ${formatUkDate(due!)}.`;
    case 'active-monitoring':
      return `We have agreed to monitor their condition without treatment for now (active monitoring), and will review them in about ${next.reviewInWeeks} weeks, by ${formatUkDate(due!)}.`;
    case 'day-case':
      return `We have added them to our day-case waiting list for: ${next.procedure}. Clinical priority: ${SURGICAL_PRIORITY_LABELS[next.priority]}. We will write to them with a date to come in.`;
    case 'refer-on':
      return 'We have referred them on to another provider for their care, who will contact them.';
    case 'discharge':
      return 'We have discharged them to your care.';
  }
}

/**
 * The attendance an outcome follows: the one named, which must be this pathway's, attended and
 * without an outcome; or, unnamed, the pathway's latest attendance still awaiting one (none
 * when the pathway is not awaiting an outcome, as after a review of the notes).
 */
async function attendanceFor(
  state: ReadState,
  referral: Referral,
  appointmentId: string | undefined,
): Promise<{ appointment: Appointment | null } | Rejection> {
  let appointment: Appointment | null;
  if (appointmentId === undefined) {
    if (referral.status !== 'seen') return { appointment: null };
    const waiting = (await state.appointmentsOfReferral(referral.id))
      .filter((a) => a.status === 'seen' && !a.outcome)
      .sort((a, b) => b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime));
    appointment = waiting[0] ?? null;
  } else {
    appointment = (await state.get('appointments', appointmentId)) ?? null;
    if (appointment?.referralId !== referral.id) {
      return reject('unknown-appointment', 'That appointment is not on this pathway');
    }
  }
  if (!appointment) return { appointment: null };
  const closed = cashedUpRefusal(await state.get('clinicSessions', appointment.sessionId));
  if (closed) return reject('clinic-cashed-up', closed);
  if (appointment.status !== 'seen') {
    return reject(
      'not-attended',
      'Record that the patient attended before recording their outcome',
    );
  }
  if (appointment.outcome) {
    return reject(
      'outcome-recorded',
      `An outcome was already recorded for the appointment on ${formatUkDate(appointment.date)} by ${appointment.outcome.by.name}: ${appointment.outcome.summary}`,
    );
  }
  return { appointment };
}

/**
 * `pathway.outcome`: a clinic outcome with its RTT code and next step (issue 5: clinic outcomes
 * record any code; discharge 34). The code must fit the clock — one cannot continue a clock that
 * is not running nor start one that is — and the next step decides the list the pathway moves to.
 * Issue 8: the outcome is recorded on the attendance it follows and dated on its clinic day
 * (the desk may key it in later from paper); a day case goes onto the day-case list with its
 * procedure and surgical priority; every outcome writes to the GP.
 */
export const pathwayOutcome = defineMutator({
  name: 'pathway.outcome',
  args: PathwayOutcomeArgsSchema,
  async apply(state, args, ctx) {
    const referral = await state.get('referrals', args.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    if (referral.status === 'awaiting-triage') {
      return reject('not-triaged', 'This referral has not been triaged yet');
    }
    if (!isOpenPathway(referral)) {
      return reject('pathway-closed', 'This pathway has ended: add a new referral to reopen it');
    }
    if (referral.status === 'booked') {
      return reject(
        'appointment-booked',
        'The patient has an appointment booked: record their attendance, or cancel it, first',
      );
    }
    if (referral.status === 'day-case' && referral.tciDate) {
      return reject(
        'tci-booked',
        `The patient has a TCI date booked on ${formatUkDate(referral.tciDate)}: record what happened on the day, or cancel it, first`,
      );
    }
    const attendance = await attendanceFor(state, referral, args.appointmentId);
    if ('ok' in attendance) return attendance;
    const { appointment } = attendance;
    const clock = rttClock(referral.rttEvents, ctx.today);
    const running = clock.state === 'running';
    const allowed = outcomeCodesFor(args.next.step, running);
    if (!allowed.includes(args.code)) {
      const clockWords = running ? 'The RTT clock is running' : 'No RTT clock is running';
      return reject(
        'code-does-not-fit',
        `${clockWords}: for this next step use ${allowed.join(', ')}, not ${args.code}`,
      );
    }
    const n = args.next;
    const detail =
      n.step === 'follow-up'
        ? `follow up in ${n.inWeeks} weeks`
        : n.step === 'active-monitoring'
          ? `active monitoring, review in ${n.reviewInWeeks} weeks`
          : n.step === 'day-case'
            ? `add to the day-case list for ${n.procedure} (${n.priority})`
            : n.step === 'refer-on'
              ? 'referred on'
              : 'discharged';
    // Decided in clinic: keyed in later from paper, it still counts from the clinic day.
    const decided = appointment?.date ?? ctx.today;
    const due =
      n.step === 'follow-up'
        ? addDays(decided, n.inWeeks * 7)
        : n.step === 'active-monitoring'
          ? addDays(decided, n.reviewInWeeks * 7)
          : null;
    const cause = `Clinic outcome: ${detail}${args.note ? ` — ${args.note}` : ''}`;
    const dayCase: DayCaseDetails | null =
      n.step === 'day-case'
        ? {
            preOp: { needed: true, outcome: 'not-done', date: null },
            unavailable: [],
            ...referral.dayCase,
            procedure: n.procedure,
            priority: n.priority,
            decisionDate: decided,
            estimatedMinutes: n.estimatedMinutes,
            reviewReason: null,
            addedAt: ctx.now,
            addedBy: ctx.actor,
          }
        : referral.dayCase;
    const row: Referral = {
      ...referral,
      status: STATUS_AFTER[n.step],
      followUpDueDate: due,
      tciDate: n.step === 'day-case' ? null : referral.tciDate,
      dayCase,
      rttEvents: [...referral.rttEvents, rttEventNow(ctx, args.code, cause, decided)],
    };
    const changes: Change[] = [{ table: 'referrals', row }];
    if (appointment) {
      changes.push({
        table: 'appointments',
        row: {
          ...appointment,
          outcome: {
            at: ctx.now,
            by: ctx.actor,
            code: args.code,
            summary: `${detail[0]!.toUpperCase()}${detail.slice(1)}`,
          },
        },
      });
    }
    const letterCtx = { ...ctx, state };
    changes.push(
      n.step === 'discharge'
        ? await letterChange('discharge-gp', letterCtx, {
            referral: row,
            appointment,
            dischargeReason: args.note || RTT_CODE_LABELS[args.code],
            id: appointment
              ? outcomeLetterId(row.id, appointment.id, ctx.now)
              : dischargeLetterId(row.id, ctx.now),
          })
        : await letterChange('clinic-outcome-gp', letterCtx, {
            referral: row,
            appointment,
            outcome: { date: decided, summary: letterSummary(n, due), note: args.note },
            id: outcomeLetterId(row.id, appointment?.id ?? null, ctx.now),
          }),
    );
    return { ok: true, changes };
  },
});
