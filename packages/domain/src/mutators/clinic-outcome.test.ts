import { describe, it, expect } from 'vitest';
import { runMutation } from './registry.ts';
import {
  AGREED,
  buildTables,
  CTX,
  isPlainEnglish,
  readStateOver,
  rowOf,
  withChanges,
  type Tables,
} from './fixtures.test-support.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { orderDayCaseList } from '../day-cases/day-case-list.ts';
import { renderLetter } from '../letters/merge-fields.ts';
import { unfinishedReason } from '../clinics/cash-up.ts';
import type { MutatorContext, MutatorResult } from './mutator.ts';

// Issue 8: a clinic outcome follows an attendance, moves the pathway, its clock and its list in
// one step and writes to the GP; a clinic is cashed up only when every patient is finished.

/** The open clinic's day in the fixture (Monday 9 March 2026), after the clinic. */
const CLINIC_DAY: MutatorContext = { ...CTX, today: '2026-03-09', now: '2026-03-09T16:00:00.000Z' };
const CLINICIAN: MutatorContext = {
  ...CLINIC_DAY,
  actor: { userId: 'user-clinician', name: 'Mr Adrian Whitcombe' },
};

async function run(
  name: string,
  args: unknown,
  tables: Tables,
  ctx: MutatorContext = CLINIC_DAY,
): Promise<{ result: MutatorResult; tables: Tables }> {
  const result = await runMutation(name, args, readStateOver(tables), ctx);
  return { result, tables: result.ok ? withChanges(tables, result.changes) : tables };
}

function rejected(result: MutatorResult, reason: string): string {
  expect(result).toMatchObject({ ok: false, reason });
  const message = result.ok ? '' : result.message;
  expect(isPlainEnglish(message), message).toBe(true);
  return message;
}

/** Amelia booked into the open clinic and seen there: awaiting her outcome. */
async function ameliaSeen(): Promise<Tables> {
  const booked = await run(
    'appointment.book',
    {
      appointmentId: 'appt-amelia',
      referralId: 'ref-routine',
      slotId: 'slot-new-free',
      overrides: AGREED,
    },
    buildTables(),
    CTX,
  );
  expect(booked.result.ok).toBe(true);
  const seen = await run(
    'appointment.attendance',
    { appointmentId: 'appt-amelia', attendance: 'attended' },
    booked.tables,
  );
  expect(seen.result.ok).toBe(true);
  return seen.tables;
}

const outcome = (code: string, next: object, extra: object = {}) => ({
  referralId: 'ref-routine',
  appointmentId: 'appt-amelia',
  code,
  next,
  note: 'Seen with her daughter',
  ...extra,
});

const letterText = (tables: Tables) => {
  const letter = tables.letters.at(-1)!;
  const { subject, body } = renderLetter(letter, letter.merge);
  return { letter, text: `${subject}\n${body}` };
};

describe('pathway.outcome after an attendance', () => {
  it.each([
    {
      code: '34',
      next: { step: 'discharge' },
      status: 'discharged',
      clock: 'stopped',
      due: null,
      kind: 'discharge-gp',
      words: 'has been discharged',
    },
    {
      code: '20',
      next: { step: 'follow-up', inWeeks: 6 },
      status: 'follow-up',
      clock: 'running',
      due: '2026-04-20',
      kind: 'clinic-outcome-gp',
      words: 'again in clinic in about 6 weeks, by 20/04/2026',
    },
    {
      code: '32',
      next: { step: 'active-monitoring', reviewInWeeks: 12 },
      status: 'follow-up',
      clock: 'stopped',
      due: '2026-06-01',
      kind: 'clinic-outcome-gp',
      words: '(active monitoring), and will review them in about 12 weeks, by 01/06/2026',
    },
    {
      code: '20',
      next: { step: 'day-case', procedure: 'Removal of 38', priority: 'P2', estimatedMinutes: 45 },
      status: 'day-case',
      clock: 'running',
      due: null,
      kind: 'clinic-outcome-gp',
      words: 'day-case waiting list for: Removal of 38. Clinical priority: P2 – within 1 month',
    },
    {
      code: '21',
      next: { step: 'refer-on' },
      status: 'redirected',
      clock: 'running',
      due: null,
      kind: 'clinic-outcome-gp',
      words: 'referred them on to another provider',
    },
  ])(
    '$next.step ($code): pathway $status, clock $clock, and a $kind letter',
    async ({ code, next, status, clock, due, kind, words }) => {
      const { result, tables } = await run(
        'pathway.outcome',
        outcome(code, next),
        await ameliaSeen(),
        CLINICIAN,
      );
      expect(result.ok, JSON.stringify(result)).toBe(true);
      const referral = rowOf(tables, 'referrals', 'ref-routine');
      expect(referral).toMatchObject({ status, followUpDueDate: due });
      expect(referral.rttEvents.at(-1)).toMatchObject({ code, date: '2026-03-09' });
      expect(rttClock(referral.rttEvents, CLINIC_DAY.today).state).toBe(clock);
      expect(rowOf(tables, 'appointments', 'appt-amelia').outcome).toMatchObject({
        code,
        by: CLINICIAN.actor,
        at: CLINICIAN.now,
      });
      const { letter, text } = letterText(tables);
      expect(letter).toMatchObject({
        id: 'letter-outcome-appt-amelia',
        kind,
        appointmentId: 'appt-amelia',
        referralId: 'ref-routine',
      });
      expect(text).toContain(words);
      expect(text).toContain('Amelia Ashdown');
      if (kind === 'clinic-outcome-gp') {
        expect(text).toContain('Seen with her daughter');
        expect(text).toContain('on 09/03/2026');
        expect(text).toContain('cc: Amelia Ashdown');
      }
    },
  );

  it('puts a day case on the day-case list with its procedure, priority and decision date', async () => {
    const next = {
      step: 'day-case',
      procedure: 'Removal of 38',
      priority: 'P1',
      estimatedMinutes: 45,
    };
    const { tables } = await run('pathway.outcome', outcome('20', next), await ameliaSeen());
    const line = orderDayCaseList(tables.referrals, CLINIC_DAY.today)[0]!;
    expect(line.referral.id).toBe('ref-routine');
    expect(line.details).toMatchObject({
      procedure: 'Removal of 38',
      priority: 'P1',
      decisionDate: '2026-03-09',
      estimatedMinutes: 45,
      preOp: { needed: true, outcome: 'not-done', date: null },
      addedBy: CLINIC_DAY.actor,
    });
    // The decision to admit is recorded once: the day-case details later do not add another 20.
    const details = await run(
      'daycase.update',
      {
        referralId: 'ref-routine',
        ...line.details!,
        decisionDate: '2026-03-09',
      },
      tables,
    );
    const events = rowOf(details.tables, 'referrals', 'ref-routine').rttEvents;
    expect(events.filter((e) => e.code === '20')).toHaveLength(2);
  });

  it('counts from the clinic day when the desk keys the outcome in later from paper', async () => {
    const later = { ...CLINIC_DAY, today: '2026-03-16', now: '2026-03-16T09:00:00.000Z' };
    const { tables } = await run(
      'pathway.outcome',
      outcome('20', { step: 'follow-up', inWeeks: 6 }),
      await ameliaSeen(),
      later,
    );
    const referral = rowOf(tables, 'referrals', 'ref-routine');
    expect(referral.followUpDueDate).toBe('2026-04-20');
    expect(referral.rttEvents.at(-1)?.date).toBe('2026-03-09');
  });

  it('finds the attendance awaiting an outcome when none is named', async () => {
    const { referralId, code, next } = outcome('34', { step: 'discharge' });
    const { tables } = await run('pathway.outcome', { referralId, code, next }, await ameliaSeen());
    expect(rowOf(tables, 'appointments', 'appt-amelia').outcome?.summary).toBe('Discharged');
  });

  it('refuses an appointment of another pathway, one not attended, and a second outcome', async () => {
    const seen = await ameliaSeen();
    const follow = { step: 'follow-up', inWeeks: 6 };
    rejected(
      (await run('pathway.outcome', outcome('20', follow, { appointmentId: 'appt-booked' }), seen))
        .result,
      'unknown-appointment',
    );
    const first = await run('pathway.outcome', outcome('20', follow), seen);
    const again = await run('pathway.outcome', outcome('20', follow), first.tables);
    expect(rejected(again.result, 'outcome-recorded')).toContain('Follow up in 6 weeks');
  });
});

/** The open clinic with every patient finished: Amelia followed up, Oliver seen once and missed once. */
async function clinicFinished(): Promise<Tables> {
  let { tables } = await run(
    'pathway.outcome',
    outcome('20', { step: 'follow-up', inWeeks: 6 }),
    await ameliaSeen(),
  );
  for (const [appointmentId, attendance] of [
    ['appt-booked', 'did-not-attend'],
    ['appt-follow-up', 'attended'],
  ]) {
    ({ tables } = await run('appointment.attendance', { appointmentId, attendance }, tables));
  }
  const oneLeft = await run('session.cashUp', { sessionId: 'ses-open' }, tables);
  expect(rejected(oneLeft.result, 'unfinished-patients')).toContain(
    '1 patient is not finished: 11:00 Oliver Bramley (attended, no outcome recorded)',
  );
  ({ tables } = await run(
    'pathway.outcome',
    { referralId: 'ref-seen', code: '34', next: { step: 'discharge' } },
    tables,
  ));
  return tables;
}

describe('session.cashUp', () => {
  it('is refused while patients are unfinished, naming each one and why', async () => {
    const { result } = await run('session.cashUp', { sessionId: 'ses-open' }, await ameliaSeen());
    const message = rejected(result, 'unfinished-patients');
    expect(message).toBe(
      'This clinic cannot be cashed up yet: 3 patients are not finished: 09:00 Amelia Ashdown (attended, no outcome recorded); 10:20 Oliver Bramley (attendance not recorded); 11:00 Oliver Bramley (attendance not recorded)',
    );
  });

  it('closes the clinic once every patient has an attendance and every attendance an outcome', async () => {
    const done = await run('session.cashUp', { sessionId: 'ses-open' }, await clinicFinished());
    expect(done.result.ok).toBe(true);
    expect(rowOf(done.tables, 'clinicSessions', 'ses-open').cashedUp).toEqual({
      at: CLINIC_DAY.now,
      by: CLINIC_DAY.actor,
    });
  });

  it('counts a patient still in the building as unfinished, and a legacy attendance whose pathway moved on as finished', () => {
    expect(unfinishedReason({ status: 'arrived', outcome: null }, { status: 'booked' })).toBe(
      'arrived, attendance not recorded',
    );
    expect(unfinishedReason({ status: 'seen', outcome: null }, { status: 'follow-up' })).toBeNull();
    expect(
      unfinishedReason({ status: 'did-not-attend', outcome: null }, { status: 'waiting' }),
    ).toBeNull();
  });

  it.each([
    [
      'ses-summer',
      CLINIC_DAY,
      'session-in-future',
      'on 15/07/2026: cash it up on the day or after',
    ],
    ['ses-cancelled', { ...CLINIC_DAY, today: '2026-03-11' }, 'session-cancelled', 'cancelled'],
    ['ses-nowhere', CLINIC_DAY, 'unknown-session', 'not on record'],
  ] as const)('refuses %s (%s)', async (sessionId, ctx, reason, words) => {
    const { result } = await run('session.cashUp', { sessionId }, buildTables(), ctx);
    expect(rejected(result, reason)).toContain(words);
  });

  it('once cashed up, refuses attendance and outcome edits to its appointments until reopened', async () => {
    let { tables } = await run('session.cashUp', { sessionId: 'ses-open' }, await clinicFinished());
    const twice = await run('session.cashUp', { sessionId: 'ses-open' }, tables);
    expect(rejected(twice.result, 'already-cashed-up')).toContain(
      'already cashed up by Casey Coordinator',
    );
    const attendance = await run(
      'appointment.attendance',
      { appointmentId: 'appt-booked', attendance: 'attended' },
      tables,
    );
    const refusal = rejected(attendance.result, 'clinic-cashed-up');
    expect(refusal).toBe(
      'The clinic on 09/03/2026 was cashed up by Casey Coordinator: ask a co-ordinator to reopen it before changing its attendances or outcomes',
    );
    const again = outcome('20', { step: 'follow-up', inWeeks: 8 });
    expect(rejected((await run('pathway.outcome', again, tables)).result, 'clinic-cashed-up')).toBe(
      refusal,
    );

    const noReason = await run('session.reopen', { sessionId: 'ses-open', reason: ' ' }, tables);
    expect(noReason.result).toMatchObject({
      ok: false,
      reason: 'invalid-args',
      message: 'Say why the clinic is being reopened',
    });
    const why = 'Outcome keyed against the wrong patient';
    ({ tables } = await run('session.reopen', { sessionId: 'ses-open', reason: why }, tables));
    const reopened = rowOf(tables, 'clinicSessions', 'ses-open');
    expect(reopened.cashedUp).toBeNull();
    expect(reopened.reopenings).toEqual([
      { at: CLINIC_DAY.now, by: CLINIC_DAY.actor, reason: why },
    ]);
    // Open again: the edit meets the ordinary rules (this attendance has its outcome already).
    rejected((await run('pathway.outcome', again, tables)).result, 'outcome-recorded');
    const twiceOpen = await run(
      'session.reopen',
      { sessionId: 'ses-open', reason: 'Again' },
      tables,
    );
    rejected(twiceOpen.result, 'not-cashed-up');
  });
});
