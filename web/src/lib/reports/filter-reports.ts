import type { CalendarDate } from '@clinicdesk/domain';
import type { FollowUpLine } from '$lib/db/follow-up-queries.ts';
import type { ChaplaincyRow, ReportList } from '$lib/db/day-case-queries.ts';
import { isInRange, type ReportFilterState } from './report-filter.ts';

/** What one line of a report is about, as far as the four filters go (null: not known). */
interface LineFacts {
  date: CalendarDate | null;
  siteId: string | null;
  clinicianId: string | null;
  priority: string | null;
}

/**
 * True when a line passes every filter that is set. A line with nothing to compare (no due
 * date, no clinician) is left out once that filter is set: it cannot be shown to match.
 */
export function matchesReportFilter(facts: LineFacts, filter: ReportFilterState): boolean {
  const datesSet = !!filter.from || !!filter.to;
  return (
    (!datesSet || (facts.date !== null && isInRange(facts.date, filter))) &&
    (filter.siteId === null || facts.siteId === filter.siteId) &&
    (filter.clinicianId === null || facts.clinicianId === filter.clinicianId) &&
    (filter.priority === null || facts.priority === filter.priority)
  );
}

/**
 * The waiting-for-review lines that match: the follow-up's due date in the range, and the
 * pathway's site, clinician and clinical priority.
 */
export function filterFollowUps(
  lines: readonly FollowUpLine[],
  filter: ReportFilterState,
): FollowUpLine[] {
  return lines.filter(({ referral: r }) =>
    matchesReportFilter(
      {
        date: r.followUpDueDate ?? null,
        siteId: r.siteId,
        clinicianId: r.clinicianId,
        priority: r.priority,
      },
      filter,
    ),
  );
}

/**
 * The day-case lists that match by date, site and surgeon. A surgical priority keeps only the
 * patients of that priority, and only the lists that have one; a list's capacity stays the
 * whole list's.
 */
export function filterDayCaseLists(
  report: readonly ReportList[],
  filter: ReportFilterState,
): ReportList[] {
  const lists = report.filter(({ list }) =>
    matchesReportFilter(
      { date: list.date, siteId: list.siteId, clinicianId: list.clinicianId, priority: null },
      { ...filter, priority: null },
    ),
  );
  if (filter.priority === null) return lists;
  return lists
    .map((entry) => ({
      ...entry,
      patients: entry.patients.filter((p) => p.referral?.dayCase?.priority === filter.priority),
    }))
    .filter((entry) => entry.patients.length > 0);
}

/** The chaplaincy lines that match by day, site and the list's surgeon. */
export function filterChaplaincy(
  rows: readonly ChaplaincyRow[],
  filter: ReportFilterState,
): ChaplaincyRow[] {
  return rows.filter((r) =>
    matchesReportFilter(
      {
        date: r.admission.tciDate,
        siteId: r.admission.siteId,
        clinicianId: r.list?.clinicianId ?? null,
        priority: null,
      },
      { ...filter, priority: null },
    ),
  );
}
