import { describe, it, expect } from 'vitest';
import { longerWaitingThan } from '../mutators/booking-policy.ts';
import { runMutation } from '../mutators/registry.ts';
import type { MutatorContext } from '../mutators/mutator.ts';
import {
  AGREED,
  buildTables,
  CTX,
  isPlainEnglish,
  readStateOver,
  rowOf,
  withChanges,
  type Tables,
} from '../mutators/fixtures.test-support.ts';
import { NEW_REFERRAL_FIELDS, type Referral } from '../referrals/referral.ts';
import {
  ACCESS_POLICY_DEFAULTS,
  checkBookingRules,
  isChildOn,
  noticeWording,
  type RuleCheck,
} from './access-policy.ts';

const referral = (overrides: Partial<Referral> = {}): Referral => ({
  ...NEW_REFERRAL_FIELDS,
  id: 'ref-x',
  patientId: 'pat-x',
  receivedDate: '2026-02-23',
  source: 'gp',
  referrer: 'Dr Gosling',
  reason: 'Jaw pain',
  requestedPriority: 'routine',
  priority: 'routine',
  clinicianId: 'clin-1',
  siteId: 'site-wrh',
  status: 'waiting',
  condition: 'tmj',
  rttEvents: [{ date: '2026-02-23', code: '10', cause: 'Referral received' }],
  ...overrides,
});

const TODAY = '2026-03-02';
function levels(checks: RuleCheck[]) {
  return Object.fromEntries(checks.map((c) => [c.rule, c.level]));
}

describe('the access policy’s booking rules (table of cases)', () => {
  it.each<[string, Partial<Referral>, string, boolean, Record<string, string>]>([
    [
      '3 weeks’ notice, in turn',
      {},
      '2026-03-23',
      false,
      { 'reasonable-notice': 'allow', 'book-in-turn': 'allow' },
    ],
    [
      '20 days’ notice',
      {},
      '2026-03-22',
      false,
      { 'reasonable-notice': 'warn', 'book-in-turn': 'allow' },
    ],
    [
      'ahead of a longer wait',
      {},
      '2026-03-30',
      true,
      { 'reasonable-notice': 'allow', 'book-in-turn': 'warn' },
    ],
    [
      'two-week wait inside 14 days',
      { priority: 'two-week-wait' },
      '2026-03-09',
      false,
      { 'reasonable-notice': 'warn', 'two-week-wait': 'allow', 'book-in-turn': 'allow' },
    ],
    [
      'two-week wait on day 15',
      { priority: 'two-week-wait' },
      '2026-03-10',
      false,
      { 'reasonable-notice': 'warn', 'two-week-wait': 'warn', 'book-in-turn': 'allow' },
    ],
    [
      'follow-up due in 10 weeks: partial booking',
      { status: 'follow-up', followUpDueDate: '2026-05-11' },
      '2026-05-04',
      false,
      { 'reasonable-notice': 'allow', 'follow-up-window': 'warn' },
    ],
    [
      'follow-up due in 5 weeks: book now',
      { status: 'follow-up', followUpDueDate: '2026-04-06' },
      '2026-04-06',
      false,
      { 'reasonable-notice': 'allow', 'follow-up-window': 'allow' },
    ],
    [
      'next offer more than 6 weeks after a declined one',
      {
        offers: [
          {
            id: 'o1',
            at: '2026-02-25T10:00:00Z',
            method: 'telephone',
            dates: ['2026-03-23'],
            noticeDays: 26,
            reasonable: true,
            patientAgreedSooner: false,
            response: 'declined',
            by: CTX.actor,
          },
        ],
      },
      '2026-05-11',
      false,
      { 'reasonable-notice': 'allow', 'book-in-turn': 'allow', 'second-offer': 'warn' },
    ],
  ])('%s', (_why, fields, date, longer, expected) => {
    const r = referral(fields);
    const checks = checkBookingRules(
      {
        referral: r,
        date,
        today: TODAY,
        longerWaiting: longer
          ? { referral: referral({ id: 'ref-older' }), daysWaited: 120 }
          : undefined,
      },
      ACCESS_POLICY_DEFAULTS,
    );
    expect(levels(checks)).toEqual(expected);
    for (const c of checks) expect(isPlainEnglish(c.reason)).toBe(true);
  });

  it('follows the numbers a manager sets', () => {
    const checks = checkBookingRules(
      { referral: referral(), date: '2026-03-16', today: TODAY, longerWaiting: undefined },
      { ...ACCESS_POLICY_DEFAULTS, reasonableNoticeDays: 14 },
    );
    expect(levels(checks)['reasonable-notice']).toBe('allow');
  });

  it.each([
    ['2026-03-01', -1, 'This date has passed (the policy asks for 21 days)'],
    ['2026-03-02', 0, 'A same-day appointment gives no notice (the policy asks for 21 days)'],
    ['2026-03-03', 1, "Only 1 day's notice (the policy asks for 21 days)"],
    ['2026-03-04', 2, "Only 2 days' notice (the policy asks for 21 days)"],
    ['2026-03-22', 20, "Only 20 days' notice (the policy asks for 21 days)"],
    ['2026-03-23', 21, "Gives 21 days' notice: a reasonable offer"],
  ])('an appointment on %s (%i days ahead) reads “%s”', (date, _days, start) => {
    const notice = checkBookingRules(
      { referral: referral(), date, today: TODAY, longerWaiting: undefined },
      ACCESS_POLICY_DEFAULTS,
    ).find((c) => c.rule === 'reasonable-notice')!;
    expect(notice.reason.startsWith(start)).toBe(true);
  });

  it('words the notice in the singular only for one day, whatever the number', () => {
    for (let days = 0; days <= 400; days++) {
      const words = noticeWording(days);
      expect(words).not.toMatch(/\b1 days|day' |days's/);
      expect(words).toBe(
        days === 0 ? 'no notice' : days === 1 ? "1 day's notice" : `${days} days' notice`,
      );
    }
  });

  it('calls a same-day appointment what it is when the policy asks for no notice', () => {
    const checks = checkBookingRules(
      { referral: referral(), date: TODAY, today: TODAY, longerWaiting: undefined },
      { ...ACCESS_POLICY_DEFAULTS, reasonableNoticeDays: 0 },
    );
    expect(checks.find((c) => c.rule === 'reasonable-notice')).toMatchObject({
      level: 'allow',
      reason: 'A same-day appointment: the policy asks for no notice',
    });
  });

  it('tells a one-day policy in the singular', () => {
    const checks = checkBookingRules(
      { referral: referral(), date: TODAY, today: TODAY, longerWaiting: undefined },
      { ...ACCESS_POLICY_DEFAULTS, reasonableNoticeDays: 1 },
    );
    expect(checks.find((c) => c.rule === 'reasonable-notice')!.reason).toContain(
      '(the policy asks for 1 day)',
    );
  });

  it.each([
    ['2008-03-02', '2026-03-01', true],
    ['2008-03-02', '2026-03-02', false],
    ['1990-01-01', '2026-03-02', false],
  ])('a person born %s is a child on %s: %s', (born, day, child) => {
    expect(isChildOn(born, day)).toBe(child);
  });
});

async function run(name: string, args: unknown, tables: Tables, ctx: MutatorContext = CTX) {
  const result = await runMutation(name, args, readStateOver(tables), ctx);
  return { result, tables: result.ok ? withChanges(tables, result.changes) : tables };
}

describe('appointment.book under the policy', () => {
  const book = (overrides: unknown[] = []) => ({
    appointmentId: 'appt-new',
    referralId: 'ref-soon',
    slotId: 'slot-new-free',
    overrides,
  });

  it('refuses a warned booking until the warning has a reason, in the co-ordinator’s words', async () => {
    const { result } = await run('appointment.book', book(), buildTables());
    expect(result).toEqual({
      ok: false,
      reason: 'policy-warning',
      message:
        "Only 7 days' notice (the policy asks for 21 days): book only if the patient agrees to the sooner date. Record a reason to go ahead.",
    });
  });

  it('books with the reason recorded as an override, with who, when and the policy version', async () => {
    const tables = buildTables();
    tables.settings[0] = { ...tables.settings[0]!, version: 4 };
    const { result, tables: after } = await run(
      'appointment.book',
      book([{ rule: 'reasonable-notice', reason: 'Patient wants the cancellation slot' }]),
      tables,
    );
    expect(result.ok).toBe(true);
    expect(after.policyOverrides).toEqual([
      expect.objectContaining({
        rule: 'reasonable-notice',
        reason: 'Patient wants the cancellation slot',
        by: CTX.actor,
        policyVersion: 4,
        appointmentId: 'appt-new',
      }),
    ]);
    expect(rowOf(after, 'referrals', 'ref-soon').offers.at(-1)).toMatchObject({
      response: 'accepted',
      reasonable: true,
      patientAgreedSooner: true,
    });
  });

  it('asks for a reason to book ahead of a longer-waiting patient of the same priority and clinician', async () => {
    const tables = buildTables();
    const older = {
      ...rowOf(tables, 'referrals', 'ref-soon'),
      id: 'ref-soon-older',
      receivedDate: '2025-10-01',
    };
    older.rttEvents = [{ date: '2025-10-01', code: '10', cause: 'Referral received' }];
    tables.referrals.push(older);
    const { result } = await run(
      'appointment.book',
      book([{ rule: 'reasonable-notice', reason: 'Patient agreed' }]),
      tables,
    );
    expect(result).toMatchObject({ ok: false, reason: 'policy-warning' });
    if (result.ok) return;
    expect(result.message).toMatch(
      /^Another patient of the same priority for the same clinician has waited longer \(21 weeks\)/,
    );
  });

  it('will not book a pathway waiting for a clinician’s review', async () => {
    const tables = buildTables();
    rowOf(tables, 'referrals', 'ref-soon').reviews = [
      {
        id: 'rv-1',
        kind: 'first-dna',
        raisedAt: CTX.now,
        raisedBy: CTX.actor,
        detail: 'DNA',
        decidedAt: null,
        decidedBy: null,
        decision: null,
        decisionNote: null,
      },
    ];
    const { result } = await run('appointment.book', book(AGREED as unknown as unknown[]), tables);
    expect(result).toMatchObject({
      ok: false,
      reason: 'awaiting-clinical-review',
      message:
        'A clinician must review this pathway before it is booked again: Did not attend the first appointment: rebook or discharge?',
    });
  });
});

describe('missed appointments, cancellations and declined offers go to the clinician', () => {
  async function bookedAndDue(tables: Tables, referralId: string, slotId: string) {
    const booked = await run(
      'appointment.book',
      { appointmentId: 'appt-x', referralId, slotId, overrides: AGREED },
      tables,
    );
    expect(booked.result.ok).toBe(true);
    const day = rowOf(booked.tables, 'slots', slotId).date;
    return { tables: booked.tables, ctx: { ...CTX, today: day, now: `${day}T17:00:00.000Z` } };
  }

  it('a first-appointment DNA nullifies the clock and opens a review; nothing discharges', async () => {
    const { tables, ctx } = await bookedAndDue(buildTables(), 'ref-soon', 'slot-new-free');
    const { tables: after } = await run(
      'appointment.attendance',
      { appointmentId: 'appt-x', attendance: 'did-not-attend' },
      tables,
      ctx,
    );
    const r = rowOf(after, 'referrals', 'ref-soon');
    expect(r.status).toBe('waiting');
    expect(r.rttEvents.at(-1)?.code).toBe('33');
    expect(r.reviews).toEqual([expect.objectContaining({ kind: 'first-dna', decision: null })]);
    // The GP is written to at once.
    expect(rowOf(after, 'letters', 'letter-dna-appt-x')).toMatchObject({
      kind: 'dna-gp',
      printedAt: null,
    });
  });

  it('a child who misses a follow-up is sent for clinical review too', async () => {
    const tables = buildTables();
    // The fixture's patients are shared objects: replace, never edit, one.
    tables.patients = tables.patients.map((p) =>
      p.id === 'pat-amelia' ? { ...p, dateOfBirth: '2015-06-01' } : p,
    );
    const r = rowOf(tables, 'referrals', 'ref-soon');
    r.status = 'follow-up';
    r.followUpDueDate = '2026-03-09';
    const { tables: booked, ctx } = await bookedAndDue(tables, 'ref-soon', 'slot-follow-up-free');
    const { tables: after } = await run(
      'appointment.attendance',
      { appointmentId: 'appt-x', attendance: 'did-not-attend' },
      booked,
      ctx,
    );
    expect(rowOf(after, 'referrals', 'ref-soon').reviews).toEqual([
      expect.objectContaining({ kind: 'dna-child-or-vulnerable' }),
    ]);
  });

  it('an adult who misses a follow-up goes back on the follow-up list without a review, unless vulnerable', async () => {
    for (const vulnerable of [false, true]) {
      const tables = buildTables();
      if (vulnerable) {
        const marked = await run(
          'patient.vulnerable',
          { patientId: 'pat-amelia', vulnerable: true, reason: 'Learning disability' },
          tables,
        );
        expect(marked.result.ok).toBe(true);
        Object.assign(tables, marked.tables);
      }
      const r = rowOf(tables, 'referrals', 'ref-soon');
      r.status = 'follow-up';
      r.followUpDueDate = '2026-03-09';
      const { tables: booked, ctx } = await bookedAndDue(tables, 'ref-soon', 'slot-follow-up-free');
      const { tables: after } = await run(
        'appointment.attendance',
        { appointmentId: 'appt-x', attendance: 'did-not-attend' },
        booked,
        ctx,
      );
      expect(rowOf(after, 'referrals', 'ref-soon').reviews.length).toBe(vulnerable ? 1 : 0);
    }
  });

  it('two reasonable offers declined open a review to discuss active monitoring; unreasonable ones do not count', async () => {
    let tables = buildTables();
    const offer = (offerId: string, dates: string[], response = 'declined') => ({
      referralId: 'ref-soon',
      offerId,
      method: 'telephone',
      dates,
      response,
    });
    ({ tables } = await run('offer.record', offer('o1', ['2026-03-10']), tables)); // 8 days: not reasonable
    ({ tables } = await run('offer.record', offer('o2', ['2026-03-30', '2026-04-02']), tables));
    expect(rowOf(tables, 'referrals', 'ref-soon').reviews).toEqual([]);
    ({ tables } = await run('offer.record', offer('o3', ['2026-04-13']), tables));
    const r = rowOf(tables, 'referrals', 'ref-soon');
    expect(r.offers.map((o) => [o.id, o.reasonable, o.noticeDays])).toEqual([
      ['o1', false, 8],
      ['o2', true, 28],
      ['o3', true, 42],
    ]);
    expect(r.reviews).toEqual([expect.objectContaining({ kind: 'two-declined-offers' })]);
  });
});

describe('review.decide', () => {
  async function withReview() {
    const tables = buildTables();
    rowOf(tables, 'referrals', 'ref-soon').reviews = [
      {
        id: 'rv-1',
        kind: 'two-declined-offers',
        raisedAt: CTX.now,
        raisedBy: CTX.actor,
        detail: '2 declined',
        decidedAt: null,
        decidedBy: null,
        decision: null,
        decisionNote: null,
      },
    ];
    return tables;
  }
  const clinician: MutatorContext = { ...CTX, actor: { userId: 'u-c', name: 'Dr Cleo Clinician' } };

  it.each([
    ['rebook', 'waiting', null],
    ['discharge', 'discharged', '34'],
    ['active-monitoring', 'follow-up', '31'],
  ] as const)('%s: the pathway becomes %s (RTT %s)', async (decision, status, code) => {
    const { result, tables } = await run(
      'review.decide',
      { referralId: 'ref-soon', reviewId: 'rv-1', decision, note: 'Discussed with the patient' },
      await withReview(),
      clinician,
    );
    expect(result.ok).toBe(true);
    const r = rowOf(tables, 'referrals', 'ref-soon');
    expect(r.status).toBe(status);
    expect(r.reviews[0]).toMatchObject({ decision, decidedBy: clinician.actor });
    if (code) expect(r.rttEvents.at(-1)).toMatchObject({ code, recordedBy: clinician.actor });
    else expect(r.rttEvents).toHaveLength(1);
    // Only a discharge writes to the GP.
    expect(tables.letters.map((l) => l.kind)).toEqual(
      decision === 'discharge' ? ['discharge-gp'] : [],
    );
  });

  it('is decided once, with a note', async () => {
    const first = await run(
      'review.decide',
      { referralId: 'ref-soon', reviewId: 'rv-1', decision: 'rebook', note: 'Rebook' },
      await withReview(),
      clinician,
    );
    const again = await run(
      'review.decide',
      { referralId: 'ref-soon', reviewId: 'rv-1', decision: 'discharge', note: 'No' },
      first.tables,
    );
    expect(again.result).toMatchObject({
      ok: false,
      message: 'Dr Cleo Clinician has already decided this review',
    });
    const noNote = await run(
      'review.decide',
      { referralId: 'ref-soon', reviewId: 'rv-1', decision: 'rebook', note: '' },
      await withReview(),
    );
    expect(noNote.result).toMatchObject({ ok: false, message: 'Say why, for the record' });
  });
});

describe('the policy as versioned configuration', () => {
  it('each saved change is a new version with who changed what; unchanged settings are kept', async () => {
    const manager: MutatorContext = { ...CTX, actor: { userId: 'u-m', name: 'Mina Manager' } };
    let { tables } = await run(
      'settings.update',
      { reasonableNoticeDays: 14 },
      buildTables(),
      manager,
    );
    ({ tables } = await run(
      'settings.update',
      { twoWeekWaitDays: 10, reasonableNoticeDays: 14 },
      tables,
      manager,
    ));
    const settings = tables.settings[0]!;
    expect(settings).toMatchObject({
      reasonableNoticeDays: 14,
      twoWeekWaitDays: 10,
      triageWorkingDays: 3,
      version: 3,
    });
    expect(settings.history).toEqual([
      {
        version: 2,
        at: CTX.now,
        by: manager.actor,
        changed: [{ field: 'reasonableNoticeDays', from: 21, to: 14 }],
      },
      {
        version: 3,
        at: CTX.now,
        by: manager.actor,
        changed: [{ field: 'twoWeekWaitDays', from: 14, to: 10 }],
      },
    ]);
  });
});

describe('longerWaitingThan: the book-in-turn check reads only who can have waited longer (issue 10)', () => {
  const queue = (tables: Tables) => {
    const asked: string[] = [];
    const inner = readStateOver(tables);
    const state = {
      ...inner,
      waitingReferrals: (c: string | null, p: Referral['priority'] & string, before: string) => {
        asked.push(before);
        return inner.waitingReferrals(c, p, before);
      },
    };
    return { state, asked };
  };
  const mine = referral({ id: 'ref-mine' }); // received 23/02/2026: 7 days waited on 02/03
  const other = (id: string, received: string, clockStart = received): Referral =>
    referral({
      id,
      receivedDate: received,
      rttEvents:
        clockStart === received
          ? [{ date: received, code: '10', cause: 'Referral received' }]
          : [
              { date: received, code: '10', cause: 'Referral received' },
              { date: received, code: '33', cause: 'Did not attend' },
              { date: clockStart, code: '10', cause: 'Rebooked after did not attend' },
            ],
    });

  it.each([
    ['one day longer', [other('a', '2026-02-22')], 'a', 8],
    ['received the same day: not longer', [other('a', '2026-02-23')], undefined, undefined],
    ['the longest of several', [other('a', '2026-02-10'), other('b', '2026-01-05')], 'b', 56],
    [
      'received long ago, clock restarted after a DNA: waited less',
      [other('a', '2025-06-01', '2026-02-27')],
      undefined,
      undefined,
    ],
    [
      'a restarted clock that still waited longer',
      [other('a', '2025-06-01', '2026-02-20'), other('b', '2026-02-21')],
      'a',
      10,
    ],
  ])('%s', async (_why, others, id, days) => {
    const tables = buildTables();
    tables.referrals.push(mine, ...others);
    const { state, asked } = queue(tables);
    const got = await longerWaitingThan(state, mine, TODAY);
    expect(got?.referral.id).toBe(id);
    expect(got?.daysWaited).toBe(days);
    // Only pathways received before 23/02/2026 (today − 7 days) can have waited longer.
    expect(asked).toEqual(['2026-02-23']);
  });
});
