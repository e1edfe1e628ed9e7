import type { Appointment } from '../booking/appointment.ts';
import type { ClinicSession, Slot, SlotType } from '../clinics/clinic.ts';
import type { Patient } from '../patients/patient.ts';
import {
  NEW_REFERRAL_FIELDS,
  type Priority,
  type Referral,
  type ReferralStatus,
} from '../referrals/referral.ts';
import { DEFAULT_TRUST_SETTINGS } from '../settings/trust-settings.ts';
import type { RowOf, TableName } from '../sync/tables.ts';
import type { Change, MutatorContext, MutatorResult, ReadState } from './mutator.ts';
import { runMutation } from './registry.ts';

/** Every synced table as a plain array of rows: a department small enough to read. */
export type Tables = { [T in TableName]: RowOf<T>[] };

/** Monday 2 March 2026, mid-morning: the hospital's day for every test. */
export const CTX: MutatorContext = {
  today: '2026-03-02',
  now: '2026-03-02T10:15:00.000Z',
  actor: { userId: 'user-coordinator', name: 'Casey Coordinator' },
};

export const AMELIA: Patient = {
  id: 'pat-amelia',
  nhsNumber: '9990000018',
  givenName: 'Amelia',
  familyName: 'Ashdown',
  dateOfBirth: '1961-04-23',
  address: { line1: '12 Orchard Way', town: 'Worcester', postcode: 'WR5 1DD' },
  phone: '01632 960123',
  gpPractice: 'Orchard Surgery',
};

const OLIVER: Patient = {
  ...AMELIA,
  id: 'pat-oliver',
  nhsNumber: '9990000026',
  givenName: 'Oliver',
  familyName: 'Bramley',
};

function session(id: string, date: string, status: ClinicSession['status']): ClinicSession {
  return {
    id,
    templateId: null,
    name: 'Whitcombe AM OMFS',
    clinicianId: 'clin-1',
    siteId: 'site-wrh',
    room: 'OPD WRH 1',
    date,
    startTime: '09:00',
    endTime: '12:00',
    status,
    cancellationReason: status === 'cancelled' ? 'Consultant on leave' : null,
    leaveId: null,
    changedBy: null,
    changedAt: null,
    cashedUp: null,
    reopenings: [],
    runningLate: null,
  };
}

function slot(
  id: string,
  s: ClinicSession,
  startTime: string,
  type: SlotType,
  appointmentId?: string,
): Slot {
  return {
    id,
    sessionId: s.id,
    siteId: s.siteId,
    clinicianId: s.clinicianId,
    date: s.date,
    startTime,
    minutes: 20,
    type,
    status: appointmentId ? 'booked' : 'free',
    appointmentId: appointmentId ?? null,
    blockedReason: null,
  };
}

function referral(
  id: string,
  status: ReferralStatus,
  priority: Priority | null,
  receivedDate: string,
  patientId = AMELIA.id,
): Referral {
  return {
    ...NEW_REFERRAL_FIELDS,
    condition: 'third-molars',
    id,
    patientId,
    receivedDate,
    source: 'gp',
    referrer: 'Dr Gosling',
    reason: 'Impacted lower third molar, recurrent pericoronitis',
    requestedPriority: priority ?? 'routine',
    priority,
    clinicianId: null,
    siteId: 'site-wrh',
    status,
    rttEvents: [{ date: receivedDate, code: '10', cause: 'Referral received' }],
  };
}

function appointment(id: string, s: Slot, r: Referral, status: Appointment['status']): Appointment {
  return {
    id,
    slotId: s.id,
    sessionId: s.sessionId,
    referralId: r.id,
    patientId: r.patientId,
    siteId: s.siteId,
    clinicianId: s.clinicianId,
    date: s.date,
    startTime: s.startTime,
    kind: r.status === 'seen' ? 'follow-up' : 'new',
    status,
    bookedAt: '2026-02-10T09:00:00.000Z',
    cancelledAt: null,
    cancellationReason: null,
    outcome: null,
    arrivedAt: null,
    waitEndedAt: null,
    walkIn: false,
  };
}

/**
 * A fresh small department for 2 March 2026: one open clinic next week (free new, urgent,
 * follow-up and procedure slots, a booked new slot and a booked follow-up), one cancelled
 * clinic, one clinic last week, one in July (BST), and referrals in every status. Ids say
 * what each row is.
 */
export function buildTables(): Tables {
  const open = session('ses-open', '2026-03-09', 'open');
  const cancelled = session('ses-cancelled', '2026-03-10', 'cancelled');
  const lastWeek = session('ses-last-week', '2026-02-23', 'open');
  const summer = session('ses-summer', '2026-07-15', 'open');

  const refRoutine = referral('ref-routine', 'waiting', 'routine', '2025-12-01');
  const refSoon = referral('ref-soon', 'waiting', 'soon', '2026-01-12');
  const refUrgent = referral('ref-urgent', 'waiting', 'urgent', '2026-02-20');
  const refTwoWeek = referral('ref-2ww', 'waiting', 'two-week-wait', '2026-02-26');
  const refTriage = referral('ref-awaiting-triage', 'awaiting-triage', null, '2026-02-28');
  const refBooked = referral('ref-booked', 'booked', 'routine', '2025-11-17', OLIVER.id);
  const refSeen = referral('ref-seen', 'seen', 'soon', '2025-12-15', OLIVER.id);
  const refDischarged = referral('ref-discharged', 'discharged', 'routine', '2025-10-06');

  const slotBooked = slot('slot-new-booked', open, '10:20', 'new', 'appt-booked');
  const slotFollowUpBooked = slot(
    'slot-follow-up-booked',
    open,
    '11:00',
    'follow-up',
    'appt-follow-up',
  );
  const slotSeen = slot('slot-last-week-seen', lastWeek, '09:20', 'new', 'appt-seen');

  return {
    sites: [{ id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' }],
    clinicians: [
      { id: 'clin-1', name: 'Mr Adrian Whitcombe', grade: 'Consultant', specialty: 'OMFS' },
    ],
    clinicTemplates: [],
    clinicSessions: [open, cancelled, lastWeek, summer],
    slots: [
      slot('slot-new-free', open, '09:00', 'new'),
      slot('slot-urgent-free', open, '09:20', 'urgent'),
      slot('slot-follow-up-free', open, '09:40', 'follow-up'),
      slot('slot-procedure-free', open, '10:00', 'procedure'),
      slotBooked,
      slotFollowUpBooked,
      { ...slot('slot-blocked', open, '11:20', 'new'), status: 'blocked' },
      slot('slot-in-cancelled-clinic', cancelled, '09:00', 'new'),
      slot('slot-without-clinic', session('ses-gone', '2026-03-11', 'open'), '09:00', 'new'),
      slot('slot-last-week-free', lastWeek, '09:00', 'new'),
      slot('slot-summer-free', summer, '09:00', 'new'),
      slotSeen,
    ],
    patients: [AMELIA, OLIVER],
    referrals: [
      refRoutine,
      refSoon,
      refUrgent,
      refTwoWeek,
      refTriage,
      refBooked,
      refSeen,
      refDischarged,
    ],
    appointments: [
      appointment('appt-booked', slotBooked, refBooked, 'booked'),
      appointment('appt-follow-up', slotFollowUpBooked, refSeen, 'booked'),
      appointment('appt-seen', slotSeen, refSeen, 'seen'),
      {
        ...appointment('appt-cancelled', slotSeen, refSeen, 'cancelled-by-patient'),
        cancelledAt: '2026-02-11T09:00:00.000Z',
        cancellationReason: 'Moved house',
      },
    ],
    settings: [DEFAULT_TRUST_SETTINGS],
    leave: [],
    rebooks: [],
    policyOverrides: [],
    letters: [],
    letterTemplates: [],
    dayCaseLists: [],
    admissions: [],
    caseNotes: [],
    contacts: [],
    tasks: [],
  };
}

/** Reads straight from the arrays (no copies), so a mutator that edits what it reads is caught. */
export function readStateOver(tables: Tables): ReadState {
  return {
    async get<T extends TableName>(table: T, id: string) {
      const rows: RowOf<T>[] = tables[table];
      return rows.find((row) => row.id === id);
    },
    async findPatientByNhsNumber(nhsNumber: string) {
      return tables.patients.find((p) => p.nhsNumber === nhsNumber);
    },
    async referralsOfPatient(patientId: string) {
      return tables.referrals.filter((r) => r.patientId === patientId);
    },
    async slotsOfSession(sessionId: string) {
      return tables.slots.filter((s) => s.sessionId === sessionId);
    },
    async sessionsOfTemplate(templateId: string, from: string) {
      return tables.clinicSessions.filter((s) => s.templateId === templateId && s.date >= from);
    },
    async appointmentsOfReferral(referralId: string) {
      return tables.appointments.filter((a) => a.referralId === referralId);
    },
    async waitingReferrals(clinicianId: string | null, priority: string, receivedBefore: string) {
      return tables.referrals.filter(
        (r) =>
          r.status === 'waiting' &&
          r.priority === priority &&
          r.clinicianId === clinicianId &&
          r.receivedDate < receivedBefore,
      );
    },
    async leaveOfClinician(clinicianId: string) {
      return tables.leave.filter((l) => l.clinicianId === clinicianId);
    },
    async admissionsOfList(listId: string) {
      return tables.admissions.filter((a) => a.listId === listId);
    },
    async admissionsOfReferral(referralId: string) {
      return tables.admissions.filter((a) => a.referralId === referralId);
    },
    async caseNotesOfPatient(patientId: string) {
      return tables.caseNotes.filter((n) => n.patientId === patientId);
    },
    async openTasksOf(userId: string) {
      return tables.tasks.filter((t) => t.assigneeUserId === userId && t.status === 'open');
    },
  };
}

/** The row with this id, failing loudly when the fixture lacks it. */
export function rowOf<T extends TableName>(tables: Tables, table: T, id: string): RowOf<T> {
  const rows: RowOf<T>[] = tables[table];
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`fixture has no ${table} row ${id}`);
  return row;
}

/**
 * A deep copy of plain JSON rows. `structuredClone` would do, but the domain's tsconfig
 * (`lib: ES2023`, `types: []`) does not declare it, and every row here is plain JSON.
 */
export function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Tables with a mutator's changes written, as the device or server would store them. */
export function withChanges(tables: Tables, changes: readonly Change[]): Tables {
  const next = deepCopy(tables);
  for (const { table, row } of changes) {
    const rows: { id: string }[] = next[table];
    const at = rows.findIndex((r) => r.id === row.id);
    if (at === -1) rows.push(row);
    else rows[at] = row;
  }
  return next;
}

/** Runs one edit and, when it applies, writes its rows (as a device would). */
export async function editTables(
  tables: Tables,
  name: string,
  args: unknown,
  ctx: MutatorContext = CTX,
): Promise<{ result: MutatorResult; tables: Tables }> {
  const result = await runMutation(name, args, readStateOver(tables), ctx);
  return { result, tables: result.ok ? withChanges(tables, result.changes) : tables };
}

/** True when a message reads as a sentence for a person, not a program. */
export function isPlainEnglish(message: string): boolean {
  return (
    /^[A-Z]/.test(message) &&
    !/undefined|null|NaN|\[object|Error|Expected|[a-z][A-Z]|\b(a|A) [aeiou]/.test(message)
  );
}

/**
 * Reasons for going past the access policy's warnings, for tests that are about something
 * else: a booking with under three weeks' notice or ahead of a longer wait is warned about,
 * and these are the reasons a co-ordinator would record.
 */
export const AGREED = [
  { rule: 'reasonable-notice', reason: 'Patient agreed to the sooner date' },
  { rule: 'book-in-turn', reason: 'Clinically urgent' },
  { rule: 'two-week-wait', reason: 'Patient chose a later date' },
  { rule: 'second-offer', reason: 'Patient asked for a later date' },
  { rule: 'follow-up-window', reason: 'Clinician asked for it booked now' },
] as const;
