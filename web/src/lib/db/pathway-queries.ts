import {
  byLongestWait,
  byTriageOrder,
  compareCodeUnits,
  isActiveAppointment,
  certainLeaders,
  DEFAULT_TRUST_SETTINGS,
  isOpenPathway,
  ptlRows,
  rttClock,
  triageDueDate,
  TRUST_SETTINGS_ID,
  validationItems,
  validationOf,
  type Appointment,
  type CalendarDate,
  type Patient,
  type PtlRow,
  type Referral,
  type RttClock,
  type TrustSettings,
  type ValidationItem,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

/** The Trust's settings as synced, or the national defaults before any manager changed them. */
export async function loadSettings(db: ClinicDeskDatabase): Promise<TrustSettings> {
  return (await db.rows('settings').get(TRUST_SETTINGS_ID)) ?? DEFAULT_TRUST_SETTINGS;
}

/** The statuses of open pathways, each read by the `[status+receivedDate]` index. */
const OPEN_STATUSES = ['awaiting-triage', 'waiting', 'booked', 'seen', 'follow-up', 'day-case'];

/** The most referrals of one status the PTL's first screen reads. */
const MOST_READ = 2560;

/**
 * The PTL's first screen before the whole list has loaded: the longest waits, exactly as the
 * full list would show them at the top (sorted by weeks waited). It reads only the oldest open
 * referrals. A clock starts on or after its referral was received, so every pathway not read
 * has waited less than `today − the newest date read`; rows that waited at least that long are
 * certain to be the list's top rows, and at most `wanted` of those are returned.
 *
 * Each row read costs a random read inside IndexedDB, so it reads `wanted` referrals of each
 * open status first, and four times more while that gives fewer than `wanted` certain rows
 * (a day's referrals tie, and at 57,000 referrals a day holds about 80). A clock does not
 * depend on appointments, so only the rows shown have theirs read (issue 10).
 */
export async function loadPtlFirstScreen(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  wanted = 40,
): Promise<PtlRow[]> {
  const settings = loadSettings(db);
  for (let limit = wanted; ; limit *= 4) {
    const perStatus = await Promise.all(
      OPEN_STATUSES.map((status) =>
        db
          .rows('referrals')
          .where('[status+receivedDate]')
          .between([status, ''], [status, '\uffff'])
          .limit(limit)
          .toArray(),
      ),
    );
    const oldest = perStatus
      .flat()
      .sort((a, b) => compareCodeUnits(a.receivedDate, b.receivedDate))
      .slice(0, limit);
    if (oldest.length === 0) return [];
    const complete = oldest.length < limit;
    const ranked = ptlRows(oldest, new Map(), today, await settings)
      .filter((r) => r.weeks !== null)
      .sort(byLongestWait);
    const leaders = complete ? ranked : certainLeaders(ranked, oldest.at(-1)!.receivedDate, today);
    // Widening stops at a few thousand rows: if the oldest referrals are mostly stopped clocks,
    // the first screen shows the fewer certain rows and the whole list follows.
    if (!complete && leaders.length < wanted && limit < MOST_READ) continue;
    const shown = new Set(leaders.slice(0, wanted).map((r) => r.referralId));
    const referrals = oldest.filter((r) => shown.has(r.id));
    // One read per referral, sent together: `anyOf` would walk a cursor, a round trip a step.
    const appointments = await Promise.all(
      referrals.map((r) => db.rows('appointments').where('referralId').equals(r.id).toArray()),
    );
    const booked = new Map<string, Appointment[]>();
    referrals.forEach((r, i) => {
      const active = appointments[i]!.filter(isActiveAppointment);
      if (active.length > 0) booked.set(r.id, active);
    });
    return ptlRows(referrals, booked, today, await settings).sort(byLongestWait);
  }
}

/**
 * Whether a list reads its patients' records. A count (My work) does not: each record is sealed,
 * and reading one makes the list follow every change to that patient too.
 */
export interface PatientsRead {
  patients?: boolean;
}

export interface TriageLine {
  referral: Referral;
  patient: Patient | undefined;
  dueDate: CalendarDate;
  overdue: boolean;
}

/** Referrals waiting for a clinician's triage, in the queue's order (`byTriageOrder`). */
export async function triageQueue(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  { patients: withPatients = true }: PatientsRead = {},
): Promise<TriageLine[]> {
  const [referrals, settings] = await Promise.all([
    db.rows('referrals').where('status').equals('awaiting-triage').toArray(),
    loadSettings(db),
  ]);
  referrals.sort(byTriageOrder);
  const patients = withPatients
    ? await db.rows('patients').bulkGet(referrals.map((r) => r.patientId))
    : [];
  return referrals.map((referral, i) => {
    const dueDate = triageDueDate(referral, settings);
    return { referral, patient: patients[i], dueDate, overdue: dueDate < today };
  });
}

export interface PathwayDetail {
  referral: Referral;
  patient: Patient | undefined;
  appointments: Appointment[];
  clock: RttClock;
  items: ValidationItem[];
}

/** One pathway with everything its page shows. */
export async function pathwayDetail(
  db: ClinicDeskDatabase,
  referralId: string,
  today: CalendarDate,
): Promise<PathwayDetail | undefined> {
  const referral = await db.rows('referrals').get(referralId);
  if (!referral) return undefined;
  const [patient, appointments] = await Promise.all([
    db.rows('patients').get(referral.patientId),
    db.rows('appointments').where('referralId').equals(referralId).toArray(),
  ]);
  appointments.sort(
    (a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime),
  );
  const clock = rttClock(referral.rttEvents, today);
  return {
    referral,
    patient,
    appointments,
    clock,
    items: validationItems(referral, appointments, today, clock),
  };
}

export interface ValidationLine {
  referral: Referral;
  item: ValidationItem;
  validated: Referral['validations'][number] | undefined;
}

/** Every validation item on every open pathway, newest reasons last. */
export async function validationWorklist(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<ValidationLine[]> {
  const [referrals, booked] = await Promise.all([
    db.rows('referrals').toArray(),
    db.rows('appointments').toArray(),
  ]);
  const byReferral = new Map<string, Appointment[]>();
  for (const a of booked)
    byReferral.set(a.referralId, [...(byReferral.get(a.referralId) ?? []), a]);
  return referrals.flatMap((r) => validationLines(r, byReferral.get(r.id) ?? [], today));
}

/** One pathway's lines on the validation worklist (none once it is closed). */
export function validationLines(
  referral: Referral,
  appointments: readonly Appointment[],
  today: CalendarDate,
): ValidationLine[] {
  if (!isOpenPathway(referral)) return [];
  return validationItems(referral, [...appointments], today).map((item) => ({
    referral,
    item,
    validated: validationOf(referral, item.key),
  }));
}
