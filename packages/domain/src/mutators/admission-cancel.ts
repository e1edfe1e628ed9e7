import * as v from 'valibot';
import { addDays, formatUkDate } from '../calendar/calendar-date.ts';
import type { Admission } from '../day-cases/day-case.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import type { Referral } from '../referrals/referral.ts';
import { defineMutator, reject, type Change, type MutatorContext } from './mutator.ts';

/** Days within which an operation the hospital cancelled on the day must be rebooked. */
export const REBOOK_WITHIN_DAYS = 28;

export const AdmissionCancelArgsSchema = v.object({
  admissionId: Id,
  by: v.picklist(['patient', 'hospital'], 'Say who cancelled: the patient or the hospital'),
  onTheDay: v.boolean(),
  reason: text('Give the reason for cancelling', 500),
});
export type AdmissionCancelArgs = v.InferOutput<typeof AdmissionCancelArgsSchema>;

/**
 * A booked admission cancelled: its row, and its pathway back on the day-case list with no TCI
 * date (clock running). The hospital's cancellation on the day sets the 28-day rebook date.
 */
export function cancelledAdmission(
  admission: Admission,
  referral: Referral | undefined,
  how: { by: 'patient' | 'hospital'; onTheDay: boolean; reason: string },
  ctx: MutatorContext,
): Change[] {
  const byHospitalOnTheDay = how.by === 'hospital' && how.onTheDay;
  const cancelled: Admission = {
    ...admission,
    status: how.by === 'hospital' ? 'cancelled-by-hospital' : 'cancelled-by-patient',
    cancelledOnTheDay: how.onTheDay,
    cancelledAt: ctx.now,
    cancellationReason: how.reason,
    rebookBy: byHospitalOnTheDay ? addDays(admission.tciDate, REBOOK_WITHIN_DAYS) : null,
  };
  const changes: Change[] = [{ table: 'admissions', row: cancelled }];
  if (referral && referral.tciDate === admission.tciDate && referral.status === 'day-case') {
    changes.push({ table: 'referrals', row: { ...referral, tciDate: null } });
  }
  return changes;
}

/**
 * `admission.cancel`: a TCI date cancelled by the patient or the hospital (issue 7). Either way
 * the pathway goes back on the day-case list and its RTT clock keeps running (no pauses since
 * 2015). An operation the hospital cancels on the day must be rebooked within 28 days, and
 * stays on the "cancelled on the day" list until a new TCI date is booked.
 */
export const admissionCancel = defineMutator({
  name: 'admission.cancel',
  args: AdmissionCancelArgsSchema,
  async apply(state, args, ctx) {
    const admission = await state.get('admissions', args.admissionId);
    if (!admission) return reject('unknown-admission', 'That TCI date is not on record');
    if (admission.status !== 'booked') {
      return reject('not-booked', 'This TCI date is no longer booked: nothing to cancel');
    }
    if (args.onTheDay && admission.tciDate > ctx.today) {
      return reject(
        'not-the-day',
        `The TCI date is ${formatUkDate(admission.tciDate)}: an on-the-day cancellation is recorded on or after it`,
      );
    }
    const referral = await state.get('referrals', admission.referralId);
    const changes = cancelledAdmission(admission, referral, args, ctx);
    return { ok: true, changes };
  },
});
