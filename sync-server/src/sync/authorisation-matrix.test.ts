import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  addDays,
  caseNoteBarcode,
  formatHlc,
  ROLES,
  testRangeNhsNumbers,
  type PullResponse,
  type PushResponse,
  type Role,
} from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { currentVersion, putRow } from '../db/rows.ts';
import { AGREED, createTestServer, type SignedIn } from '../test-support.ts';

// The authorisation matrix of issue 3: every role × every mutation × own site / other site,
// and every route × every role. Expectations are written out here, not read from the code.
const MAY: Record<string, readonly Role[]> = {
  'referral.add': ['booking-coordinator', 'medical-secretary', 'manager'],
  'appointment.book': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'appointment.cancel': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'patient.viewed': [
    'receptionist',
    'booking-coordinator',
    'medical-secretary',
    'clinician',
    'manager',
  ],
  'patient.update': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'referral.triage': ['clinician'],
  'appointment.attendance': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'pathway.outcome': ['booking-coordinator', 'medical-secretary', 'clinician', 'manager'],
  'pathway.validate': ['booking-coordinator', 'medical-secretary', 'clinician', 'manager'],
  'settings.update': ['manager'],
  'template.save': ['booking-coordinator', 'manager'],
  'sessions.generate': ['booking-coordinator', 'manager'],
  'session.add': ['booking-coordinator', 'manager'],
  'session.slots': ['booking-coordinator', 'manager'],
  'session.cancel': ['booking-coordinator', 'manager'],
  'leave.record': ['booking-coordinator', 'manager'],
  'rebook.call': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'rebook.return': ['booking-coordinator', 'medical-secretary', 'manager'],
  'referral.shortNotice': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'letter.printed': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'letterTemplate.save': ['manager'],
  'daycase.update': ['booking-coordinator', 'medical-secretary', 'clinician', 'manager'],
  'daycase.list.add': ['booking-coordinator', 'manager'],
  'daycase.list.cancel': ['booking-coordinator', 'manager'],
  'admission.book': ['booking-coordinator', 'medical-secretary', 'manager'],
  'admission.cancel': ['booking-coordinator', 'medical-secretary', 'manager'],
  'admission.outcome': ['booking-coordinator', 'medical-secretary', 'manager'],
  'contact.log': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'contact.close': ['manager'],
  'task.add': ['booking-coordinator', 'medical-secretary', 'manager'],
  'task.done': ['booking-coordinator', 'medical-secretary', 'manager'],
  'task.assign': ['booking-coordinator', 'medical-secretary', 'manager'],
  'task.reassignAll': ['manager'],
  'admission.religion': ['booking-coordinator', 'manager'],
  'session.cashUp': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'session.reopen': ['booking-coordinator', 'manager'],
  'caseNotes.create': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'caseNotes.track': [
    'receptionist',
    'booking-coordinator',
    'medical-secretary',
    'clinician',
    'manager',
  ],
  'caseNotes.missing': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'appointment.arrive': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'appointment.progress': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'appointment.undoDna': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'appointment.walkIn': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
  'session.runningLate': ['receptionist', 'booking-coordinator', 'medical-secretary', 'manager'],
};
/** Edits of department-wide rows: the user's sites do not come into it. */
const DEPARTMENT_WIDE = new Set([
  'settings.update',
  'leave.record',
  'letterTemplate.save',
  // Notes travel between sites: any site's clerk tracks a volume that reaches them.
  'caseNotes.create',
  'caseNotes.track',
  'caseNotes.missing',
]);
const HERE = 'site-ktc';
/** The test server's day (its clock is fixed), whatever day the suite runs. */
/** The test server's day (createTestServer's clock), whatever day the suite runs. */
const SERVER_TODAY = '2026-11-24';
const ELSEWHERE = 'site-alx';

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const pool = {
  patientsHere: [] as string[],
  referrals: [] as string[],
  slots: [] as string[],
  appointments: [] as string[],
  patients: [] as string[],
  awaitingTriage: [] as string[],
  dueAttendance: [] as string[],
  awaitingOutcome: [] as string[],
  templates: [] as string[],
  sessions: [] as string[],
  rebooks: [] as string[],
  letters: [] as string[],
  dayCases: [] as string[],
  admissionsToCancel: [] as string[],
  admissionsDue: [] as string[],
  clinicsToCashUp: [] as string[],
  clinicsCashedUp: [] as string[],
  barcodes: [] as string[],
  escalations: [] as string[],
  arrivals: [] as string[],
  arrived: [] as string[],
  /** Today's appointments marked did-not-attend, for the desk to take back (hazard H18). */
  dnaToday: [] as string[],
  /** Day-case lists here that no other edit of the matrix books onto. */
  listsToCancel: [] as string[],
  deskSession: '',
};
/** Colleagues at this site for the work-item edits (issue 8): one away, one covering. */
const team = { absent: '', cover: '' };
/**
 * Day-case edits take their pathway or admission only once applied: a refused edit leaves it as
 * it was, and the demo department has few day cases at one site.
 */
const TAKEN_WHEN_APPLIED: Record<string, string[]> = {
  'admission.book': pool.dayCases,
  'admission.cancel': pool.admissionsToCancel,
  'admission.outcome': pool.admissionsDue,
  'session.cashUp': pool.clinicsToCashUp,
  'session.reopen': pool.clinicsCashedUp,
  'contact.close': pool.escalations,
  'daycase.list.cancel': pool.listsToCancel,
};
const DAY_CASE_LISTS = {
  setupFirst: '2026-12-08',
  setupSecond: '2026-12-15',
  matrix: '2027-01-05',
};
let week = 0;
/** Each case-notes edit goes somewhere new, so that every permitted one changes a row. */
let moves = 0;
const nhsNumbers = testRangeNhsNumbers(500_000);

async function ids(sql: string): Promise<string[]> {
  return (await server.db.execute(sql)).rows.map((r) => String(r['id']));
}

beforeAll(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 2000 });
  pool.referrals = await ids(
    `SELECT id FROM rows WHERE tbl = 'referrals' AND site_id = '${HERE}' AND json_extract(data, '$.status') = 'waiting' AND json_extract(data, '$.priority') = 'routine'`,
  );
  pool.slots = await ids(
    `SELECT id FROM rows WHERE tbl = 'slots' AND site_id = '${HERE}' AND json_extract(data, '$.status') = 'free' AND json_extract(data, '$.type') = 'new' AND json_extract(data, '$.date') > '2026-11-25'`,
  );
  pool.appointments = await ids(
    `SELECT id FROM rows WHERE tbl = 'appointments' AND site_id = '${HERE}' AND json_extract(data, '$.status') = 'booked' AND json_extract(data, '$.date') > '2026-11-25'`,
  );
  pool.patientsHere = await ids(
    `SELECT DISTINCT json_extract(data, '$.patientId') AS id FROM rows WHERE tbl = 'referrals' AND site_id = '${HERE}'`,
  );
  pool.patients = await ids("SELECT id FROM rows WHERE tbl = 'patients' LIMIT 100");
  pool.barcodes = await ids(
    "SELECT json_extract(data, '$.barcode') AS id FROM rows WHERE tbl = 'caseNotes' LIMIT 10",
  );
  const referralsHere = (status: string) =>
    ids(
      `SELECT id FROM rows WHERE tbl = 'referrals' AND site_id = '${HERE}' AND json_extract(data, '$.status') = '${status}'`,
    );
  pool.awaitingTriage = await referralsHere('awaiting-triage');
  pool.awaitingOutcome = await referralsHere('seen');
  // Attendance is recorded on the day or after: a dozen booked appointments moved to today,
  // by the server's clock, whatever day the suite runs.
  pool.dueAttendance = pool.appointments.splice(-12);
  // The reception desk works on today: appointments to check in, patients already here.
  pool.arrivals = pool.appointments.splice(-12);
  pool.arrived = pool.appointments.splice(-12);
  pool.dnaToday = pool.appointments.splice(-12);
  pool.templates = await ids(
    `SELECT id FROM rows WHERE tbl = 'clinicTemplates' AND site_id = '${HERE}'`,
  );
  // Future clinics here with bookings: the first eight are cancelled now, to give the
  // Rebook worklist patients to ring and return.
  pool.sessions = await ids(
    `SELECT DISTINCT json_extract(data, '$.sessionId') AS id FROM rows WHERE tbl = 'slots' AND site_id = '${HERE}' AND json_extract(data, '$.status') = 'booked' AND json_extract(data, '$.date') > '2026-12-01' ORDER BY id LIMIT 20`,
  );
  const coordinator = await server.signIn('booking-coordinator', [HERE]);
  const cancellations = pool.sessions.splice(0, 8).map((sessionId, i) => ({
    id: randomUUID(),
    clientId: coordinator.clientId,
    seq: i + 1,
    name: 'session.cancel',
    args: { sessionId, reason: 'Consultant on leave' },
    at: '2026-11-24T09:00:00Z',
  }));
  await coordinator.request('/api/sync/push', {
    method: 'POST',
    body: JSON.stringify({
      protocolVersion: 1,
      clientId: coordinator.clientId,
      mutations: cancellations,
    }),
  });
  pool.rebooks = await ids(
    `SELECT id FROM rows WHERE tbl = 'rebooks' AND site_id = '${HERE}' AND json_extract(data, '$.status') = 'open'`,
  );
  // Appointments those cancellations displaced are no longer there to cancel or attend.
  const displaced = new Set(
    await ids(
      `SELECT json_extract(data, '$.displacedAppointmentId') AS id FROM rows WHERE tbl = 'rebooks'`,
    ),
  );
  pool.appointments = pool.appointments.filter((id) => !displaced.has(id));
  const blocked = new Set(
    await ids(
      `SELECT id FROM rows WHERE tbl = 'slots' AND json_extract(data, '$.status') = 'blocked'`,
    ),
  );
  pool.slots = pool.slots.filter((id) => !blocked.has(id));
  // Bookings here, each with its confirmation letter, for the matrix to print.
  const bookings = Array.from({ length: 12 }, (_, i) => ({
    id: randomUUID(),
    clientId: coordinator.clientId,
    seq: cancellations.length + i + 1,
    name: 'appointment.book',
    args: {
      appointmentId: randomUUID(),
      referralId: take(pool.referrals),
      slotId: take(pool.slots),
      overrides: AGREED,
    },
    at: '2026-11-24T09:00:00Z',
  }));
  await coordinator.request('/api/sync/push', {
    method: 'POST',
    body: JSON.stringify({
      protocolVersion: 1,
      clientId: coordinator.clientId,
      mutations: bookings,
    }),
  });
  pool.letters = await ids(
    `SELECT id FROM rows WHERE tbl = 'letters' AND site_id = '${HERE}' AND json_extract(data, '$.printedAt') IS NULL`,
  );
  // Clinics the matrix cancels take their appointments with them: cancel and attend others.
  const cancelLater = new Set(pool.sessions);
  const inCancelled = new Set(
    (
      await server.db.execute(
        "SELECT id, json_extract(data, '$.sessionId') AS s FROM rows WHERE tbl = 'appointments'",
      )
    ).rows
      .filter((r) => cancelLater.has(String(r['s'])))
      .map((r) => String(r['id'])),
  );
  pool.appointments = pool.appointments.filter((id) => !inCancelled.has(id));
  pool.dueAttendance = pool.dueAttendance.filter((id) => !inCancelled.has(id));
  pool.dnaToday = pool.dnaToday.filter((id) => !inCancelled.has(id));
  pool.dueAttendance = pool.dueAttendance.filter((id) => !displaced.has(id));
  await bookDayCases(coordinator);
  await prepareWorkItems();
  await cashUpClinics(coordinator);
  await prepareTheDesk(cancelLater, displaced);
  for (const id of pool.dueAttendance)
    await server.db.execute({
      sql: "UPDATE rows SET data = json_set(data, '$.date', ?) WHERE tbl = 'appointments' AND id = ?",
      args: [SERVER_TODAY, id],
    });
  // Seeding 2,000 pathways (and their case notes) outlasts the default 10 s on a busy machine.
}, 60_000);
afterAll(() => server.close());

/**
 * Today's clinic for the desk's edits, by the test server's clock: appointments moved to
 * today, some already arrived, and a clinic here moved to today for walk-ins and lateness.
 */
async function prepareTheDesk(cancelLater: Set<string>, displaced: Set<string>) {
  const today = SERVER_TODAY;
  const usable = (id: string) => !displaced.has(id);
  pool.arrivals = pool.arrivals.filter(usable);
  pool.arrived = pool.arrived.filter(usable);
  pool.dnaToday = pool.dnaToday.filter(usable);
  for (const id of [...pool.arrivals, ...pool.arrived])
    await server.db.execute({
      sql: "UPDATE rows SET data = json_set(data, '$.date', ?) WHERE tbl = 'appointments' AND id = ?",
      args: [today, id],
    });
  for (const id of pool.arrived)
    await server.db.execute({
      sql: "UPDATE rows SET data = json_set(data, '$.status', 'arrived', '$.arrivedAt', ?) WHERE tbl = 'appointments' AND id = ?",
      args: ['2026-11-24T09:30:00.000Z', id],
    });
  // Missed at 08:00 today, and marked so through the push path, with all that a DNA does.
  const desk = await server.signIn('receptionist', [HERE]);
  const missed: string[] = [];
  for (const id of pool.dnaToday) {
    await server.db.execute({
      sql: "UPDATE rows SET data = json_set(data, '$.date', ?, '$.startTime', '08:00') WHERE tbl = 'appointments' AND id = ?",
      args: [today, id],
    });
    const result = await desk.edit('appointment.attendance', {
      appointmentId: id,
      attendance: 'did-not-attend',
    });
    if (result.status === 'applied') missed.push(id);
  }
  pool.dnaToday = missed;
  const [session] = (
    await ids(
      `SELECT id FROM rows WHERE tbl = 'clinicSessions' AND site_id = '${HERE}' AND json_extract(data, '$.status') = 'open' AND json_extract(data, '$.date') > '2027-01-10' ORDER BY id LIMIT 5`,
    )
  ).filter((id) => !cancelLater.has(id));
  pool.deskSession = session!;
  await server.db.execute({
    sql: "UPDATE rows SET data = json_set(data, '$.date', ?) WHERE tbl = 'clinicSessions' AND id = ?",
    args: [today, pool.deskSession],
  });
}

/**
 * Day cases here with nothing in the way of a TCI (no unavailability): eight are booked now,
 * four to cancel and four moved to today for their outcome (whatever day the suite runs).
 */
async function bookDayCases(coordinator: SignedIn) {
  pool.dayCases.push(
    ...(await ids(
      `SELECT id FROM rows WHERE tbl = 'referrals' AND site_id = '${HERE}' AND json_extract(data, '$.status') = 'day-case' AND json_array_length(data, '$.dayCase.unavailable') = 0 ORDER BY id`,
    )),
  );
  pool.listsToCancel.push(
    ...(await ids(
      `SELECT id FROM rows WHERE tbl = 'dayCaseLists' AND site_id = '${HERE}' AND json_extract(data, '$.date') > '${SERVER_TODAY}'
         AND json_extract(data, '$.date') NOT IN (${Object.values(DAY_CASE_LISTS)
           .map((d) => `'${d}'`)
           .join(', ')}) ORDER BY id`,
    )),
  );
  const setup = pool.dayCases.splice(0, 8);
  const mutations = setup.map((referralId, i) => {
    const date = i < 4 ? DAY_CASE_LISTS.setupFirst : DAY_CASE_LISTS.setupSecond;
    return {
      id: randomUUID(),
      clientId: coordinator.clientId,
      seq: 21 + i, // after the 8 clinic cancellations and 12 bookings above
      name: 'admission.book',
      args: {
        admissionId: `adm-matrix-${i}`,
        referralId,
        listId: `dcl-${HERE}-${date}`,
        preOpDate: addDays(date, -7),
      },
      at: '2026-11-24T09:00:00Z',
    };
  });
  const res = await coordinator.request('/api/sync/push', {
    method: 'POST',
    body: JSON.stringify({ protocolVersion: 1, clientId: coordinator.clientId, mutations }),
  });
  const results = ((await res.json()) as PushResponse).results;
  expect(results.every((r) => r.status === 'applied')).toBe(true);
  pool.admissionsToCancel.push(...setup.slice(0, 4).map((_, i) => `adm-matrix-${i}`));
  pool.admissionsDue.push(...setup.slice(4).map((_, i) => `adm-matrix-${i + 4}`));
  for (const id of pool.admissionsDue)
    await server.db.execute({
      sql: "UPDATE rows SET data = json_set(data, '$.tciDate', ?) WHERE tbl = 'admissions' AND id = ?",
      args: [SERVER_TODAY, id],
    });
}

/**
 * Past clinics here with every patient finished (issue 8): three are cashed up now, for the
 * matrix to reopen, and the rest are left for the matrix to cash up.
 */
async function cashUpClinics(coordinator: SignedIn) {
  pool.clinicsToCashUp.push(
    ...(await ids(
      `SELECT s.id FROM rows s WHERE s.tbl = 'clinicSessions' AND s.site_id = '${HERE}'
         AND json_extract(s.data, '$.date') < '2026-11-24' AND json_extract(s.data, '$.status') = 'open'
         AND NOT EXISTS (SELECT 1 FROM rows a LEFT JOIN rows r ON r.tbl = 'referrals' AND r.id = json_extract(a.data, '$.referralId')
           WHERE a.tbl = 'appointments' AND json_extract(a.data, '$.sessionId') = s.id
             AND (json_extract(a.data, '$.status') IN ('booked', 'arrived')
               OR (json_extract(a.data, '$.status') = 'seen' AND json_extract(r.data, '$.status') = 'seen')))
       ORDER BY s.id LIMIT 12`,
    )),
  );
  const setup = pool.clinicsToCashUp.splice(0, 3);
  const mutations = setup.map((sessionId, i) => ({
    id: randomUUID(),
    clientId: coordinator.clientId,
    seq: 29 + i, // after the day-case bookings above
    name: 'session.cashUp',
    args: { sessionId },
    at: '2026-11-24T09:00:00Z',
  }));
  const res = await coordinator.request('/api/sync/push', {
    method: 'POST',
    body: JSON.stringify({ protocolVersion: 1, clientId: coordinator.clientId, mutations }),
  });
  const results = ((await res.json()) as PushResponse).results;
  expect(results.every((r) => r.status === 'applied')).toBe(true);
  pool.clinicsCashedUp.push(...setup);
}

/** Escalated calls to close, and colleagues to cover for and to cover (issue 8). */
async function prepareWorkItems() {
  team.absent = (await server.signIn('booking-coordinator', [HERE])).userId;
  team.cover = (await server.signIn('medical-secretary', [HERE])).userId;
  let version = await currentVersion(server.db);
  for (let i = 0; i < 4; i++) {
    const contact = {
      id: `contact-matrix-${i}`,
      siteId: HERE,
      loggedAt: '2026-11-24T09:00:00Z',
      loggedBy: { userId: 'u', name: 'Desk' },
      caller: { name: 'Caller', relationship: 'patient', phone: '' },
      patientId: null,
      referralId: null,
      category: 'complaint',
      said: 'Complained',
      done: 'Escalated',
      status: 'escalated',
      escalation: { reason: 'Formal complaint' },
      closedAt: null,
      closedBy: null,
      outcome: null,
    };
    await putRow(server.db, 'contacts', contact, ++version);
    pool.escalations.push(contact.id);
  }
}

function taskFor(userId: string, id: string) {
  return {
    id,
    siteId: HERE,
    title: 'Letter from the post',
    detail: '',
    priority: 'soon',
    dueDate: '2026-11-26',
    source: 'post',
    patientId: null,
    referralId: null,
    assigneeUserId: userId,
    assigneeName: 'Someone',
    status: 'open',
    createdAt: '2026-11-24T09:00:00Z',
    createdBy: { userId, name: 'Someone' },
    doneAt: null,
    doneBy: null,
    doneNote: '',
    handovers: [],
  };
}

/**
 * The edit's arguments; a task to finish or hand over is first given to the person editing, and
 * the absent colleague has a task to cover each time.
 */
async function prepare(name: string, user: SignedIn): Promise<unknown> {
  const owner = name === 'task.reassignAll' ? team.absent : user.userId;
  const id = `task-${randomUUID()}`;
  if (name.startsWith('task.') && name !== 'task.add')
    await putRow(server.db, 'tasks', taskFor(owner, id), (await currentVersion(server.db)) + 1);
  if (name !== 'task.done' && name !== 'task.assign') return argsFor(name);
  return name === 'task.done'
    ? { taskId: id }
    : { taskId: id, to: { userId: team.cover, name: 'Cover' }, reason: 'On leave' };
}

function take(list: string[]): string {
  const id = list.shift();
  if (!id) throw new Error('the demo department ran out of cases');
  return id;
}

function argsFor(name: string): unknown {
  if (name === 'referral.add') {
    const id = randomUUID();
    return {
      referralId: `ref-${id}`,
      receivedDate: '2026-11-20',
      source: 'gp',
      referrer: 'Dr Test',
      reason: 'Jaw pain',
      requestedPriority: 'routine',
      siteId: HERE,
      condition: 'tmj',
      patient: {
        newPatient: {
          id: `pat-${id}`,
          nhsNumber: nhsNumbers.next().value,
          givenName: 'Test',
          familyName: 'Patient',
          dateOfBirth: '1980-01-01',
          address: { line1: '1 Test Road', town: 'Worcester', postcode: 'WR1 1AA' },
          phone: '01632 960000',
          gpPractice: 'Orchard Surgery',
        },
      },
    };
  }
  if (name === 'appointment.book')
    return {
      appointmentId: randomUUID(),
      referralId: take(pool.referrals),
      slotId: take(pool.slots),
      overrides: AGREED,
    };
  if (name === 'patient.update') {
    return {
      patientId: take(pool.patientsHere),
      changes: { phone: '01632 960999' },
      hlc: formatHlc({ wall: Date.parse('2026-11-24T09:00:00Z'), counter: 0, node: 'matrix' }),
    };
  }
  if (name === 'referral.triage')
    return {
      referralId: take(pool.awaitingTriage),
      decision: { outcome: 'accept', priority: 'soon', clinicType: 'new', clinicianId: 'clin-1' },
    };
  if (name === 'appointment.attendance')
    return { appointmentId: take(pool.dueAttendance), attendance: 'attended' };
  if (name === 'pathway.outcome')
    return { referralId: take(pool.awaitingOutcome), code: '34', next: { step: 'discharge' } };
  if (name === 'pathway.validate')
    return { referralId: pool.referrals[0], key: 'no-next-step', comment: 'Checked with GP' };
  if (name === 'settings.update') return { triageWorkingDays: 4, breachWarningWeeks: 5 };
  if (name === 'template.save' || name === 'session.add') {
    const shape = {
      name: 'Matrix clinic',
      clinicianId: 'clin-1',
      siteId: HERE,
      room: 'OPD 9',
      startTime: '14:00',
      slotPattern: [{ type: 'new', minutes: 30 }],
    };
    return name === 'session.add'
      ? { ...shape, id: `ses-${randomUUID()}`, date: '2027-01-05' }
      : {
          ...shape,
          id: `tpl-${randomUUID()}`,
          weekday: 2,
          recurrence: { kind: 'weekly' },
          validFrom: null,
          validTo: null,
        };
  }
  if (name === 'sessions.generate')
    // A week no clinic has reached yet, each time, so every generation makes clinics.
    return {
      templateIds: pool.templates,
      from: addDays('2027-03-01', 7 * week++),
      weeks: 1,
    };
  if (name === 'session.slots')
    return { sessionId: pool.sessions[0], add: [{ type: 'follow-up', minutes: 15 }] };
  if (name === 'session.cancel')
    return { sessionId: take(pool.sessions), reason: 'Consultant on leave' };
  if (name === 'leave.record')
    return {
      id: randomUUID(),
      clinicianId: 'clin-2',
      from: '2027-06-01',
      to: '2027-06-04',
      reason: 'Annual leave',
    };
  if (name === 'rebook.call') return { rebookId: pool.rebooks.at(-1), outcome: 'no-answer' };
  if (name === 'rebook.return') return { rebookId: take(pool.rebooks), reason: 'Will ring back' };
  if (name === 'referral.shortNotice')
    return { referralId: pool.referrals.at(-1), siteIds: [HERE] };
  if (name === 'letter.printed') return { letterId: take(pool.letters) };
  if (name === 'letterTemplate.save')
    return { kind: 'tci', subject: 'Your admission', body: 'Dear {{patient.name}}' };
  if (name === 'daycase.update')
    return {
      referralId: pool.dayCases.at(-1),
      procedure: 'Surgical removal of lower third molars',
      priority: 'P3',
      decisionDate: '2026-11-20',
      estimatedMinutes: 60,
      preOp: { needed: true, outcome: 'not-done', date: null },
      unavailable: [],
    };
  if (name === 'daycase.list.add')
    return {
      id: `dcl-${randomUUID()}`,
      date: '2027-01-06',
      siteId: HERE,
      clinicianId: 'clin-1',
      name: 'Matrix day cases',
      capacity: { kind: 'minutes', minutes: 240 },
    };
  if (name === 'admission.book')
    return {
      admissionId: randomUUID(),
      referralId: pool.dayCases[0],
      listId: `dcl-${HERE}-${DAY_CASE_LISTS.matrix}`,
      preOpDate: addDays(DAY_CASE_LISTS.matrix, -7),
    };
  if (name === 'daycase.list.cancel')
    return { listId: pool.listsToCancel[0], reason: 'Surgeon on leave' };
  if (name === 'admission.cancel')
    return {
      admissionId: pool.admissionsToCancel[0],
      by: 'patient',
      onTheDay: false,
      reason: 'Exams',
    };
  if (name === 'admission.outcome')
    return { admissionId: pool.admissionsDue[0], outcome: 'treated' };
  if (name === 'contact.log')
    return {
      contactId: randomUUID(),
      siteId: HERE,
      callerName: 'Caller',
      relationship: 'patient',
      category: 'appointment-query',
      said: 'Asked for the date',
      done: 'Told them',
    };
  if (name === 'contact.close') return { contactId: pool.escalations[0], outcome: 'Rang back' };
  if (name === 'task.add')
    return {
      taskId: randomUUID(),
      siteId: HERE,
      title: 'GP letter',
      priority: 'routine',
      source: 'post',
      assignee: { userId: team.cover, name: 'Cover' },
    };
  if (name === 'task.reassignAll')
    return {
      fromUserId: team.absent,
      siteId: HERE,
      to: { userId: team.cover, name: 'Cover' },
      reason: 'Annual leave',
    };
  // The last admission due today: booked or, once treated above, admitted; both take it.
  if (name === 'admission.religion')
    return { admissionId: 'adm-matrix-7', religion: 'Quaker', chaplaincyVisit: true };
  if (name === 'session.cashUp') return { sessionId: pool.clinicsToCashUp[0] };
  if (name === 'session.reopen')
    return {
      sessionId: pool.clinicsCashedUp[0],
      reason: 'Outcome keyed against the wrong patient',
    };
  if (name === 'caseNotes.create')
    return {
      patientId: pool.patients[0],
      barcode: caseNoteBarcode(30_000_000 + moves++),
      siteId: HERE,
    };
  if (name === 'caseNotes.track')
    return { barcode: pool.barcodes[0], to: { kind: 'person', name: `Dr Matrix ${moves++}` } };
  if (name === 'caseNotes.missing')
    return { barcode: pool.barcodes[1], note: `Not on the shelf (search ${moves++})` };
  if (name === 'appointment.cancel')
    return { appointmentId: take(pool.appointments), by: 'patient', reason: 'Going on holiday' };
  if (name === 'appointment.arrive') return { appointmentId: take(pool.arrivals) };
  if (name === 'appointment.progress')
    return { appointmentId: take(pool.arrived), to: 'with-clinician' };
  if (name === 'appointment.undoDna')
    return { appointmentId: take(pool.dnaToday), reason: 'Arrived late; will be seen' };
  if (name === 'appointment.walkIn')
    return {
      appointmentId: randomUUID(),
      referralId: take(pool.referrals),
      sessionId: pool.deskSession,
    };
  if (name === 'session.runningLate')
    return { sessionId: pool.deskSession, minutes: 20, note: 'Emergency on the ward' };
  return { patientId: pool.patients[0], screen: 'test' };
}

async function versionsAndAudit() {
  const rs = await server.db.execute(
    "SELECT (SELECT MAX(version) FROM rows) AS v, (SELECT COUNT(*) FROM audit_events WHERE outcome = 'denied') AS denied",
  );
  return { version: Number(rs.rows[0]?.['v']), denied: Number(rs.rows[0]?.['denied']) };
}

const cases = ROLES.flatMap((role) =>
  Object.keys(MAY).flatMap((name) =>
    (['own', 'other'] as const).map((site) => ({ role, name, site })),
  ),
);

describe('every role × every mutation × own site / other site', () => {
  it.each(cases)('$role: $name at $site site', async ({ role, name, site }) => {
    const user: SignedIn = await server.signIn(role, [site === 'own' ? HERE : ELSEWHERE]);
    // An administrator is turned away before any edit is read: spend no test case on one.
    const args = role === 'administrator' ? {} : await prepare(name, user);
    const before = await versionsAndAudit();
    const res = await user.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({
        protocolVersion: 1,
        clientId: user.clientId,
        mutations: [
          {
            id: randomUUID(),
            clientId: user.clientId,
            seq: 1,
            name,
            args,
            at: '2026-11-24T09:00:00Z',
          },
        ],
      }),
    });
    const after = await versionsAndAudit();
    if (role === 'administrator') {
      expect(res.status).toBe(403);
      expect(after.version).toBe(before.version);
      return;
    }
    expect(res.status).toBe(200);
    const result = ((await res.json()) as PushResponse).results[0];
    const permitted = MAY[name]?.includes(role) ?? false;
    // Recording a view is never refused (the audit must be complete); it writes no rows.
    const writesRows = name !== 'patient.viewed';
    if (!permitted) {
      expect(result).toMatchObject({ status: 'rejected', reason: 'not-permitted' });
    } else if (site === 'other' && writesRows && !DEPARTMENT_WIDE.has(name)) {
      expect(result).toMatchObject({ status: 'rejected', reason: 'other-site' });
    } else {
      expect(result).toMatchObject({ status: 'applied' });
      TAKEN_WHEN_APPLIED[name]?.shift();
      return;
    }
    expect(after.version).toBe(before.version);
    expect(after.denied).toBe(before.denied + 1);
  });
});

const ROUTES: {
  method: string;
  path: string;
  allowed: readonly Role[] | 'all';
  okStatus: number;
  body?: unknown;
}[] = [
  { method: 'GET', path: '/api/auth/me', allowed: 'all', okStatus: 200 },
  {
    method: 'GET',
    path: '/api/sync/pull?since=0&limit=1',
    allowed: ['receptionist', 'booking-coordinator', 'medical-secretary', 'clinician', 'manager'],
    okStatus: 200,
  },
  { method: 'GET', path: '/api/users', allowed: ['administrator'], okStatus: 200 },
  {
    method: 'PATCH',
    path: '/api/users/nobody',
    allowed: ['administrator'],
    okStatus: 404,
    body: { displayName: 'X' },
  },
  { method: 'POST', path: '/api/users', allowed: ['administrator'], okStatus: 400, body: {} },
  { method: 'GET', path: '/api/audit', allowed: ['manager'], okStatus: 200 },
  {
    method: 'GET',
    path: '/api/team',
    allowed: ['receptionist', 'booking-coordinator', 'medical-secretary', 'clinician', 'manager'],
    okStatus: 200,
  },
];

describe('every route × every role', () => {
  const routeCases = ROUTES.flatMap((route) => ROLES.map((role) => ({ ...route, role })));
  it.each(routeCases)(
    '$method $path as $role',
    async ({ method, path, allowed, okStatus, body, role }) => {
      const user = await server.signIn(role, [HERE]);
      const init = { method, ...(body ? { body: JSON.stringify(body) } : {}) };
      const res = await user.request(path, init);
      const expected = allowed === 'all' || allowed.includes(role) ? okStatus : 403;
      expect(res.status).toBe(expected);
      const anonymous = await server.app.request(path, {
        ...init,
        headers: { 'content-type': 'application/json' },
      });
      expect(anonymous.status).toBe(401);
    },
  );
});

describe('an edit at one’s own site', () => {
  it('cannot overwrite a row of another site by reusing its id', async () => {
    const desk = await server.signIn('receptionist', [HERE]);
    const elsewhere = await ids(
      `SELECT id FROM rows WHERE tbl = 'appointments' AND site_id = '${ELSEWHERE}' AND json_extract(data, '$.status') = 'booked' LIMIT 1`,
    );
    const res = await desk.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({
        protocolVersion: 1,
        clientId: desk.clientId,
        mutations: [
          {
            id: randomUUID(),
            clientId: desk.clientId,
            seq: 1,
            name: 'appointment.book',
            args: {
              appointmentId: elsewhere[0],
              referralId: take(pool.referrals),
              slotId: take(pool.slots),
              overrides: AGREED,
            },
            at: '2026-11-24T09:00:00Z',
          },
        ],
      }),
    });
    expect(((await res.json()) as PushResponse).results[0]).toMatchObject({ status: 'rejected' });
  });
});

describe('what a device of one site receives', () => {
  it('holds only its site’s rows, department-wide rows, and patients referred to its site', async () => {
    const desk = await server.signIn('receptionist', [HERE]);
    const changes: PullResponse['changes'] = [];
    for (let since = 0, more = true; more;) {
      const page = (await (
        await desk.request(`/api/sync/pull?since=${since}&limit=5000`)
      ).json()) as PullResponse;
      changes.push(...page.changes);
      since = page.cursor;
      more = page.hasMore;
    }
    const sited = changes.filter((c) => c.row && 'siteId' in c.row);
    expect(sited.length).toBeGreaterThan(100);
    expect(sited.every((c) => c.row?.['siteId'] === HERE)).toBe(true);
    expect(changes.filter((c) => c.table === 'sites').map((c) => c.id)).toEqual([HERE]);
    const referredHere = new Set(
      changes.filter((c) => c.table === 'referrals').map((c) => c.row?.['patientId']),
    );
    const patients = changes.filter((c) => c.table === 'patients');
    expect(patients.length).toBeGreaterThan(10);
    expect(patients.every((p) => referredHere.has(p.id))).toBe(true);
  });
});
