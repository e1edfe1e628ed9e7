import {
  addDays,
  daysBetween,
  startOfWeek,
  weekdayOf,
  type CalendarDate,
} from '../calendar/calendar-date.ts';
import { englandBankHolidays } from '../calendar/working-days.ts';
import {
  addMinutes,
  minutesOfDay,
  type ClinicSession,
  type ClinicTemplate,
  type Slot,
  type SlotPatternItem,
} from './clinic.ts';

/** A day the Trust's clinics do not run, beyond England's bank holidays (a one-off closure). */
export interface Closure {
  date: CalendarDate;
  reason: string;
}

/** Which occurrence of its weekday in the month a day is: the 1st … the 5th. */
export function weekOfMonth(date: CalendarDate): number {
  return Math.floor((Number(date.slice(8, 10)) - 1) / 7) + 1;
}

/**
 * True when a template's clinic runs on a day, before closures: the right weekday, inside
 * its from–to dates, and in one of its weeks (alternate weeks count from the anchor's week).
 */
export function occursOn(template: ClinicTemplate, date: CalendarDate): boolean {
  if (weekdayOf(date) !== template.weekday) return false;
  if (template.validFrom && date < template.validFrom) return false;
  if (template.validTo && date > template.validTo) return false;
  const r = template.recurrence;
  switch (r.kind) {
    case 'weekly':
      return true;
    case 'alternate': {
      const weeks = daysBetween(startOfWeek(r.anchor), startOfWeek(date)) / 7;
      return weeks % 2 === 0;
    }
    case 'monthly':
      return r.weeks.includes(weekOfMonth(date));
  }
}

/** Why a day has no clinics: a bank holiday in England or a closure the Trust added. */
export function closureOn(date: CalendarDate, closures: readonly Closure[]): string | null {
  const added = closures.find((c) => c.date === date);
  if (added) return added.reason;
  return englandBankHolidays(Number(date.slice(0, 4))).includes(date) ? 'Bank holiday' : null;
}

/** A day a template would run on, or would have run on but for a closure. */
export interface TemplateDay {
  date: CalendarDate;
  closedBecause: string | null;
}

/** Every day from `from` to `to` (inclusive) on which a template's clinic falls, in order. */
export function templateDays(
  template: ClinicTemplate,
  from: CalendarDate,
  to: CalendarDate,
  closures: readonly Closure[],
): TemplateDay[] {
  const days: TemplateDay[] = [];
  const offset = (template.weekday - weekdayOf(from) + 7) % 7;
  for (let date = addDays(from, offset); date <= to; date = addDays(date, 7)) {
    if (occursOn(template, date)) days.push({ date, closedBecause: closureOn(date, closures) });
  }
  return days;
}

/** The session a template makes on a day: its id is the template's and the day's, so never twice. */
export function sessionIdFor(templateId: string, date: CalendarDate): string {
  return `ses-${templateId}-${date}`;
}

/** Slots laid out one after another from a start time, with ids from their session's. */
export function slotsFromPattern(
  session: Pick<ClinicSession, 'id' | 'siteId' | 'clinicianId' | 'date' | 'startTime'>,
  pattern: readonly SlotPatternItem[],
  firstNumber = 1,
): Slot[] {
  let time = session.startTime;
  return pattern.map((p, i) => {
    const slot: Slot = {
      id: `${session.id}-${firstNumber + i}`,
      sessionId: session.id,
      siteId: session.siteId,
      clinicianId: session.clinicianId,
      date: session.date,
      startTime: time,
      minutes: p.minutes,
      type: p.type,
      status: 'free',
      appointmentId: null,
      blockedReason: null,
    };
    time = addMinutes(time, p.minutes);
    return slot;
  });
}

/** The minutes a slot pattern lasts. */
export function patternMinutes(pattern: readonly SlotPatternItem[]): number {
  return pattern.reduce((sum, p) => sum + p.minutes, 0);
}

/** True when a pattern starting at `startTime` ends by midnight (a clinic is one day). */
export function fitsInDay(startTime: string, pattern: readonly SlotPatternItem[]): boolean {
  return minutesOfDay(startTime) + patternMinutes(pattern) <= 24 * 60;
}

/** A template's session on a day, with its slots, all free. */
export function buildSession(
  template: ClinicTemplate,
  date: CalendarDate,
): { session: ClinicSession; slots: Slot[] } {
  const session: ClinicSession = {
    id: sessionIdFor(template.id, date),
    templateId: template.id,
    name: template.name,
    clinicianId: template.clinicianId,
    siteId: template.siteId,
    room: template.room,
    date,
    startTime: template.startTime,
    endTime: addMinutes(template.startTime, patternMinutes(template.slotPattern)),
    status: 'open',
    cancellationReason: null,
    leaveId: null,
    changedBy: null,
    changedAt: null,
  };
  return { session, slots: slotsFromPattern(session, template.slotPattern) };
}
