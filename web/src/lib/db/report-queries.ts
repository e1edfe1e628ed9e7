import {
  appointmentsInReport,
  dnaRates,
  isOpenPathway,
  outpatientActivity,
  ptlRows,
  ptlSummary,
  referralsAgainstBookings,
  type CalendarDate,
  type DnaRates,
  type PtlSummary,
  type ReportFilter,
  type Slot,
  type WeekRow,
  type ActivityRow,
} from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

export interface ActivityReport {
  dna: DnaRates;
  activity: { byClinician: ActivityRow[]; total: ActivityRow };
  weeks: WeekRow[];
  rtt: PtlSummary;
  /** The first day the device holds clinics for: figures before it are not on this device. */
  heldFrom: CalendarDate | null;
}

/**
 * The department's activity figures for a range (issue 9), from the device's own copy so that
 * they work offline: DNA rates, new-to-follow-up activity, referrals received against new
 * bookings week by week, and today's open RTT clocks by weekly band and priority. Appointments
 * are found through the clinics held on the range's days (the only date index they have); the
 * referrals are read once, as the PTL does.
 */
export async function loadActivityReport(
  db: ClinicDeskDatabase,
  filter: ReportFilter,
  today: CalendarDate,
  breachWarningWeeks: number,
): Promise<ActivityReport> {
  const [referrals, sessions, firstSession] = await Promise.all([
    db.rows('referrals').toArray(),
    db.rows('clinicSessions').where('date').between(filter.from, filter.to, true, true).toArray(),
    db.rows('clinicSessions').orderBy('date').first(),
  ]);
  const referralById = new Map(referrals.map((r) => [r.id, r]));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const inRange = await db
    .rows('appointments')
    .where('sessionId')
    .anyOf([...sessionById.keys()])
    .toArray();
  const appointments = appointmentsInReport(inRange, referralById, filter);
  const slotIds = [...new Set(appointments.map((a) => a.slotId))];
  const slots = new Map(
    (await db.rows('slots').bulkGet(slotIds))
      .filter((s): s is Slot => s !== undefined)
      .map((s) => [s.id, s]),
  );
  // A booking made in the range may be for any clinic, so every appointment is read here.
  const allAppointments = await db.rows('appointments').toArray();
  const open = referrals.filter(
    (r) =>
      isOpenPathway(r) &&
      (filter.siteId === null || r.siteId === filter.siteId) &&
      (filter.clinicianId === null || r.clinicianId === filter.clinicianId) &&
      (filter.priority === null || r.priority === filter.priority),
  );
  return {
    dna: dnaRates(appointments, slots, sessionById, today),
    activity: outpatientActivity(appointments.filter((a) => a.date <= today)),
    weeks: referralsAgainstBookings(referrals, allAppointments, referralById, filter),
    rtt: ptlSummary(ptlRows(open, new Map(), today, { breachWarningWeeks })),
    heldFrom: firstSession?.date ?? null,
  };
}
