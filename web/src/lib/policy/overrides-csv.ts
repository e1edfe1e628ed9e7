import {
  formatLondonDateTime,
  formatNhsNumber,
  formatPatientName,
  POLICY_RULE_LABELS,
} from '@clinicdesk/domain';
import type { OverrideLine } from '$lib/db/review-queries.ts';
import { csvDocument } from '$lib/reports/csv.ts';

const COLUMNS = [
  'When',
  'Who',
  'Rule',
  'Warning',
  'Reason',
  'Patient',
  'NHS number',
  'Policy version',
];

/** The overrides report as CSV (UTF-8 with a byte-order mark, as the PTL's), newest first. */
export function overridesCsv(lines: readonly OverrideLine[]): string {
  return csvDocument(
    COLUMNS,
    lines.map(({ override: o, patient }) => [
      formatLondonDateTime(o.at),
      o.by.name,
      POLICY_RULE_LABELS[o.rule],
      o.warning,
      o.reason,
      patient ? formatPatientName(patient) : '',
      patient ? formatNhsNumber(patient.nhsNumber) : '',
      String(o.policyVersion),
    ]),
  );
}
