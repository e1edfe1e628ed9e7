import {
  compareCodeUnits,
  formatNhsNumber,
  formatUkDate,
  patientSearch,
  PATHWAY_STAGE_LABELS,
  PRIORITIES,
  PRIORITY_LABELS,
  type Patient,
  type PathwayStage,
  type Priority,
  type PtlRow,
} from '@clinicdesk/domain';
import { csvDocument } from '$lib/reports/csv.ts';

/** Patients by id as the PTL shows them; `rank` is the place in surname order, when known. */
export type PatientNames = ReadonlyMap<
  string,
  Pick<Patient, 'givenName' | 'familyName' | 'nhsNumber'> & { rank?: number }
>;
export type Names = ReadonlyMap<string, { name: string }>;

export interface PtlFilter {
  priority: Priority | 'untriaged' | '';
  stage: PathwayStage | '';
  siteId: string;
  clinicianId: string;
  flag: '' | 'breached' | 'about-to-breach' | 'over-52' | 'no-date';
  /** Only clocks that have run at least this many weeks (empty for any). */
  minWeeks: number | '' | null;
  /** Only pathways whose 18-week date falls on or before this day ('' for any). */
  treatByOnOrBefore: string;
  /** Only pathways with a next appointment or TCI on or before this day ('' for any). */
  nextOnOrBefore: string;
  /** Words in the latest validation comment ('' for any). */
  comment: string;
  /** Surname, name or NHS number; matched once patient names have loaded. */
  text: string;
}

/** Whether a filter lets every pathway through (each field as in `EMPTY_FILTER`). */
export function isEmptyFilter(filter: PtlFilter): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof PtlFilter)[]).every(
    (k) => (EMPTY_FILTER[k] ?? '') === (filter[k] ?? ''),
  );
}

/** The most weeks the "waited at least" filter takes: no clock runs four years. */
export const MAX_FILTER_WEEKS = 200;

/**
 * The "waited at least (weeks)" filter as typed: whole weeks from 0 to 200, or empty for any
 * wait. Anything else applies no minimum and says why, in the desk's words.
 */
export function parseMinWeeks(text: string): { minWeeks: number | ''; error: string | null } {
  const typed = text.trim();
  if (typed === '') return { minWeeks: '', error: null };
  const weeks = /^\d{1,3}$/.test(typed) ? Number(typed) : NaN;
  if (weeks <= MAX_FILTER_WEEKS) return { minWeeks: weeks, error: null };
  return {
    minWeeks: '',
    error: `Enter whole weeks from 0 to ${MAX_FILTER_WEEKS}: no minimum wait is applied until then`,
  };
}

export const EMPTY_FILTER: PtlFilter = {
  priority: '',
  stage: '',
  siteId: '',
  clinicianId: '',
  flag: '',
  minWeeks: '',
  treatByOnOrBefore: '',
  nextOnOrBefore: '',
  comment: '',
  text: '',
};

export const PTL_COLUMNS = [
  'patient',
  'nhsNumber',
  'clinician',
  'site',
  'priority',
  'clockStart',
  'weeks',
  'treatBy',
  'next',
  'stage',
  'comment',
] as const;
export type PtlColumn = (typeof PTL_COLUMNS)[number];

export const PTL_COLUMN_LABELS: Record<PtlColumn, string> = {
  patient: 'Patient',
  nhsNumber: 'NHS number',
  clinician: 'Clinician',
  site: 'Site',
  priority: 'Priority',
  clockStart: 'Clock start',
  weeks: 'Weeks',
  treatBy: '18-week date',
  next: 'Next appointment / TCI',
  stage: 'Stage',
  comment: 'Latest validation',
};

/** The rows that pass every filter. Text matches NHS number digits or the start of a name. */
export function filterPtl(
  rows: readonly PtlRow[],
  filter: PtlFilter,
  patients: PatientNames,
): PtlRow[] {
  // Each field read once: on the screen `filter` is reactive state, and reading it through its
  // proxy for each of 50,000 rows cost a third of a filter's time (issue 10).
  const { priority, stage, siteId, clinicianId, flag, minWeeks } = filter;
  const { treatByOnOrBefore, nextOnOrBefore } = filter;
  const comment = filter.comment.trim().toLowerCase();
  const matches = patientSearch(filter.text);
  return rows.filter((r) => {
    if (priority && (r.priority ?? 'untriaged') !== priority) return false;
    if (stage && r.stage !== stage) return false;
    if (siteId && r.siteId !== siteId) return false;
    if (clinicianId && r.clinicianId !== clinicianId) return false;
    if (flag === 'breached' && !r.breached) return false;
    if (flag === 'about-to-breach' && !r.aboutToBreach) return false;
    if (flag === 'over-52' && !r.over52) return false;
    if (flag === 'no-date' && r.nextDate !== null) return false;
    if (
      treatByOnOrBefore &&
      (r.weeks === null || !r.clock.treatByDate || r.clock.treatByDate > treatByOnOrBefore)
    )
      return false;
    if (nextOnOrBefore && (!r.nextDate || r.nextDate > nextOnOrBefore)) return false;
    if (comment && !(r.latestComment ?? '').toLowerCase().includes(comment)) return false;
    if (typeof minWeeks === 'number' && (r.weeks === null || r.weeks < minWeeks)) return false;
    if (matches) {
      const p = patients.get(r.patientId);
      if (!p || !matches(p)) return false;
    }
    return true;
  });
}

/** A value to sort a column by; nulls sort last whichever way. */
function keyOf(
  row: PtlRow,
  column: PtlColumn,
  patients: PatientNames,
  clinicians: Names,
  sites: Names,
): string | number | null {
  switch (column) {
    case 'patient': {
      const p = patients.get(row.patientId);
      if (!p) return null;
      return p.rank ?? `${p.familyName} ${p.givenName}`.toLowerCase();
    }
    case 'nhsNumber':
      return patients.get(row.patientId)?.nhsNumber ?? null;
    case 'clinician':
      return clinicians.get(row.clinicianId ?? '')?.name ?? null;
    case 'site':
      return sites.get(row.siteId)?.name ?? row.siteId;
    case 'priority':
      return row.priority ? PRIORITIES.indexOf(row.priority) : PRIORITIES.length;
    case 'clockStart':
      return row.clock.clockStart;
    case 'weeks':
      return row.weeks === null ? null : row.clock.daysWaited;
    case 'treatBy':
      return row.clock.treatByDate;
    case 'next':
      return row.nextDate;
    case 'stage':
      return row.stage;
    case 'comment':
      return row.latestComment;
  }
}

/**
 * Sorts a copy of the rows by one column; ties keep the longest wait first. `rows` must be in
 * the default order (`byLongestWait`, as `loadPtl` gives them and `filterPtl` keeps them).
 *
 * Each row's key becomes a place in the column's order (`placesOf`), packed with the row's
 * position into one number (`place × rows + position`), and the numbers are sorted as a
 * typed array: no comparison function is called per pair, and equal keys keep their positions,
 * so ties stay longest wait first. A re-sort of 50,000 rows took 46 ms with a comparison
 * function on this machine (issue 10).
 */
export function sortPtl(
  rows: readonly PtlRow[],
  column: PtlColumn,
  direction: 'asc' | 'desc',
  patients: PatientNames,
  clinicians: Names,
  sites: Names,
): PtlRow[] {
  if (column === 'weeks' && direction === 'desc') return [...rows];
  const n = rows.length;
  const keys = rows.map((row) => keyOf(row, column, patients, clinicians, sites));
  const { placeOf, count } = placesOf(keys);
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    // Nulls last either way.
    const place =
      key === null ? count : direction === 'asc' ? placeOf(key) : count - 1 - placeOf(key);
    packed[i] = place * n + i;
  }
  packed.sort();
  const sorted = new Array<PtlRow>(n);
  for (let i = 0; i < n; i++) sorted[i] = rows[packed[i]! % n]!;
  return sorted;
}

/**
 * Each non-null key's place in ascending order, and how many places there are. Small whole
 * numbers (a patient's place in surname order, days waited, a priority) are their own places;
 * other keys are ranked among the column's distinct values, numbers by value and anything
 * else as strings by code unit.
 */
function placesOf(keys: readonly (string | number | null)[]): {
  placeOf: (key: string | number) => number;
  count: number;
} {
  // Whole numbers are found in one pass, without a set of 50,000 keys (a third of a sort by
  // patient, issue 10).
  let largest = -1;
  let wholeNumbers = true;
  for (const k of keys) {
    if (k === null) continue;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= 2 ** 21) {
      wholeNumbers = false;
      break;
    }
    if (k > largest) largest = k;
  }
  if (wholeNumbers) return { placeOf: (k) => k as number, count: largest + 1 };
  const distinct = [...new Set(keys)].filter((k): k is string | number => k !== null);
  const ascending = distinct.every((k) => typeof k === 'number')
    ? Array.from(Float64Array.from(distinct).sort())
    : distinct.sort((a, b) => compareCodeUnits(String(a), String(b)));
  const places = new Map<string | number, number>(ascending.map((k, place) => [k, place]));
  return { placeOf: (k) => places.get(k)!, count: places.size };
}

/** The current view as CSV (UTF-8 with a byte-order mark, so Excel reads £ and names correctly). */
export function ptlCsv(
  rows: readonly PtlRow[],
  patients: PatientNames,
  clinicians: Names,
  sites: Names,
): string {
  return csvDocument(
    PTL_COLUMNS.map((c) => PTL_COLUMN_LABELS[c]),
    rows.map((r) => {
      const p = patients.get(r.patientId);
      return [
        p ? `${p.familyName.toUpperCase()}, ${p.givenName}` : '',
        p ? formatNhsNumber(p.nhsNumber) : '',
        clinicians.get(r.clinicianId ?? '')?.name ?? '',
        sites.get(r.siteId)?.name ?? r.siteId,
        r.priority ? PRIORITY_LABELS[r.priority] : 'Awaiting triage',
        r.clock.clockStart ? formatUkDate(r.clock.clockStart) : '',
        r.weeks === null ? '' : String(r.weeks),
        r.clock.treatByDate && r.weeks !== null ? formatUkDate(r.clock.treatByDate) : '',
        r.nextDate ? `${formatUkDate(r.nextDate)}${r.nextKind === 'tci' ? ' (TCI)' : ''}` : '',
        PATHWAY_STAGE_LABELS[r.stage],
        r.latestComment ?? '',
      ];
    }),
  );
}
