import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../calendar/calendar-date.ts';
import { generateDepartment } from '../demo/generate-department.ts';
import { runMutation } from '../mutators/registry.ts';
import { AGREED, readStateOver, type Tables } from '../mutators/fixtures.test-support.ts';
import type { Change, MutatorContext } from '../mutators/mutator.ts';
import { CONDITIONS, isOpenPathway, PRIORITIES, RTT_CODES } from '../referrals/referral.ts';
import { NEXT_STEPS } from '../mutators/pathway-outcome.ts';
import { nextStepOf, validationItems } from './pathway.ts';
import { isActiveAppointment } from '../booking/appointment.ts';
import { rebookIdFor } from '../clinics/rebook.ts';
import { PRE_OP_OUTCOMES, SURGICAL_PRIORITIES } from '../day-cases/day-case.ts';
import { listUse } from '../day-cases/capacity.ts';
import { unfinishedReason } from '../clinics/cash-up.ts';

/**
 * The clinical-safety invariant of issue 5 (hazard H1 in docs/clinical-safety.md): whatever
 * sequence of edits the desk makes — adding, triaging, booking, double-booking, cancelling,
 * attending (checked in at the desk, with the clinician, could not wait, walked in), not
 * attending, outcomes, validation, time passing, clinics cancelled or reduced for leave and
 * their patients rebooked or returned — every open pathway keeps a next step a person can see,
 * no slot is ever held by two appointments, and every displaced patient stays on the Rebook
 * worklist until rebooked or deliberately returned.
 */

const START = '2026-03-02';
// The domain has no Node types (it runs in browsers too): read the soak setting defensively.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const RUNS = Number(env?.['FUZZ_RUNS'] ?? 500);

const pick = <T>(items: readonly T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length];

const command = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    who: fc.nat(),
    condition: fc.constantFrom(...CONDITIONS),
    override: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('triage' as const),
    which: fc.nat(),
    outcome: fc.constantFrom('accept', 'accept', 'reject', 'redirect'),
    priority: fc.constantFrom(...PRIORITIES),
    clinicType: fc.constantFrom('new', 'urgent', 'procedure'),
  }),
  fc.record({ kind: fc.constant('book' as const), which: fc.nat(), slot: fc.nat() }),
  fc.record({ kind: fc.constant('double-book' as const), which: fc.nat(), slot: fc.nat() }),
  fc.record({
    kind: fc.constant('cancel' as const),
    which: fc.nat(),
    by: fc.constantFrom('patient', 'hospital'),
  }),
  fc.record({ kind: fc.constant('attend' as const), which: fc.nat(), attended: fc.boolean() }),
  fc.record({
    kind: fc.constant('outcome' as const),
    which: fc.nat(),
    code: fc.constantFrom(...RTT_CODES),
    step: fc.constantFrom(...NEXT_STEPS),
    weeks: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ kind: fc.constant('validate' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('time-passes' as const), days: fc.integer({ min: 1, max: 21 }) }),
  // Issue 6: a clinician's leave empties or reduces a clinic; displaced patients are rung,
  // rebooked or deliberately returned to the waiting list.
  fc.record({
    kind: fc.constant('cancel-clinic' as const),
    which: fc.nat(),
    reduce: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('rebook' as const), which: fc.nat(), slot: fc.nat() }),
  fc.record({ kind: fc.constant('return' as const), which: fc.nat() }),
  // Issue 7: day-case details, TCI dates booked on lists with capacity, cancelled (by the
  // hospital on the day: 28-day tracking) and their outcomes.
  fc.record({
    kind: fc.constant('day-case-details' as const),
    which: fc.nat(),
    priority: fc.constantFrom(...SURGICAL_PRIORITIES),
    minutes: fc.integer({ min: 5, max: 300 }),
    preOp: fc.constantFrom(...PRE_OP_OUTCOMES, 'not-needed'),
    away: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('book-tci' as const),
    which: fc.nat(),
    list: fc.nat(),
    preOpDaysBefore: fc.integer({ min: -2, max: 14 }),
  }),
  fc.record({
    kind: fc.constant('cancel-tci' as const),
    which: fc.nat(),
    by: fc.constantFrom('patient', 'hospital'),
    onTheDay: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('tci-outcome' as const), which: fc.nat(), treated: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel-list' as const), which: fc.nat() }),
  // Issue 8: clinics cashed up (only when every patient is finished) and reopened.
  fc.record({ kind: fc.constant('cash-up' as const), which: fc.nat(), unfinished: fc.boolean() }),
  fc.record({ kind: fc.constant('reopen' as const), which: fc.nat() }),
  // Issue 8: the reception desk on the day: arrivals, the clinician, could not wait, undo, walk-ins.
  fc.record({
    kind: fc.constant('desk' as const),
    which: fc.nat(),
    step: fc.constantFrom('arrive', 'with-clinician', 'could-not-wait', 'booked', 'arrived'),
  }),
  fc.record({ kind: fc.constant('walk-in' as const), which: fc.nat(), session: fc.nat() }),
  // Hazard H18: a did-not-attend taken back on the day.
  fc.record({ kind: fc.constant('undo-dna' as const), which: fc.nat() }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** Turns a generated command into a mutation against the world as it is now. */
function mutationFor(c: Command, t: Tables, today: string, n: number): Array<[string, unknown]> {
  const open = t.referrals.filter(isOpenPathway);
  const freeSlots = t.slots.filter((s) => s.status === 'free' && s.date >= today);
  switch (c.kind) {
    case 'add': {
      const patient = pick(t.patients, c.who)!;
      return [
        [
          'referral.add',
          {
            referralId: `ref-new-${n}`,
            patient: { existingPatientId: patient.id },
            receivedDate: today,
            source: 'gp',
            referrer: 'Dr Gosling',
            reason: 'Another letter',
            requestedPriority: 'routine',
            siteId: 'site-wrh',
            condition: c.condition,
            notDuplicateBecause: c.override ? 'Other side' : '',
          },
        ],
      ];
    }
    case 'triage': {
      const r = pick(
        t.referrals.filter((x) => x.status === 'awaiting-triage'),
        c.which,
      );
      if (!r) return [];
      const decision =
        c.outcome === 'accept'
          ? {
              outcome: 'accept',
              priority: c.priority,
              clinicType: c.clinicType,
              clinicianId: 'clin-1',
            }
          : c.outcome === 'reject'
            ? { outcome: 'reject', reason: 'For the dentist' }
            : { outcome: 'redirect', reason: 'Skin', redirectTo: 'Dermatology' };
      return [['referral.triage', { referralId: r.id, decision }]];
    }
    case 'book':
    case 'double-book': {
      const waiting = t.referrals.filter((x) => x.status === 'waiting');
      const slot = pick(freeSlots, c.slot);
      const first = pick(waiting, c.which);
      if (!slot || !first) return [];
      const book = (id: string, referralId: string): [string, unknown] => [
        'appointment.book',
        { appointmentId: id, referralId, slotId: slot.id, overrides: AGREED },
      ];
      const second = pick(waiting, c.which + 1);
      return c.kind === 'book' || !second
        ? [book(`appt-new-${n}`, first.id)]
        : [book(`appt-new-${n}`, first.id), book(`appt-new-${n}b`, second.id)];
    }
    case 'cancel': {
      const a = pick(
        t.appointments.filter((x) => x.status === 'booked'),
        c.which,
      );
      return a ? [['appointment.cancel', { appointmentId: a.id, by: c.by, reason: 'Unwell' }]] : [];
    }
    case 'desk': {
      const a = pick(
        t.appointments.filter((x) => isActiveAppointment(x) && x.date === today),
        c.which,
      );
      if (!a) return [];
      return c.step === 'arrive'
        ? [['appointment.arrive', { appointmentId: a.id }]]
        : [['appointment.progress', { appointmentId: a.id, to: c.step }]];
    }
    case 'undo-dna': {
      const a = pick(
        t.appointments.filter((x) => x.status === 'did-not-attend' && x.date === today),
        c.which,
      );
      return a ? [['appointment.undoDna', { appointmentId: a.id, reason: 'Arrived late' }]] : [];
    }
    case 'walk-in': {
      const r = pick(
        open.filter((x) => x.status === 'waiting' || x.status === 'follow-up'),
        c.which,
      );
      const session = pick(
        t.clinicSessions.filter((x) => x.date === today && x.status === 'open'),
        c.session,
      );
      return r && session
        ? [
            [
              'appointment.walkIn',
              { appointmentId: `appt-walk-in-${n}`, referralId: r.id, sessionId: session.id },
            ],
          ]
        : [];
    }
    case 'attend': {
      const a = pick(
        t.appointments.filter((x) => isActiveAppointment(x) && x.date <= today),
        c.which,
      );
      return a
        ? [
            [
              'appointment.attendance',
              { appointmentId: a.id, attendance: c.attended ? 'attended' : 'did-not-attend' },
            ],
          ]
        : [];
    }
    case 'outcome': {
      const r = pick(open, c.which);
      if (!r) return [];
      const next =
        c.step === 'follow-up'
          ? { step: c.step, inWeeks: c.weeks }
          : c.step === 'active-monitoring'
            ? { step: c.step, reviewInWeeks: c.weeks }
            : c.step === 'day-case'
              ? { step: c.step, procedure: 'Removal of 38', priority: 'P3', estimatedMinutes: 45 }
              : { step: c.step };
      return [['pathway.outcome', { referralId: r.id, code: c.code, next }]];
    }
    case 'validate': {
      const r = pick(open, c.which);
      return r
        ? [['pathway.validate', { referralId: r.id, key: 'no-next-step', comment: 'Checked' }]]
        : [];
    }
    case 'cancel-clinic': {
      const withBookings = t.clinicSessions.filter(
        (x) =>
          x.status === 'open' &&
          x.date >= today &&
          t.slots.some((sl) => sl.sessionId === x.id && sl.status === 'booked'),
      );
      const session = pick(withBookings, c.which);
      if (!session) return [];
      const slotIds = c.reduce
        ? t.slots
            .filter((sl) => sl.sessionId === session.id && sl.status !== 'blocked')
            .filter((_, i) => i % 2 === 0)
            .map((sl) => sl.id)
        : null;
      return [['session.cancel', { sessionId: session.id, reason: CLINIC_CANCELLED, slotIds }]];
    }
    case 'rebook': {
      const rebook = pick(
        t.rebooks.filter((x) => x.status === 'open'),
        c.which,
      );
      const slot = pick(freeSlots, c.slot);
      if (!rebook || !slot) return [];
      return [
        [
          'appointment.book',
          {
            appointmentId: `appt-rebook-${n}`,
            referralId: rebook.referralId,
            slotId: slot.id,
            overrides: AGREED,
          },
        ],
      ];
    }
    case 'return': {
      const rebook = pick(
        t.rebooks.filter((x) => x.status === 'open'),
        c.which,
      );
      return rebook ? [['rebook.return', { rebookId: rebook.id, reason: 'Will ring back' }]] : [];
    }
    case 'day-case-details': {
      const r = pick(
        t.referrals.filter((x) => x.status === 'day-case'),
        c.which,
      );
      if (!r) return [];
      const preOp =
        c.preOp === 'not-needed'
          ? { needed: false, outcome: 'not-done', date: null }
          : { needed: true, outcome: c.preOp, date: c.preOp === 'not-done' ? null : today };
      return [
        [
          'daycase.update',
          {
            referralId: r.id,
            procedure: 'Removal of 38',
            priority: c.priority,
            decisionDate: today,
            estimatedMinutes: c.minutes,
            preOp,
            unavailable: c.away
              ? [{ from: addDays(today, 7), to: addDays(today, 21), reason: 'Holiday' }]
              : [],
          },
        ],
      ];
    }
    case 'book-tci': {
      const r = pick(
        t.referrals.filter((x) => x.status === 'day-case'),
        c.which,
      );
      const list = pick(
        t.dayCaseLists.filter((l) => l.date >= today),
        c.list,
      );
      if (!r || !list) return [];
      return [
        [
          'admission.book',
          {
            admissionId: `adm-${n}`,
            referralId: r.id,
            listId: list.id,
            preOpDate: addDays(list.date, -c.preOpDaysBefore),
          },
        ],
      ];
    }
    case 'cancel-tci': {
      const a = pick(
        t.admissions.filter((x) => x.status === 'booked'),
        c.which,
      );
      return a
        ? [
            [
              'admission.cancel',
              { admissionId: a.id, by: c.by, onTheDay: c.onTheDay, reason: 'No bed' },
            ],
          ]
        : [];
    }
    case 'cancel-list': {
      // A whole list, chosen among those with someone booked on it (the surgeon on leave).
      const listIds = [
        ...new Set(t.admissions.filter((x) => x.status === 'booked').map((x) => x.listId)),
      ];
      const listId = pick(listIds, c.which);
      return listId ? [['daycase.list.cancel', { listId, reason: 'Surgeon on leave' }]] : [];
    }
    case 'tci-outcome': {
      const a = pick(
        t.admissions.filter((x) => x.status === 'booked' && x.tciDate <= today),
        c.which,
      );
      return a
        ? [
            [
              'admission.outcome',
              { admissionId: a.id, outcome: c.treated ? 'treated' : 'did-not-attend' },
            ],
          ]
        : [];
    }
    case 'cash-up': {
      // Half the time a clinic someone is unfinished in: the attempt the rule must refuse.
      const referralById = new Map(t.referrals.map((r) => [r.id, r]));
      const unfinished = new Set(
        t.appointments
          .filter((a) => unfinishedReason(a, referralById.get(a.referralId)))
          .map((a) => a.sessionId),
      );
      const session = pick(
        t.clinicSessions.filter(
          (x) =>
            x.status === 'open' &&
            x.date <= today &&
            !x.cashedUp &&
            (!c.unfinished || unfinished.has(x.id)),
        ),
        c.which,
      );
      return session ? [['session.cashUp', { sessionId: session.id }]] : [];
    }
    case 'reopen': {
      const session = pick(
        t.clinicSessions.filter((x) => x.cashedUp),
        c.which,
      );
      return session ? [['session.reopen', { sessionId: session.id, reason: 'Correction' }]] : [];
    }
    case 'time-passes':
      return [];
  }
}

const CLINIC_CANCELLED = 'Clinic cancelled: consultant on leave';

/**
 * Small departments to start from, made once: each run copies the arrays (rows are never edited
 * in place — mutators return new rows) and keeps only the clinics near the test's dates.
 */
const WORLDS = [1, 2, 3, 4, 5].map((seed) => {
  const dept = generateDepartment({ seed, today: START, referrals: 30 }) as Tables;
  const near = (date: string) => date >= addDays(START, -21) && date <= addDays(START, 56);
  return {
    ...dept,
    clinicSessions: dept.clinicSessions.filter((x) => near(x.date)),
    slots: dept.slots.filter((x) => near(x.date) || x.status === 'booked'),
  };
});

function copyOf(world: Tables): Tables {
  return Object.fromEntries(
    Object.entries(world).map(([table, rows]) => [table, [...(rows as object[])]]),
  ) as Tables;
}

/** Writes a mutation's rows the way the device and server do: the whole row, by id. */
function write(tables: Tables, changes: readonly Change[]): void {
  for (const { table, row } of changes) {
    const rows: { id: string }[] = tables[table];
    const at = rows.findIndex((r) => r.id === row.id);
    if (at === -1) rows.push(row);
    else rows[at] = row;
  }
}

function contextOn(today: string): MutatorContext {
  return { today, now: `${today}T18:00:00.000Z`, actor: { userId: 'u', name: 'Property Test' } };
}

function checkInvariants(t: Tables, today: string): void {
  for (const r of t.referrals) {
    if (!isOpenPathway(r)) continue;
    const next = nextStepOf(r, t.appointments, today);
    expect(next, `${r.id} (${r.status}) has no next step`).not.toBeNull();
    expect(validationItems(r, t.appointments, today).map((i) => i.key)).not.toContain(
      'no-next-step',
    );
  }
  const holders = new Map<string, number>();
  const holds = (status: string) => !status.startsWith('cancelled');
  for (const a of t.appointments) {
    if (!holds(a.status)) continue;
    holders.set(a.slotId, (holders.get(a.slotId) ?? 0) + 1);
  }
  for (const [slotId, count] of holders) expect(count, `slot ${slotId} held twice`).toBe(1);
  // Issue 8: a cashed-up clinic has nobody left unfinished: every attendance has its outcome.
  const cashedUp = new Set(t.clinicSessions.filter((x) => x.cashedUp).map((x) => x.id));
  const referralById = new Map(t.referrals.map((r) => [r.id, r]));
  for (const a of t.appointments.filter((x) => cashedUp.has(x.sessionId))) {
    expect(
      unfinishedReason(a, referralById.get(a.referralId)),
      `${a.id} unfinished in a cashed-up clinic`,
    ).toBeNull();
  }
  for (const s of t.slots) {
    if (s.status !== 'booked') continue;
    const holder = t.appointments.find((a) => a.id === s.appointmentId);
    expect(holder && holds(holder.status), `${s.id} booked for nobody`).toBe(true);
  }
  // Issue 6: every patient a clinic cancellation displaced is on the Rebook worklist until
  // rebooked (into an appointment that exists) or returned to the waiting list with a reason.
  const rebooks = new Map(t.rebooks.map((r) => [r.id, r]));
  for (const a of t.appointments) {
    if (a.status !== 'cancelled-by-hospital' || a.cancellationReason !== CLINIC_CANCELLED) continue;
    const rebook = rebooks.get(rebookIdFor(a.id));
    expect(rebook, `${a.id} displaced with no Rebook item`).toBeDefined();
    if (rebook!.status === 'rebooked') {
      expect(t.appointments.some((x) => x.id === rebook!.newAppointmentId)).toBe(true);
    } else if (rebook!.status === 'returned') {
      expect(rebook!.closedReason).toBeTruthy();
    }
  }
  // Issue 7: no day-case list holds more than it can; an operation the hospital cancelled on
  // the day is tracked until a new admission that exists; a booked TCI is on its pathway.
  for (const list of t.dayCaseLists) {
    expect(listUse(list, t.admissions).remaining, `${list.id} overbooked`).toBeGreaterThanOrEqual(
      0,
    );
  }
  const admissions = new Map(t.admissions.map((a) => [a.id, a]));
  for (const a of t.admissions) {
    if (a.status === 'cancelled-by-hospital' && a.cancelledOnTheDay) {
      expect(a.rebookBy, `${a.id} cancelled on the day with no rebook date`).not.toBeNull();
    }
    if (a.rebookedAdmissionId) expect(admissions.has(a.rebookedAdmissionId)).toBe(true);
    if (a.status === 'booked') {
      const r = t.referrals.find((x) => x.id === a.referralId)!;
      if (r.status === 'day-case')
        expect(r.tciDate, `${a.id} booked, not on ${r.id}`).toBe(a.tciDate);
    }
  }
  for (const r of t.referrals) {
    if (!r.openRebookId) continue;
    expect(rebooks.get(r.openRebookId)?.status, `${r.id} points at a closed Rebook item`).toBe(
      'open',
    );
  }
}

describe('nobody is lost (clinical-safety invariant)', () => {
  it('starts from a department where every open pathway has a next step', () => {
    const dept = generateDepartment({ seed: 5, today: START, referrals: 400 });
    checkInvariants(dept as Tables, START);
  });

  it(`keeps a next step on every open pathway through any sequence of edits (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(WORLDS.length - 1),
        fc.array(command, { minLength: 1, maxLength: 40 }),
        async (world, commands) => {
          const tables = copyOf(WORLDS[world]!);
          let today = START;
          let n = 0;
          for (const c of commands) {
            if (c.kind === 'time-passes') today = addDays(today, c.days);
            for (const [name, args] of mutationFor(c, tables, today, ++n)) {
              const result = await runMutation(name, args, readStateOver(tables), contextOn(today));
              if (result.ok) write(tables, result.changes);
            }
            checkInvariants(tables, today);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
