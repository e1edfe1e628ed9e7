import {
  formatUkDate,
  SLOT_TYPE_LABELS,
  type ActivityRow,
  type DnaRates,
  type DnaRow,
  type SlotType,
  type WeekRow,
} from '@clinicdesk/domain';
import { csvDocument } from './csv.ts';

type Names = ReadonlyMap<string, { name: string }>;

const rate = (r: number | null) => (r === null ? '' : r.toFixed(1));

/** Referrals received against new bookings, week by week. */
export function weeksCsv(weeks: readonly WeekRow[]): string {
  return csvDocument(
    ['Week commencing', 'Referrals received', 'New appointments booked', 'Booked less received'],
    weeks.map((w) => [
      formatUkDate(w.weekStart),
      String(w.received),
      String(w.booked),
      String(w.booked - w.received),
    ]),
  );
}

/** What a DNA row is about, in words: a clinic's name, a clinician's name or a slot type. */
export function dnaRowLabel(
  grouping: 'clinic' | 'clinician' | 'slot type',
  row: DnaRow,
  clinicians: Names,
): string {
  if (grouping === 'clinic') return row.label ?? row.key;
  if (grouping === 'clinician') return clinicians.get(row.key)?.name ?? 'Unknown clinician';
  return SLOT_TYPE_LABELS[row.key as SlotType] ?? 'Unknown slot type';
}

/** DNA rates in one file: a line per clinic, clinician and slot type, and the total. */
export function dnaCsv(rates: DnaRates, clinicians: Names): string {
  const line = (grouping: string, label: string, r: Omit<DnaRow, 'key' | 'label'>) => [
    grouping,
    label,
    String(r.attended),
    String(r.didNotAttend),
    String(r.couldNotWait),
    String(r.notRecorded),
    rate(r.dnaRate),
  ];
  const groups = [
    ['clinic', rates.byClinic],
    ['clinician', rates.byClinician],
    ['slot type', rates.bySlotType],
  ] as const;
  return csvDocument(
    [
      'Grouped by',
      'Name',
      'Attended',
      'Did not attend',
      'Could not wait',
      'Not recorded',
      'DNA rate %',
    ],
    [
      ...groups.flatMap(([grouping, rows]) =>
        rows.map((r) => line(grouping, dnaRowLabel(grouping, r, clinicians), r)),
      ),
      line('all', 'All appointments', rates.total),
    ],
  );
}

/** New and follow-up attendances per clinician and in all. */
export function activityCsv(
  activity: { byClinician: readonly ActivityRow[]; total: ActivityRow },
  clinicians: Names,
): string {
  const line = (name: string, r: ActivityRow) => [
    name,
    String(r.newAttended),
    String(r.followUpAttended),
    r.followUpsPerNew === null ? '' : r.followUpsPerNew.toFixed(1),
  ];
  return csvDocument(
    ['Clinician', 'New attendances', 'Follow-up attendances', 'Follow-ups per new'],
    [
      ...activity.byClinician.map((r) =>
        line(clinicians.get(r.clinicianId ?? '')?.name ?? 'Unknown clinician', r),
      ),
      line('All clinicians', activity.total),
    ],
  );
}
