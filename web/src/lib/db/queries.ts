import {
  addDays,
  certainLeaders,
  hasSlotStarted,
  PRIORITIES,
  prioritiseWaitingList,
  slotTypesForBooking,
  type Appointment,
  type CalendarDate,
  type Clinician,
  type ClinicSession,
  type Patient,
  type Referral,
  type Site,
  type Slot,
  type WaitingListEntry,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

export interface Lookups {
  sites: Map<string, Site>;
  clinicians: Map<string, Clinician>;
}

/** Sites and clinicians by id, for naming things on screen. */
export async function loadLookups(db: ClinicDeskDatabase): Promise<Lookups> {
  const [sites, clinicians] = await Promise.all([
    db.rows('sites').toArray(),
    db.rows('clinicians').toArray(),
  ]);
  return {
    sites: new Map(sites.map((s) => [s.id, s])),
    clinicians: new Map(clinicians.map((c) => [c.id, c])),
  };
}

export interface SessionSummary {
  session: ClinicSession;
  total: number;
  booked: number;
  freeByType: Record<string, number>;
}

/** The clinics on a day, at one site or all, in time order, with how full each is. */
export async function clinicsOn(
  db: ClinicDeskDatabase,
  date: CalendarDate,
  siteId: string | null,
): Promise<SessionSummary[]> {
  const sessions = (await db.rows('clinicSessions').where('date').equals(date).toArray())
    .filter((s) => siteId === null || s.siteId === siteId)
    .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.name.localeCompare(b.name));
  const slots = await db
    .rows('slots')
    .where('sessionId')
    .anyOf(sessions.map((s) => s.id))
    .toArray();
  return sessions.map((session) => {
    const mine = slots.filter((s) => s.sessionId === session.id);
    const freeByType: Record<string, number> = {};
    for (const s of mine)
      if (s.status === 'free') freeByType[s.type] = (freeByType[s.type] ?? 0) + 1;
    return {
      session,
      total: mine.length,
      booked: mine.filter((s) => s.status === 'booked').length,
      freeByType,
    };
  });
}

export interface SlotLine {
  slot: Slot;
  appointment: Appointment | undefined;
  patient: Patient | undefined;
}

/** One clinic with its slots in time order and who is booked in each. */
export async function clinicDetail(db: ClinicDeskDatabase, sessionId: string) {
  const session = await db.rows('clinicSessions').get(sessionId);
  if (!session) return undefined;
  const slots = (await db.rows('slots').where('sessionId').equals(sessionId).toArray()).sort(
    (a, b) => a.startTime.localeCompare(b.startTime),
  );
  const appointments = await db.rows('appointments').where('sessionId').equals(sessionId).toArray();
  const patients = await db.rows('patients').bulkGet(appointments.map((a) => a.patientId));
  const patientById = new Map(patients.filter((p): p is Patient => !!p).map((p) => [p.id, p]));
  const lines: SlotLine[] = slots.map((slot) => {
    const appointment = appointments.find((a) => a.id === slot.appointmentId);
    return {
      slot,
      appointment,
      patient: appointment ? patientById.get(appointment.patientId) : undefined,
    };
  });
  const cancelled = appointments
    .filter((a) => a.status.startsWith('cancelled'))
    .map((a) => ({ appointment: a, patient: patientById.get(a.patientId) }));
  return { session, lines, cancelled };
}

export interface WaitingListLine extends WaitingListEntry {
  patient: Patient | undefined;
}

/** The days of referrals the whole waiting list reads at a time. */
const SLICE_DAYS = 28;

/**
 * The outpatient waiting list in booking order, without its patients: patients are sealed on
 * the device (ADR 0003), and opening 45,000 of them took seconds before the first screen
 * (issue 10); the screen opens only the ones it shows, or all of them for a search.
 */
export async function waitingEntries(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<WaitingListEntry[]> {
  // Read in slices of a few weeks of each priority, so that the page can draw between them: the
  // whole list in one read held the main thread for most of a second at 45,000 waiting (issue
  // 10). The slices are whole date ranges, so together they hold every waiting pathway with a
  // priority once; one without a priority is not on the list.
  const byAge = db.rows('referrals').where('[status+priority+receivedDate]');
  const referrals: Referral[] = [];
  for (const priority of PRIORITIES) {
    const oldest = await byAge
      .between(['waiting', priority, ''], ['waiting', priority, '\uffff'])
      .first();
    if (!oldest) continue;
    let from = oldest.receivedDate;
    for (; from <= today; from = addDays(from, SLICE_DAYS)) {
      const to = addDays(from, SLICE_DAYS);
      referrals.push(
        ...(await byAge
          .between(['waiting', priority, from], ['waiting', priority, to], true, false)
          .toArray()),
      );
    }
    // Anything received after today (a date typed ahead) is read with the last slice's remainder.
    referrals.push(
      ...(await byAge
        .between(['waiting', priority, from], ['waiting', priority, '\uffff'])
        .toArray()),
    );
  }
  return prioritiseWaitingList(referrals, today);
}

/**
 * The waiting list's first screen before the whole list has loaded (issue 10): its top `wanted`
 * lines, exactly as the whole list would show them. Each priority is read oldest first by the
 * `[status+priority+receivedDate]` index, at most `limit` pathways of it. A clock starts on or
 * after its referral was received (as for the PTL's first screen), so a pathway not read has
 * waited at most `today − the newest date read`; lines that waited longer are certain to lead
 * their priority, and the screen stops at the first line that is not certain.
 */
export async function waitingFirstScreen(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  wanted: number,
  limit = Math.max(200, wanted * 4),
): Promise<WaitingListEntry[]> {
  const lines: WaitingListEntry[] = [];
  for (const priority of PRIORITIES) {
    const oldest = await db
      .rows('referrals')
      .where('[status+priority+receivedDate]')
      .between(['waiting', priority, ''], ['waiting', priority, '\uffff'])
      .limit(limit)
      .toArray();
    const ordered = prioritiseWaitingList(oldest, today);
    if (oldest.length < limit) {
      lines.push(...ordered);
    } else {
      lines.push(...certainLeaders(ordered, oldest.at(-1)!.receivedDate, today));
      break;
    }
    if (lines.length >= wanted) break;
  }
  return lines.slice(0, wanted);
}

/** The patients of some entries, by id. */
export async function patientsOf(
  db: ClinicDeskDatabase,
  entries: readonly WaitingListEntry[],
): Promise<Map<string, Patient>> {
  const ids = [...new Set(entries.map((e) => e.referral.patientId))];
  const found = await db.rows('patients').bulkGet(ids);
  return new Map(found.filter((p): p is Patient => !!p).map((p) => [p.id, p]));
}

/** The outpatient waiting list in booking order, with each patient. */
export async function waitingList(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<WaitingListLine[]> {
  const entries = await waitingEntries(db, today);
  const patients = await patientsOf(db, entries);
  return entries.map((e) => ({ ...e, patient: patients.get(e.referral.patientId) }));
}

/** A referral with its patient, for the booking screen. */
export async function referralWithPatient(
  db: ClinicDeskDatabase,
  referralId: string,
): Promise<{ referral: Referral; patient: Patient | undefined } | undefined> {
  const referral = await db.rows('referrals').get(referralId);
  if (!referral) return undefined;
  return { referral, patient: await db.rows('patients').get(referral.patientId) };
}

/**
 * Free slots a pathway's next appointment may use, soonest first (slot search, issue 2): a first
 * appointment by its priority, a follow-up in a follow-up slot (issue 7).
 */
export async function freeSlotsFor(
  db: ClinicDeskDatabase,
  referral: Referral,
  clock: { today: CalendarDate; now: string },
  limit = 60,
): Promise<Slot[]> {
  const { today } = clock;
  const types = slotTypesForBooking(referral);
  if (types.length === 0) return [];
  const slots = await db
    .rows('slots')
    .where('[status+date]')
    .between(['free', today], ['free', '\uffff'])
    .toArray();
  const sessions = new Map(
    (await db.rows('clinicSessions').where('date').aboveOrEqual(today).toArray()).map((s) => [
      s.id,
      s,
    ]),
  );
  return slots
    .filter(
      (s) =>
        types.includes(s.type) &&
        sessions.get(s.sessionId)?.status === 'open' &&
        !hasSlotStarted(s, clock),
    )
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime))
    .slice(0, limit);
}

export interface BookingConflict {
  referral: Referral;
  patient: Patient | undefined;
  lostSlot: Slot | undefined;
  alternatives: Slot[];
}

/**
 * A refused booking with what a co-ordinator needs to resolve it in one step: who, the slot
 * that was lost, and the next free slots that suit the referral (issue 4).
 */
export async function bookingConflict(
  db: ClinicDeskDatabase,
  args: { referralId?: unknown; slotId?: unknown },
  clock: { today: CalendarDate; now: string },
): Promise<BookingConflict | undefined> {
  if (typeof args.referralId !== 'string') return undefined;
  const referral = await db.rows('referrals').get(args.referralId);
  if (!referral) return undefined;
  const [patient, lostSlot] = await Promise.all([
    db.rows('patients').get(referral.patientId),
    typeof args.slotId === 'string' ? db.rows('slots').get(args.slotId) : undefined,
  ]);
  const alternatives =
    referral.status === 'waiting' ? await freeSlotsFor(db, referral, clock, 5) : [];
  return { referral, patient, lostSlot, alternatives };
}
