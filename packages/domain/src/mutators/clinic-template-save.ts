import * as v from 'valibot';
import { CalendarDateSchema, addDays, formatUkDate } from '../calendar/calendar-date.ts';
import { RecurrenceSchema, type ClinicTemplate } from '../clinics/clinic.ts';
import { fitsInDay } from '../clinics/recurrence.ts';
import { planTemplateChange } from '../clinics/template-change.ts';
import { ClinicShapeEntries, Id, trustSettings } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type Change } from './mutator.ts';

export const ClinicTemplateSaveArgsSchema = v.object({
  id: Id,
  ...ClinicShapeEntries,
  weekday: v.pipe(
    v.number('Choose the day of the week'),
    v.integer('Choose the day of the week'),
    v.minValue(1, 'Choose the day of the week'),
    v.maxValue(7, 'Choose the day of the week'),
  ),
  recurrence: RecurrenceSchema,
  validFrom: v.nullable(CalendarDateSchema),
  validTo: v.nullable(CalendarDateSchema),
});
export type ClinicTemplateSaveArgs = v.InferOutput<typeof ClinicTemplateSaveArgsSchema>;

/**
 * `template.save`: adds a clinic template or changes one (issue 6). A change rewrites only
 * sessions from tomorrow on that have no bookings and were not changed by hand; the rest keep
 * their shape (`planTemplateChange` says which and why, on the screen before saving).
 */
export const clinicTemplateSave = defineMutator({
  name: 'template.save',
  args: ClinicTemplateSaveArgsSchema,
  async apply(state, args, ctx) {
    const [clinician, site] = await Promise.all([
      state.get('clinicians', args.clinicianId),
      state.get('sites', args.siteId),
    ]);
    if (!clinician) return reject('unknown-clinician', 'Choose a clinician from the list');
    if (!site) return reject('unknown-site', 'Choose a site from the list');
    if (args.validFrom && args.validTo && args.validTo < args.validFrom) {
      return reject(
        'dates-reversed',
        `The last date (${formatUkDate(args.validTo)}) is before the first (${formatUkDate(args.validFrom)})`,
      );
    }
    if (!fitsInDay(args.startTime, args.slotPattern)) {
      return reject('too-long', 'The slots run past midnight: shorten the clinic or start earlier');
    }
    const template: ClinicTemplate = { ...args };
    const changes: Change[] = [{ table: 'clinicTemplates', row: template }];
    const before = await state.get('clinicTemplates', args.id);
    if (before) {
      const sessions = await state.sessionsOfTemplate(args.id, addDays(ctx.today, 1));
      const existing = await Promise.all(
        sessions.map(async (session) => ({
          session,
          slots: await state.slotsOfSession(session.id),
        })),
      );
      const settings = await trustSettings(state);
      const plan = planTemplateChange(template, existing, ctx.today, settings.closures);
      for (const { session, slots } of [...plan.rewritten, ...plan.added]) {
        changes.push({ table: 'clinicSessions', row: session });
        for (const slot of slots) changes.push({ table: 'slots', row: slot });
      }
      for (const session of plan.withdrawn) {
        changes.push({
          table: 'clinicSessions',
          row: {
            ...session,
            status: 'cancelled',
            cancellationReason: 'No longer in the clinic template',
          },
        });
      }
    }
    return { ok: true, changes };
  },
});
