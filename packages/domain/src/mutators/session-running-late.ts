import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { Id } from './clinic-scheduling-args.ts';
import { defineMutator, reject } from './mutator.ts';

export const SessionRunningLateArgsSchema = v.object({
  sessionId: Id,
  /** Minutes behind; 0 says the clinic is back on time. */
  minutes: v.pipe(
    v.number('Enter how many minutes late the clinic is running'),
    v.integer('Enter whole minutes'),
    v.minValue(0, 'Enter how many minutes late the clinic is running'),
    v.maxValue(480, 'A clinic can be at most 480 minutes late'),
  ),
  note: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(200, 'Keep the note under 200 characters')),
    '',
  ),
});
export type SessionRunningLateArgs = v.InferOutput<typeof SessionRunningLateArgsSchema>;

/**
 * `session.runningLate`: the desk notes that today's clinic is running late, by how much and
 * why, so every device shows it (issue 8); 0 minutes clears the note. The latest note wins.
 */
export const sessionRunningLate = defineMutator({
  name: 'session.runningLate',
  args: SessionRunningLateArgsSchema,
  async apply(state, args, ctx) {
    const session = await state.get('clinicSessions', args.sessionId);
    if (!session) return reject('unknown-session', 'That clinic is not on record');
    if (session.status === 'cancelled') {
      return reject('clinic-cancelled', 'This clinic has been cancelled');
    }
    if (session.date !== ctx.today) {
      return reject(
        'not-today',
        `This clinic is on ${formatUkDate(session.date)}: note that a clinic is running late on the day`,
      );
    }
    const runningLate =
      args.minutes === 0
        ? null
        : { minutes: args.minutes, note: args.note, at: ctx.now, by: ctx.actor };
    return { ok: true, changes: [{ table: 'clinicSessions', row: { ...session, runningLate } }] };
  },
});
