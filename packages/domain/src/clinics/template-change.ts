import { addDays, formatUkDate, type CalendarDate } from '../calendar/calendar-date.ts';
import type { ClinicSession, ClinicTemplate, Slot } from './clinic.ts';
import { buildSession, templateDays, type Closure } from './recurrence.ts';

export interface SessionWithSlots {
  session: ClinicSession;
  slots: Slot[];
}

/** A session a template change leaves alone, and why, in the co-ordinator's words. */
export interface SessionKept {
  session: ClinicSession;
  reason: string;
}

export interface TemplateChangePlan {
  /** Sessions (with their slots) as the template now makes them. */
  rewritten: SessionWithSlots[];
  /** Sessions on days the template no longer runs, cancelled (none had bookings). */
  withdrawn: ClinicSession[];
  /** Sessions on days the template now runs, up to the furthest one already made. */
  added: SessionWithSlots[];
  kept: SessionKept[];
}

function bookedCount(slots: readonly Slot[]): number {
  return slots.filter((s) => s.status === 'booked').length;
}

/** Why a session must keep its current shape, or null when the template may change it. */
function reasonToKeep({ session, slots }: SessionWithSlots): string | null {
  const booked = bookedCount(slots);
  if (booked > 0) {
    return `${booked} ${booked === 1 ? 'patient is' : 'patients are'} booked into it: move them first or change this clinic on its own`;
  }
  if (session.status === 'cancelled') return 'it is cancelled';
  if (session.changedBy) {
    return `it was changed on its own by ${session.changedBy.name}${session.changedAt ? ` on ${formatUkDate(session.changedAt.slice(0, 10))}` : ''}`;
  }
  return null;
}

/**
 * What editing a template does to its sessions from tomorrow on (issue 6): a session with no
 * bookings, not cancelled and not changed by hand is rewritten to the new template (or
 * cancelled, when the template no longer runs that day); any other is kept, with the reason.
 * Days the template now runs, up to the furthest session already made, get new sessions.
 * Slots a rewrite no longer needs are blocked, not deleted, so every device converges.
 */
export function planTemplateChange(
  template: ClinicTemplate,
  existing: readonly SessionWithSlots[],
  today: CalendarDate,
  closures: readonly Closure[],
): TemplateChangePlan {
  const future = existing.filter((e) => e.session.date > today);
  const plan: TemplateChangePlan = { rewritten: [], withdrawn: [], added: [], kept: [] };
  if (future.length === 0) return plan;
  const last = future.reduce((max, e) => (e.session.date > max ? e.session.date : max), today);
  const days = templateDays(template, addDays(today, 1), last, closures);
  const runs = new Map(days.map((d) => [d.date, d.closedBecause]));
  const byDate = new Set(future.map((e) => e.session.date));
  for (const entry of future) {
    const keep = reasonToKeep(entry);
    if (keep) {
      plan.kept.push({ session: entry.session, reason: keep });
      continue;
    }
    const closed = runs.get(entry.session.date);
    if (closed === undefined || closed !== null) {
      plan.withdrawn.push(entry.session);
      continue;
    }
    const built = buildSession(template, entry.session.date);
    const session = { ...built.session, id: entry.session.id };
    const fresh = built.slots.map((s, i) => ({
      ...s,
      id: `${session.id}-${i + 1}`,
      sessionId: session.id,
    }));
    const freshIds = new Set(fresh.map((s) => s.id));
    const retired = entry.slots
      .filter((s) => !freshIds.has(s.id))
      .map((s) => ({
        ...s,
        status: 'blocked' as const,
        blockedReason: 'Not in the clinic template any more',
      }));
    plan.rewritten.push({ session, slots: [...fresh, ...retired] });
  }
  for (const day of days) {
    if (day.closedBecause === null && !byDate.has(day.date)) {
      plan.added.push(buildSession(template, day.date));
    }
  }
  return plan;
}
