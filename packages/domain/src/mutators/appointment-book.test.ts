import { describe, it, expect } from 'vitest';
import type { Priority } from '../referrals/referral.ts';
import { runMutation } from './registry.ts';
import {
  buildTables,
  CTX,
  deepCopy,
  isPlainEnglish,
  readStateOver,
  rowOf,
  type Tables,
  AGREED,
} from './fixtures.test-support.ts';

async function book(args: unknown, tables: Tables = buildTables(), ctx = CTX) {
  return runMutation('appointment.book', args, readStateOver(tables), ctx);
}

const args = (referralId: string, slotId: string) => ({
  appointmentId: 'appt-new',
  referralId,
  slotId,
  overrides: AGREED,
});

describe('appointment.book', () => {
  it('books a waiting routine referral into a free new slot: the appointment, the slot, the pathway with the accepted offer, the override of the notice warning and the confirmation letter', async () => {
    const tables = buildTables();
    const slot = rowOf(tables, 'slots', 'slot-new-free');
    const referral = rowOf(tables, 'referrals', 'ref-routine');

    const result = await book(args('ref-routine', 'slot-new-free'), tables);

    expect(result).toEqual({
      ok: true,
      changes: [
        {
          table: 'appointments',
          row: {
            id: 'appt-new',
            slotId: 'slot-new-free',
            sessionId: 'ses-open',
            referralId: 'ref-routine',
            patientId: 'pat-amelia',
            siteId: 'site-wrh',
            clinicianId: 'clin-1',
            date: '2026-03-09',
            startTime: '09:00',
            kind: 'new',
            status: 'booked',
            bookedAt: CTX.now,
            cancelledAt: null,
            cancellationReason: null,
            outcome: null,
            arrivedAt: null,
            waitEndedAt: null,
            walkIn: false,
          },
        },
        { table: 'slots', row: { ...slot, status: 'booked', appointmentId: 'appt-new' } },
        {
          table: 'referrals',
          row: {
            ...referral,
            status: 'booked',
            offers: [
              {
                id: 'offer-appt-new',
                at: CTX.now,
                method: 'telephone',
                dates: ['2026-03-09'],
                noticeDays: 7,
                reasonable: true,
                patientAgreedSooner: true,
                response: 'accepted',
                by: CTX.actor,
              },
            ],
          },
        },
        {
          table: 'policyOverrides',
          row: {
            id: 'override-appt-new-reasonable-notice',
            rule: 'reasonable-notice',
            warning:
              "Only 7 days' notice (the policy asks for 21 days): book only if the patient agrees to the sooner date",
            reason: 'Patient agreed to the sooner date',
            referralId: 'ref-routine',
            patientId: 'pat-amelia',
            siteId: 'site-wrh',
            appointmentId: 'appt-new',
            at: CTX.now,
            by: CTX.actor,
            policyVersion: 1,
          },
        },
        { table: 'letters', row: expect.objectContaining({ id: 'letter-booked-appt-new' }) },
      ],
    });
  });

  it('leaves the RTT clock alone: booking is not a clock event', async () => {
    const tables = buildTables();
    const before = deepCopy(rowOf(tables, 'referrals', 'ref-routine').rttEvents);
    const result = await book(args('ref-routine', 'slot-new-free'), tables);
    const referralChange = result.ok ? result.changes.find((c) => c.table === 'referrals') : null;
    expect(referralChange?.row).toMatchObject({ rttEvents: before });
  });

  it.each([
    {
      slotId: 'slot-new-free',
      now: '2026-03-09T08:59:00.000Z',
      ok: true,
      why: 'a minute before it starts (GMT)',
    },
    {
      slotId: 'slot-new-free',
      now: '2026-03-09T09:00:00.000Z',
      ok: false,
      why: 'the minute it starts (GMT)',
    },
    {
      slotId: 'slot-new-free',
      now: '2026-03-09T11:30:00.000Z',
      ok: false,
      why: 'later that morning (GMT)',
    },
    {
      slotId: 'slot-summer-free',
      now: '2026-07-15T07:30:00.000Z',
      ok: true,
      why: 'at 08:30 BST, half an hour before',
    },
    {
      slotId: 'slot-summer-free',
      now: '2026-07-15T08:30:00.000Z',
      ok: false,
      why: 'at 09:30 BST, although it is only 08:30 UTC',
    },
  ])('on the day of a 09:00 slot, books it only before it starts: $why', async (c) => {
    const today = c.now.slice(0, 10);
    const result = await book(args('ref-routine', c.slotId), buildTables(), {
      ...CTX,
      today,
      now: c.now,
    });
    expect(result.ok).toBe(c.ok);
    if (!result.ok) expect(result.reason).toBe('slot-in-past');
  });

  it.each<{ priority: string; referralId: string; slotId: string }>([
    { priority: 'two-week-wait', referralId: 'ref-2ww', slotId: 'slot-urgent-free' },
    { priority: 'two-week-wait', referralId: 'ref-2ww', slotId: 'slot-new-free' },
    { priority: 'urgent', referralId: 'ref-urgent', slotId: 'slot-urgent-free' },
    { priority: 'urgent', referralId: 'ref-urgent', slotId: 'slot-new-free' },
    { priority: 'soon', referralId: 'ref-soon', slotId: 'slot-new-free' },
    { priority: 'routine', referralId: 'ref-routine', slotId: 'slot-new-free' },
  ])('lets a $priority first appointment use $slotId', async ({ referralId, slotId }) => {
    const result = await book(args(referralId, slotId));
    expect(result.ok).toBe(true);
  });

  it.each([
    {
      reason: 'unknown-slot',
      why: 'the slot is not on record',
      args: args('ref-routine', 'slot-nope'),
      message: 'That slot no longer exists',
    },
    {
      reason: 'unknown-referral',
      why: 'the referral is not on record',
      args: args('ref-nope', 'slot-new-free'),
      message: 'That referral is not on record',
    },
    {
      reason: 'clinic-cancelled',
      why: "the slot's clinic has been cancelled",
      args: args('ref-routine', 'slot-in-cancelled-clinic'),
      message: 'That clinic has been cancelled: choose another slot',
    },
    {
      reason: 'clinic-cancelled',
      why: "the slot's clinic is no longer on record",
      args: args('ref-routine', 'slot-without-clinic'),
      message: 'That clinic has been cancelled: choose another slot',
    },
    {
      reason: 'slot-taken',
      why: 'someone else has the slot',
      args: args('ref-routine', 'slot-new-booked'),
      message:
        'The 10:20 slot on 09/03/2026 has just been booked for another patient: choose another slot',
    },
    {
      reason: 'slot-in-past',
      why: 'the slot was last week',
      args: args('ref-routine', 'slot-last-week-free'),
      message: 'The 09:00 slot on 23/02/2026 has already started: choose a later one',
    },
    {
      reason: 'referral-discharged',
      why: 'the patient has been discharged',
      args: args('ref-discharged', 'slot-new-free'),
      message: 'This patient has been discharged: the referral cannot be booked',
    },
    {
      reason: 'already-booked',
      why: 'the referral already has a first appointment',
      args: args('ref-booked', 'slot-new-free'),
      message: 'This patient already has a first appointment booked',
    },
    {
      reason: 'not-triaged',
      why: 'no clinician has set a priority',
      args: args('ref-awaiting-triage', 'slot-new-free'),
      message: 'This referral has not been triaged yet: a clinician must set its priority first',
    },
    {
      reason: 'wrong-slot-type',
      why: 'a routine referral may not take an urgent slot',
      args: args('ref-routine', 'slot-urgent-free'),
      message: 'A routine first appointment cannot use an urgent slot',
    },
    {
      reason: 'wrong-slot-type',
      why: 'a soon referral may not take an urgent slot',
      args: args('ref-soon', 'slot-urgent-free'),
      message: 'A soon first appointment cannot use an urgent slot',
    },
  ])('refuses with $reason when $why', async ({ args: a, reason, message }) => {
    const result = await book(a);
    expect(result).toEqual({ ok: false, reason, message });
    expect(isPlainEnglish(message)).toBe(true);
  });

  it.each<{ referralId: string; priority: Priority; slotId: string; message: string }>([
    {
      referralId: 'ref-2ww',
      priority: 'two-week-wait',
      slotId: 'slot-follow-up-free',
      message: 'A two-week wait first appointment cannot use a follow-up slot',
    },
    {
      referralId: 'ref-2ww',
      priority: 'two-week-wait',
      slotId: 'slot-procedure-free',
      message: 'A two-week wait first appointment cannot use a procedure slot',
    },
    {
      referralId: 'ref-urgent',
      priority: 'urgent',
      slotId: 'slot-follow-up-free',
      message: 'An urgent first appointment cannot use a follow-up slot',
    },
    {
      referralId: 'ref-urgent',
      priority: 'urgent',
      slotId: 'slot-procedure-free',
      message: 'An urgent first appointment cannot use a procedure slot',
    },
    {
      referralId: 'ref-soon',
      priority: 'soon',
      slotId: 'slot-follow-up-free',
      message: 'A soon first appointment cannot use a follow-up slot',
    },
    {
      referralId: 'ref-soon',
      priority: 'soon',
      slotId: 'slot-procedure-free',
      message: 'A soon first appointment cannot use a procedure slot',
    },
    {
      referralId: 'ref-routine',
      priority: 'routine',
      slotId: 'slot-follow-up-free',
      message: 'A routine first appointment cannot use a follow-up slot',
    },
    {
      referralId: 'ref-routine',
      priority: 'routine',
      slotId: 'slot-procedure-free',
      message: 'A routine first appointment cannot use a procedure slot',
    },
  ])(
    'never puts a first appointment of priority $priority in $slotId',
    async ({ referralId, slotId, message }) => {
      const result = await book(args(referralId, slotId));
      expect(result).toEqual({ ok: false, reason: 'wrong-slot-type', message });
      expect(isPlainEnglish(message)).toBe(true);
    },
  );

  it('refuses a blocked slot as not available, without claiming another patient has it', async () => {
    const result = await book(args('ref-routine', 'slot-blocked'));
    expect(result).toMatchObject({ ok: false, reason: 'slot-blocked' });
    expect(result.ok ? '' : result.message).not.toMatch(/another patient/);
  });

  it('refuses a first appointment for a patient already seen, pointing to a follow-up', async () => {
    const result = await book(args('ref-seen', 'slot-new-free'));
    expect(result).toMatchObject({ ok: false, reason: 'already-seen' });
    expect(result.ok ? '' : result.message).toContain('follow-up');
  });

  it('checks the slot before the referral: a cancelled clinic wins over an untriaged referral', async () => {
    const result = await book(args('ref-awaiting-triage', 'slot-in-cancelled-clinic'));
    expect(result).toMatchObject({ ok: false, reason: 'clinic-cancelled' });
  });

  it.each([
    { why: 'no arguments', raw: undefined, names: undefined },
    { why: 'an empty object', raw: {}, names: 'appointmentId' },
    {
      why: 'an empty slot id',
      raw: { appointmentId: 'appt-new', referralId: 'ref-routine', slotId: '' },
      names: 'slotId',
    },
    {
      why: 'a missing referral id',
      raw: { appointmentId: 'appt-new', slotId: 'slot-new-free' },
      names: 'referralId',
    },
    {
      why: 'a number for an id',
      raw: { appointmentId: 42, referralId: 'ref-routine', slotId: 'slot-new-free' },
      names: 'appointmentId',
    },
  ])('refuses $why as invalid-args, naming the problem', async ({ raw, names }) => {
    const result = await book(raw);
    expect(result).toMatchObject({ ok: false, reason: 'invalid-args' });
    if (result.ok) return;
    expect(result.message.length).toBeGreaterThan(0);
    if (names) expect(result.message).toContain(names);
  });

  it.each([
    args('ref-routine', 'slot-new-free'),
    args('ref-2ww', 'slot-urgent-free'),
    args('ref-routine', 'slot-new-booked'),
    args('ref-routine', 'slot-urgent-free'),
  ])('never changes the state it reads (%o)', async (a) => {
    const tables = buildTables();
    const before = deepCopy(tables);
    const argsBefore = deepCopy(a);
    await book(a, tables);
    expect(tables).toEqual(before);
    expect(a).toEqual(argsBefore);
  });
});

describe('appointment.book never overwrites', () => {
  it('refuses an appointment id already on record, so no booking can replace another', async () => {
    const result = await book({
      ...args('ref-routine', 'slot-new-free'),
      appointmentId: 'appt-booked',
    });
    expect(result).toMatchObject({ ok: false, reason: 'duplicate-id' });
  });
});
