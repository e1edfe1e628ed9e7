import { describe, it, expect } from 'vitest';
import { runMutation } from './registry.ts';
import {
  AMELIA,
  buildTables,
  CTX,
  isPlainEnglish,
  readStateOver,
  rowOf,
  withChanges,
  type Tables,
  AGREED,
} from './fixtures.test-support.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import type { MutatorContext, MutatorResult } from './mutator.ts';

const CLINICIAN: MutatorContext = {
  ...CTX,
  actor: { userId: 'user-clinician', name: 'Mr Adrian Whitcombe' },
};

async function run(
  name: string,
  args: unknown,
  tables: Tables,
  ctx: MutatorContext = CTX,
): Promise<{ result: MutatorResult; tables: Tables }> {
  const result = await runMutation(name, args, readStateOver(tables), ctx);
  return { result, tables: result.ok ? withChanges(tables, result.changes) : tables };
}

/**
 * The refusal's words. A mutator's own refusals must read as plain English; argument checks
 * (`invalid-args`) are also caught by each form before it sends, so only their words are checked.
 */
function expectRejected(result: MutatorResult, reason: string): string {
  expect(result).toMatchObject({ ok: false, reason });
  const message = result.ok ? '' : result.message;
  if (reason !== 'invalid-args') expect(isPlainEnglish(message), message).toBe(true);
  return message;
}

const accept = (referralId: string, overrides: object = {}) => ({
  referralId,
  decision: {
    outcome: 'accept',
    priority: 'urgent',
    clinicType: 'new',
    clinicianId: 'clin-1',
    ...overrides,
  },
});

describe('referral.triage', () => {
  it('accepts a referral onto the waiting list with the priority, clinic type and consultant chosen', async () => {
    const { result, tables } = await run(
      'referral.triage',
      accept('ref-awaiting-triage'),
      buildTables(),
      CLINICIAN,
    );
    expect(result.ok).toBe(true);
    expect(rowOf(tables, 'referrals', 'ref-awaiting-triage')).toMatchObject({
      status: 'waiting',
      priority: 'urgent',
      clinicTypeNeeded: 'new',
      clinicianId: 'clin-1',
      triage: { decision: 'accepted', by: CLINICIAN.actor, at: CTX.now, reason: null },
    });
  });

  it('keeps the clock running from the day received: triage is not an RTT event', async () => {
    const before = rowOf(buildTables(), 'referrals', 'ref-awaiting-triage');
    const { tables } = await run(
      'referral.triage',
      accept('ref-awaiting-triage'),
      buildTables(),
      CLINICIAN,
    );
    expect(rowOf(tables, 'referrals', 'ref-awaiting-triage').rttEvents).toEqual(before.rttEvents);
  });

  it('rejects a referral back to the referrer: the pathway ends with a 34 and the reason kept for the letter', async () => {
    const { tables } = await run(
      'referral.triage',
      {
        referralId: 'ref-awaiting-triage',
        decision: { outcome: 'reject', reason: 'For the dentist' },
      },
      buildTables(),
      CLINICIAN,
    );
    const row = rowOf(tables, 'referrals', 'ref-awaiting-triage');
    expect(row.status).toBe('rejected');
    expect(row.triage).toMatchObject({ decision: 'rejected', reason: 'For the dentist' });
    expect(row.rttEvents.at(-1)).toMatchObject({ code: '34', recordedBy: CLINICIAN.actor });
    expect(rttClock(row.rttEvents, CTX.today).state).toBe('stopped');
  });

  it('redirects a referral to another service with a 21, naming where it went', async () => {
    const { tables } = await run(
      'referral.triage',
      {
        referralId: 'ref-awaiting-triage',
        decision: { outcome: 'redirect', reason: 'Skin lesion', redirectTo: 'Dermatology' },
      },
      buildTables(),
      CLINICIAN,
    );
    const row = rowOf(tables, 'referrals', 'ref-awaiting-triage');
    expect(row.status).toBe('redirected');
    expect(row.triage?.reason).toContain('Dermatology');
    expect(row.rttEvents.at(-1)?.code).toBe('21');
  });

  it('refuses to triage twice, naming who triaged it', async () => {
    const once = await run(
      'referral.triage',
      accept('ref-awaiting-triage'),
      buildTables(),
      CLINICIAN,
    );
    const { result } = await run('referral.triage', accept('ref-awaiting-triage'), once.tables);
    expect(expectRejected(result, 'already-triaged')).toContain('Mr Adrian Whitcombe');
  });

  it.each([
    [{ outcome: 'reject', reason: '  ' }, 'reason'],
    [{ outcome: 'redirect', reason: 'Skin', redirectTo: '' }, 'redirected to'],
    [{ outcome: 'accept', priority: 'urgent', clinicType: 'new', clinicianId: '' }, 'consultant'],
    [{ outcome: 'accept', priority: 'asap', clinicType: 'new', clinicianId: 'clin-1' }, 'priority'],
  ])('refuses an incomplete decision %j with words about %s', async (decision, words) => {
    const { result } = await run(
      'referral.triage',
      { referralId: 'ref-awaiting-triage', decision },
      buildTables(),
    );
    expect(expectRejected(result, 'invalid-args').toLowerCase()).toContain(words);
  });

  it('refuses a consultant the department does not have', async () => {
    const { result } = await run(
      'referral.triage',
      accept('ref-awaiting-triage', { clinicianId: 'clin-nobody' }),
      buildTables(),
    );
    expectRejected(result, 'unknown-clinician');
  });
});

describe('referral.add: duplicates are caught', () => {
  const letter = (overrides: object = {}) => ({
    referralId: 'ref-second',
    patient: { existingPatientId: AMELIA.id },
    receivedDate: '2026-02-27',
    source: 'gp',
    referrer: 'Dr Fairbairn',
    reason: 'Wisdom tooth pain again',
    requestedPriority: 'routine',
    siteId: 'site-wrh',
    condition: 'third-molars',
    ...overrides,
  });

  it('refuses a second open referral for the same patient and condition, saying which one is open', async () => {
    const { result } = await run('referral.add', letter(), buildTables());
    const message = expectRejected(result, 'possible-duplicate');
    expect(message).toContain('wisdom teeth');
    expect(message).toMatch(/received \d\d\/\d\d\/\d{4} from Dr Gosling/);
  });

  it('adds it when the co-ordinator says why it is a separate referral, keeping the reason', async () => {
    const { result, tables } = await run(
      'referral.add',
      letter({ notDuplicateBecause: 'Other side: upper left, new symptoms' }),
      buildTables(),
    );
    expect(result.ok).toBe(true);
    expect(rowOf(tables, 'referrals', 'ref-second').duplicateOverride).toBe(
      'Other side: upper left, new symptoms',
    );
  });

  it('adds a referral for a different condition without asking', async () => {
    const { result } = await run('referral.add', letter({ condition: 'tmj' }), buildTables());
    expect(result.ok).toBe(true);
  });

  it('does not count a closed pathway as a duplicate', async () => {
    const tables = buildTables();
    for (const r of tables.referrals) if (r.patientId === AMELIA.id) r.status = 'discharged';
    const { result } = await run('referral.add', letter(), tables);
    expect(result.ok).toBe(true);
  });

  it('records who added it on the clock-start event', async () => {
    const { tables } = await run('referral.add', letter({ condition: 'cyst' }), buildTables());
    expect(rowOf(tables, 'referrals', 'ref-second').rttEvents).toEqual([
      { date: '2026-02-27', code: '10', cause: 'Referral received', recordedBy: CTX.actor },
    ]);
  });
});

/** 10 March 2026 at noon: the day of the open clinic in the fixture, after it has finished. */
const CLINIC_DAY: MutatorContext = { ...CTX, today: '2026-03-09', now: '2026-03-09T15:00:00.000Z' };

/** The context of the booked appointment's own day, after its clinic. */
function onTheDay(tables: Tables): MutatorContext {
  const day = rowOf(tables, 'appointments', 'appt-new').date;
  return { ...CLINIC_DAY, today: day, now: `${day}T16:00:00.000Z` };
}

async function bookedToday(): Promise<Tables> {
  const tables = buildTables();
  const { result, tables: after } = await run(
    'appointment.book',
    {
      appointmentId: 'appt-new',
      referralId: 'ref-routine',
      slotId: 'slot-new-free',
      overrides: AGREED,
    },
    tables,
  );
  expect(result.ok).toBe(true);
  return after;
}

describe('appointment.attendance', () => {
  it('records a first attendance as a 20 on the day of the appointment and awaits the outcome', async () => {
    const booked = await bookedToday();
    const ctx = onTheDay(booked);
    const day = ctx.today;
    const { tables } = await run(
      'appointment.attendance',
      { appointmentId: 'appt-new', attendance: 'attended' },
      booked,
      ctx,
    );
    expect(rowOf(tables, 'appointments', 'appt-new').status).toBe('seen');
    const referral = rowOf(tables, 'referrals', 'ref-routine');
    expect(referral.status).toBe('seen');
    expect(referral.rttEvents.at(-1)).toMatchObject({ date: day, code: '20' });
  });

  it('nullifies the clock on a first-appointment DNA (33) and puts the referral back on the waiting list', async () => {
    const booked = await bookedToday();
    const ctx = onTheDay(booked);
    const day = ctx.today;
    const { tables } = await run(
      'appointment.attendance',
      { appointmentId: 'appt-new', attendance: 'did-not-attend' },
      booked,
      ctx,
    );
    const referral = rowOf(tables, 'referrals', 'ref-routine');
    expect(referral.status).toBe('waiting');
    expect(rttClock(referral.rttEvents, day).state).toBe('nullified');
    expect(rowOf(tables, 'appointments', 'appt-new').status).toBe('did-not-attend');
  });

  it('starts a new clock (10) on the day the patient is rebooked after a DNA', async () => {
    const booked = await bookedToday();
    const ctx = onTheDay(booked);
    const day = ctx.today;
    const dna = await run(
      'appointment.attendance',
      { appointmentId: 'appt-new', attendance: 'did-not-attend' },
      booked,
      ctx,
    );
    // The access policy sends the DNA to the clinician first; they decide to rebook.
    const reviewId = rowOf(dna.tables, 'referrals', 'ref-routine').reviews[0]!.id;
    const decided = await run(
      'review.decide',
      { referralId: 'ref-routine', reviewId, decision: 'rebook', note: 'Offer another date' },
      dna.tables,
      ctx,
    );
    expect(decided.result.ok).toBe(true);
    const rebook = await run(
      'appointment.book',
      {
        appointmentId: 'appt-again',
        referralId: 'ref-routine',
        slotId: 'slot-summer-free',
        overrides: AGREED,
      },
      decided.tables,
      ctx,
    );
    expect(rebook.result.ok).toBe(true);
    const referral = rowOf(rebook.tables, 'referrals', 'ref-routine');
    expect(referral.rttEvents.at(-1)).toMatchObject({ date: day, code: '10' });
    const clock = rttClock(referral.rttEvents, day);
    expect(clock).toMatchObject({ state: 'running', clockStart: day, daysWaited: 0 });
  });

  it('refuses to record attendance before the day of the appointment', async () => {
    const booked = await bookedToday();
    const { result } = await run(
      'appointment.attendance',
      { appointmentId: 'appt-new', attendance: 'attended' },
      booked,
    );
    expect(expectRejected(result, 'appointment-in-future')).toMatch(/\d\d\/\d\d\/\d{4}/);
  });

  it('refuses to record attendance twice', async () => {
    const booked = await bookedToday();
    const ctx = onTheDay(booked);
    const once = await run(
      'appointment.attendance',
      { appointmentId: 'appt-new', attendance: 'attended' },
      booked,
      ctx,
    );
    const { result } = await run(
      'appointment.attendance',
      { appointmentId: 'appt-new', attendance: 'did-not-attend' },
      once.tables,
      ctx,
    );
    expectRejected(result, 'attendance-recorded');
  });

  it('puts a patient who missed a follow-up back on the follow-up list, due now, with no RTT effect', async () => {
    const tables = buildTables();
    const appt = rowOf(tables, 'appointments', 'appt-follow-up');
    const ctx = { ...CTX, today: appt.date, now: `${appt.date}T16:00:00.000Z` };
    const before = rowOf(tables, 'referrals', appt.referralId).rttEvents;
    const { tables: after } = await run(
      'appointment.attendance',
      { appointmentId: appt.id, attendance: 'did-not-attend' },
      tables,
      ctx,
    );
    const referral = rowOf(after, 'referrals', appt.referralId);
    expect(referral).toMatchObject({ status: 'follow-up', followUpDueDate: appt.date });
    expect(referral.rttEvents).toEqual(before);
  });
});

describe('pathway.outcome', () => {
  async function seenPatient(): Promise<{ tables: Tables; ctx: MutatorContext }> {
    const booked = await bookedToday();
    const ctx = onTheDay(booked);
    const seen = await run(
      'appointment.attendance',
      { appointmentId: 'appt-new', attendance: 'attended' },
      booked,
      ctx,
    );
    return { tables: seen.tables, ctx };
  }
  const outcome = (code: string, next: object, note = '') => ({
    referralId: 'ref-routine',
    code,
    next,
    note,
  });

  it('discharges with a 34, stopping the clock and ending the pathway', async () => {
    const { tables, ctx } = await seenPatient();
    const { tables: after } = await run(
      'pathway.outcome',
      outcome('34', { step: 'discharge' }, 'Reassured'),
      tables,
      ctx,
    );
    const referral = rowOf(after, 'referrals', 'ref-routine');
    expect(referral.status).toBe('discharged');
    expect(referral.rttEvents.at(-1)).toMatchObject({
      code: '34',
      date: ctx.today,
      recordedBy: CTX.actor,
    });
    expect(referral.rttEvents.at(-1)?.cause).toContain('Reassured');
    expect(rttClock(referral.rttEvents, ctx.today).state).toBe('stopped');
  });

  it('puts a follow-up in N weeks on the follow-up list with its due-by date', async () => {
    const { tables, ctx } = await seenPatient();
    const { tables: after } = await run(
      'pathway.outcome',
      outcome('20', { step: 'follow-up', inWeeks: 6 }),
      tables,
      ctx,
    );
    const referral = rowOf(after, 'referrals', 'ref-routine');
    expect(referral.status).toBe('follow-up');
    expect(referral.followUpDueDate).toBe('2026-04-20');
  });

  it('stops the clock for active monitoring (31 or 32) and sets a review date', async () => {
    const { tables, ctx } = await seenPatient();
    const { tables: after } = await run(
      'pathway.outcome',
      outcome('32', { step: 'active-monitoring', reviewInWeeks: 12 }),
      tables,
      ctx,
    );
    const referral = rowOf(after, 'referrals', 'ref-routine');
    expect(referral).toMatchObject({ status: 'follow-up', followUpDueDate: '2026-06-01' });
    expect(rttClock(referral.rttEvents, ctx.today).stopCode).toBe('32');
  });

  it('adds to the day-case list with a 20: a decision to admit keeps the clock running', async () => {
    const { tables, ctx } = await seenPatient();
    const { tables: after } = await run(
      'pathway.outcome',
      outcome('20', {
        step: 'day-case',
        procedure: 'Removal of 38',
        priority: 'P3',
        estimatedMinutes: 45,
      }),
      tables,
      ctx,
    );
    const referral = rowOf(after, 'referrals', 'ref-routine');
    expect(referral.status).toBe('day-case');
    expect(rttClock(referral.rttEvents, ctx.today).state).toBe('running');
  });

  it.each([
    ['33', { step: 'discharge' }],
    ['20', { step: 'discharge' }],
    ['10', { step: 'follow-up', inWeeks: 4 }],
    ['30', { step: 'active-monitoring', reviewInWeeks: 4 }],
    ['90', { step: 'follow-up', inWeeks: 4 }],
  ])(
    'refuses code %s for %j while the clock runs, naming the codes that fit',
    async (code, next) => {
      const { tables, ctx } = await seenPatient();
      const { result } = await run('pathway.outcome', outcome(code, next), tables, ctx);
      expect(expectRejected(result, 'code-does-not-fit')).toContain('The RTT clock is running');
    },
  );

  it('after treatment (clock stopped), follows up with a 90 and refuses a 20', async () => {
    const { tables, ctx } = await seenPatient();
    const treated = await run(
      'pathway.outcome',
      outcome('30', { step: 'follow-up', inWeeks: 2 }),
      tables,
      ctx,
    );
    const refused = await run(
      'pathway.outcome',
      outcome('20', { step: 'follow-up', inWeeks: 2 }),
      treated.tables,
      ctx,
    );
    expect(expectRejected(refused.result, 'code-does-not-fit')).toContain(
      'No RTT clock is running',
    );
    const ok = await run(
      'pathway.outcome',
      outcome('90', { step: 'follow-up', inWeeks: 12 }),
      treated.tables,
      ctx,
    );
    expect(ok.result.ok).toBe(true);
  });

  it('refuses an outcome while an appointment is still booked, and on a closed pathway', async () => {
    const booked = await bookedToday();
    expectRejected(
      (await run('pathway.outcome', outcome('34', { step: 'discharge' }), booked)).result,
      'appointment-booked',
    );
    const { result } = await run(
      'pathway.outcome',
      { ...outcome('90', { step: 'discharge' }), referralId: 'ref-discharged' },
      buildTables(),
    );
    expectRejected(result, 'pathway-closed');
  });

  it.each([
    [{ step: 'follow-up', inWeeks: 0 }, 'at least 1 week'],
    [{ step: 'follow-up', inWeeks: 2.5 }, 'whole weeks'],
    [{ step: 'day-case', procedure: ' ', priority: 'P3', estimatedMinutes: 45 }, 'procedure'],
    [{ step: 'day-case', procedure: 'Removal of 38', estimatedMinutes: 45 }, 'priority'],
    [{ step: 'sometime' }, ''],
  ])('refuses an incomplete next step %j', async (next, words) => {
    const { tables, ctx } = await seenPatient();
    const { result } = await run('pathway.outcome', outcome('20', next), tables, ctx);
    expect(expectRejected(result, 'invalid-args').toLowerCase()).toContain(words);
  });
});

describe('pathway.validate', () => {
  it('adds each validation to the history, never replacing the last', async () => {
    let tables = buildTables();
    for (const comment of ['Phoned GP: patient moved away', 'Confirmed with patient']) {
      ({ tables } = await run(
        'pathway.validate',
        { referralId: 'ref-soon', key: 'no-next-step', comment },
        tables,
      ));
    }
    expect(rowOf(tables, 'referrals', 'ref-soon').validations).toEqual([
      { key: 'no-next-step', comment: 'Phoned GP: patient moved away', at: CTX.now, by: CTX.actor },
      { key: 'no-next-step', comment: 'Confirmed with patient', at: CTX.now, by: CTX.actor },
    ]);
  });

  it('asks for a comment', async () => {
    const { result } = await run(
      'pathway.validate',
      { referralId: 'ref-soon', key: 'k', comment: ' ' },
      buildTables(),
    );
    expect(expectRejected(result, 'invalid-args')).toContain('Say what you checked');
  });
});

describe('settings.update', () => {
  it('changes the Trust’s timescales and records who changed them', async () => {
    const { tables } = await run(
      'settings.update',
      { triageWorkingDays: 5, breachWarningWeeks: 6 },
      buildTables(),
    );
    expect(rowOf(tables, 'settings', 'trust')).toMatchObject({
      triageWorkingDays: 5,
      breachWarningWeeks: 6,
      updatedBy: CTX.actor,
    });
  });

  it.each([
    [{ triageWorkingDays: 0, breachWarningWeeks: 4 }, 'at least 1'],
    [{ triageWorkingDays: 3, breachWarningWeeks: 18 }, 'at most 17'],
    [{ triageWorkingDays: 1.5, breachWarningWeeks: 4 }, 'whole number'],
  ])('refuses %j', async (args, words) => {
    const { result } = await run('settings.update', args, buildTables());
    expect(expectRejected(result, 'invalid-args')).toContain(words);
  });
});
