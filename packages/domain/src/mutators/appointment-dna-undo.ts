import * as v from 'valibot';
import { formatLondonDateTime, formatUkDate } from '../calendar/calendar-date.ts';
import { cashedUpRefusal } from '../clinics/cash-up.ts';
import { dnaLetterId } from '../letters/letter.ts';
import type { Appointment } from '../booking/appointment.ts';
import type { CalendarDate } from '../calendar/calendar-date.ts';
import type { Referral } from '../referrals/referral.ts';
import { defineMutator, reject, type Change, type Rejection } from './mutator.ts';

export const AppointmentDnaUndoArgsSchema = v.object({
  appointmentId: v.pipe(v.string(), v.nonEmpty()),
  reason: v.pipe(
    v.string('Say why the did-not-attend is being taken back'),
    v.trim(),
    v.nonEmpty('Say why the did-not-attend is being taken back, e.g. "Arrived 15 minutes late"'),
    v.maxLength(500, 'Keep the reason under 500 characters'),
  ),
});
export type AppointmentDnaUndoArgs = v.InferOutput<typeof AppointmentDnaUndoArgsSchema>;

/**
 * The referral as it was before `appointment.attendance` recorded the DNA of `appointmentId`:
 * the 33 it added taken off the end of the RTT events and the clinician review it raised
 * (still undecided) withdrawn. Refused when the pathway has moved on since — a new booking,
 * a later RTT event, a clinician's decision — since undoing then would rewrite what others
 * have already acted on: the validation team corrects those.
 */
function referralBeforeDna(
  referral: Referral,
  appointment: { id: string; date: string; kind: string },
): Referral | Rejection {
  let row = referral;
  if (appointment.kind === 'new') {
    const last = referral.rttEvents.at(-1);
    if (referral.status !== 'waiting' || last?.code !== '33' || last.date !== appointment.date) {
      return reject(
        'pathway-moved-on',
        'The pathway has moved on since the missed appointment (the patient has been booked again or the pathway has a later event): ask the validation team to correct it',
      );
    }
    row = { ...row, status: 'booked', rttEvents: referral.rttEvents.slice(0, -1) };
  }
  const review = referral.reviews.find((r) => r.id === `review-dna-${appointment.id}`);
  if (review?.decision) {
    return reject(
      'dna-reviewed',
      'A clinician has already decided what happens after this missed appointment: the did-not-attend stands, and the validation team can correct the pathway',
    );
  }
  if (review) row = { ...row, reviews: row.reviews.filter((r) => r !== review) };
  return row;
}

/**
 * `appointment.undoDna`: takes back a did-not-attend recorded in error — the patient arrived
 * late, or the wrong line was tapped (hazard H18). On the day only, before the clinic is
 * cashed up, with a reason. Everything the DNA did is undone: the appointment is booked again
 * (the desk then checks the patient in), a first appointment's nullified clock runs again
 * from its original start, the undecided clinician review goes, and the letter to the GP is
 * withdrawn if it has not been printed (a printed one is kept, and the screen says to tell the
 * practice). The reason stays in the audit trail with the edit.
 */
/**
 * Whether the desk may offer to take back a did-not-attend (hazard H18): it is recorded as one
 * and today is its day. `appointment.undoDna` applies this rule, then refuses too when the
 * clinic is cashed up or the pathway has moved on.
 */
export function isDnaUndoableAtDesk(
  appointment: Pick<Appointment, 'status' | 'date'>,
  today: CalendarDate,
): boolean {
  return appointment.status === 'did-not-attend' && appointment.date === today;
}

export const appointmentUndoDna = defineMutator({
  name: 'appointment.undoDna',
  args: AppointmentDnaUndoArgsSchema,
  async apply(state, args, ctx) {
    const appointment = await state.get('appointments', args.appointmentId);
    if (!appointment) return reject('unknown-appointment', 'That appointment is not on record');
    if (appointment.status !== 'did-not-attend') {
      return reject('not-dna', 'This appointment is not recorded as did not attend');
    }
    if (!isDnaUndoableAtDesk(appointment, ctx.today)) {
      return reject(
        'not-today',
        `This appointment was on ${formatUkDate(appointment.date)}: a did-not-attend can be taken back at the desk only on the day; ask the validation team to correct the pathway`,
      );
    }
    const closed = cashedUpRefusal(await state.get('clinicSessions', appointment.sessionId));
    if (closed) return reject('clinic-cashed-up', closed);
    const referral = await state.get('referrals', appointment.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    const before = referralBeforeDna(referral, appointment);
    if ('ok' in before) return before;
    const changes: Change[] = [
      { table: 'appointments', row: { ...appointment, status: 'booked' } },
      { table: 'referrals', row: before },
    ];
    const letter = await state.get('letters', dnaLetterId(appointment.id));
    if (letter && !letter.printedAt && !letter.withdrawnAt) {
      changes.push({
        table: 'letters',
        row: {
          ...letter,
          withdrawnAt: ctx.now,
          withdrawnBy: ctx.actor,
          withdrawnReason: `Did-not-attend taken back: ${args.reason}`,
        },
      });
    }
    return { ok: true, changes };
  },
});

/** What the desk tells the user before taking a DNA back, when its letter has gone. */
export function printedDnaLetterWarning(letter: {
  printedAt: string | null;
  withdrawnAt: string | null;
}): string | null {
  return letter.printedAt && !letter.withdrawnAt
    ? `The letter to the GP about this missed appointment was printed on ${formatLondonDateTime(letter.printedAt)}: tell the practice that the patient came after all.`
    : null;
}
