import { addDays, type CalendarDate } from '../calendar/calendar-date.ts';
import { PRIORITIES, type Referral } from '../referrals/referral.ts';
import { slotTypesForBooking } from '../booking/slot-rules.ts';
import { rttClock, type RttClock } from '../rtt/rtt-clock.ts';
import { SLOT_TYPES, type ClinicSession, type Slot, type SlotType } from './clinic.ts';

/** Days ahead in which an unbooked slot is flagged to be filled from the waiting list. */
export const FILL_SOON_DAYS = 14;
/** Days ahead in which a freed slot is offered first to patients who can come at short notice. */
export const SHORT_NOTICE_DAYS = 7;

export interface VacancyRow {
  siteId: string;
  clinicianId: string;
  type: SlotType;
  /** Slots in running clinics, not taken out of use. */
  available: number;
  booked: number;
  unbooked: number;
  /** Booked as a share of available, 0–100, rounded; null when none were available. */
  utilisation: number | null;
  /** Unbooked slots from today to 14 days ahead that have not started: fill these first. */
  unbookedSoon: Slot[];
}

export interface VacancySummary {
  rows: VacancyRow[];
  totals: Omit<VacancyRow, 'siteId' | 'clinicianId' | 'type'>;
}

/**
 * The clinic vacancy summary for a date range (issue 6): per site, clinician and slot type,
 * the slots available, booked and unbooked and the utilisation. Slots of cancelled clinics
 * and slots taken out of use are not available; unbooked slots within 14 days are listed so
 * they can be filled from the waiting list.
 */
export function vacancySummary(
  slots: readonly Slot[],
  sessions: ReadonlyMap<string, ClinicSession>,
  range: { from: CalendarDate; to: CalendarDate },
  clock: { today: CalendarDate; hasStarted: (slot: Slot) => boolean },
): VacancySummary {
  const soonEnd = addDays(clock.today, FILL_SOON_DAYS);
  const rows = new Map<string, VacancyRow>();
  const totals = {
    available: 0,
    booked: 0,
    unbooked: 0,
    utilisation: null as number | null,
    unbookedSoon: [] as Slot[],
  };
  for (const slot of slots) {
    if (slot.date < range.from || slot.date > range.to) continue;
    if (slot.status === 'blocked' || sessions.get(slot.sessionId)?.status !== 'open') continue;
    const key = `${slot.siteId}|${slot.clinicianId}|${slot.type}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        siteId: slot.siteId,
        clinicianId: slot.clinicianId,
        type: slot.type,
        available: 0,
        booked: 0,
        unbooked: 0,
        utilisation: null,
        unbookedSoon: [],
      };
      rows.set(key, row);
    }
    for (const r of [row, totals]) {
      r.available += 1;
      if (slot.status === 'booked') r.booked += 1;
      else {
        r.unbooked += 1;
        if (slot.date <= soonEnd && !clock.hasStarted(slot)) r.unbookedSoon.push(slot);
      }
    }
  }
  const finish = <
    R extends {
      available: number;
      booked: number;
      utilisation: number | null;
      unbookedSoon: Slot[];
    },
  >(
    r: R,
  ) => {
    r.utilisation = r.available ? Math.round((r.booked / r.available) * 100) : null;
    r.unbookedSoon.sort(
      (a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime),
    );
    return r;
  };
  return {
    rows: [...rows.values()]
      .map(finish)
      .sort(
        (a, b) =>
          a.siteId.localeCompare(b.siteId) ||
          a.clinicianId.localeCompare(b.clinicianId) ||
          SLOT_TYPES.indexOf(a.type) - SLOT_TYPES.indexOf(b.type),
      ),
    totals: finish(totals),
  };
}

export interface SlotCandidate {
  referral: Referral;
  clock: RttClock;
  /** Offered first: the slot is within the short-notice days and the patient can come to its site. */
  shortNotice: boolean;
  /** Displaced by a cancelled clinic and on the Rebook worklist. */
  displaced: boolean;
}

/**
 * The waiting patients who best suit an empty slot (issue 6: one click from an empty slot to
 * the best matching waiting patients). A patient suits the slot when its type suits their
 * next appointment and they are waiting for this clinician or for no one in particular.
 * When the slot is within the short-notice days, those who said they can come at short notice
 * to its site come first; then clinical priority, then the longest wait (book in turn).
 */
export function candidatesForSlot(
  slot: Slot,
  referrals: readonly Referral[],
  today: CalendarDate,
  limit = 20,
): SlotCandidate[] {
  const soon = slot.date <= addDays(today, SHORT_NOTICE_DAYS);
  const rank = (r: Referral) => PRIORITIES.indexOf(r.priority ?? 'routine');
  return referrals
    .filter(
      (r) =>
        (r.status === 'waiting' || (r.status === 'follow-up' && r.openRebookId !== null)) &&
        slotTypesForBooking(r).includes(slot.type) &&
        (r.clinicianId === null || r.clinicianId === slot.clinicianId),
    )
    .map((referral) => ({
      referral,
      clock: rttClock(referral.rttEvents, today),
      shortNotice: soon && (referral.shortNotice?.siteIds.includes(slot.siteId) ?? false),
      displaced: referral.openRebookId !== null,
    }))
    .sort(
      (a, b) =>
        Number(b.shortNotice) - Number(a.shortNotice) ||
        rank(a.referral) - rank(b.referral) ||
        b.clock.daysWaited - a.clock.daysWaited ||
        a.referral.id.localeCompare(b.referral.id),
    )
    .slice(0, limit);
}

/**
 * Patients who can come at short notice to a site, in the order they are offered a freed
 * slot: clinical priority, then the longest wait (issue 6: the short-notice list).
 */
export function shortNoticeList(
  referrals: readonly Referral[],
  today: CalendarDate,
  siteId: string | null,
): { referral: Referral; clock: RttClock }[] {
  return referrals
    .filter(
      (r) =>
        r.status === 'waiting' &&
        r.shortNotice !== null &&
        (siteId === null || r.shortNotice.siteIds.includes(siteId)),
    )
    .map((referral) => ({ referral, clock: rttClock(referral.rttEvents, today) }))
    .sort(
      (a, b) =>
        PRIORITIES.indexOf(a.referral.priority ?? 'routine') -
          PRIORITIES.indexOf(b.referral.priority ?? 'routine') ||
        b.clock.daysWaited - a.clock.daysWaited ||
        a.referral.id.localeCompare(b.referral.id),
    );
}
