import {
  formatUkDate,
  type CalendarDate,
  type ClinicTemplate,
  type TemplateChangePlan,
} from '@clinicdesk/domain';

/** ISO weekdays (1 Monday … 7 Sunday) as the desk says them. */
export const WEEKDAY_NAMES: Record<number, string> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};

const ORDINALS = ['', '1st', '2nd', '3rd', '4th', '5th'];

/** '1 clinic', '3 clinics'. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** A list in words: 'a', 'a and b', 'a, b and c'. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** How often a template runs, in words: 'Every week', '1st and 3rd Monday of the month'. */
export function describeRecurrence(
  template: Pick<ClinicTemplate, 'recurrence' | 'weekday'>,
): string {
  const r = template.recurrence;
  const day = WEEKDAY_NAMES[template.weekday] ?? '';
  switch (r.kind) {
    case 'weekly':
      return `Every ${day}`;
    case 'alternate':
      return `Alternate ${day}s, counting from the week of ${formatUkDate(r.anchor)}`;
    case 'monthly': {
      const weeks = [...r.weeks].sort((a, b) => a - b).map((w) => ORDINALS[w] ?? String(w));
      return `${listInWords(weeks)} ${day} of the month`;
    }
  }
}

/** When a template runs from and to, in words. */
export function describeValidity(from: CalendarDate | null, to: CalendarDate | null): string {
  if (from && to) return `${formatUkDate(from)} to ${formatUkDate(to)}`;
  if (from) return `From ${formatUkDate(from)}`;
  if (to) return `Until ${formatUkDate(to)}`;
  return 'No end date';
}

/** What a template change does to its clinics from tomorrow on, in one sentence. */
export function describeChangePlan(plan: TemplateChangePlan, tense: 'will' | 'did'): string {
  const parts = [
    plan.rewritten.length && `${countOf(plan.rewritten.length, 'clinic')} rewritten`,
    plan.withdrawn.length &&
      `${countOf(plan.withdrawn.length, 'clinic')} withdrawn (cancelled, no one was booked)`,
    plan.added.length && `${countOf(plan.added.length, 'clinic')} added`,
  ].filter((p): p is string => !!p);
  const kept = plan.kept.length
    ? ` ${countOf(plan.kept.length, 'clinic')} ${tense === 'will' ? 'will stay' : 'stayed'} as ${plan.kept.length === 1 ? 'it was' : 'they were'}.`
    : '';
  if (parts.length === 0) {
    return `No clinics from tomorrow on ${tense === 'will' ? 'will change' : 'changed'}.${kept}`;
  }
  const lead =
    tense === 'will' ? 'Saving will change clinics from tomorrow on' : 'Clinics from tomorrow on';
  return `${lead}: ${listInWords(parts)}.${kept}`;
}
