import * as v from 'valibot';
import { letterChange } from '../letters/letter-change.ts';
import { tciLetterId } from '../letters/letter.ts';
import { CalendarDateSchema, formatUkDate } from '../calendar/calendar-date.ts';
import { capacityRefusal } from '../day-cases/capacity.ts';
import {
  awaitsRebooking,
  unavailabilityOn,
  type Admission,
  type DayCaseDetails,
  type DayCaseList,
} from '../day-cases/day-case.ts';
import type { CalendarDate } from '../calendar/calendar-date.ts';
import { Id } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type Change, type Rejection } from './mutator.ts';

export const AdmissionBookArgsSchema = v.object({
  admissionId: Id,
  referralId: Id,
  listId: v.pipe(v.string('Choose a day-case list'), v.nonEmpty('Choose a day-case list')),
  /** The pre-operative assessment appointment, when one is booked with the TCI. */
  preOpDate: v.optional(v.nullable(CalendarDateSchema), null),
});
export type AdmissionBookArgs = v.InferOutput<typeof AdmissionBookArgsSchema>;

/**
 * Why this patient cannot come in on this list's day as far as their pre-operative assessment
 * goes, or null: an unfit patient is not booked, and the assessment comes before the TCI.
 */
function preOpRefusal(
  details: DayCaseDetails,
  list: DayCaseList,
  preOpDate: CalendarDate | null,
  today: CalendarDate,
): Rejection | null {
  const { preOp } = details;
  if (!preOp.needed) return null;
  if (preOp.outcome === 'unfit') {
    return reject(
      'unfit-for-surgery',
      'The pre-operative assessment found the patient not fit for surgery: the surgeon must review them before a TCI date is booked',
    );
  }
  if (preOp.outcome === 'fit') return null;
  if (!preOpDate) {
    return reject(
      'pre-op-needed',
      'This patient needs a pre-operative assessment: give its date, before the TCI date',
    );
  }
  if (preOpDate < today && preOp.outcome === 'not-done') {
    return reject(
      'pre-op-in-past',
      `The pre-operative assessment date ${formatUkDate(preOpDate)} has passed with no outcome: record its outcome, or give a new date`,
    );
  }
  if (preOpDate >= list.date) {
    return reject(
      'pre-op-after-tci',
      `The pre-operative assessment (${formatUkDate(preOpDate)}) must be before the TCI date (${formatUkDate(list.date)})`,
    );
  }
  return null;
}

/**
 * `admission.book`: a TCI date for a pathway on the day-case list, on a day-case list with room
 * for its procedure (issue 7). The list's capacity, the patient's unavailability and the
 * pre-operative assessment are checked here, so the rules hold on the server whichever device
 * books first. Booking closes an open on-the-day cancellation waiting to be rebooked.
 */
export const admissionBook = defineMutator({
  name: 'admission.book',
  args: AdmissionBookArgsSchema,
  async apply(state, args, ctx) {
    if (await state.get('admissions', args.admissionId)) {
      return reject('duplicate-id', 'This TCI date has already been booked');
    }
    const [referral, list] = await Promise.all([
      state.get('referrals', args.referralId),
      state.get('dayCaseLists', args.listId),
    ]);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    if (!list) return reject('unknown-list', 'That day-case list is not on record');
    if (referral.status !== 'day-case') {
      return reject('not-on-day-case-list', 'This pathway is not on the day-case list');
    }
    const details = referral.dayCase;
    if (!details) {
      return reject(
        'details-missing',
        'Record the procedure, priority and decision to admit before booking a TCI date',
      );
    }
    const mine = await state.admissionsOfReferral(referral.id);
    const booked = mine.find((a) => a.status === 'booked');
    if (booked) {
      return reject(
        'already-booked',
        `This patient already has a TCI date booked on ${formatUkDate(booked.tciDate)}: cancel it first to move it`,
      );
    }
    if (list.status === 'cancelled') {
      return reject('list-cancelled', 'That day-case list has been cancelled: choose another');
    }
    if (list.date < ctx.today) {
      return reject(
        'list-in-past',
        `The day-case list on ${formatUkDate(list.date)} has passed: choose a later one`,
      );
    }
    const away = unavailabilityOn(details, list.date);
    if (away) {
      return reject(
        'patient-unavailable',
        `The patient is unavailable from ${formatUkDate(away.from)} to ${formatUkDate(away.to)} (${away.reason}): choose a list outside those dates`,
      );
    }
    const preOpDate = args.preOpDate ?? details.preOp.date;
    const preOp = preOpRefusal(details, list, preOpDate, ctx.today);
    if (preOp) return preOp;
    const full = capacityRefusal(
      list,
      await state.admissionsOfList(list.id),
      details.estimatedMinutes,
    );
    if (full) return reject('list-full', full);

    const admission: Admission = {
      id: args.admissionId,
      referralId: referral.id,
      patientId: referral.patientId,
      listId: list.id,
      siteId: list.siteId,
      tciDate: list.date,
      procedure: details.procedure,
      minutes: details.estimatedMinutes,
      status: 'booked',
      preOpDate: details.preOp.needed ? preOpDate : null,
      bookedAt: ctx.now,
      bookedBy: ctx.actor,
      cancelledOnTheDay: false,
      cancelledAt: null,
      cancellationReason: null,
      rebookBy: null,
      rebookedAdmissionId: null,
      religion: null,
    };
    const changes: Change[] = [
      { table: 'admissions', row: admission },
      {
        table: 'referrals',
        row: {
          ...referral,
          siteId: list.siteId,
          tciDate: list.date,
          dayCase: {
            ...details,
            preOp: details.preOp.needed ? { ...details.preOp, date: preOpDate } : details.preOp,
            reviewReason: null,
          },
        },
      },
    ];
    // An operation the hospital cancelled on the day leaves the 28-day list once rebooked.
    for (const cancelled of mine.filter(awaitsRebooking)) {
      changes.push({
        table: 'admissions',
        row: { ...cancelled, rebookedAdmissionId: admission.id },
      });
    }
    // The TCI letter, with the pre-operative instructions, produced at once (issue 7).
    changes.push(
      await letterChange(
        'tci',
        { ...ctx, state },
        {
          referral: { ...referral, siteId: list.siteId },
          id: tciLetterId(admission.id),
          tci: { date: list.date, preopDate: admission.preOpDate, procedure: admission.procedure },
        },
      ),
    );
    return { ok: true, changes };
  },
});
