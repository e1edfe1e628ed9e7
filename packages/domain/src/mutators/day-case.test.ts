import { describe, it, expect } from 'vitest';
import type { DayCaseList } from '../day-cases/day-case.ts';
import { cancelledOnTheDay, orderDayCaseList } from '../day-cases/day-case-list.ts';
import { listUse } from '../day-cases/capacity.ts';
import { chaplaincyList } from '../day-cases/day-case.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { nextStepOf, validationItems } from '../pathways/pathway.ts';
import type { Referral } from '../referrals/referral.ts';
import { runMutation } from './registry.ts';
import type { MutatorContext } from './mutator.ts';
import {
  buildTables,
  CTX,
  isPlainEnglish,
  readStateOver,
  rowOf,
  withChanges,
  type Tables,
} from './fixtures.test-support.ts';

const ON = (today: string): MutatorContext => ({ ...CTX, today, now: `${today}T10:00:00.000Z` });

function list(id: string, date: string, capacity: DayCaseList['capacity']): DayCaseList {
  return {
    id,
    date,
    siteId: 'site-wrh',
    clinicianId: 'clin-1',
    name: 'Whitcombe day-case list',
    capacity,
    status: 'open',
    addedAt: '2026-02-01T09:00:00.000Z',
    addedBy: CTX.actor,
    cancelledAt: null,
    cancelledBy: null,
    cancellationReason: null,
  };
}

/** The fixture department with a pathway on the day-case list and four day-case lists. */
function withDayCases(): Tables {
  const tables = buildTables();
  const base = rowOf(tables, 'referrals', 'ref-routine');
  const onList = (id: string, patientId: string): Referral => ({
    ...base,
    id,
    patientId,
    status: 'day-case',
    rttEvents: [
      ...base.rttEvents,
      { date: '2026-02-16', code: '20', cause: 'Clinic outcome: add to the day-case list' },
    ],
  });
  tables.referrals.push(onList('ref-dc', 'pat-amelia'), onList('ref-dc-2', 'pat-oliver'));
  tables.dayCaseLists.push(
    list('dcl-count', '2026-03-18', { kind: 'procedures', count: 1 }),
    list('dcl-minutes', '2026-03-19', { kind: 'minutes', minutes: 90 }),
    list('dcl-later', '2026-04-15', { kind: 'procedures', count: 6 }),
    {
      ...list('dcl-cancelled', '2026-03-20', { kind: 'procedures', count: 6 }),
      status: 'cancelled',
    },
    list('dcl-past', '2026-02-25', { kind: 'procedures', count: 6 }),
  );
  return tables;
}

const DETAILS = {
  procedure: 'Removal of lower left third molar',
  priority: 'P3',
  decisionDate: '2026-02-16',
  estimatedMinutes: 60,
  preOp: { needed: false, outcome: 'not-done', date: null },
  unavailable: [],
};

async function run(name: string, args: unknown, tables: Tables, ctx = CTX) {
  return runMutation(name, args, readStateOver(tables), ctx);
}

async function apply(name: string, args: unknown, tables: Tables, ctx = CTX) {
  const result = await run(name, args, tables, ctx);
  if (!result.ok) throw new Error(`${name} refused: ${result.message}`);
  return withChanges(tables, result.changes);
}

async function refusal(name: string, args: unknown, tables: Tables, ctx = CTX) {
  const result = await run(name, args, tables, ctx);
  if (result.ok) throw new Error(`${name} was allowed`);
  expect(isPlainEnglish(result.message)).toBe(true);
  return result;
}

/** Day-case details recorded for both pathways (with overrides for the first). */
async function detailed(overrides: Record<string, unknown> = {}, tables = withDayCases()) {
  const one = await apply(
    'daycase.update',
    { referralId: 'ref-dc', ...DETAILS, ...overrides },
    tables,
  );
  return apply('daycase.update', { referralId: 'ref-dc-2', ...DETAILS }, one);
}

const book = (admissionId: string, listId: string, referralId = 'ref-dc', preOpDate?: string) => ({
  admissionId,
  referralId,
  listId,
  ...(preOpDate ? { preOpDate } : {}),
});

describe('daycase.update', () => {
  it('records the decision to admit as RTT 20 on its own date, once, with the clock running on', async () => {
    const tables = await detailed({ decisionDate: '2026-02-20' });
    const referral = rowOf(tables, 'referrals', 'ref-dc');
    const twenties = referral.rttEvents.filter((e) => e.code === '20');
    expect(twenties.at(-1)).toMatchObject({
      date: '2026-02-20',
      cause: 'Decision to admit: Removal of lower left third molar',
      recordedBy: CTX.actor,
    });
    expect(rttClock(referral.rttEvents, CTX.today)).toMatchObject({
      state: 'running',
      problems: [],
    });
    const again = await apply(
      'daycase.update',
      { referralId: 'ref-dc', ...DETAILS, priority: 'P2' },
      tables,
    );
    const after = rowOf(again, 'referrals', 'ref-dc');
    expect(after.rttEvents).toHaveLength(referral.rttEvents.length);
    expect(after.dayCase).toMatchObject({ priority: 'P2', addedAt: referral.dayCase!.addedAt });
  });

  it('keeps the RTT events in date order when the decision was made before the last event', async () => {
    const tables = await detailed({ decisionDate: '2026-02-10' });
    const events = rowOf(tables, 'referrals', 'ref-dc').rttEvents;
    expect(events.map((e) => e.date)).toEqual([...events.map((e) => e.date)].sort());
    expect(rttClock(events, CTX.today).problems).toEqual([]);
  });

  it.each([
    ['a pathway not on the day-case list', { referralId: 'ref-routine' }, 'not-on-day-case-list'],
    ['a decision to admit in the future', { decisionDate: '2026-03-03' }, 'decision-in-future'],
    [
      'a decision before the clock started',
      { decisionDate: '2025-11-30' },
      'decision-before-clock',
    ],
    [
      'unavailability that ends before it starts',
      { unavailable: [{ from: '2026-04-10', to: '2026-04-01', reason: 'Holiday' }] },
      'unavailable-backwards',
    ],
    [
      'a pre-op outcome without its date',
      { preOp: { needed: true, outcome: 'fit', date: null } },
      'pre-op-date-missing',
    ],
    [
      'a pre-op outcome when none is needed',
      { preOp: { needed: false, outcome: 'fit', date: '2026-02-20' } },
      'pre-op-not-needed',
    ],
    ['no procedure', { procedure: '  ' }, 'invalid-args'],
    ['a priority outside P1–P4', { priority: 'P1a' }, 'invalid-args'],
  ])('refuses %s', async (_, overrides, reason) => {
    const result = await refusal(
      'daycase.update',
      { referralId: 'ref-dc', ...DETAILS, ...overrides },
      withDayCases(),
    );
    expect(result.reason).toBe(reason);
  });
});

describe('daycase.list.add', () => {
  const LIST = {
    id: 'dcl-new',
    date: '2026-03-25',
    siteId: 'site-wrh',
    clinicianId: 'clin-1',
    name: 'Wednesday day cases',
    capacity: { kind: 'minutes', minutes: 240 },
  };
  it('adds an open list with its capacity', async () => {
    const tables = await apply('daycase.list.add', LIST, withDayCases());
    expect(rowOf(tables, 'dayCaseLists', 'dcl-new')).toMatchObject({
      status: 'open',
      capacity: { kind: 'minutes', minutes: 240 },
      addedBy: CTX.actor,
    });
  });
  it.each([
    ['a list already added', { id: 'dcl-count' }, 'duplicate-id'],
    ['a day that has passed', { date: '2026-02-27' }, 'date-in-past'],
    ['a bank holiday', { date: '2026-04-03' }, 'closed-day'],
    ['an unknown site', { siteId: 'site-nowhere' }, 'unknown-site'],
    ['an unknown surgeon', { clinicianId: 'clin-9' }, 'unknown-clinician'],
    ['no capacity', { capacity: { kind: 'procedures', count: 0 } }, 'invalid-args'],
  ])('refuses %s', async (_, overrides, reason) => {
    const result = await refusal('daycase.list.add', { ...LIST, ...overrides }, withDayCases());
    expect(result.reason).toBe(reason);
  });
});

describe('admission.book', () => {
  it('books a TCI date on a list with room and puts it on the pathway', async () => {
    const tables = await apply('admission.book', book('adm-1', 'dcl-later'), await detailed());
    expect(rowOf(tables, 'admissions', 'adm-1')).toMatchObject({
      status: 'booked',
      tciDate: '2026-04-15',
      procedure: 'Removal of lower left third molar',
      minutes: 60,
      siteId: 'site-wrh',
      bookedBy: CTX.actor,
    });
    const referral = rowOf(tables, 'referrals', 'ref-dc');
    expect(referral.tciDate).toBe('2026-04-15');
    expect(nextStepOf(referral, [], CTX.today)).toEqual({ kind: 'tci', date: '2026-04-15' });
  });

  it('produces the TCI letter at once, with the date, the procedure and the pre-op instructions', async () => {
    const tables = await apply('admission.book', book('adm-1', 'dcl-later'), await detailed());
    const letter = rowOf(tables, 'letters', 'letter-tci-adm-1');
    expect(letter).toMatchObject({ kind: 'tci', referralId: 'ref-dc', printedAt: null });
    expect(letter.merge).toMatchObject({
      'tci.date': '15/04/2026',
      'tci.procedure': 'Removal of lower left third molar',
    });
    expect(letter.body).toMatch(/eat|fast/i);
  });

  it.each([
    [
      'by count: a list holding one procedure takes one',
      'dcl-count',
      60,
      'The day-case list on 18/03/2026 is full (1 of 1 procedures booked): choose another list',
    ],
    [
      'by minutes: 60 of 90 used leaves no room for another 60',
      'dcl-minutes',
      60,
      'The day-case list on 19/03/2026 has 30 minutes left and this procedure takes 60: choose another list',
    ],
  ])('never overbooks a list %s', async (_, listId, minutes, message) => {
    const tables = await detailed({ estimatedMinutes: minutes });
    const first = await apply('admission.book', book('adm-1', listId), tables);
    const second = await refusal('admission.book', book('adm-2', listId, 'ref-dc-2'), first);
    expect(second).toMatchObject({ reason: 'list-full', message });
  });

  it('fits a short procedure into the minutes left on a list', async () => {
    const tables = await detailed();
    const first = await apply('admission.book', book('adm-1', 'dcl-minutes'), tables);
    const short = await apply(
      'daycase.update',
      { referralId: 'ref-dc-2', ...DETAILS, estimatedMinutes: 30 },
      first,
    );
    const both = await apply('admission.book', book('adm-2', 'dcl-minutes', 'ref-dc-2'), short);
    const list = rowOf(both, 'dayCaseLists', 'dcl-minutes');
    expect(listUse(list, both.admissions)).toEqual({
      unit: 'minutes',
      total: 90,
      used: 90,
      remaining: 0,
    });
  });

  it.each([
    [
      'a TCI while the patient is unavailable',
      { unavailable: [{ from: '2026-04-10', to: '2026-04-20', reason: 'Holiday abroad' }] },
      book('adm-1', 'dcl-later'),
      'patient-unavailable',
      'The patient is unavailable from 10/04/2026 to 20/04/2026 (Holiday abroad): choose a list outside those dates',
    ],
    [
      'a TCI before the pre-operative assessment',
      { preOp: { needed: true, outcome: 'not-done', date: null } },
      book('adm-1', 'dcl-count', 'ref-dc', '2026-03-18'),
      'pre-op-after-tci',
      'The pre-operative assessment (18/03/2026) must be before the TCI date (18/03/2026)',
    ],
    [
      'a TCI with no pre-operative assessment when one is needed',
      { preOp: { needed: true, outcome: 'not-done', date: null } },
      book('adm-1', 'dcl-later'),
      'pre-op-needed',
      'This patient needs a pre-operative assessment: give its date, before the TCI date',
    ],
    [
      'a patient the pre-operative assessment found unfit',
      { preOp: { needed: true, outcome: 'unfit', date: '2026-02-25' } },
      book('adm-1', 'dcl-later'),
      'unfit-for-surgery',
      'The pre-operative assessment found the patient not fit for surgery: the surgeon must review them before a TCI date is booked',
    ],
  ])('refuses %s, in plain words', async (_, overrides, args, reason, message) => {
    const result = await refusal('admission.book', args, await detailed(overrides));
    expect(result).toMatchObject({ reason, message });
  });

  it('books the pre-operative assessment with the TCI, before it', async () => {
    const tables = await detailed({ preOp: { needed: true, outcome: 'not-done', date: null } });
    const booked = await apply(
      'admission.book',
      book('adm-1', 'dcl-count', 'ref-dc', '2026-03-11'),
      tables,
    );
    expect(rowOf(booked, 'admissions', 'adm-1').preOpDate).toBe('2026-03-11');
    expect(rowOf(booked, 'referrals', 'ref-dc').dayCase!.preOp.date).toBe('2026-03-11');
  });

  it('books a patient found fit with no further pre-operative date', async () => {
    const tables = await detailed({ preOp: { needed: true, outcome: 'fit', date: '2026-02-25' } });
    const booked = await apply('admission.book', book('adm-1', 'dcl-later'), tables);
    expect(rowOf(booked, 'admissions', 'adm-1').preOpDate).toBe('2026-02-25');
  });

  it.each([
    ['a pathway with no day-case details', 'ref-dc', 'dcl-later', 'details-missing', false],
    [
      'a pathway not on the day-case list',
      'ref-routine',
      'dcl-later',
      'not-on-day-case-list',
      true,
    ],
    ['a cancelled list', 'ref-dc', 'dcl-cancelled', 'list-cancelled', true],
    ['a list that has passed', 'ref-dc', 'dcl-past', 'list-in-past', true],
    ['an unknown list', 'ref-dc', 'dcl-nowhere', 'unknown-list', true],
  ])('refuses %s', async (_, referralId, listId, reason, withDetails) => {
    const tables = withDetails ? await detailed() : withDayCases();
    const result = await refusal('admission.book', book('adm-1', listId, referralId), tables);
    expect(result.reason).toBe(reason);
  });

  it('refuses a second TCI for a patient already booked, and a reused id', async () => {
    const tables = await apply('admission.book', book('adm-1', 'dcl-count'), await detailed());
    expect((await refusal('admission.book', book('adm-2', 'dcl-later'), tables)).reason).toBe(
      'already-booked',
    );
    expect(
      (await refusal('admission.book', book('adm-1', 'dcl-later', 'ref-dc-2'), tables)).reason,
    ).toBe('duplicate-id');
  });
});

describe('admission.cancel', () => {
  const cancel = (by: string, onTheDay: boolean) => ({
    admissionId: 'adm-1',
    by,
    onTheDay,
    reason: by === 'hospital' ? 'No bed' : 'Childcare',
  });

  it('tracks an on-the-day hospital cancellation for 28 days, clock running, until a new TCI is booked', async () => {
    const booked = await apply('admission.book', book('adm-1', 'dcl-count'), await detailed());
    const onTheDay = ON('2026-03-18');
    const cancelled = await apply('admission.cancel', cancel('hospital', true), booked, onTheDay);
    const admission = rowOf(cancelled, 'admissions', 'adm-1');
    expect(admission).toMatchObject({
      status: 'cancelled-by-hospital',
      cancelledOnTheDay: true,
      rebookBy: '2026-04-15',
      rebookedAdmissionId: null,
    });
    const referral = rowOf(cancelled, 'referrals', 'ref-dc');
    expect(referral).toMatchObject({ status: 'day-case', tciDate: null });
    expect(referral.rttEvents).toEqual(rowOf(booked, 'referrals', 'ref-dc').rttEvents);
    expect(rttClock(referral.rttEvents, '2026-03-18').state).toBe('running');
    expect(nextStepOf(referral, [], '2026-03-18')).toEqual({ kind: 'list', list: 'day-case' });
    expect(cancelledOnTheDay(cancelled.admissions, '2026-03-18')).toEqual([
      { admission, overdue: false },
    ]);
    expect(cancelledOnTheDay(cancelled.admissions, '2026-04-16')[0]!.overdue).toBe(true);

    const rebooked = await apply('admission.book', book('adm-2', 'dcl-later'), cancelled, onTheDay);
    expect(rowOf(rebooked, 'admissions', 'adm-1').rebookedAdmissionId).toBe('adm-2');
    expect(cancelledOnTheDay(rebooked.admissions, '2026-03-18')).toEqual([]);
  });

  it.each([
    ['the hospital, not on the day', 'hospital', false],
    ['the patient, on the day', 'patient', true],
    ['the patient, beforehand', 'patient', false],
  ])(
    'puts the pathway back on the day-case list with no 28-day tracking when cancelled by %s',
    async (_, by, onTheDay) => {
      const booked = await apply('admission.book', book('adm-1', 'dcl-count'), await detailed());
      const cancelled = await apply(
        'admission.cancel',
        cancel(by, onTheDay),
        booked,
        ON('2026-03-18'),
      );
      expect(rowOf(cancelled, 'admissions', 'adm-1')).toMatchObject({
        status: `cancelled-by-${by}`,
        rebookBy: null,
      });
      expect(rowOf(cancelled, 'referrals', 'ref-dc')).toMatchObject({
        status: 'day-case',
        tciDate: null,
      });
      expect(cancelledOnTheDay(cancelled.admissions, '2026-03-18')).toEqual([]);
    },
  );

  it('refuses an on-the-day cancellation before the day, and cancelling twice', async () => {
    const booked = await apply('admission.book', book('adm-1', 'dcl-count'), await detailed());
    expect((await refusal('admission.cancel', cancel('hospital', true), booked)).reason).toBe(
      'not-the-day',
    );
    const cancelled = await apply('admission.cancel', cancel('patient', false), booked);
    expect((await refusal('admission.cancel', cancel('patient', false), cancelled)).reason).toBe(
      'not-booked',
    );
  });
});

describe('daycase.list.cancel', () => {
  /** Both pathways booked onto the later list (capacity six). */
  async function twoBooked() {
    const one = await apply('admission.book', book('adm-1', 'dcl-later'), await detailed());
    return apply('admission.book', book('adm-2', 'dcl-later', 'ref-dc-2'), one);
  }
  const CANCEL = { listId: 'dcl-later', reason: 'Surgeon on leave' };

  it('cancels the list and every TCI date on it, each pathway back on the day-case list with its clock running', async () => {
    const booked = await twoBooked();
    const tables = await apply('daycase.list.cancel', CANCEL, booked);
    expect(rowOf(tables, 'dayCaseLists', 'dcl-later')).toMatchObject({
      status: 'cancelled',
      cancelledAt: CTX.now,
      cancelledBy: CTX.actor,
      cancellationReason: 'Surgeon on leave',
    });
    for (const [admissionId, referralId] of [
      ['adm-1', 'ref-dc'],
      ['adm-2', 'ref-dc-2'],
    ] as const) {
      expect(rowOf(tables, 'admissions', admissionId)).toMatchObject({
        status: 'cancelled-by-hospital',
        cancelledOnTheDay: false,
        cancellationReason: 'Surgeon on leave',
        rebookBy: null,
      });
      const referral = rowOf(tables, 'referrals', referralId);
      expect(referral).toMatchObject({ status: 'day-case', tciDate: null });
      expect(referral.rttEvents).toEqual(rowOf(booked, 'referrals', referralId).rttEvents);
      expect(nextStepOf(referral, [], CTX.today)).toEqual({ kind: 'list', list: 'day-case' });
    }
    // A cancelled list takes no more bookings.
    expect((await refusal('admission.book', book('adm-3', 'dcl-later'), tables)).reason).toBe(
      'list-cancelled',
    );
  });

  it('tracks each patient for rebooking within 28 days when the list is cancelled on its day', async () => {
    const booked = await twoBooked();
    const onTheDay = ON('2026-04-15');
    const tables = await apply('daycase.list.cancel', CANCEL, booked, onTheDay);
    expect(cancelledOnTheDay(tables.admissions, '2026-04-15').map((c) => c.admission.id)).toEqual([
      'adm-1',
      'adm-2',
    ]);
    expect(rowOf(tables, 'admissions', 'adm-1').rebookBy).toBe('2026-05-13');
  });

  it('leaves patients already cancelled alone, and cancels a list with nobody on it', async () => {
    const booked = await twoBooked();
    const one = await apply(
      'admission.cancel',
      { admissionId: 'adm-1', by: 'patient', onTheDay: false, reason: 'Childcare' },
      booked,
    );
    const tables = await apply('daycase.list.cancel', CANCEL, one);
    expect(rowOf(tables, 'admissions', 'adm-1')).toMatchObject({
      status: 'cancelled-by-patient',
      cancellationReason: 'Childcare',
    });
    const empty = await apply(
      'daycase.list.cancel',
      { listId: 'dcl-minutes', reason: 'Theatre closed' },
      withDayCases(),
    );
    expect(rowOf(empty, 'dayCaseLists', 'dcl-minutes').status).toBe('cancelled');
  });

  it.each([
    ['a list already cancelled', { listId: 'dcl-cancelled' }, 'list-cancelled'],
    ['a list in the past', { listId: 'dcl-past' }, 'list-in-past'],
    ['an unknown list', { listId: 'dcl-nowhere' }, 'unknown-list'],
    ['no reason', { reason: ' ' }, 'invalid-args'],
  ])('refuses %s', async (_, overrides, reason) => {
    const result = await refusal(
      'daycase.list.cancel',
      { ...CANCEL, ...overrides },
      withDayCases(),
    );
    expect(result.reason).toBe(reason);
  });

  it('refuses once a patient on the list has been admitted', async () => {
    const booked = await twoBooked();
    const admitted = await apply(
      'admission.outcome',
      { admissionId: 'adm-1', outcome: 'treated' },
      booked,
      ON('2026-04-15'),
    );
    const result = await refusal('daycase.list.cancel', CANCEL, admitted, ON('2026-04-15'));
    expect(result).toMatchObject({ reason: 'patients-admitted' });
    expect(result.message).toMatch(/^A patient on this list has already been admitted/);
  });
});

describe('admission.outcome', () => {
  it('stops the clock with 30 (first definitive treatment) on the TCI date when treated', async () => {
    const booked = await apply('admission.book', book('adm-1', 'dcl-count'), await detailed());
    const treated = await apply(
      'admission.outcome',
      { admissionId: 'adm-1', outcome: 'treated' },
      booked,
      ON('2026-03-19'),
    );
    const referral = rowOf(treated, 'referrals', 'ref-dc');
    expect(referral.rttEvents.at(-1)).toMatchObject({ code: '30', date: '2026-03-18' });
    expect(rttClock(referral.rttEvents, '2026-03-19')).toMatchObject({
      state: 'stopped',
      stopDate: '2026-03-18',
      stopCode: '30',
    });
    expect(referral.status).toBe('seen');
    expect(nextStepOf(referral, [], '2026-03-19')).toEqual({
      kind: 'worklist',
      worklist: 'outcome',
    });
    expect(rowOf(treated, 'admissions', 'adm-1').status).toBe('admitted');
  });

  it('puts a patient who did not attend back on the day-case list for the surgeon, clock running', async () => {
    const booked = await apply('admission.book', book('adm-1', 'dcl-count'), await detailed());
    const dna = await apply(
      'admission.outcome',
      { admissionId: 'adm-1', outcome: 'did-not-attend' },
      booked,
      ON('2026-03-18'),
    );
    const referral = rowOf(dna, 'referrals', 'ref-dc');
    expect(referral).toMatchObject({ status: 'day-case', tciDate: null });
    expect(referral.dayCase!.reviewReason).toBe(
      'Did not attend for admission on 18/03/2026: for the surgeon to decide',
    );
    expect(rttClock(referral.rttEvents, '2026-03-18').state).toBe('running');
    expect(validationItems(referral, [], '2026-03-18').map((i) => i.key)).not.toContain(
      'no-next-step',
    );
  });

  it('refuses an outcome before the TCI date', async () => {
    const booked = await apply('admission.book', book('adm-1', 'dcl-count'), await detailed());
    const result = await refusal(
      'admission.outcome',
      { admissionId: 'adm-1', outcome: 'treated' },
      booked,
    );
    expect(result.reason).toBe('tci-to-come');
  });
});

describe('the day-case waiting list', () => {
  it('orders by priority, then decision to admit, and marks patients unavailable today', async () => {
    let tables = await detailed({
      priority: 'P4',
      unavailable: [{ from: '2026-03-01', to: '2026-03-05', reason: 'Exams' }],
    });
    tables = await apply(
      'daycase.update',
      { referralId: 'ref-dc-2', ...DETAILS, priority: 'P2' },
      tables,
    );
    const lines = orderDayCaseList(tables.referrals, CTX.today);
    expect(lines.map((l) => [l.referral.id, l.details?.priority, !!l.unavailableToday])).toEqual([
      ['ref-dc-2', 'P2', false],
      ['ref-dc', 'P4', true],
    ]);
  });
});

describe('pathway.outcome on a pathway with a TCI date', () => {
  it('is refused until the TCI is cancelled or its outcome recorded, so no booked place is left behind', async () => {
    const booked = await apply('admission.book', book('adm-1', 'dcl-later'), await detailed());
    const result = await refusal(
      'pathway.outcome',
      { referralId: 'ref-dc', code: '34', next: { step: 'discharge' } },
      booked,
    );
    expect(result).toMatchObject({
      reason: 'tci-booked',
      message:
        'The patient has a TCI date booked on 15/04/2026: record what happened on the day, or cancel it, first',
    });
  });
});

describe('admission.religion and the chaplaincy list', () => {
  async function booked() {
    const one = await apply('admission.book', book('adm-1', 'dcl-later'), await detailed());
    return apply('admission.book', book('adm-2', 'dcl-later', 'ref-dc-2'), one);
  }
  const religion = (admissionId: string, text: string, chaplaincyVisit: boolean) => ({
    admissionId,
    religion: text,
    chaplaincyVisit,
  });
  const LATER = { from: '2026-04-15', to: '2026-04-15', siteId: null };

  it('records the religion with who asked, and lists only patients who agreed to a visit', async () => {
    let tables = await booked();
    tables = await apply(
      'admission.religion',
      religion('adm-1', '  Church of England ', true),
      tables,
    );
    tables = await apply('admission.religion', religion('adm-2', 'Muslim', false), tables);
    expect(rowOf(tables, 'admissions', 'adm-1').religion).toEqual({
      religion: 'Church of England',
      chaplaincyVisit: true,
      recordedAt: CTX.now,
      recordedBy: CTX.actor,
    });
    expect(
      chaplaincyList(tables.admissions, LATER).map((l) => [l.admission.id, l.religion]),
    ).toEqual([['adm-1', 'Church of England']]);
    // Another day, or another site, is not on the list.
    expect(
      chaplaincyList(tables.admissions, { ...LATER, from: '2026-04-16', to: '2026-04-30' }),
    ).toEqual([]);
    expect(chaplaincyList(tables.admissions, { ...LATER, siteId: 'site-ktc' })).toEqual([]);
  });

  it('forgets the religion when the patient would rather not say, and refuses consent with nothing to share', async () => {
    let tables = await booked();
    tables = await apply('admission.religion', religion('adm-1', 'Hindu', true), tables);
    const refused = await refusal('admission.religion', religion('adm-1', '  ', true), tables);
    expect(refused.message).toBe(
      'Enter the religion or belief the patient wants the chaplaincy to know',
    );
    expect(rowOf(tables, 'admissions', 'adm-1').religion?.religion).toBe('Hindu');
    tables = await apply('admission.religion', religion('adm-1', '', false), tables);
    expect(rowOf(tables, 'admissions', 'adm-1').religion).toBeNull();
    expect(chaplaincyList(tables.admissions, LATER)).toEqual([]);
  });

  it('keeps a cancelled admission off the list and refuses to record on it', async () => {
    let tables = await booked();
    tables = await apply('admission.religion', religion('adm-1', 'Sikh', true), tables);
    tables = await apply(
      'admission.cancel',
      { admissionId: 'adm-1', by: 'patient', onTheDay: false, reason: 'Going abroad' },
      tables,
    );
    expect(chaplaincyList(tables.admissions, LATER)).toEqual([]);
    const refused = await refusal('admission.religion', religion('adm-1', 'Sikh', true), tables);
    expect(refused.reason).toBe('admission-not-held');
  });
});
