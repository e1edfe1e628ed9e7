import {
  formatUkDate,
  isCalendarDate,
  PRIORITIES,
  PRIORITY_LABELS,
  SURGICAL_PRIORITIES,
  SURGICAL_PRIORITY_LABELS,
  type CalendarDate,
} from '@clinicdesk/domain';

/**
 * What a report is narrowed to (issue 9: "every report filters by date range, site, clinician
 * and priority"). It lives in the page's address, so a bookmarked or printed report shows the
 * same lines again. A blank date, or null, means "any".
 */
export interface ReportFilterState {
  from: CalendarDate | '';
  to: CalendarDate | '';
  siteId: string | null;
  clinicianId: string | null;
  priority: string | null;
}

/** The four filters, by the names the page's address uses. */
export type ReportFilterKind = 'dates' | 'site' | 'clinician' | 'priority';

/** A priority a report can be narrowed to, with its words. */
export interface PriorityChoice {
  value: string;
  label: string;
}

/** Referral (clinical) priorities: two-week wait, urgent, soon, routine. */
export const CLINICAL_PRIORITY_CHOICES: readonly PriorityChoice[] = PRIORITIES.map((p) => ({
  value: p,
  label: PRIORITY_LABELS[p],
}));

/** Surgical priorities P1–P4, for day-case lists. */
export const SURGICAL_PRIORITY_CHOICES: readonly PriorityChoice[] = SURGICAL_PRIORITIES.map(
  (p) => ({ value: p, label: SURGICAL_PRIORITY_LABELS[p] }),
);

export interface ReportFilterRules {
  /** The dates when the address gives none (blank: any day). */
  from: CalendarDate | '';
  to: CalendarDate | '';
  /** The filters that mean nothing for this report: the address cannot set them. */
  unused?: readonly ReportFilterKind[];
  priorities?: readonly PriorityChoice[];
}

/**
 * The filter a page's address asks for. Anything the report does not use, or cannot read (a
 * date that is not a date, a priority it does not know), falls back to the report's default,
 * so a hand-edited address never shows a report narrowed by something the screen does not say.
 */
export function readReportFilter(
  params: URLSearchParams,
  rules: ReportFilterRules,
): ReportFilterState {
  const unused = new Set(rules.unused ?? []);
  const text = (name: string, kind: ReportFilterKind) =>
    unused.has(kind) ? null : params.get(name)?.trim() || null;
  const date = (name: 'from' | 'to') => {
    const value = text(name, 'dates');
    if (value === null) return rules[name];
    return isCalendarDate(value) ? value : rules[name];
  };
  const priority = text('priority', 'priority');
  const known = (rules.priorities ?? CLINICAL_PRIORITY_CHOICES).some((p) => p.value === priority);
  return {
    from: date('from'),
    to: date('to'),
    siteId: text('site', 'site'),
    clinicianId: text('clinician', 'clinician'),
    priority: known ? priority : null,
  };
}

/**
 * The address query for a filter, with any of the page's own settings after it; blank and null
 * values are left out.
 */
export function reportFilterQuery(
  filter: ReportFilterState,
  extra: Readonly<Record<string, string | null>> = {},
): string {
  const pairs: [string, string | null][] = [
    ['from', filter.from || null],
    ['to', filter.to || null],
    ['site', filter.siteId],
    ['clinician', filter.clinicianId],
    ['priority', filter.priority],
    ...Object.entries(extra),
  ];
  return pairs
    .filter((pair): pair is [string, string] => !!pair[1])
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
}

/** True when the range ends before it starts: the report has nothing to show and says why. */
export function isRangeBackwards(filter: Pick<ReportFilterState, 'from' | 'to'>): boolean {
  return !!filter.from && !!filter.to && filter.to < filter.from;
}

/** True when a day is inside the range (a blank end is open). */
export function isInRange(date: CalendarDate, filter: Pick<ReportFilterState, 'from' | 'to'>) {
  return (!filter.from || date >= filter.from) && (!filter.to || date <= filter.to);
}

type Names = ReadonlyMap<string, { name: string }>;

/**
 * The filters in words, for the printed heading: "From 01/03/2026 to 31/03/2026 · Kidderminster
 * · Mr Patel · Urgent". Filters the report does not use are left out.
 */
export function describeReportFilter(
  filter: ReportFilterState,
  names: { sites: Names; clinicians: Names; priorities?: readonly PriorityChoice[] },
  unused: readonly ReportFilterKind[] = [],
): string {
  const parts: string[] = [];
  if (!unused.includes('dates')) {
    const { from, to } = filter;
    if (from && to) parts.push(`From ${formatUkDate(from)} to ${formatUkDate(to)}`);
    else if (from) parts.push(`From ${formatUkDate(from)}`);
    else if (to) parts.push(`Up to ${formatUkDate(to)}`);
    else parts.push('Any date');
  }
  if (!unused.includes('site'))
    parts.push(
      filter.siteId ? (names.sites.get(filter.siteId)?.name ?? 'Unknown site') : 'All sites',
    );
  if (!unused.includes('clinician'))
    parts.push(
      filter.clinicianId
        ? (names.clinicians.get(filter.clinicianId)?.name ?? 'Unknown clinician')
        : 'All clinicians',
    );
  if (!unused.includes('priority')) {
    const choices = names.priorities ?? CLINICAL_PRIORITY_CHOICES;
    parts.push(
      filter.priority
        ? (choices.find((c) => c.value === filter.priority)?.label ?? filter.priority)
        : 'All priorities',
    );
  }
  return parts.join(' · ');
}
