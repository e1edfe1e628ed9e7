import {
  addDays,
  planTemplateChange,
  sessionIdFor,
  templateDays,
  type CalendarDate,
  type ClinicSession,
  type ClinicTemplate,
  type TemplateChangePlan,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { loadSettings } from './pathway-queries.ts';

/** Every clinic template, in the order of the week: weekday, start time, name. */
export async function templateList(db: ClinicDeskDatabase): Promise<ClinicTemplate[]> {
  const templates = await db.rows('clinicTemplates').toArray();
  return templates.sort(
    (a, b) =>
      a.weekday - b.weekday ||
      a.startTime.localeCompare(b.startTime) ||
      a.name.localeCompare(b.name),
  );
}

/**
 * What saving a changed template would do to its clinics from tomorrow on, read the way
 * `template.save` reads them, so the screen can say it before the change is queued.
 */
export async function templateChangePreview(
  db: ClinicDeskDatabase,
  template: ClinicTemplate,
  today: CalendarDate,
): Promise<TemplateChangePlan> {
  const sessions = await db
    .rows('clinicSessions')
    .where('[templateId+date]')
    .between([template.id, addDays(today, 1)], [template.id, '\uffff'])
    .toArray();
  const slots = await db
    .rows('slots')
    .where('sessionId')
    .anyOf(sessions.map((s) => s.id))
    .toArray();
  const existing = sessions.map((session) => ({
    session,
    slots: slots.filter((s) => s.sessionId === session.id),
  }));
  const settings = await loadSettings(db);
  return planTemplateChange(template, existing, today, settings.closures);
}

export interface GenerationPlan {
  /** Clinics `sessions.generate` would make: days the templates run that have none yet. */
  toMake: number;
  /** Clinics already made for those days (running it again makes no duplicates). */
  alreadyMade: number;
  /** Days skipped for a bank holiday or a Trust closure. */
  closed: number;
}

/**
 * How many clinics generating the templates' sessions would make, worked out the way
 * `sessions.generate` decides (same days, same ids), before it is queued.
 */
export async function generationPlan(
  db: ClinicDeskDatabase,
  templateIds: readonly string[],
  args: { from: CalendarDate; weeks: number; today: CalendarDate },
): Promise<GenerationPlan> {
  const from = args.from < args.today ? args.today : args.from;
  const to = addDays(from, args.weeks * 7 - 1);
  const [templates, settings] = await Promise.all([
    db.rows('clinicTemplates').bulkGet([...templateIds]),
    loadSettings(db),
  ]);
  const plan: GenerationPlan = { toMake: 0, alreadyMade: 0, closed: 0 };
  const ids: string[] = [];
  for (const template of templates) {
    if (!template) continue;
    for (const day of templateDays(template, from, to, settings.closures)) {
      if (day.closedBecause) plan.closed++;
      else ids.push(sessionIdFor(template.id, day.date));
    }
  }
  const existing = await db.rows('clinicSessions').bulkGet(ids);
  plan.alreadyMade = existing.filter(Boolean).length;
  plan.toMake = ids.length - plan.alreadyMade;
  return plan;
}

export interface WeekClinic {
  session: ClinicSession;
  booked: number;
  /** Slots in use: free or booked (slots taken out of the clinic do not count). */
  available: number;
}

/**
 * The clinics in the seven days from `monday`, for one clinician (by the `[clinicianId+date]`
 * index), one site, or every site, in day and time order, with how full each is.
 */
export async function clinicsInWeek(
  db: ClinicDeskDatabase,
  monday: CalendarDate,
  filter: { siteId: string | null; clinicianId: string | null },
): Promise<WeekClinic[]> {
  const sunday = addDays(monday, 6);
  const sessions = filter.clinicianId
    ? await db
        .rows('clinicSessions')
        .where('[clinicianId+date]')
        .between([filter.clinicianId, monday], [filter.clinicianId, sunday], true, true)
        .toArray()
    : await db.rows('clinicSessions').where('date').between(monday, sunday, true, true).toArray();
  const shown = sessions
    .filter((s) => !filter.siteId || s.siteId === filter.siteId)
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        a.startTime.localeCompare(b.startTime) ||
        a.name.localeCompare(b.name),
    );
  // One range of the slots' day index: a slot carries its session's date.
  const ids = new Set(shown.map((s) => s.id));
  const slots = (
    await db.rows('slots').where('date').between(monday, sunday, true, true).toArray()
  ).filter((s) => ids.has(s.sessionId));
  const counts = new Map<string, { booked: number; available: number }>();
  for (const slot of slots) {
    const c = counts.get(slot.sessionId) ?? { booked: 0, available: 0 };
    if (slot.status === 'booked') c.booked++;
    if (slot.status !== 'blocked') c.available++;
    counts.set(slot.sessionId, c);
  }
  return shown.map((session) => ({
    session,
    ...(counts.get(session.id) ?? { booked: 0, available: 0 }),
  }));
}
