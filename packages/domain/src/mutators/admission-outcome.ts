import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import type { Referral } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { Id } from './clinic-scheduling-args.ts';
import { defineMutator, reject, rttEventNow, type Change } from './mutator.ts';

export const AdmissionOutcomeArgsSchema = v.object({
  admissionId: Id,
  outcome: v.picklist(['treated', 'did-not-attend'], 'Say whether the patient was treated'),
});
export type AdmissionOutcomeArgs = v.InferOutput<typeof AdmissionOutcomeArgsSchema>;

/**
 * `admission.outcome`: what happened on the TCI date (issue 7).
 * - Treated: the procedure is the first definitive treatment, so the RTT clock stops (30,
 *   dated the TCI date; RTT rules suite, "day-case surgery after a decision to admit stops the
 *   clock"), and the pathway waits for its clinic outcome (follow up or discharge, 90 onwards).
 * - Did not attend: no RTT event (a DNA after the first attendance does not nullify the clock);
 *   the pathway goes back on the day-case list, flagged for the surgeon to decide.
 */
export const admissionOutcome = defineMutator({
  name: 'admission.outcome',
  args: AdmissionOutcomeArgsSchema,
  async apply(state, args, ctx) {
    const admission = await state.get('admissions', args.admissionId);
    if (!admission) return reject('unknown-admission', 'That TCI date is not on record');
    if (admission.status !== 'booked') {
      return reject('not-booked', 'This TCI date is no longer booked: its outcome is recorded');
    }
    if (admission.tciDate > ctx.today) {
      return reject(
        'tci-to-come',
        `The TCI date is ${formatUkDate(admission.tciDate)}: record what happened on or after the day`,
      );
    }
    const treated = args.outcome === 'treated';
    const changes: Change[] = [
      {
        table: 'admissions',
        row: { ...admission, status: treated ? 'admitted' : 'did-not-attend' },
      },
    ];
    const referral = await state.get('referrals', admission.referralId);
    if (referral && referral.status === 'day-case') {
      let row: Referral;
      if (treated) {
        const running = rttClock(referral.rttEvents, admission.tciDate).state === 'running';
        const event = rttEventNow(
          ctx,
          '30',
          `First definitive treatment: day case, ${admission.procedure}`,
          admission.tciDate,
        );
        row = {
          ...referral,
          status: 'seen',
          tciDate: null,
          rttEvents: running ? [...referral.rttEvents, event] : referral.rttEvents,
        };
      } else {
        const reviewReason = `Did not attend for admission on ${formatUkDate(admission.tciDate)}: for the surgeon to decide`;
        row = {
          ...referral,
          tciDate: null,
          dayCase: referral.dayCase ? { ...referral.dayCase, reviewReason } : null,
        };
      }
      changes.push({ table: 'referrals', row });
    }
    return { ok: true, changes };
  },
});
