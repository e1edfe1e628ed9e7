import { SLOT_TYPE_LABELS, type VacancyRow, type VacancySummary } from '@clinicdesk/domain';
import type { Names } from '../ptl/ptl-view.ts';
import { csvDocument } from '$lib/reports/csv.ts';

/** Rows of the vacancy summary under the site they belong to, in the summary's order. */
export function rowsBySite(rows: readonly VacancyRow[]): { siteId: string; rows: VacancyRow[] }[] {
  const groups: { siteId: string; rows: VacancyRow[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last?.siteId === row.siteId) last.rows.push(row);
    else groups.push({ siteId: row.siteId, rows: [row] });
  }
  return groups;
}

/** "3 to fill in the next 2 weeks": the unbooked slots soon, as a co-ordinator says it. */
export function toFillLabel(count: number): string {
  return `${count} to fill in the next 2 weeks`;
}

const COLUMNS = [
  'Site',
  'Clinician',
  'Slot type',
  'Available',
  'Booked',
  'Unbooked',
  'Utilisation %',
  'Unbooked in the next 2 weeks',
];

/**
 * The vacancy summary as CSV, one line per site, clinician and slot type and a total line
 * (UTF-8 with a byte-order mark, every cell quoted and formula-safe, as the PTL's export).
 */
export function vacancyCsv(summary: VacancySummary, sites: Names, clinicians: Names): string {
  const counts = (r: Omit<VacancyRow, 'siteId' | 'clinicianId' | 'type'>) => [
    String(r.available),
    String(r.booked),
    String(r.unbooked),
    r.utilisation === null ? '' : String(r.utilisation),
    String(r.unbookedSoon.length),
  ];
  return csvDocument(COLUMNS, [
    ...summary.rows.map((r) => [
      sites.get(r.siteId)?.name ?? r.siteId,
      clinicians.get(r.clinicianId)?.name ?? r.clinicianId,
      SLOT_TYPE_LABELS[r.type],
      ...counts(r),
    ]),
    ['Total', '', '', ...counts(summary.totals)],
  ]);
}
