import { describe, it, expect } from 'vitest';
import { runMutation } from './registry.ts';
import {
  buildTables,
  CTX,
  deepCopy,
  isPlainEnglish,
  readStateOver,
  rowOf,
  withChanges,
  type Tables,
  AGREED,
} from './fixtures.test-support.ts';

async function cancel(args: unknown, tables: Tables = buildTables()) {
  return runMutation('appointment.cancel', args, readStateOver(tables), CTX);
}

describe('appointment.cancel', () => {
  it.each([
    { by: 'patient', status: 'cancelled-by-patient', reason: 'Patient is on holiday' },
    { by: 'hospital', status: 'cancelled-by-hospital', reason: 'Consultant off sick' },
  ])(
    'records a cancellation by the $by as $status, frees the slot, puts the referral back on the waiting list and writes to the patient',
    async ({ by, status, reason }) => {
      const tables = buildTables();
      const appointment = rowOf(tables, 'appointments', 'appt-booked');
      const slot = rowOf(tables, 'slots', 'slot-new-booked');
      const referral = rowOf(tables, 'referrals', 'ref-booked');

      const result = await cancel({ appointmentId: 'appt-booked', by, reason }, tables);

      expect(result).toEqual({
        ok: true,
        changes: [
          {
            table: 'appointments',
            row: { ...appointment, status, cancelledAt: CTX.now, cancellationReason: reason },
          },
          { table: 'slots', row: { ...slot, status: 'free', appointmentId: null } },
          { table: 'referrals', row: { ...referral, status: 'waiting' } },
          {
            table: 'letters',
            row: expect.objectContaining({ id: 'letter-cancelled-appt-booked' }),
          },
        ],
      });
    },
  );

  it('keeps the RTT clock running: a cancellation adds no clock event', async () => {
    const tables = buildTables();
    const events = deepCopy(rowOf(tables, 'referrals', 'ref-booked').rttEvents);
    const result = await cancel(
      { appointmentId: 'appt-booked', by: 'patient', reason: 'Patient is on holiday' },
      tables,
    );
    const referral = result.ok ? result.changes.find((c) => c.table === 'referrals') : undefined;
    expect(referral?.row).toMatchObject({ status: 'waiting', rttEvents: events });
  });

  it('stores the reason without the spaces around it', async () => {
    const result = await cancel({
      appointmentId: 'appt-booked',
      by: 'hospital',
      reason: '  Clinic room flooded  ',
    });
    const appointment = result.ok ? result.changes[0] : undefined;
    expect(appointment?.row).toMatchObject({ cancellationReason: 'Clinic room flooded' });
  });

  it('leaves a seen patient seen when their follow-up is cancelled by the hospital', async () => {
    const result = await cancel({
      appointmentId: 'appt-follow-up',
      by: 'hospital',
      reason: 'Clinic overbooked',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changes.map((c) => c.table)).toEqual(['appointments', 'slots', 'letters']);
  });

  it('sends a second cancellation by the patient to the clinician to review, and discharges nobody', async () => {
    // The fixture's patient already cancelled once ("Moved house").
    const result = await cancel({
      appointmentId: 'appt-follow-up',
      by: 'patient',
      reason: 'Feeling better',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const referral = result.changes.find((c) => c.table === 'referrals')?.row;
    expect(referral).toMatchObject({
      status: 'seen',
      reviews: [
        {
          kind: 'second-patient-cancellation',
          decision: null,
          raisedBy: CTX.actor,
          detail: 'Cancelled by the patient 2 times, most recently: Feeling better',
        },
      ],
    });
  });

  it('frees the slot for another patient to be booked', async () => {
    const tables = buildTables();
    const cancelled = await cancel(
      { appointmentId: 'appt-booked', by: 'hospital', reason: 'Consultant off sick' },
      tables,
    );
    expect(cancelled.ok).toBe(true);
    if (!cancelled.ok) return;
    const after = withChanges(tables, cancelled.changes);

    const rebooked = await runMutation(
      'appointment.book',
      {
        appointmentId: 'appt-again',
        referralId: 'ref-routine',
        slotId: 'slot-new-booked',
        overrides: AGREED,
      },
      readStateOver(after),
      CTX,
    );
    expect(rebooked.ok).toBe(true);
  });

  it.each([
    { why: 'it has been seen', appointmentId: 'appt-seen' },
    { why: 'it is already cancelled', appointmentId: 'appt-cancelled' },
  ])('refuses to cancel an appointment that is not booked: $why', async ({ appointmentId }) => {
    const result = await cancel({ appointmentId, by: 'patient', reason: 'Patient asked' });
    expect(result).toEqual({
      ok: false,
      reason: 'not-booked',
      message: 'Only a booked appointment can be cancelled',
    });
  });

  it('refuses an appointment that is not on record', async () => {
    const result = await cancel({ appointmentId: 'appt-nope', by: 'patient', reason: 'Asked' });
    expect(result).toEqual({
      ok: false,
      reason: 'unknown-appointment',
      message: 'That appointment is not on record',
    });
    if (!result.ok) expect(isPlainEnglish(result.message)).toBe(true);
  });

  it.each([
    { why: 'an empty reason', reason: '', message: 'Give the reason for cancelling' },
    {
      why: 'a reason of only spaces',
      reason: '   ',
      message: 'Give the reason for cancelling',
    },
  ])('refuses $why, asking for one', async ({ reason, message }) => {
    const result = await cancel({ appointmentId: 'appt-booked', by: 'patient', reason });
    expect(result).toEqual({ ok: false, reason: 'invalid-args', message });
  });

  it('refuses to guess who cancelled', async () => {
    const result = await cancel({ appointmentId: 'appt-booked', by: 'gp', reason: 'Asked' });
    expect(result).toEqual({
      ok: false,
      reason: 'invalid-args',
      message: 'Say who cancelled: the patient or the hospital',
    });
  });

  it.each([
    { appointmentId: 'appt-booked', by: 'patient', reason: 'Patient is on holiday' },
    { appointmentId: 'appt-follow-up', by: 'hospital', reason: 'Consultant off sick' },
    { appointmentId: 'appt-seen', by: 'patient', reason: 'Patient asked' },
  ])('never changes the state it reads ($appointmentId)', async (args) => {
    const tables = buildTables();
    const before = deepCopy(tables);
    const argsBefore = deepCopy(args);
    await cancel(args, tables);
    expect(tables).toEqual(before);
    expect(args).toEqual(argsBefore);
  });
});
