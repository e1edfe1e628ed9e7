import {
  byPatientName,
  compareCodeUnits,
  dataQualityReport,
  missingDetails,
  nameAndBirthKey,
  needsClinician,
  type CalendarDate,
  type DataQualityReport,
  type DuplicateGroup,
  type IncompletePatient,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { readWholeTable } from './encryption.ts';
import {
  KEPT_WHILE_AWAY,
  keptValue,
  nextIdleMoment,
  placeOf,
  type ChangedKeys,
  type KeptSpec,
  type KeptValue,
  type Sealed,
} from './kept.ts';

/** The data-quality page's lists, with what it needs to show and link each patient. */
export interface DataQualityOnDevice extends DataQualityReport {
  /** The pathway each listed patient is opened through: their newest. */
  pathwayOf: ReadonlyMap<string, string>;
  /** The patient of each pathway with no clinician. */
  patientsById: ReadonlyMap<string, Patient>;
}

/** A patient's newest pathway: the latest received, the first by id of a day's. */
function newestOf(referrals: Iterable<Pick<Referral, 'id' | 'receivedDate'>>): string | undefined {
  let newest: Pick<Referral, 'id' | 'receivedDate'> | undefined;
  for (const r of referrals) {
    if (
      !newest ||
      r.receivedDate > newest.receivedDate ||
      (r.receivedDate === newest.receivedDate && compareCodeUnits(r.id, newest.id) < 0)
    )
      newest = r;
  }
  return newest?.id;
}

/** The patients the report lists: every incomplete one and every possible duplicate. */
function listedPatients(report: DataQualityReport): Patient[] {
  return [
    ...report.incomplete.map((l) => l.patient),
    ...report.duplicates.flatMap((g) => g.patients),
  ];
}

/**
 * The data-quality page's lists, read afresh from the rows on this device (issue 9): patients
 * missing a phone or GP practice, possible duplicates, open pathways with no clinician.
 */
export async function dataQualityOnDevice(db: ClinicDeskDatabase): Promise<DataQualityOnDevice> {
  const [patients, referrals] = await Promise.all([
    db.rows('patients').toArray(),
    db.rows('referrals').toArray(),
  ]);
  const report = dataQualityReport(patients, referrals);
  const referralsOf = new Map<string, Referral[]>();
  for (const r of referrals) {
    const list = referralsOf.get(r.patientId);
    if (list) list.push(r);
    else referralsOf.set(r.patientId, [r]);
  }
  const pathwayOf = new Map<string, string>();
  for (const p of listedPatients(report)) {
    const newest = newestOf(referralsOf.get(p.id) ?? []);
    if (newest) pathwayOf.set(p.id, newest);
  }
  const byId = new Map(patients.map((p) => [p.id, p]));
  const patientsById = new Map<string, Patient>();
  for (const r of report.pathwaysWithoutClinician) {
    const patient = byId.get(r.patientId);
    if (patient) patientsById.set(patient.id, patient);
  }
  return { ...report, pathwayOf, patientsById };
}

/** What the report needs of a referral once it has been read. */
interface ReferralFacts {
  id: string;
  patientId: string;
  receivedDate: CalendarDate;
  needsClinician: boolean;
}

/** Every patient and pathway of the device, indexed the way the rules ask of them. */
interface DataQualityState {
  patients: Map<string, Patient>;
  /** Patients by NHS number and by name and date of birth, and the keys more than one share. */
  byNhs: Map<string, Set<string>>;
  byNameAndBirth: Map<string, Set<string>>;
  sharedNhs: Set<string>;
  sharedNameAndBirth: Set<string>;
  /** In `byPatientName` order, then by id (the order the report gives them). */
  incomplete: IncompletePatient[];
  /** Open pathways with no clinician, the longest received first, then by id. */
  noClinician: Referral[];
  referrals: Map<string, ReferralFacts>;
  referralsOf: Map<string, Set<string>>;
}

const incompleteOrder = (a: IncompletePatient, b: IncompletePatient) =>
  byPatientName(a.patient, b.patient) || compareCodeUnits(a.patient.id, b.patient.id);
const receivedOrder = (
  a: Pick<Referral, 'id' | 'receivedDate'>,
  b: Pick<Referral, 'id' | 'receivedDate'>,
) => a.receivedDate.localeCompare(b.receivedDate) || compareCodeUnits(a.id, b.id);

function join(index: Map<string, Set<string>>, shared: Set<string>, key: string, id: string) {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
  if (ids.size > 1) shared.add(key);
}

function leave(index: Map<string, Set<string>>, shared: Set<string>, key: string, id: string) {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size < 2) shared.delete(key);
  if (ids.size === 0) index.delete(key);
}

/** Whether the report lists the patient anywhere: missing details, a duplicate, or a pathway's. */
function listed(state: DataQualityState, p: Patient): boolean {
  if (missingDetails(p).length > 0) return true;
  if (state.sharedNhs.has(p.nhsNumber) || state.sharedNameAndBirth.has(nameAndBirthKey(p)))
    return true;
  for (const id of state.referralsOf.get(p.id) ?? [])
    if (state.referrals.get(id)?.needsClinician) return true;
  return false;
}

function addPatient(state: DataQualityState, p: Patient, sorted: boolean): void {
  state.patients.set(p.id, p);
  join(state.byNhs, state.sharedNhs, p.nhsNumber, p.id);
  join(state.byNameAndBirth, state.sharedNameAndBirth, nameAndBirthKey(p), p.id);
  const missing = missingDetails(p);
  if (missing.length === 0) return;
  const line = { patient: p, missing };
  if (sorted) state.incomplete.splice(placeOf(state.incomplete, line, incompleteOrder), 0, line);
  else state.incomplete.push(line);
}

function removePatient(state: DataQualityState, p: Patient): void {
  state.patients.delete(p.id);
  leave(state.byNhs, state.sharedNhs, p.nhsNumber, p.id);
  leave(state.byNameAndBirth, state.sharedNameAndBirth, nameAndBirthKey(p), p.id);
  const missing = missingDetails(p);
  if (missing.length > 0)
    state.incomplete.splice(placeOf(state.incomplete, { patient: p, missing }, incompleteOrder), 1);
}

function addReferral(state: DataQualityState, r: Referral, sorted: boolean): void {
  const facts = {
    id: r.id,
    patientId: r.patientId,
    receivedDate: r.receivedDate,
    needsClinician: needsClinician(r),
  };
  addFacts(state, facts, facts.needsClinician ? r : undefined, sorted);
}

/** A pathway's facts, and the whole pathway when it is listed for having no clinician. */
function addFacts(
  state: DataQualityState,
  facts: ReferralFacts,
  listedAs: Referral | undefined,
  sorted: boolean,
): void {
  state.referrals.set(facts.id, facts);
  let ids = state.referralsOf.get(facts.patientId);
  if (!ids) state.referralsOf.set(facts.patientId, (ids = new Set()));
  ids.add(facts.id);
  if (!facts.needsClinician || !listedAs) return;
  if (sorted)
    state.noClinician.splice(placeOf(state.noClinician, listedAs, receivedOrder), 0, listedAs);
  else state.noClinician.push(listedAs);
}

function removeReferral(state: DataQualityState, facts: ReferralFacts): void {
  state.referrals.delete(facts.id);
  const ids = state.referralsOf.get(facts.patientId);
  ids?.delete(facts.id);
  if (ids?.size === 0) state.referralsOf.delete(facts.patientId);
  if (facts.needsClinician)
    state.noClinician.splice(
      placeOf<Pick<Referral, 'id' | 'receivedDate'>>(state.noClinician, facts, receivedOrder),
      1,
    );
}

async function readDataQuality(
  db: ClinicDeskDatabase,
  between: () => Promise<void> = nextIdleMoment,
): Promise<DataQualityState> {
  const [patients, referrals] = await Promise.all([
    readWholeTable<Patient>(db, 'patients', { between }),
    readWholeTable<Referral>(db, 'referrals', { between }),
  ]);
  const state = emptyState();
  for (const p of patients) addPatient(state, p, false);
  for (const r of referrals) addReferral(state, r, false);
  return sorted(state);
}

function emptyState(): DataQualityState {
  return {
    patients: new Map(),
    byNhs: new Map(),
    byNameAndBirth: new Map(),
    sharedNhs: new Set(),
    sharedNameAndBirth: new Set(),
    incomplete: [],
    noClinician: [],
    referrals: new Map(),
    referralsOf: new Map(),
  };
}

/** A state filled unsorted, its lists put in the report's order. */
function sorted(state: DataQualityState): DataQualityState {
  state.incomplete.sort(incompleteOrder);
  state.noClinician.sort(receivedOrder);
  return state;
}

/** How many patients or pathways one sealed part holds over a lock (`DATA_QUALITY_OVER_LOCK`). */
const ROWS_A_PART = 2_000;

/** One part of the state as sealed over a lock: whole patients, or pathways' facts. */
type FrozenPart =
  | { patients: Patient[] }
  /** Id, patient, received, and the whole pathway when it is listed for want of a clinician. */
  | { pathways: Array<[string, string, CalendarDate, Referral | null]> };

/**
 * Data quality over a lock (ADR 0012): sealed as JSON parts of 2,000 patients or pathways, each
 * sealed and opened on its own, and made again at the unlock without reading and opening every
 * patient (at 55,000 pathways, 5.5 s). The pathways keep only what the rules ask of them.
 */
export const DATA_QUALITY_OVER_LOCK: Sealed<DataQualityState> = {
  freeze: async (state, between) => {
    const texts: string[] = [];
    const freezeInParts = async <T>(rows: T[], part: (slice: T[]) => FrozenPart) => {
      for (let from = 0; from < rows.length; from += ROWS_A_PART) {
        texts.push(JSON.stringify(part(rows.slice(from, from + ROWS_A_PART))));
        await between();
      }
    };
    const listedById = new Map(state.noClinician.map((r) => [r.id, r]));
    await freezeInParts([...state.patients.values()], (patients) => ({ patients }));
    await freezeInParts([...state.referrals.values()], (facts) => ({
      pathways: facts.map((f) => [f.id, f.patientId, f.receivedDate, listedById.get(f.id) ?? null]),
    }));
    return texts;
  },
  thaw: async (texts, between) => {
    const state = emptyState();
    for (const text of texts) {
      await between();
      const part = JSON.parse(text) as FrozenPart;
      if ('patients' in part) for (const p of part.patients) addPatient(state, p, false);
      else
        for (const [id, patientId, receivedDate, listedAs] of part.pathways)
          addFacts(
            state,
            { id, patientId, receivedDate, needsClinician: listedAs !== null },
            listedAs ?? undefined,
            false,
          );
    }
    return sorted(state);
  },
};

/**
 * Brings the lists up to date with the patients and pathways changed. A change to nothing the
 * page lists (an unlisted patient's new phone number, a pathway with a clinician validated for
 * an unlisted patient) gives nothing new, so nothing is redrawn.
 */
async function updateDataQuality(
  db: ClinicDeskDatabase,
  state: DataQualityState,
  changed: ChangedKeys,
): Promise<boolean> {
  const patientIds = [...(changed.get('patients') ?? [])];
  const referralIds = [...(changed.get('referrals') ?? [])];
  const [patients, referrals] = await Promise.all([
    db.rows('patients').bulkGet(patientIds),
    db.rows('referrals').bulkGet(referralIds),
  ]);
  // A new list for each change: the one given out before is never changed under its reader.
  state.incomplete = [...state.incomplete];
  state.noClinician = [...state.noClinician];
  let shown = false;
  const shows = (patientId: string | undefined) => {
    const p = patientId === undefined ? undefined : state.patients.get(patientId);
    return !!p && listed(state, p);
  };
  patientIds.forEach((id, i) => {
    const before = state.patients.get(id);
    if (before) {
      shown ||= listed(state, before);
      removePatient(state, before);
    }
    const after = patients[i];
    if (after) {
      addPatient(state, after, true);
      shown ||= listed(state, after);
    }
  });
  referralIds.forEach((id, i) => {
    const before = state.referrals.get(id);
    if (before) {
      shown ||= before.needsClinician || shows(before.patientId);
      removeReferral(state, before);
    }
    const after = referrals[i];
    if (after) {
      addReferral(state, after, true);
      shown ||= needsClinician(after) || shows(after.patientId);
    }
  });
  return shown;
}

/** The groups of patients sharing one of `keys` in `index`, each in name order. */
function groupsOf(state: DataQualityState, index: Map<string, Set<string>>, keys: Set<string>) {
  return [...keys].map((key) =>
    [...index.get(key)!]
      .map((id) => state.patients.get(id)!)
      .sort((a, b) => byPatientName(a, b) || compareCodeUnits(a.id, b.id)),
  );
}

function dataQualityView(state: DataQualityState): DataQualityOnDevice {
  // Groups in the order of their first member by id, as the report gives them.
  const firstId = (g: Patient[]) =>
    g.reduce((min, p) => (compareCodeUnits(p.id, min) < 0 ? p.id : min), g[0]!.id);
  const byFirstMember = (a: Patient[], b: Patient[]) => compareCodeUnits(firstId(a), firstId(b));
  const sameNhs = groupsOf(state, state.byNhs, state.sharedNhs).sort(byFirstMember);
  const inSameNhs = new Set(sameNhs.flat().map((p) => p.id));
  const sameNameAndBirth = groupsOf(state, state.byNameAndBirth, state.sharedNameAndBirth)
    .filter((g) => !g.every((p) => inSameNhs.has(p.id)))
    .sort(byFirstMember);
  const duplicates: DuplicateGroup[] = [
    ...sameNhs.map((patients) => ({ reason: 'same NHS number' as const, patients })),
    ...sameNameAndBirth.map((patients) => ({
      reason: 'same name and date of birth' as const,
      patients,
    })),
  ];
  const report = {
    incomplete: state.incomplete,
    duplicates,
    pathwaysWithoutClinician: state.noClinician,
  };
  const pathwayOf = new Map<string, string>();
  for (const p of listedPatients(report)) {
    const ids = state.referralsOf.get(p.id);
    const newest = ids && newestOf([...ids].map((id) => state.referrals.get(id)!));
    if (newest) pathwayOf.set(p.id, newest);
  }
  const patientsById = new Map<string, Patient>();
  for (const r of state.noClinician) {
    const patient = state.patients.get(r.patientId);
    if (patient) patientsById.set(patient.id, patient);
  }
  return { ...report, pathwayOf, patientsById };
}

const DATA_QUALITY_SPEC: KeptSpec<DataQualityState, DataQualityOnDevice> = {
  tables: ['patients', 'referrals'],
  load: readDataQuality,
  update: updateDataQuality,
  view: dataQualityView,
  // Every patient record held (their text is held anyway while unlocked, ADR 0011): let go a
  // while after the page is left, long enough to put a listed record right.
  releaseWhenUnwatched: KEPT_WHILE_AWAY,
  // Sealed over a lock while it is kept, so that an idle lock while records are put right does
  // not read every patient again at the unlock; time locked does not count toward the while.
  overLock: DATA_QUALITY_OVER_LOCK,
};

/**
 * The data-quality lists, brought up to date by each change while the page shows them (ADR
 * 0012), rather than every patient and pathway read again at each: at 55,000 pathways that held
 * the page for over half a second at every edit made at another desk (issue 10).
 */
export function keptDataQuality(
  db: ClinicDeskDatabase,
): KeptValue<DataQualityState, DataQualityOnDevice> {
  return keptValue(db, 'data-quality', '', DATA_QUALITY_SPEC);
}
