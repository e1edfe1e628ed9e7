import {
  formatNhsNumber,
  formatPatientName,
  formatUkDate,
  PRIORITY_LABELS,
} from '@clinicdesk/domain';
import type { FollowUpLine, FollowUpState } from '$lib/db/follow-up-queries.ts';
import { csvDocument } from './csv.ts';

type Names = ReadonlyMap<string, { name: string }>;

/** Where a follow-up stands, in the words the list and its CSV both use. */
export const FOLLOW_UP_STATE_WORDS: Record<FollowUpState, string> = {
  overdue: 'Overdue',
  'book-now': 'Book now',
  later: 'Book later',
  booked: 'Booked',
  'no-date': 'No due date',
};

/** The waiting-for-review list as shown, one line per pathway, in the same order. */
export function followUpCsv(
  lines: readonly FollowUpLine[],
  sites: Names,
  clinicians: Names,
): string {
  return csvDocument(
    ['Due by', 'State', 'Patient', 'NHS number', 'Priority', 'Site', 'Clinician', 'Booked for'],
    lines.map(({ referral: r, patient, state, booked }) => [
      r.followUpDueDate ? formatUkDate(r.followUpDueDate) : '',
      FOLLOW_UP_STATE_WORDS[state],
      patient ? formatPatientName(patient) : '',
      patient ? formatNhsNumber(patient.nhsNumber) : '',
      r.priority ? PRIORITY_LABELS[r.priority] : '',
      sites.get(r.siteId)?.name ?? r.siteId,
      r.clinicianId ? (clinicians.get(r.clinicianId)?.name ?? '') : '',
      booked ? `${formatUkDate(booked.date)} ${booked.startTime}` : '',
    ]),
  );
}
