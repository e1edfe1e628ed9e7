import {
  hasSlotStarted,
  orderRebookWorklist,
  sessionsAffectedByLeave,
  slotTypesForBooking,
  type CalendarDate,
  type ClinicianLeave,
  type ClinicSession,
  type DayCaseList,
  type Patient,
  type Rebook,
  type RebookLine,
  type Referral,
  type Slot,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { bookedOnLists } from './day-case-queries.ts';

export interface RebookWorklistLine extends RebookLine {
  patient: Patient | undefined;
  session: ClinicSession | undefined;
}

/**
 * The open Rebook worklist (issue 6), most urgent first, with each patient and the clinic
 * they were displaced from.
 */
export async function rebookWorklist(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<RebookWorklistLine[]> {
  const rebooks = await db.rows('rebooks').where('status').equals('open').toArray();
  const referrals = await db.rows('referrals').bulkGet(rebooks.map((r) => r.referralId));
  const byId = new Map(referrals.filter((r): r is Referral => !!r).map((r) => [r.id, r]));
  const lines = orderRebookWorklist(rebooks, byId, today);
  const [patients, sessions] = await Promise.all([
    db.rows('patients').bulkGet(lines.map((l) => l.rebook.patientId)),
    db.rows('clinicSessions').bulkGet(lines.map((l) => l.rebook.sessionId)),
  ]);
  return lines.map((l, i) => ({ ...l, patient: patients[i], session: sessions[i] }));
}

/** Rebook items closed in the last days, newest first: what the team has done. */
export async function recentlyClosedRebooks(db: ClinicDeskDatabase, since: string) {
  const closed = await db.rows('rebooks').where('status').anyOf(['rebooked', 'returned']).toArray();
  return closed
    .filter((r) => (r.closedAt ?? '') >= since)
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
}

export interface ProposedSlot {
  slot: Slot;
  session: ClinicSession;
  sameClinician: boolean;
}

/**
 * The earliest free slots that suit a displaced patient's next appointment (a follow-up in a
 * follow-up slot, a first appointment by its priority), in running clinics that have not
 * started; their own clinician's first when the dates tie.
 */
export async function proposeSlots(
  db: ClinicDeskDatabase,
  referral: Referral,
  rebook: Rebook,
  clock: { today: CalendarDate; now: string },
  limit = 6,
): Promise<ProposedSlot[]> {
  const types = slotTypesForBooking(referral);
  if (types.length === 0) return [];
  // One getAll and a filter here: a Dexie filter walks a cursor, row by row.
  const free = (
    await db
      .rows('slots')
      .where('[status+date]')
      .between(['free', clock.today], ['free', '\uffff'])
      .toArray()
  ).filter((s) => types.includes(s.type) && !hasSlotStarted(s, clock));
  const sessions = new Map(
    (await db.rows('clinicSessions').bulkGet([...new Set(free.map((s) => s.sessionId))]))
      .filter((s): s is ClinicSession => !!s && s.status === 'open')
      .map((s) => [s.id, s]),
  );
  return free
    .filter((s) => sessions.has(s.sessionId))
    .map((slot) => ({
      slot,
      session: sessions.get(slot.sessionId)!,
      sameClinician: slot.clinicianId === rebook.clinicianId,
    }))
    .sort(
      (a, b) =>
        a.slot.date.localeCompare(b.slot.date) ||
        Number(b.sameClinician) - Number(a.sameClinician) ||
        a.slot.startTime.localeCompare(b.slot.startTime),
    )
    .slice(0, limit);
}

export interface AffectedClinic {
  session: ClinicSession;
  slots: Slot[];
  booked: number;
}

export interface LeaveLine {
  leave: ClinicianLeave;
  affected: AffectedClinic[];
  cancelled: ClinicSession[];
  /** The surgeon's open day-case lists inside the leave, with the patients booked on each. */
  dayCaseLists: { list: DayCaseList; booked: number }[];
}

/**
 * Leave that has not ended, soonest first, each with the clinician's open clinics inside it
 * (to cancel or reduce) and those already cancelled for it.
 */
export async function leaveWithClinics(
  db: ClinicDeskDatabase,
  today: CalendarDate,
): Promise<LeaveLine[]> {
  const leave = (await db.rows('leave').toArray())
    .filter((l) => l.to >= today)
    .sort((a, b) => a.from.localeCompare(b.from) || a.clinicianId.localeCompare(b.clinicianId));
  return Promise.all(
    leave.map(async (l) => {
      const from = l.from < today ? today : l.from;
      const sessions = await db
        .rows('clinicSessions')
        .where('[clinicianId+date]')
        .between([l.clinicianId, from], [l.clinicianId, l.to], true, true)
        .toArray();
      const open = sessionsAffectedByLeave({ ...l, from }, sessions);
      const affected = await Promise.all(
        open.map(async (session) => {
          const slots = (
            await db.rows('slots').where('sessionId').equals(session.id).toArray()
          ).sort((a, b) => a.startTime.localeCompare(b.startTime));
          return { session, slots, booked: slots.filter((s) => s.status === 'booked').length };
        }),
      );
      const cancelled = sessions
        .filter((s) => s.status === 'cancelled' && s.leaveId === l.id)
        .sort((a, b) => a.date.localeCompare(b.date));
      const lists = (
        await db.rows('dayCaseLists').where('date').between(from, l.to, true, true).toArray()
      )
        .filter((list) => list.clinicianId === l.clinicianId && list.status === 'open')
        .sort((a, b) => a.date.localeCompare(b.date));
      const booked = await bookedOnLists(db, lists);
      const dayCaseLists = lists.map((list) => ({ list, booked: booked.get(list.id) ?? 0 }));
      return { leave: l, affected, cancelled, dayCaseLists };
    }),
  );
}
