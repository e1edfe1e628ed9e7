import * as v from 'valibot';
import { addDays, formatUkDate } from '../calendar/calendar-date.ts';
import { isOpenPathway, RTT_CODES, type Referral, type RttCode } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { CLOCK_START_CODES, NO_CLOCK_CODES, RTT_CODE_LABELS } from '../rtt/rtt-codes.ts';
import { dischargeLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';
import { defineMutator, reject, rttEventNow, type Change } from './mutator.ts';

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
    }),
    v.object({ step: v.literal('refer-on') }),
  ]),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000)), ''),
});
export type PathwayOutcomeArgs = v.InferOutput<typeof PathwayOutcomeArgsSchema>;

/** The RTT codes that fit each next step, given whether a clock is running. */
function codesFor(step: NextStepChoice, running: boolean): readonly RttCode[] {
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

/**
 * `pathway.outcome`: a clinic outcome with its RTT code and next step (issue 5: clinic outcomes
 * record any code; discharge 34). The code must fit the clock — one cannot continue a clock that
 * is not running nor start one that is — and the next step decides the list the pathway moves to.
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
    const clock = rttClock(referral.rttEvents, ctx.today);
    const running = clock.state === 'running';
    const allowed = codesFor(args.next.step, running);
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
            ? `add to the day-case list for ${n.procedure}`
            : n.step === 'refer-on'
              ? 'referred on'
              : 'discharged';
    const due =
      n.step === 'follow-up'
        ? addDays(ctx.today, n.inWeeks * 7)
        : n.step === 'active-monitoring'
          ? addDays(ctx.today, n.reviewInWeeks * 7)
          : null;
    const cause = `Clinic outcome: ${detail}${args.note ? ` — ${args.note}` : ''}`;
    const row: Referral = {
      ...referral,
      status: STATUS_AFTER[n.step],
      followUpDueDate: due,
      tciDate: n.step === 'day-case' ? null : referral.tciDate,
      rttEvents: [...referral.rttEvents, rttEventNow(ctx, args.code, cause)],
    };
    const changes: Change[] = [{ table: 'referrals', row }];
    if (n.step === 'discharge') {
      changes.push(
        await letterChange(
          'discharge-gp',
          { ...ctx, state },
          {
            referral: row,
            dischargeReason: args.note || RTT_CODE_LABELS[args.code],
            id: dischargeLetterId(row.id, ctx.now),
          },
        ),
      );
    }
    return { ok: true, changes };
  },
});
