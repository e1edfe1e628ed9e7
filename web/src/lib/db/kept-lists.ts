import {
  ACTIVE_APPOINTMENT_STATUSES,
  byLongestWait,
  byWaitingListOrder,
  compareCodeUnits,
  isActiveAppointment,
  prioritiseWaitingList,
  ptlRows,
  type Appointment,
  type CalendarDate,
  type Patient,
  type PtlRow,
  type Referral,
  type TrustSettings,
  type WaitingListEntry,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { readWholeTable } from './encryption.ts';
import {
  KEPT_WHILE_AWAY,
  keptValue,
  nextIdleMoment,
  placeOf,
  sortInSlices,
  type ChangedKeys,
  type KeptSpec,
  type KeptValue,
  type Sealed,
} from './kept.ts';
import { loadSettings, validationLines, type ValidationLine } from './pathway-queries.ts';
import { waitingEntries } from './queries.ts';
import type { PatientNames } from '../ptl/ptl-view.ts';

/** The PTL's whole list read from the device, with what each row was made from. */
export interface PtlState {
  today: CalendarDate;
  settings: TrustSettings;
  /** Booked (active) appointments by referral, and each one's referral. */
  byReferral: Map<string, Appointment[]>;
  referralOf: Map<string, string>;
  /** Every open pathway's row, longest wait first (`byLongestWait`). */
  rows: PtlRow[];
}

/** Pathways whose rows are worked out in one go while the list is read whole. */
const ROWS_AT_A_TIME = 5_000;

async function readPtl(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  between: () => Promise<void> = nextIdleMoment,
): Promise<PtlState> {
  const active: Appointment[] = [];
  const [referrals, settings] = await Promise.all([
    readWholeTable<Referral>(db, 'referrals', { between }),
    loadSettings(db),
    db
      .rows('appointments')
      .where('status')
      .anyOf([...ACTIVE_APPOINTMENT_STATUSES])
      .each((a) => void active.push(a)),
  ]);
  return ptlStateOf(referrals, active, settings, today, between);
}

/**
 * The PTL's kept state made from every referral and every booked (active) appointment, in id
 * order as the tables hold them, awaiting `between` between pages of the work.
 */
export async function ptlStateOf(
  referrals: readonly Referral[],
  active: Iterable<Appointment>,
  settings: TrustSettings,
  today: CalendarDate,
  between: () => Promise<void>,
): Promise<PtlState> {
  const referralOf = new Map<string, string>();
  const byReferral = new Map<string, Appointment[]>();
  for (const a of active) {
    referralOf.set(a.id, a.referralId);
    const list = byReferral.get(a.referralId);
    if (list) list.push(a);
    else byReferral.set(a.referralId, [a]);
  }
  // Each pathway's clock is worked out a page at a time, leaving the page its frames between.
  const rows: PtlRow[] = [];
  for (let from = 0; from < referrals.length; from += ROWS_AT_A_TIME) {
    if (from > 0) await between();
    const page = referrals.slice(from, from + ROWS_AT_A_TIME);
    for (const row of ptlRows(page, byReferral, today, settings)) rows.push(row);
  }
  return {
    today,
    settings,
    referralOf,
    byReferral,
    rows: await sortInSlices(rows, byLongestWait, between),
  };
}

/** Every open pathway as a PTL row, longest wait first (patients are read separately: they are sealed). */
export async function loadPtl(db: ClinicDeskDatabase, today: CalendarDate): Promise<PtlRow[]> {
  return (await readPtl(db, today)).rows;
}

/** Appointments by referral, and each appointment's referral, as a kept list holds them. */
interface AppointmentIndex {
  byReferral: Map<string, Appointment[]>;
  referralOf: Map<string, string>;
}

/**
 * Reads the changed appointments again and moves each in the index: out of the list of the
 * referral it was on, and into its referral's list (in id order, as the table is read whole) if
 * `keep` takes it. Adds every referral touched to `touched`.
 */
async function reindexAppointments(
  db: ClinicDeskDatabase,
  index: AppointmentIndex,
  changed: ChangedKeys,
  keep: (a: Appointment) => boolean,
  touched: Set<string>,
): Promise<void> {
  const ids = [...(changed.get('appointments') ?? [])];
  const appointments = await db.rows('appointments').bulkGet(ids);
  ids.forEach((id, i) => {
    const before = index.referralOf.get(id);
    if (before !== undefined) {
      const list = index.byReferral.get(before)?.filter((a) => a.id !== id) ?? [];
      if (list.length > 0) index.byReferral.set(before, list);
      else index.byReferral.delete(before);
      index.referralOf.delete(id);
      touched.add(before);
    }
    const after = appointments[i];
    if (after && keep(after)) {
      const list = [...(index.byReferral.get(after.referralId) ?? []), after];
      index.byReferral.set(
        after.referralId,
        list.sort((a, b) => compareCodeUnits(a.id, b.id)),
      );
      index.referralOf.set(id, after.referralId);
      touched.add(after.referralId);
    }
  });
}

/** Brings the PTL's rows up to date with the referrals, appointments and settings changed. */
async function updatePtl(
  db: ClinicDeskDatabase,
  state: PtlState,
  changed: ChangedKeys,
): Promise<boolean> {
  if (changed.has('settings')) {
    // The breach warning may have moved: every row's flag with it. Rare: read everything again.
    Object.assign(state, await readPtl(db, state.today));
    return true;
  }
  const affected = new Set<string>(changed.get('referrals'));
  await reindexAppointments(db, state, changed, isActiveAppointment, affected);
  if (affected.size === 0) return false;
  // Each pathway touched is read again: its referral changed, or its appointments did.
  const ids = [...affected];
  const referrals = (await db.rows('referrals').bulkGet(ids)).filter((r) => r !== undefined);
  const rows = state.rows.filter((r) => !affected.has(r.referralId));
  for (const row of ptlRows(referrals, state.byReferral, state.today, state.settings))
    rows.splice(placeOf(rows, row, byLongestWait), 0, row);
  state.rows = rows;
  return true;
}

function ptlSpec(today: CalendarDate): KeptSpec<PtlState, PtlRow[]> {
  return {
    tables: ['referrals', 'appointments', 'settings'],
    load: (db, between) => readPtl(db, today, between),
    update: updatePtl,
    view: (state) => state.rows,
    // Made only of referrals, appointments and settings, which the device stores unsealed: kept
    // as it is over a lock, so that the PTL opened after an unlock is not read whole again.
    overLock: 'kept',
  };
}

/**
 * The PTL's whole list for `today`, kept while the device is unlocked and brought up to date by
 * each change (ADR 0012): opening the PTL again shows it at once, and an edit made at another
 * desk reworks only the pathways it touched.
 */
export function keptPtl(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): KeptValue<PtlState, PtlRow[]> {
  return keptValue(db, 'ptl', today, ptlSpec(today));
}

/** A patient's name and NHS number as the PTL shows them, and the key it sorts them by. */
interface NameEntry {
  id: string;
  givenName: string;
  familyName: string;
  nhsNumber: string;
  key: string;
}

type ShownName = Pick<Patient, 'givenName' | 'familyName' | 'nhsNumber'> & { rank: number };

/** Every patient's name, by id and in surname order. */
export interface NamesState {
  entries: Map<string, NameEntry>;
  order: NameEntry[];
  /** The names as last given out, each with its place in `order`. */
  shown: Map<string, ShownName>;
}

function nameEntry(p: Pick<Patient, 'id' | 'givenName' | 'familyName' | 'nhsNumber'>): NameEntry {
  return {
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    nhsNumber: p.nhsNumber,
    key: `${p.familyName} ${p.givenName}`.toLowerCase(),
  };
}

/** Surname order: by the sort key, then by id, so that every patient has one place. */
function bySortKey(a: NameEntry, b: NameEntry): number {
  return compareCodeUnits(a.key, b.key) || compareCodeUnits(a.id, b.id);
}

function shownEntry(e: NameEntry, rank: number): ShownName {
  return { givenName: e.givenName, familyName: e.familyName, nhsNumber: e.nhsNumber, rank };
}

async function readNames(
  db: ClinicDeskDatabase,
  between: () => Promise<void> = nextIdleMoment,
): Promise<NamesState> {
  const patients = await readWholeTable<Patient>(db, 'patients', { between });
  return namesStateOf(patients, between);
}

/** The kept names made from every patient, awaiting `between` between slices of the work. */
export async function namesStateOf(
  patients: readonly Pick<Patient, 'id' | 'givenName' | 'familyName' | 'nhsNumber'>[],
  between: () => Promise<void>,
): Promise<NamesState> {
  return indexNames(await sortInSlices(patients.map(nameEntry), bySortKey, between), between);
}

/** The kept names from every patient's entry in surname order. */
async function indexNames(order: NameEntry[], between: () => Promise<void>): Promise<NamesState> {
  // Indexed a slice at a time too: both maps at once held the main thread for 80 ms at 55,000.
  const entries = new Map<string, NameEntry>();
  const shown = new Map<string, ShownName>();
  for (let from = 0; from < order.length; from += ROWS_AT_A_TIME) {
    if (from > 0) await between();
    for (let rank = from; rank < Math.min(order.length, from + ROWS_AT_A_TIME); rank++) {
      const e = order[rank]!;
      entries.set(e.id, e);
      shown.set(e.id, shownEntry(e, rank));
    }
  }
  return { entries, order, shown };
}

/**
 * Brings the names up to date with the patients changed. A change that leaves a patient's name
 * and NHS number as they were (a new phone number) changes nothing shown. A name added, moved
 * or gone gives new places from the first place it touched to the end of the list only.
 */
async function updateNames(
  db: ClinicDeskDatabase,
  state: NamesState,
  changed: ChangedKeys,
): Promise<boolean> {
  const ids = [...(changed.get('patients') ?? [])];
  const patients = await db.rows('patients').bulkGet(ids);
  const moves = ids.flatMap((id, i) => {
    const before = state.entries.get(id);
    const patient = patients[i];
    const after = patient ? nameEntry(patient) : undefined;
    const same =
      before &&
      after &&
      before.key === after.key &&
      before.givenName === after.givenName &&
      before.familyName === after.familyName &&
      before.nhsNumber === after.nhsNumber;
    return same || (!before && !after) ? [] : [{ id, before, after }];
  });
  // Nothing shown changed (a new phone number): no copy of every name (15 ms at 55,000).
  if (moves.length === 0) return false;
  let lo = Infinity;
  const shown = new Map(state.shown);
  for (const { id, before, after } of moves) {
    if (before && after && before.key === after.key) {
      // The same place: the NHS number (or a letter's case) changed.
      const place = placeOf(state.order, before, bySortKey);
      state.order[place] = after;
      state.entries.set(id, after);
      shown.set(id, shownEntry(after, place));
      continue;
    }
    if (before) {
      const place = placeOf(state.order, before, bySortKey);
      state.order.splice(place, 1);
      state.entries.delete(id);
      shown.delete(id);
      lo = Math.min(lo, place);
    }
    if (after) {
      const place = placeOf(state.order, after, bySortKey);
      state.order.splice(place, 0, after);
      state.entries.set(id, after);
      lo = Math.min(lo, place);
    }
  }
  for (let rank = lo; rank < state.order.length; rank++) {
    const e = state.order[rank]!;
    shown.set(e.id, shownEntry(e, rank));
  }
  state.shown = shown;
  return true;
}

/** A patient's entry as sealed over a lock: id, given name, family name, NHS number. */
type FrozenName = [string, string, string, string];

/**
 * How every patient's name is kept over a lock (ADR 0012, session 15). Names and NHS numbers are
 * sealed on the device: sealed over a lock too, in surname order, and opened at the unlock
 * instead of opening every patient again. Frozen as JSON texts of 5,000 names each, sealed and
 * opened one by one, so that neither the lock nor the unlock works through 55,000 names in one
 * go: parsed at once they held the main thread for 130 ms, and encoding them as one text for
 * WebCrypto took 69 ms.
 */
export const NAMES_OVER_LOCK: Sealed<NamesState> = {
  freeze: async (state, between) => {
    const texts: string[] = [];
    for (let from = 0; from < state.order.length; from += ROWS_AT_A_TIME) {
      if (from > 0) await between();
      texts.push(
        JSON.stringify(
          state.order
            .slice(from, from + ROWS_AT_A_TIME)
            .map((e): FrozenName => [e.id, e.givenName, e.familyName, e.nhsNumber]),
        ),
      );
    }
    return texts;
  },
  thaw: async (texts, between) => {
    const order: NameEntry[] = [];
    for (const text of texts) {
      await between();
      for (const [id, givenName, familyName, nhsNumber] of JSON.parse(text) as FrozenName[])
        order.push(nameEntry({ id, givenName, familyName, nhsNumber }));
    }
    return indexNames(order, between);
  },
};

const NAMES_SPEC: KeptSpec<NamesState, PatientNames> = {
  tables: ['patients'],
  load: readNames,
  update: updateNames,
  view: (state) => state.shown,
  overLock: NAMES_OVER_LOCK,
};

/**
 * Name and NHS number of every patient on the device, for the PTL's patient column, with each
 * patient's place in surname order worked out once, so that sorting the PTL by patient compares
 * numbers rather than strings.
 */
export async function patientIndex(db: ClinicDeskDatabase): Promise<PatientNames> {
  return (await readNames(db)).shown;
}

/** `patientIndex`, kept while the device is unlocked and brought up to date by each change (ADR 0012). */
export function keptPatientNames(db: ClinicDeskDatabase): KeptValue<NamesState, PatientNames> {
  return keptValue(db, 'patient-names', '', NAMES_SPEC);
}

/** The waiting list in booking order, and the day its clocks are worked out for. */
interface WaitingState {
  today: CalendarDate;
  entries: WaitingListEntry[];
}

/**
 * Brings the waiting list up to date with the referrals changed: each leaves the list, and goes
 * back in its place if it is still waiting to be booked.
 */
async function updateWaiting(
  db: ClinicDeskDatabase,
  state: WaitingState,
  changed: ChangedKeys,
): Promise<boolean> {
  const ids = changed.get('referrals') ?? new Set<string>();
  const referrals = await db.rows('referrals').bulkGet([...ids]);
  const entries = state.entries.filter((e) => !ids.has(e.referral.id));
  const back = prioritiseWaitingList(
    referrals.filter((r) => r !== undefined),
    state.today,
  );
  if (back.length === 0 && entries.length === state.entries.length) return false;
  for (const entry of back) entries.splice(placeOf(entries, entry, byWaitingListOrder), 0, entry);
  state.entries = entries;
  return true;
}

/**
 * The whole waiting list for `today`, brought up to date by each change (ADR 0012) as the PTL
 * is, but kept only while a page shows it.
 */
export function keptWaitingList(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): KeptValue<WaitingState, WaitingListEntry[]> {
  return keptValue(db, 'waiting-list', today, {
    tables: ['referrals'],
    load: async (db) => ({ today, entries: await waitingEntries(db, today) }),
    update: updateWaiting,
    view: (state) => state.entries,
    // 45,000 referrals, about 38 MB of the heap (issue 10): held only while the page shows
    // them and for a moment after, long enough to book a patient and come back.
    releaseWhenUnwatched: KEPT_WHILE_AWAY,
  });
}

/** The validation worklist with every appointment by referral, as it was read. */
interface ValidationState {
  today: CalendarDate;
  /** Every appointment by referral, and each appointment's referral. */
  byReferral: Map<string, Appointment[]>;
  referralOf: Map<string, string>;
  /** Every line, in the order `validationWorklist` gives them (by referral id). */
  lines: ValidationLine[];
}

async function readValidation(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<ValidationState> {
  // Each table read once: the index is what later changes are applied to.
  const [referrals, appointments] = await Promise.all([
    db.rows('referrals').toArray(),
    db.rows('appointments').toArray(),
  ]);
  const byReferral = new Map<string, Appointment[]>();
  const referralOf = new Map<string, string>();
  for (const a of appointments) {
    const list = byReferral.get(a.referralId);
    if (list) list.push(a);
    else byReferral.set(a.referralId, [a]);
    referralOf.set(a.id, a.referralId);
  }
  const lines = referrals.flatMap((r) => validationLines(r, byReferral.get(r.id) ?? [], today));
  return { today, byReferral, referralOf, lines };
}

/** Brings the worklist up to date with the referrals and appointments changed. */
async function updateValidation(
  db: ClinicDeskDatabase,
  state: ValidationState,
  changed: ChangedKeys,
): Promise<boolean> {
  const affected = new Set<string>(changed.get('referrals'));
  await reindexAppointments(db, state, changed, () => true, affected);
  if (affected.size === 0) return false;
  const referrals = (await db.rows('referrals').bulkGet([...affected])).filter(
    (r) => r !== undefined,
  );
  const lines = state.lines.filter((l) => !affected.has(l.referral.id));
  const byId = (a: ValidationLine, b: ValidationLine) =>
    compareCodeUnits(a.referral.id, b.referral.id);
  for (const referral of referrals) {
    const own = validationLines(referral, state.byReferral.get(referral.id) ?? [], state.today);
    if (own.length === 0) continue;
    // After every line of a referral before this one: its lines stay together, in their order.
    let at = placeOf(lines, own[0]!, byId);
    while (at < lines.length && byId(lines[at]!, own[0]!) === 0) at++;
    lines.splice(at, 0, ...own);
  }
  state.lines = lines;
  return true;
}

/**
 * The validation worklist for `today`, brought up to date by each change (ADR 0012) while a page
 * shows it, rather than read again whole (every referral and appointment) at every change.
 */
export function keptValidationWorklist(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): KeptValue<ValidationState, ValidationLine[]> {
  return keptValue(db, 'validation', today, {
    tables: ['referrals', 'appointments'],
    load: (db) => readValidation(db, today),
    update: updateValidation,
    view: (state) => state.lines,
    releaseWhenUnwatched: true,
  });
}
