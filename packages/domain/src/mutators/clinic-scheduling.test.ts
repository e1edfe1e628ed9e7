import { describe, it, expect } from 'vitest';
import type { ClinicTemplate } from '../clinics/clinic.ts';
import { rebookIdFor } from '../clinics/rebook.ts';
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
  AGREED,
} from './fixtures.test-support.ts';

const MONDAY_AM: ClinicTemplate = {
  id: 'tpl-mon',
  name: 'Whitcombe Monday AM',
  clinicianId: 'clin-1',
  siteId: 'site-wrh',
  room: 'OPD 1',
  weekday: 1,
  startTime: '09:00',
  slotPattern: [
    { type: 'new', minutes: 20 },
    { type: 'urgent', minutes: 20 },
    { type: 'follow-up', minutes: 15 },
  ],
  recurrence: { kind: 'weekly' },
  validFrom: null,
  validTo: null,
};

function withTemplate(): Tables {
  const tables = buildTables();
  tables.clinicTemplates.push(MONDAY_AM);
  return tables;
}

async function run(name: string, args: unknown, tables: Tables, ctx: MutatorContext = CTX) {
  return runMutation(name, args, readStateOver(tables), ctx);
}

/** Runs an edit that must succeed and returns the tables with its changes written. */
async function apply(name: string, args: unknown, tables: Tables, ctx: MutatorContext = CTX) {
  const result = await run(name, args, tables, ctx);
  if (!result.ok) throw new Error(`${name} refused: ${result.message}`);
  return { tables: withChanges(tables, result.changes), changes: result.changes };
}

async function refusal(name: string, args: unknown, tables: Tables) {
  const result = await run(name, args, tables);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(isPlainEnglish(result.message)).toBe(true);
  return result;
}

const sessionsOf = (tables: Tables, templateId: string) =>
  tables.clinicSessions.filter((s) => s.templateId === templateId).map((s) => s.date);

describe('sessions.generate', () => {
  it('makes each week’s clinic with its slots, and running it again makes nothing', async () => {
    const first = await apply(
      'sessions.generate',
      { templateIds: ['tpl-mon'], from: '2026-03-02', weeks: 4 },
      withTemplate(),
    );
    expect(sessionsOf(first.tables, 'tpl-mon')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
    ]);
    expect(first.tables.slots.filter((s) => s.sessionId === 'ses-tpl-mon-2026-03-09')).toHaveLength(
      3,
    );
    const again = await run(
      'sessions.generate',
      { templateIds: ['tpl-mon'], from: '2026-03-02', weeks: 4 },
      first.tables,
    );
    expect(again).toEqual({ ok: true, changes: [] });
    // Overlapping ranges add only the new weeks.
    const longer = await apply(
      'sessions.generate',
      { templateIds: ['tpl-mon'], from: '2026-03-09', weeks: 4 },
      first.tables,
    );
    expect(longer.changes.filter((c) => c.table === 'clinicSessions').map((c) => c.row.id)).toEqual(
      ['ses-tpl-mon-2026-03-30'],
    );
  });

  it('skips bank holidays and the Trust’s added closures, and keeps 09:00 across the BST change', async () => {
    const tables = withTemplate();
    tables.settings[0] = {
      ...tables.settings[0]!,
      closures: [{ date: '2026-04-13', reason: 'Trust closure' }],
    };
    const { tables: after } = await apply(
      'sessions.generate',
      { templateIds: ['tpl-mon'], from: '2026-03-23', weeks: 4 },
      tables,
    );
    // 30/03 is the first Monday of BST; 06/04 is Easter Monday; 13/04 the Trust closed.
    expect(sessionsOf(after, 'tpl-mon')).toEqual(['2026-03-23', '2026-03-30']);
    const times = (date: string) =>
      after.slots.filter((s) => s.sessionId === `ses-tpl-mon-${date}`).map((s) => s.startTime);
    expect(times('2026-03-30')).toEqual(times('2026-03-23'));
    expect(times('2026-03-30')).toEqual(['09:00', '09:20', '09:40']);
  });

  it('makes no clinic on a day its clinician is already on leave', async () => {
    const tables = withTemplate();
    tables.leave.push({
      id: 'leave-1',
      clinicianId: 'clin-1',
      from: '2026-03-14',
      to: '2026-03-20',
      reason: 'Annual leave',
      shortNotice: false,
      shortNoticeReason: null,
      shortNoticeAgreedBy: null,
      recordedAt: CTX.now,
      recordedBy: CTX.actor,
    });
    const { tables: after } = await apply(
      'sessions.generate',
      { templateIds: ['tpl-mon'], from: '2026-03-09', weeks: 3 },
      tables,
    );
    expect(sessionsOf(after, 'tpl-mon')).toEqual(['2026-03-09', '2026-03-23']);
  });

  it('starts no earlier than today and refuses an unknown template', async () => {
    const { tables } = await apply(
      'sessions.generate',
      { templateIds: ['tpl-mon'], from: '2026-02-01', weeks: 1 },
      withTemplate(),
    );
    expect(sessionsOf(tables, 'tpl-mon')).toEqual(['2026-03-02']);
    const refused = await refusal(
      'sessions.generate',
      { templateIds: ['tpl-nope'], from: '2026-03-02', weeks: 1 },
      withTemplate(),
    );
    expect(refused.reason).toBe('unknown-template');
  });
});

describe('session.add', () => {
  const adHoc = {
    id: 'ses-adhoc-1',
    name: 'Waiting list initiative',
    clinicianId: 'clin-1',
    siteId: 'site-wrh',
    room: 'OPD 3',
    date: '2026-03-07',
    startTime: '08:30',
    slotPattern: [
      { type: 'new', minutes: 30 },
      { type: 'new', minutes: 30 },
    ],
  };

  it('adds a one-off clinic, even on a Saturday, with its slots', async () => {
    const { tables } = await apply('session.add', adHoc, buildTables());
    const session = rowOf(tables, 'clinicSessions', 'ses-adhoc-1');
    expect(session).toMatchObject({ templateId: null, endTime: '09:30', status: 'open' });
    expect(
      tables.slots.filter((s) => s.sessionId === 'ses-adhoc-1').map((s) => s.startTime),
    ).toEqual(['08:30', '09:00']);
  });

  it.each([
    [{ date: '2026-02-27' }, 'date-in-past', 'The date 27/02/2026 has passed: choose a later day'],
    [
      { date: '2026-04-03' },
      'closed-day',
      'Clinics do not run on 03/04/2026 (Bank holiday): choose another day',
    ],
    [{ clinicianId: 'clin-x' }, 'unknown-clinician', 'Choose a clinician from the list'],
    [
      { startTime: '23:40' },
      'too-long',
      'The slots run past midnight: shorten the clinic or start earlier',
    ],
    [{ slotPattern: [] }, 'invalid-args', 'Add at least one slot'],
    [{ startTime: '9am' }, 'invalid-args', 'Enter a time like 09:30'],
  ])('refuses %j (%s)', async (change, reason, message) => {
    const refused = await refusal('session.add', { ...adHoc, ...change }, buildTables());
    expect(refused.reason).toBe(reason);
    expect(refused.message.startsWith(message)).toBe(true);
  });
});

describe('session.slots', () => {
  it('retypes and takes out free slots and adds slots at the end, marking the clinic as changed by hand', async () => {
    const { tables } = await apply(
      'session.slots',
      {
        sessionId: 'ses-open',
        retype: [{ slotId: 'slot-new-free', type: 'two-week-wait' }],
        remove: ['slot-procedure-free'],
        add: [{ type: 'follow-up', minutes: 15 }],
      },
      buildTables(),
    );
    expect(rowOf(tables, 'slots', 'slot-new-free').type).toBe('two-week-wait');
    expect(rowOf(tables, 'slots', 'slot-procedure-free')).toMatchObject({
      status: 'blocked',
      blockedReason: 'Taken out of this clinic',
    });
    const session = rowOf(tables, 'clinicSessions', 'ses-open');
    expect(session).toMatchObject({ endTime: '12:15', changedBy: CTX.actor, changedAt: CTX.now });
    const added = tables.slots.filter((s) => s.sessionId === 'ses-open' && s.startTime === '12:00');
    expect(added).toHaveLength(1);
    expect(added[0]!.id).toBe('ses-open-8');
  });

  it.each([
    [
      { retype: [{ slotId: 'slot-new-booked', type: 'urgent' }] },
      'The 10:20 slot is booked: only a free slot can be changed',
    ],
    [
      { remove: ['slot-blocked'] },
      'The 11:20 slot is already out of use: only a free slot can be changed',
    ],
    [{ remove: ['slot-summer-free'] }, 'That slot is not in this clinic'],
    [{}, 'Nothing to change: retype, remove or add a slot'],
  ])('refuses %j', async (change, message) => {
    const refused = await refusal(
      'session.slots',
      { sessionId: 'ses-open', ...change },
      buildTables(),
    );
    expect(refused.message).toBe(message);
  });

  it('refuses to change a cancelled or past clinic', async () => {
    expect(
      (
        await refusal(
          'session.slots',
          { sessionId: 'ses-cancelled', add: [{ type: 'new', minutes: 20 }] },
          buildTables(),
        )
      ).reason,
    ).toBe('clinic-cancelled');
    expect(
      (
        await refusal(
          'session.slots',
          { sessionId: 'ses-last-week', add: [{ type: 'new', minutes: 20 }] },
          buildTables(),
        )
      ).reason,
    ).toBe('clinic-past');
  });
});

describe('template.save', () => {
  async function generated() {
    return (
      await apply(
        'sessions.generate',
        { templateIds: ['tpl-mon'], from: '2026-03-02', weeks: 4 },
        withTemplate(),
      )
    ).tables;
  }

  it('adds a new template without touching any clinic', async () => {
    const result = await run('template.save', { ...MONDAY_AM, id: 'tpl-new' }, buildTables());
    expect(result).toEqual({
      ok: true,
      changes: [{ table: 'clinicTemplates', row: { ...MONDAY_AM, id: 'tpl-new' } }],
    });
  });

  it('rewrites only future clinics with no bookings that were not changed by hand', async () => {
    let tables = await generated();
    // 09/03: a patient is booked. 16/03: changed on its own. 23/03: untouched. 02/03 is today.
    tables = (
      await apply(
        'appointment.book',
        {
          appointmentId: 'appt-new',
          referralId: 'ref-routine',
          slotId: 'ses-tpl-mon-2026-03-09-1',
          overrides: AGREED,
        },
        tables,
      )
    ).tables;
    tables = (
      await apply(
        'session.slots',
        { sessionId: 'ses-tpl-mon-2026-03-16', remove: ['ses-tpl-mon-2026-03-16-2'] },
        tables,
      )
    ).tables;
    const changed = {
      ...MONDAY_AM,
      startTime: '08:30',
      slotPattern: [{ type: 'new', minutes: 30 } as const],
    };
    const { tables: after } = await apply('template.save', changed, tables);
    const slotsOf = (id: string) =>
      after.slots.filter((s) => s.sessionId === id).map((s) => [s.startTime, s.type, s.status]);
    expect(slotsOf('ses-tpl-mon-2026-03-23')).toEqual([
      ['08:30', 'new', 'free'],
      ['09:20', 'urgent', 'blocked'],
      ['09:40', 'follow-up', 'blocked'],
    ]);
    expect(rowOf(after, 'clinicSessions', 'ses-tpl-mon-2026-03-23')).toMatchObject({
      startTime: '08:30',
      endTime: '09:00',
    });
    expect(slotsOf('ses-tpl-mon-2026-03-09')).toEqual(slotsOf.call(null, 'ses-tpl-mon-2026-03-09'));
    expect(rowOf(after, 'clinicSessions', 'ses-tpl-mon-2026-03-09').startTime).toBe('09:00');
    expect(rowOf(after, 'clinicSessions', 'ses-tpl-mon-2026-03-16').startTime).toBe('09:00');
    expect(rowOf(after, 'clinicSessions', 'ses-tpl-mon-2026-03-02').startTime).toBe('09:00');
  });

  it('moving a template to another weekday withdraws its empty clinics and makes the new days', async () => {
    const tables = await generated();
    const { tables: after } = await apply('template.save', { ...MONDAY_AM, weekday: 2 }, tables);
    const open = after.clinicSessions
      .filter((s) => s.templateId === 'tpl-mon' && s.status === 'open')
      .map((s) => s.date)
      .sort();
    expect(open).toEqual(['2026-03-02', '2026-03-03', '2026-03-10', '2026-03-17']);
    expect(rowOf(after, 'clinicSessions', 'ses-tpl-mon-2026-03-09')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'No longer in the clinic template',
    });
  });

  it.each([
    [
      { validFrom: '2026-04-01', validTo: '2026-03-01' },
      'The last date (01/03/2026) is before the first (01/04/2026)',
    ],
    [{ siteId: 'site-x' }, 'Choose a site from the list'],
    [
      { recurrence: { kind: 'monthly', weeks: [] } },
      'Choose which weeks of the month the clinic runs',
    ],
    [{ slotPattern: [{ type: 'new', minutes: 3 }] }, 'A slot must be at least 5 minutes'],
    [{ name: '   ' }, 'Give the clinic a name'],
  ])('refuses %j', async (change, message) => {
    const refused = await refusal('template.save', { ...MONDAY_AM, ...change }, withTemplate());
    expect(refused.message.startsWith(message)).toBe(true);
  });
});

describe('leave.record', () => {
  const leave = {
    id: 'leave-1',
    clinicianId: 'clin-1',
    from: '2026-05-04',
    to: '2026-05-08',
    reason: 'Annual leave',
  };

  it('records leave given with enough notice', async () => {
    const { tables } = await apply('leave.record', leave, buildTables());
    expect(rowOf(tables, 'leave', 'leave-1')).toMatchObject({
      shortNotice: false,
      shortNoticeReason: null,
      recordedBy: CTX.actor,
    });
  });

  it('marks leave inside the Trust’s notice period as short notice and asks for a manager’s reason', async () => {
    const soon = { ...leave, from: '2026-04-06', to: '2026-04-10' }; // 5 weeks away
    const refused = await refusal('leave.record', soon, buildTables());
    expect(refused).toMatchObject({
      reason: 'short-notice-needs-reason',
      message:
        "This leave gives less than 6 weeks' notice: give the reason and the manager who agreed it",
    });
    const { tables } = await apply(
      'leave.record',
      { ...soon, shortNoticeReason: 'Jury service', shortNoticeAgreedBy: 'Mina Manager' },
      buildTables(),
    );
    expect(rowOf(tables, 'leave', 'leave-1')).toMatchObject({
      shortNotice: true,
      shortNoticeReason: 'Jury service',
      shortNoticeAgreedBy: 'Mina Manager',
    });
  });

  it('uses the Trust’s configured notice period', async () => {
    const tables = buildTables();
    tables.settings[0] = { ...tables.settings[0]!, leaveNoticeWeeks: 4 };
    const { tables: after } = await apply(
      'leave.record',
      { ...leave, from: '2026-04-06', to: '2026-04-10' },
      tables,
    );
    expect(rowOf(after, 'leave', 'leave-1').shortNotice).toBe(false);
  });

  it.each([
    [{ to: '2026-05-01' }, 'The leave ends (01/05/2026) before it starts (04/05/2026)'],
    [
      { from: '2026-02-02', to: '2026-02-06' },
      'That leave has already ended: record leave that is still to come',
    ],
    [{ reason: '' }, 'Give the reason for the leave'],
  ])('refuses %j', async (change, message) => {
    const refused = await refusal('leave.record', { ...leave, ...change }, buildTables());
    expect(refused.message.startsWith(message)).toBe(true);
  });
});

describe('session.cancel', () => {
  async function onLeave() {
    return (
      await apply(
        'leave.record',
        {
          id: 'leave-1',
          clinicianId: 'clin-1',
          from: '2026-03-09',
          to: '2026-03-09',
          reason: 'Sick',
          shortNoticeReason: 'Illness',
          shortNoticeAgreedBy: 'Mina Manager',
        },
        buildTables(),
      )
    ).tables;
  }

  it('cancels a clinic: every booked patient is displaced onto the Rebook worklist, cancelled by the hospital, clock running', async () => {
    const before = await onLeave();
    const { tables } = await apply(
      'session.cancel',
      { sessionId: 'ses-open', reason: 'Consultant off sick', leaveId: 'leave-1' },
      before,
    );
    expect(rowOf(tables, 'clinicSessions', 'ses-open')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Consultant off sick',
      leaveId: 'leave-1',
      changedBy: CTX.actor,
    });
    expect(
      tables.slots.filter((s) => s.sessionId === 'ses-open').every((s) => s.status === 'blocked'),
    ).toBe(true);
    for (const [appointmentId, referralId, status] of [
      ['appt-booked', 'ref-booked', 'waiting'],
      ['appt-follow-up', 'ref-seen', 'seen'],
    ] as const) {
      expect(rowOf(tables, 'appointments', appointmentId)).toMatchObject({
        status: 'cancelled-by-hospital',
        cancellationReason: 'Consultant off sick',
        cancelledAt: CTX.now,
      });
      const referral = rowOf(tables, 'referrals', referralId);
      expect(referral).toMatchObject({ status, openRebookId: rebookIdFor(appointmentId) });
      // A hospital cancellation has no RTT effect: the clock keeps running.
      expect(referral.rttEvents).toEqual(rowOf(before, 'referrals', referralId).rttEvents);
      expect(rowOf(tables, 'rebooks', rebookIdFor(appointmentId))).toMatchObject({
        status: 'open',
        referralId,
        reason: 'Consultant off sick',
        calls: [],
      });
    }
    expect(tables.rebooks.map((r) => r.kind).sort()).toEqual(['follow-up', 'new']);
    // Each displaced patient is written to as well as rung.
    expect(tables.letters.map((l) => [l.id, l.kind]).sort()).toEqual([
      ['letter-cancelled-appt-booked', 'appointment-cancellation'],
      ['letter-cancelled-appt-follow-up', 'appointment-cancellation'],
    ]);
  });

  it('reduces a clinic: only the chosen slots are taken out and only their patients displaced', async () => {
    const { tables } = await apply(
      'session.cancel',
      {
        sessionId: 'ses-open',
        reason: 'Consultant leaves at 10:00',
        slotIds: ['slot-new-booked', 'slot-procedure-free'],
      },
      buildTables(),
    );
    expect(rowOf(tables, 'clinicSessions', 'ses-open').status).toBe('open');
    expect(rowOf(tables, 'slots', 'slot-new-booked')).toMatchObject({
      status: 'blocked',
      appointmentId: null,
      blockedReason: 'Consultant leaves at 10:00',
    });
    expect(rowOf(tables, 'slots', 'slot-follow-up-booked').status).toBe('booked');
    expect(tables.rebooks.map((r) => r.id)).toEqual([rebookIdFor('appt-booked')]);
    expect(rowOf(tables, 'appointments', 'appt-follow-up').status).toBe('booked');
  });

  it('refuses while a patient in the clinic has arrived, and for past or cancelled clinics', async () => {
    const tables = buildTables();
    rowOf(tables, 'appointments', 'appt-booked').status = 'arrived';
    const refused = await refusal(
      'session.cancel',
      { sessionId: 'ses-open', reason: 'Leave' },
      tables,
    );
    expect(refused.message).toBe(
      'The patient at 10:20 has already arrived or been seen: leave that slot in the clinic',
    );
    expect(
      (
        await refusal(
          'session.cancel',
          { sessionId: 'ses-last-week', reason: 'Leave' },
          buildTables(),
        )
      ).reason,
    ).toBe('clinic-past');
    expect(
      (
        await refusal(
          'session.cancel',
          { sessionId: 'ses-cancelled', reason: 'Leave' },
          buildTables(),
        )
      ).reason,
    ).toBe('already-cancelled');
    expect(
      (await refusal('session.cancel', { sessionId: 'ses-open', reason: ' ' }, buildTables()))
        .message,
    ).toMatch(/^Give the reason for cancelling the clinic/);
  });
});

describe('the Rebook worklist', () => {
  async function cancelled() {
    return (
      await apply(
        'session.cancel',
        { sessionId: 'ses-open', reason: 'Consultant on leave' },
        buildTables(),
      )
    ).tables;
  }
  const rebookId = rebookIdFor('appt-booked');

  it('records each call to the patient with who made it', async () => {
    let { tables } = await apply(
      'rebook.call',
      { rebookId, outcome: 'no-answer' },
      await cancelled(),
    );
    ({ tables } = await apply(
      'rebook.call',
      { rebookId, outcome: 'reached', note: 'Prefers mornings' },
      tables,
    ));
    expect(rowOf(tables, 'rebooks', rebookId).calls).toEqual([
      { at: CTX.now, outcome: 'no-answer', note: '', by: CTX.actor },
      { at: CTX.now, outcome: 'reached', note: 'Prefers mornings', by: CTX.actor },
    ]);
    expect(rowOf(tables, 'rebooks', rebookId).status).toBe('open');
  });

  it('booking the displaced patient again takes them off the worklist, with the new appointment', async () => {
    const { tables } = await apply(
      'appointment.book',
      {
        appointmentId: 'appt-rebooked',
        referralId: 'ref-booked',
        slotId: 'slot-summer-free',
        overrides: AGREED,
      },
      await cancelled(),
    );
    expect(rowOf(tables, 'rebooks', rebookId)).toMatchObject({
      status: 'rebooked',
      newAppointmentId: 'appt-rebooked',
      closedBy: CTX.actor,
    });
    expect(rowOf(tables, 'referrals', 'ref-booked')).toMatchObject({
      status: 'booked',
      openRebookId: null,
    });
  });

  it('puts a patient back on the waiting list only deliberately, with a reason, and once', async () => {
    const before = await cancelled();
    expect((await refusal('rebook.return', { rebookId, reason: '' }, before)).message).toMatch(
      /^Give the reason/,
    );
    const { tables } = await apply(
      'rebook.return',
      { rebookId, reason: 'Patient will ring back after holiday' },
      before,
    );
    expect(rowOf(tables, 'rebooks', rebookId)).toMatchObject({
      status: 'returned',
      closedReason: 'Patient will ring back after holiday',
    });
    expect(rowOf(tables, 'referrals', 'ref-booked')).toMatchObject({
      status: 'waiting',
      openRebookId: null,
    });
    expect((await refusal('rebook.return', { rebookId, reason: 'Again' }, tables)).message).toBe(
      'This patient has already been put back on the waiting list',
    );
  });
});

describe('appointment.book for a follow-up', () => {
  function onFollowUpList() {
    const tables = buildTables();
    const referral = rowOf(tables, 'referrals', 'ref-routine');
    referral.status = 'follow-up';
    referral.followUpDueDate = '2026-03-16';
    return tables;
  }

  it('books a pathway on the follow-up list into a follow-up slot, once', async () => {
    const { tables } = await apply(
      'appointment.book',
      {
        appointmentId: 'appt-fu',
        referralId: 'ref-routine',
        slotId: 'slot-follow-up-free',
        overrides: AGREED,
      },
      onFollowUpList(),
    );
    expect(rowOf(tables, 'appointments', 'appt-fu').kind).toBe('follow-up');
    expect(rowOf(tables, 'referrals', 'ref-routine').status).toBe('follow-up');
    tables.slots.push({
      ...rowOf(tables, 'slots', 'slot-follow-up-free'),
      id: 'slot-fu-2',
      status: 'free',
      appointmentId: null,
    });
    const again = await refusal(
      'appointment.book',
      {
        appointmentId: 'appt-fu-2',
        referralId: 'ref-routine',
        slotId: 'slot-fu-2',
        overrides: AGREED,
      },
      tables,
    );
    expect(again.message).toBe(
      'This patient already has a follow-up booked on 09/03/2026 at 09:40',
    );
  });

  it('refuses a follow-up in a new-patient slot', async () => {
    const refused = await refusal(
      'appointment.book',
      {
        appointmentId: 'appt-fu',
        referralId: 'ref-routine',
        slotId: 'slot-new-free',
        overrides: AGREED,
      },
      onFollowUpList(),
    );
    expect(refused.message).toBe('A follow-up appointment needs a follow-up slot');
  });
});
