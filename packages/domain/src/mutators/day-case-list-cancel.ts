import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { cancelledAdmission } from './admission-cancel.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type Change } from './mutator.ts';

export const DayCaseListCancelArgsSchema = v.object({
  listId: Id,
  reason: text('Give the reason for cancelling the list', 500),
});
export type DayCaseListCancelArgs = v.InferOutput<typeof DayCaseListCancelArgsSchema>;

/**
 * `daycase.list.cancel`: a whole day-case list cancelled in one step — the surgeon is on leave,
 * the theatre is closed (issue 6's leave, for day cases). Every booked TCI date on it is
 * cancelled by the hospital with the list's reason, and each pathway goes back on the
 * day-case list with its clock running (hazard H1: nobody lost); on the day itself the 28-day
 * rebook rule applies to each. Refused once a patient on it has been admitted: those that are
 * left are cancelled one by one.
 */
export const dayCaseListCancel = defineMutator({
  name: 'daycase.list.cancel',
  args: DayCaseListCancelArgsSchema,
  async apply(state, args, ctx) {
    const list = await state.get('dayCaseLists', args.listId);
    if (!list) return reject('unknown-list', 'That day-case list is not on record');
    if (list.status === 'cancelled') {
      return reject('list-cancelled', 'This day-case list has already been cancelled');
    }
    if (list.date < ctx.today) {
      return reject(
        'list-in-past',
        `This list was on ${formatUkDate(list.date)}: record each patient's outcome instead`,
      );
    }
    const admissions = await state.admissionsOfList(list.id);
    const admitted = admissions.filter((a) => a.status === 'admitted').length;
    if (admitted > 0) {
      return reject(
        'patients-admitted',
        `${admitted === 1 ? 'A patient on this list has' : `${admitted} patients on this list have`} already been admitted: cancel the other TCI dates one by one`,
      );
    }
    const changes: Change[] = [
      {
        table: 'dayCaseLists',
        row: {
          ...list,
          status: 'cancelled',
          cancelledAt: ctx.now,
          cancelledBy: ctx.actor,
          cancellationReason: args.reason,
        },
      },
    ];
    const how = { by: 'hospital' as const, onTheDay: list.date === ctx.today, reason: args.reason };
    for (const admission of admissions.filter((a) => a.status === 'booked')) {
      const referral = await state.get('referrals', admission.referralId);
      changes.push(...cancelledAdmission(admission, referral, how, ctx));
    }
    return { ok: true, changes };
  },
});
