import {
  formatNhsNumber,
  formatUkDate,
  PRE_OP_OUTCOME_LABELS,
  type Clinician,
  type Site,
} from '@clinicdesk/domain';
import type { ReportList } from '../db/day-case-queries.ts';
import { csvDocument } from '$lib/reports/csv.ts';

const COLUMNS = [
  'List date',
  'Site',
  'Surgeon',
  'List',
  'Capacity used',
  'Capacity left',
  'TCI',
  'Patient',
  'NHS number',
  'Procedure',
  'Priority',
  'Pre-op assessment',
];

/** What a pathway's pre-operative assessment stands at, in words. */
export function preOpSummary(
  preOp: { needed: boolean; outcome: string; date: string | null } | undefined,
): string {
  if (!preOp) return '';
  if (!preOp.needed) return 'Not needed';
  const outcome =
    PRE_OP_OUTCOME_LABELS[preOp.outcome as keyof typeof PRE_OP_OUTCOME_LABELS] ?? preOp.outcome;
  if (preOp.outcome === 'not-done')
    return preOp.date ? `Booked ${formatUkDate(preOp.date)}` : 'To book';
  return preOp.date ? `${outcome} (${formatUkDate(preOp.date)})` : outcome;
}

/**
 * The week's day-case lists as CSV, one line per patient (an empty list gets one line of its
 * own): UTF-8 with a byte-order mark, as the PTL's export, so Excel reads names correctly.
 */
export function dayCaseReportCsv(
  report: readonly ReportList[],
  sites: ReadonlyMap<string, Site>,
  clinicians: ReadonlyMap<string, Clinician>,
): string {
  const lines: string[][] = [];
  for (const { list, use, patients } of report) {
    const unit = use.unit === 'procedures' ? 'procedures' : 'minutes';
    const head = [
      formatUkDate(list.date),
      sites.get(list.siteId)?.name ?? list.siteId,
      clinicians.get(list.clinicianId)?.name ?? '',
      list.name,
      `${use.used} of ${use.total} ${unit}`,
      `${use.remaining} ${unit}`,
    ];
    const rows = patients.length
      ? patients.map((p) => [
          formatUkDate(p.admission.tciDate),
          p.patient ? `${p.patient.familyName.toUpperCase()}, ${p.patient.givenName}` : '',
          p.patient ? formatNhsNumber(p.patient.nhsNumber) : '',
          p.admission.procedure,
          p.referral?.dayCase?.priority ?? '',
          preOpSummary(p.referral?.dayCase?.preOp),
        ])
      : [['', '', '', '', '', '']];
    for (const row of rows) lines.push([...head, ...row]);
  }
  return csvDocument(COLUMNS, lines);
}
