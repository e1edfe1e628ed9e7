import type { Appointment } from '../booking/appointment.ts';
import { formatUkDate, parseUkDate, type CalendarDate } from '../calendar/calendar-date.ts';
import type { Clinician, ClinicTemplate, Site, Slot, ClinicSession } from '../clinics/clinic.ts';
import type { Change } from '../mutators/mutator.ts';
import type { Role } from '../access/roles.ts';
import type { Patient } from '../patients/patient.ts';
import type { RecordedBy, Referral } from '../referrals/referral.ts';
import { parseCsv, type CsvRecord } from './csv.ts';

/** The four extracts the PAS sends, in the order they are imported. */
export const IMPORT_KINDS = ['patients', 'referrals', 'templates', 'appointments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  patients: 'Patients',
  referrals: 'Referrals (open pathways)',
  templates: 'Clinic templates',
  appointments: 'Booked appointments',
};

/**
 * Who may import PAS extracts: managers only. An import writes across every site at once and
 * is not scoped like an edit, so no role that works at a site's desk may do it.
 */
export const IMPORT_ROLES: readonly Role[] = ['manager'];

/** True when a role may import PAS extracts. */
export function canImportPasData(role: Role): boolean {
  return IMPORT_ROLES.includes(role);
}

/** What importing one row of a file would do. */
export type PlannedRow =
  | { row: number; key: string; action: 'create' | 'unchanged'; changes?: undefined }
  | { row: number; key: string; action: 'update'; changes: string[] }
  | { row: number; key: string; action: 'refused'; reasons: string[] };

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  refused: number;
}

/**
 * A dry run's answer: one line per row, the rows to write, and — when the file itself cannot
 * be read (not CSV, a column missing) — why, with no rows at all.
 */
export interface ImportPlan {
  kind: ImportKind;
  fileProblem: string | null;
  rows: PlannedRow[];
  counts: ImportCounts;
  /** The rows to write, whole; empty when any row is refused: a file is applied in full or not at all. */
  writes: Change[];
}

/** What a plan is checked against: the lookups and the rows already held, by natural key. */
export interface ImportState {
  today: CalendarDate;
  now: string;
  actor: RecordedBy;
  sites: readonly Site[];
  clinicians: readonly Clinician[];
  patientsByNhsNumber: ReadonlyMap<string, Patient>;
  patientsById: ReadonlyMap<string, Patient>;
  referralsById: ReadonlyMap<string, Referral>;
  templatesById: ReadonlyMap<string, ClinicTemplate>;
  /** Templates that already have clinics generated from them (their changes go through the screen). */
  templatesWithSessions: ReadonlySet<string>;
  appointmentsById: ReadonlyMap<string, Appointment>;
  slots: readonly Slot[];
  sessionsById: ReadonlyMap<string, ClinicSession>;
}

/** Most rows one file may hold: a whole department's PAS extract fits well within it. */
export const MAX_IMPORT_ROWS = 50_000;

/** "Row 14: the NHS number 999 000 0001 fails its check digit" — a refusal as people read it. */
export function describePlannedRow(row: PlannedRow): string {
  if (row.action === 'refused') return `Row ${row.row}: ${row.reasons.join('; ')}`;
  if (row.action === 'update')
    return `Row ${row.row}: ${row.key} — changes ${row.changes.join(', ')}`;
  return `Row ${row.row}: ${row.key}`;
}

/** A row of a file, its fields by column name. */
export interface ImportRow {
  row: number;
  get(column: string): string;
}

/**
 * Reads a file into rows by its header, refusing the whole file when it is not CSV, is empty,
 * lacks a column or is too long. Column names are matched without regard to case or spaces;
 * extra columns are ignored (PAS extracts carry more than ClinicDesk needs).
 */
export function readImportFile(
  text: string,
  columns: readonly string[],
): { ok: true; rows: ImportRow[] } | { ok: false; problem: string } {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problem: parsed.message };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, problem: 'The file is empty' };
  const names = header.fields.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length)
    return {
      ok: false,
      problem: `The file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (row 1 must name the columns: ${columns.join(', ')})`,
    };
  if (records.length === 0) return { ok: false, problem: 'The file has a header but no rows' };
  if (records.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      problem: `The file has ${records.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}`,
    };
  const index = new Map(names.map((n, i) => [n, i]));
  return {
    ok: true,
    rows: records.map((r: CsvRecord) => ({
      row: r.row,
      get: (column: string) => (r.fields[index.get(column) ?? -1] ?? '').trim(),
    })),
  };
}

/** Collects the reasons one row is refused while its fields are read. */
export class RowCheck {
  readonly reasons: string[] = [];
  constructor(readonly row: ImportRow) {}

  refuse(reason: string): void {
    this.reasons.push(reason);
  }

  /** A non-empty field, or a refusal naming it. */
  required(column: string, label: string): string {
    const value = this.row.get(column);
    if (value === '') this.refuse(`the ${label} is empty`);
    return value;
  }

  /** A dd/mm/yyyy date ('' allowed when optional), refused when it is not a real day. */
  date(column: string, label: string, optional = false): CalendarDate | null {
    const text = this.row.get(column);
    if (text === '') {
      if (!optional) this.refuse(`the ${label} is empty`);
      return null;
    }
    if (!/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text)) {
      this.refuse(`the ${label} "${text}" is not written dd/mm/yyyy`);
      return null;
    }
    const day = parseUkDate(text);
    if (!day) this.refuse(`the ${label} ${text} is not a real date`);
    return day ?? null;
  }

  /** A site by its code (KTC, ALX, WRH). */
  site(sites: readonly Site[], column = 'site_code'): Site | undefined {
    const code = this.required(column, 'site code');
    if (!code) return undefined;
    const site = sites.find((s) => s.code.toLowerCase() === code.toLowerCase());
    if (!site)
      this.refuse(`the site code ${code} is not one of ${sites.map((s) => s.code).join(', ')}`);
    return site;
  }

  /** A clinician by code (ClinicDesk's clinician id); '' when optional and empty. */
  clinician(clinicians: readonly Clinician[], optional = false): Clinician | null | undefined {
    const code = optional
      ? this.row.get('clinician_code')
      : this.required('clinician_code', 'clinician code');
    if (!code) return optional ? null : undefined;
    const found = clinicians.find((c) => c.id.toLowerCase() === code.toLowerCase());
    if (!found) this.refuse(`the clinician code ${code} is not a clinician ClinicDesk knows`);
    return found;
  }

  /** A PAS identifier: letters, digits and - _ / only, up to 40 characters. */
  pasId(column: string, label: string): string {
    const id = this.required(column, label);
    if (id && !/^[A-Za-z0-9_/-]{1,40}$/.test(id))
      this.refuse(`the ${label} "${id}" may hold only letters, digits, - _ and /, up to 40`);
    return id;
  }
}

/** The row id ClinicDesk gives a PAS identifier: the same PAS id always makes the same row. */
export function idFromPas(prefix: string, pasId: string): string {
  return `${prefix}-pas-${pasId.replace(/\//g, '_').toLowerCase()}`;
}

/** The labels of the fields whose values differ (compared as JSON: rows are plain data). */
export function changedFields<T extends object>(
  before: T,
  after: T,
  labels: Partial<Record<keyof T, string>>,
): string[] {
  return (Object.keys(labels) as (keyof T)[])
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => labels[k]!);
}

/** Shows a day in a refusal as people write it. */
export const ukDay = formatUkDate;

/** Adds up a plan's rows, and drops its writes when any row is refused. */
export function finishPlan(kind: ImportKind, rows: PlannedRow[], writes: Change[]): ImportPlan {
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, refused: 0 };
  for (const r of rows) counts[r.action]++;
  return { kind, fileProblem: null, rows, counts, writes: counts.refused ? [] : writes };
}

/** A plan for a file that cannot be read at all. */
export function unreadablePlan(kind: ImportKind, problem: string): ImportPlan {
  return {
    kind,
    fileProblem: problem,
    rows: [],
    counts: { create: 0, update: 0, unchanged: 0, refused: 0 },
    writes: [],
  };
}

/** What a row comes to once read: a new row, changes to an existing one, nothing, or a refusal. */
export type RowDecision =
  | { action: 'create'; writes: Change[] }
  | { action: 'update'; changes: string[]; writes: Change[] }
  | { action: 'unchanged' }
  | { action: 'refused'; reason: string };

/** How one kind of file is read: each row into a value, then decided against ClinicDesk's rows. */
export interface FileRules<T> {
  kind: ImportKind;
  columns: readonly string[];
  /** The key a person knows the row by (NHS number, PAS id). */
  keyOf(row: ImportRow, value: T | undefined): string;
  read(check: RowCheck): T | undefined;
  /** What may appear once per file, and what to say when a later row repeats it. */
  uniqueKeys(value: T): { key: string; repeated: (earlierRow: number) => string }[];
  decide(value: T): RowDecision;
}

/** Plans a file by its rules: every row read, repeats refused, the rest decided, all or nothing. */
export function planFile<T>(text: string, rules: FileRules<T>): ImportPlan {
  const file = readImportFile(text, rules.columns);
  if (!file.ok) return unreadablePlan(rules.kind, file.problem);
  const rows: PlannedRow[] = [];
  const writes: Change[] = [];
  const seen = new Map<string, number>();
  for (const row of file.rows) {
    const check = new RowCheck(row);
    const value = rules.read(check);
    const key = rules.keyOf(row, value);
    const unique = value && !check.reasons.length ? rules.uniqueKeys(value) : [];
    const repeat = unique.find((u) => seen.has(u.key));
    if (repeat) check.refuse(repeat.repeated(seen.get(repeat.key)!));
    if (!value || check.reasons.length) {
      rows.push({ row: row.row, key, action: 'refused', reasons: check.reasons });
      continue;
    }
    for (const u of unique) seen.set(u.key, row.row);
    const decision = rules.decide(value);
    if (decision.action === 'refused')
      rows.push({ row: row.row, key, action: 'refused', reasons: [decision.reason] });
    else if (decision.action === 'update')
      rows.push({ row: row.row, key, action: 'update', changes: decision.changes });
    else rows.push({ row: row.row, key, action: decision.action });
    if ('writes' in decision) writes.push(...decision.writes);
  }
  return finishPlan(rules.kind, rows, writes);
}

/** A new row, or the update of an existing one listing the fields that change, or nothing. */
export function decideUpsert<T extends object>(
  table: Change['table'],
  existing: T | undefined,
  next: T,
  labels: Partial<Record<keyof T, string>>,
): RowDecision {
  const write = { table, row: next } as Change;
  if (!existing) return { action: 'create', writes: [write] };
  const changes = changedFields(existing, next, labels);
  return changes.length ? { action: 'update', changes, writes: [write] } : { action: 'unchanged' };
}
