import {
  addDays,
  candidatesForSlot,
  hasSlotStarted,
  SHORT_NOTICE_DAYS,
  shortNoticeList,
  vacancySummary,
  type CalendarDate,
  type ClinicSession,
  type Patient,
  type RttClock,
  type Referral,
  type Slot,
  type SlotCandidate,
  type SlotType,
  type VacancySummary,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

/** The device's clock as the slot rules read it: London's date, and now as an ISO instant. */
export interface DeskClock {
  today: CalendarDate;
  now: string;
}

export interface VacancyFilter {
  from: CalendarDate;
  to: CalendarDate;
  siteId: string | null;
  clinicianId: string | null;
  type: SlotType | null;
}

/** Clinics held on the days of a range, by id. */
async function sessionsBetween(
  db: ClinicDeskDatabase,
  from: CalendarDate,
  to: CalendarDate,
): Promise<Map<string, ClinicSession>> {
  const sessions = await db
    .rows('clinicSessions')
    .where('date')
    .between(from, to, true, true)
    .toArray();
  return new Map(sessions.map((s) => [s.id, s]));
}

/**
 * The clinic vacancy summary for a range of days (issue 6), narrowed to a site, clinician and
 * slot type when chosen, with the clinics its slots belong to (to name them on screen).
 */
export async function loadVacancies(
  db: ClinicDeskDatabase,
  filter: VacancyFilter,
  clock: DeskClock,
): Promise<{ summary: VacancySummary; sessions: Map<string, ClinicSession> }> {
  if (filter.to < filter.from)
    return {
      summary: vacancySummary([], new Map(), filter, hasStartedBy(clock)),
      sessions: new Map(),
    };
  const [slots, sessions] = await Promise.all([
    db.rows('slots').where('date').between(filter.from, filter.to, true, true).toArray(),
    sessionsBetween(db, filter.from, filter.to),
  ]);
  const chosen = slots.filter(
    (s) =>
      (!filter.siteId || s.siteId === filter.siteId) &&
      (!filter.clinicianId || s.clinicianId === filter.clinicianId) &&
      (!filter.type || s.type === filter.type),
  );
  return { summary: vacancySummary(chosen, sessions, filter, hasStartedBy(clock)), sessions };
}

function hasStartedBy(clock: DeskClock) {
  return { today: clock.today, hasStarted: (slot: Slot) => hasSlotStarted(slot, clock) };
}

export interface CandidateLine extends SlotCandidate {
  patient: Patient | undefined;
}

export interface SlotToFill {
  slot: Slot;
  session: ClinicSession | undefined;
  /** Free, in a running clinic, not yet started: a patient can be booked into it now. */
  bookable: boolean;
  candidates: CandidateLine[];
}

/** True when a slot can still take a booking: free, its clinic running, not yet started. */
export function isSlotBookable(
  slot: Slot,
  session: ClinicSession | undefined,
  clock: DeskClock,
): boolean {
  return slot.status === 'free' && session?.status === 'open' && !hasSlotStarted(slot, clock);
}

/**
 * One empty slot with the waiting patients who best suit it (issue 6: one click from an empty
 * slot to the best matching waiting patients), each with their contact details.
 */
export async function slotToFill(
  db: ClinicDeskDatabase,
  slotId: string,
  clock: DeskClock,
  limit = 20,
): Promise<SlotToFill | undefined> {
  const slot = await db.rows('slots').get(slotId);
  if (!slot) return undefined;
  const session = await db.rows('clinicSessions').get(slot.sessionId);
  const bookable = isSlotBookable(slot, session, clock);
  if (!bookable) return { slot, session, bookable, candidates: [] };
  const referrals = await db
    .rows('referrals')
    .where('status')
    .anyOf(['waiting', 'follow-up'])
    .toArray();
  const candidates = candidatesForSlot(slot, referrals, clock.today, limit);
  const patients = await db.rows('patients').bulkGet(candidates.map((c) => c.referral.patientId));
  return {
    slot,
    session,
    bookable,
    candidates: candidates.map((c, i) => ({ ...c, patient: patients[i] })),
  };
}

export interface ShortNoticeLine {
  referral: Referral;
  clock: RttClock;
  patient: Patient | undefined;
}

/** Waiting patients who can come at short notice to a site (or any), in the order to ring them. */
export async function loadShortNoticeList(
  db: ClinicDeskDatabase,
  today: CalendarDate,
  siteId: string | null,
): Promise<ShortNoticeLine[]> {
  const referrals = await db.rows('referrals').where('status').equals('waiting').toArray();
  const lines = shortNoticeList(referrals, today, siteId);
  const patients = await db.rows('patients').bulkGet(lines.map((l) => l.referral.patientId));
  return lines.map((l, i) => ({ ...l, patient: patients[i] }));
}

/**
 * Free slots from today to the end of the short-notice days, in running clinics and not yet
 * started, soonest first: the slots to offer to the short-notice list.
 */
export async function slotsFreedSoon(
  db: ClinicDeskDatabase,
  clock: DeskClock,
  siteId: string | null,
): Promise<{ slots: Slot[]; sessions: Map<string, ClinicSession> }> {
  const end = addDays(clock.today, SHORT_NOTICE_DAYS);
  const [free, sessions] = await Promise.all([
    db
      .rows('slots')
      .where('[status+date]')
      .between(['free', clock.today], ['free', end], true, true)
      .toArray(),
    sessionsBetween(db, clock.today, end),
  ]);
  const slots = free
    .filter(
      (s) =>
        (!siteId || s.siteId === siteId) && isSlotBookable(s, sessions.get(s.sessionId), clock),
    )
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
  return { slots, sessions };
}
