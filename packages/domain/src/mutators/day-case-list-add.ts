import * as v from 'valibot';
import { CalendarDateSchema, formatUkDate } from '../calendar/calendar-date.ts';
import { DayCaseCapacitySchema, type DayCaseList } from '../day-cases/day-case.ts';
import { closedDayMessage, Id, text, trustSettings } from './clinic-scheduling-args.ts';
import { defineMutator, reject } from './mutator.ts';

export const DayCaseListAddArgsSchema = v.object({
  id: Id,
  date: CalendarDateSchema,
  siteId: v.pipe(v.string('Choose the site'), v.nonEmpty('Choose the site')),
  clinicianId: v.pipe(v.string('Choose the surgeon'), v.nonEmpty('Choose the surgeon')),
  name: text('Give the list a name', 80),
  capacity: DayCaseCapacitySchema,
});
export type DayCaseListAddArgs = v.InferOutput<typeof DayCaseListAddArgsSchema>;

/** `daycase.list.add`: a day-case session on one day, holding procedures or minutes (issue 7). */
export const dayCaseListAdd = defineMutator({
  name: 'daycase.list.add',
  args: DayCaseListAddArgsSchema,
  async apply(state, args, ctx) {
    if (await state.get('dayCaseLists', args.id)) {
      return reject('duplicate-id', 'This day-case list has already been added');
    }
    const [clinician, site] = await Promise.all([
      state.get('clinicians', args.clinicianId),
      state.get('sites', args.siteId),
    ]);
    if (!clinician) return reject('unknown-clinician', 'Choose a surgeon from the list');
    if (!site) return reject('unknown-site', 'Choose a site from the list');
    if (args.date < ctx.today) {
      return reject(
        'date-in-past',
        `The date ${formatUkDate(args.date)} has passed: choose a later day`,
      );
    }
    const closed = closedDayMessage(args.date, await trustSettings(state));
    if (closed) return reject('closed-day', closed);
    const list: DayCaseList = {
      ...args,
      status: 'open',
      addedAt: ctx.now,
      addedBy: ctx.actor,
      cancelledAt: null,
      cancelledBy: null,
      cancellationReason: null,
    };
    return { ok: true, changes: [{ table: 'dayCaseLists', row: list }] };
  },
});
