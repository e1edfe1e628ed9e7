import * as v from 'valibot';
import { addDays, CalendarDateSchema } from '../calendar/calendar-date.ts';
import { buildSession, sessionIdFor, templateDays } from '../clinics/recurrence.ts';
import { Id, trustSettings } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type Change } from './mutator.ts';

export const SessionsGenerateArgsSchema = v.object({
  templateIds: v.pipe(
    v.array(Id),
    v.minLength(1, 'Choose at least one clinic template'),
    v.maxLength(500),
  ),
  from: CalendarDateSchema,
  weeks: v.pipe(
    v.number('Enter the number of weeks'),
    v.integer('Enter the number of weeks as a whole number'),
    v.minValue(1, 'Generate at least 1 week'),
    v.maxValue(52, 'Generate at most 52 weeks at a time'),
  ),
});

/**
 * `sessions.generate`: makes the dated clinics of templates for the weeks ahead (issue 6).
 * A session's id is its template's and its day's, so running it twice makes nothing new;
 * bank holidays, the Trust's closures and days the clinician is on leave are skipped.
 */
export const sessionsGenerate = defineMutator({
  name: 'sessions.generate',
  args: SessionsGenerateArgsSchema,
  async apply(state, args, ctx) {
    const from = args.from < ctx.today ? ctx.today : args.from;
    const to = addDays(from, args.weeks * 7 - 1);
    const settings = await trustSettings(state);
    const changes: Change[] = [];
    for (const templateId of args.templateIds) {
      const template = await state.get('clinicTemplates', templateId);
      if (!template)
        return reject('unknown-template', 'One of those clinic templates is not on record');
      const leave = await state.leaveOfClinician(template.clinicianId);
      for (const day of templateDays(template, from, to, settings.closures)) {
        if (day.closedBecause) continue;
        if (leave.some((l) => l.from <= day.date && day.date <= l.to)) continue;
        if (await state.get('clinicSessions', sessionIdFor(template.id, day.date))) continue;
        const { session, slots } = buildSession(template, day.date);
        changes.push({ table: 'clinicSessions', row: session });
        for (const slot of slots) changes.push({ table: 'slots', row: slot });
      }
    }
    return { ok: true, changes };
  },
});
