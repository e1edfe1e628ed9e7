import type { Appointment, AppointmentStatus } from '../booking/appointment.ts';
import {
  addDays,
  londonDateOf,
  startOfWeek,
  type CalendarDate,
} from '../calendar/calendar-date.ts';
import type { ClinicSession, Slot } from '../clinics/clinic.ts';
import type { Priority, Referral } from '../referrals/referral.ts';

/**
 * The filters every report takes (issue 9): a date range, and optionally a site, a
 * clinician and a clinical priority. Null means "all".
 */
export interface ReportFilter {
  from: CalendarDate;
  to: CalendarDate;
  siteId: string | null;
  clinicianId: string | null;
  priority: Priority | null;
}

/** What an appointment's status says about attendance, for counting. */
export type AttendanceClass =
  'attended' | 'did-not-attend' | 'could-not-wait' | 'cancelled' | 'not-recorded';

const ATTENDANCE_OF: Record<AppointmentStatus, AttendanceClass> = {
  booked: 'not-recorded',
  arrived: 'attended',
  'with-clinician': 'attended',
  seen: 'attended',
  'did-not-attend': 'did-not-attend',
  'could-not-wait': 'could-not-wait',
  'cancelled-by-patient': 'cancelled',
  'cancelled-by-hospital': 'cancelled',
};

/** How an appointment counts in the activity reports. */
export function attendanceClass(status: AppointmentStatus): AttendanceClass {
  return ATTENDANCE_OF[status];
}

/** The appointments a report covers: in the date range and matching every filter. */
export function appointmentsInReport(
  appointments: readonly Appointment[],
  referrals: ReadonlyMap<string, Pick<Referral, 'priority'>>,
  filter: ReportFilter,
): Appointment[] {
  return appointments.filter(
    (a) =>
      a.date >= filter.from &&
      a.date <= filter.to &&
      (filter.siteId === null || a.siteId === filter.siteId) &&
      (filter.clinicianId === null || a.clinicianId === filter.clinicianId) &&
      (filter.priority === null || referrals.get(a.referralId)?.priority === filter.priority),
  );
}

/** Attendance counts for one group of appointments. */
export interface AttendanceCounts {
  attended: number;
  didNotAttend: number;
  couldNotWait: number;
  /** Past appointments still marked booked: nobody recorded whether the patient came. */
  notRecorded: number;
  /** Did not attend as a share of appointments whose attendance is known, 0–100 to one place; null when none is known. */
  dnaRate: number | null;
}

export interface DnaRow extends AttendanceCounts {
  /** The group's key: a clinic (its template, or a one-off session), a clinician id or a slot type. */
  key: string;
  /** The clinic's name, for clinic rows. */
  label: string | null;
}

export interface DnaRates {
  byClinic: DnaRow[];
  byClinician: DnaRow[];
  bySlotType: DnaRow[];
  total: AttendanceCounts;
}

function emptyCounts(): AttendanceCounts {
  return { attended: 0, didNotAttend: 0, couldNotWait: 0, notRecorded: 0, dnaRate: null };
}

function withRate<T extends AttendanceCounts>(counts: T): T {
  const known = counts.attended + counts.didNotAttend + counts.couldNotWait;
  counts.dnaRate = known ? Math.round((counts.didNotAttend / known) * 1000) / 10 : null;
  return counts;
}

/**
 * DNA rates by clinic, clinician and slot type (issue 9). Only appointments on or before
 * `today` count, and only their recorded outcome: cancelled ones are left out, and past ones
 * nobody marked are counted as "not recorded" rather than guessed either way. The rate is
 * did-not-attend over attended + did-not-attend + could-not-wait. Clinics are keyed by
 * their template, so every week of the same clinic is one row (clinics with no template by
 * their name at their site).
 */
export function dnaRates(
  appointments: readonly Appointment[],
  slots: ReadonlyMap<string, Pick<Slot, 'type'>>,
  sessions: ReadonlyMap<string, Pick<ClinicSession, 'templateId' | 'name'>>,
  today: CalendarDate,
): DnaRates {
  const groups = {
    byClinic: new Map<string, DnaRow>(),
    byClinician: new Map<string, DnaRow>(),
    bySlotType: new Map<string, DnaRow>(),
  };
  const total = emptyCounts();
  for (const a of appointments) {
    if (a.date > today) continue;
    const cls = attendanceClass(a.status);
    if (cls === 'cancelled') continue;
    const session = sessions.get(a.sessionId);
    // Sessions made without a template (one-offs, imports) group by name and site instead.
    const clinic = session?.templateId ?? (session ? `${session.name}@${a.siteId}` : a.sessionId);
    const type = slots.get(a.slotId)?.type ?? 'unknown';
    for (const [map, key, label] of [
      [groups.byClinic, clinic, session?.name ?? null],
      [groups.byClinician, a.clinicianId, null],
      [groups.bySlotType, type, null],
    ] as const) {
      let row = map.get(key);
      if (!row) map.set(key, (row = { key, label, ...emptyCounts() }));
      count(row, cls);
    }
    count(total, cls);
  }
  const rows = (m: Map<string, DnaRow>) =>
    [...m.values()].map(withRate).sort((a, b) => (b.dnaRate ?? -1) - (a.dnaRate ?? -1));
  return {
    byClinic: rows(groups.byClinic),
    byClinician: rows(groups.byClinician),
    bySlotType: rows(groups.bySlotType),
    total: withRate(total),
  };
}

function count(row: AttendanceCounts, cls: Exclude<AttendanceClass, 'cancelled'>): void {
  if (cls === 'attended') row.attended += 1;
  else if (cls === 'did-not-attend') row.didNotAttend += 1;
  else if (cls === 'could-not-wait') row.couldNotWait += 1;
  else row.notRecorded += 1;
}

/** Attended new and follow-up appointments, and follow-ups per new one. */
export interface ActivityRow {
  /** A clinician id, or null for the whole department. */
  clinicianId: string | null;
  newAttended: number;
  followUpAttended: number;
  /** Follow-ups per new attendance, to one decimal place; null with no new attendances. */
  followUpsPerNew: number | null;
}

/**
 * Outpatient activity (issue 9): attended new and follow-up appointments per clinician and in
 * all, with the new-to-follow-up ratio the Trust watches ("1 : 2.4" means 2.4 follow-ups for
 * each new patient seen). Only attendances count: a booking is not activity.
 */
export function outpatientActivity(appointments: readonly Appointment[]): {
  byClinician: ActivityRow[];
  total: ActivityRow;
} {
  const rows = new Map<string, ActivityRow>();
  const total: ActivityRow = {
    clinicianId: null,
    newAttended: 0,
    followUpAttended: 0,
    followUpsPerNew: null,
  };
  for (const a of appointments) {
    if (attendanceClass(a.status) !== 'attended') continue;
    let row = rows.get(a.clinicianId);
    if (!row) {
      row = {
        clinicianId: a.clinicianId,
        newAttended: 0,
        followUpAttended: 0,
        followUpsPerNew: null,
      };
      rows.set(a.clinicianId, row);
    }
    for (const r of [row, total]) {
      if (a.kind === 'new') r.newAttended += 1;
      else r.followUpAttended += 1;
    }
  }
  const ratio = (r: ActivityRow): ActivityRow => ({
    ...r,
    followUpsPerNew: r.newAttended
      ? Math.round((r.followUpAttended / r.newAttended) * 10) / 10
      : null,
  });
  return {
    byClinician: [...rows.values()]
      .map(ratio)
      .sort((a, b) => b.newAttended + b.followUpAttended - (a.newAttended + a.followUpAttended)),
    total: ratio(total),
  };
}

export interface WeekRow {
  /** The Monday the week starts on. */
  weekStart: CalendarDate;
  received: number;
  /** First (new-patient) appointments booked during the week, whenever they are for. */
  booked: number;
}

/**
 * Referrals received against new appointments booked, week by week (Monday to Sunday) over
 * the range (issue 9): the first sign that the waiting list grows faster than it is booked.
 * A booking counts in the week it was made (its London date), not the week of the clinic;
 * cancelled bookings still count, because the booking work was done that week.
 */
export function referralsAgainstBookings(
  referrals: readonly Pick<Referral, 'receivedDate' | 'siteId' | 'clinicianId' | 'priority'>[],
  appointments: readonly Pick<
    Appointment,
    'kind' | 'bookedAt' | 'siteId' | 'clinicianId' | 'referralId'
  >[],
  referralPriority: ReadonlyMap<string, Pick<Referral, 'priority'>>,
  filter: ReportFilter,
): WeekRow[] {
  const weeks = new Map<CalendarDate, WeekRow>();
  for (let w = startOfWeek(filter.from); w <= filter.to; w = addDays(w, 7)) {
    weeks.set(w, { weekStart: w, received: 0, booked: 0 });
  }
  const inScope = (
    row: { siteId: string; clinicianId: string | null },
    priority: Priority | null,
  ) =>
    (filter.siteId === null || row.siteId === filter.siteId) &&
    (filter.clinicianId === null || row.clinicianId === filter.clinicianId) &&
    (filter.priority === null || priority === filter.priority);
  for (const r of referrals) {
    if (r.receivedDate < filter.from || r.receivedDate > filter.to) continue;
    if (!inScope(r, r.priority)) continue;
    weeks.get(startOfWeek(r.receivedDate))!.received += 1;
  }
  for (const a of appointments) {
    if (a.kind !== 'new') continue;
    const day = londonDateOf(new Date(a.bookedAt));
    if (day < filter.from || day > filter.to) continue;
    if (!inScope(a, referralPriority.get(a.referralId)?.priority ?? null)) continue;
    weeks.get(startOfWeek(day))!.booked += 1;
  }
  return [...weeks.values()];
}
