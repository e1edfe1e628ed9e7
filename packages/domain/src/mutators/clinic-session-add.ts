import * as v from 'valibot';
import { CalendarDateSchema, formatUkDate } from '../calendar/calendar-date.ts';
import { addMinutes, type ClinicSession } from '../clinics/clinic.ts';
import { fitsInDay, patternMinutes, slotsFromPattern } from '../clinics/recurrence.ts';
import {
  ClinicShapeEntries,
  closedDayMessage,
  Id,
  trustSettings,
} from './clinic-scheduling-args.ts';
import { defineMutator, reject, type Change } from './mutator.ts';

export const SessionAddArgsSchema = v.object({
  id: Id,
  ...ClinicShapeEntries,
  date: CalendarDateSchema,
});

/** `session.add`: an ad-hoc clinic on one day, outside any template (issue 6). */
export const sessionAdd = defineMutator({
  name: 'session.add',
  args: SessionAddArgsSchema,
  async apply(state, args, ctx) {
    if (await state.get('clinicSessions', args.id)) {
      return reject('duplicate-id', 'This clinic has already been added');
    }
    const [clinician, site] = await Promise.all([
      state.get('clinicians', args.clinicianId),
      state.get('sites', args.siteId),
    ]);
    if (!clinician) return reject('unknown-clinician', 'Choose a clinician from the list');
    if (!site) return reject('unknown-site', 'Choose a site from the list');
    if (args.date < ctx.today) {
      return reject(
        'date-in-past',
        `The date ${formatUkDate(args.date)} has passed: choose a later day`,
      );
    }
    const closed = closedDayMessage(args.date, await trustSettings(state));
    if (closed) return reject('closed-day', closed);
    if (!fitsInDay(args.startTime, args.slotPattern)) {
      return reject('too-long', 'The slots run past midnight: shorten the clinic or start earlier');
    }
    const session: ClinicSession = {
      id: args.id,
      templateId: null,
      name: args.name,
      clinicianId: args.clinicianId,
      siteId: args.siteId,
      room: args.room,
      date: args.date,
      startTime: args.startTime,
      endTime: addMinutes(args.startTime, patternMinutes(args.slotPattern)),
      status: 'open',
      cancellationReason: null,
      leaveId: null,
      changedBy: ctx.actor,
      changedAt: ctx.now,
    };
    const changes: Change[] = [{ table: 'clinicSessions', row: session }];
    for (const slot of slotsFromPattern(session, args.slotPattern)) {
      changes.push({ table: 'slots', row: slot });
    }
    return { ok: true, changes };
  },
});
