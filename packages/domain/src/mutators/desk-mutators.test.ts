import { describe, expect, it } from 'vitest';
import { nextStepOf } from '../pathways/pathway.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { formatHlc } from '../sync/hlc.ts';
import { CTX, editTables as edit, rowOf } from './fixtures.test-support.ts';
import { deskTables, refused } from './desk.test-support.ts';

const HLC = formatHlc({ wall: Date.parse(CTX.now), counter: 0, node: 'desk-tablet' });

describe('appointment.arrive', () => {
  it('checks a booked patient in today: arrived, with the time they arrived, nothing else changed', async () => {
    const { result, tables } = await edit(deskTables(), 'appointment.arrive', {
      appointmentId: 'appt-today-first',
    });
    expect(result.ok && result.changes.map((c) => c.table)).toEqual(['appointments']);
    expect(rowOf(tables, 'appointments', 'appt-today-first')).toMatchObject({
      status: 'arrived',
      arrivedAt: CTX.now,
      waitEndedAt: null,
    });
  });

  it('saves a corrected phone number in the same edit, keeping the old one in the history', async () => {
    const { result, tables } = await edit(deskTables(), 'appointment.arrive', {
      appointmentId: 'appt-today-first',
      contact: { changes: { phone: '07700 900123' }, hlc: HLC },
    });
    expect(result.ok).toBe(true);
    const patient = rowOf(tables, 'patients', 'pat-oliver');
    expect(patient.phone).toBe('07700 900123');
    expect(patient.history).toEqual([
      expect.objectContaining({ field: 'phone', value: '01632 960123', outcome: 'replaced' }),
    ]);
    expect(rowOf(tables, 'appointments', 'appt-today-first').status).toBe('arrived');
  });

  it.each([
    ['a phone number that is not one', { phone: 'ring reception' }, HLC, 'invalid-args'],
    [
      'a device clock an hour ahead',
      { phone: '07700 900123' },
      formatHlc({ wall: Date.parse(CTX.now) + 3_600_000, counter: 0, node: 'desk-tablet' }),
      'clock-ahead',
    ],
  ])(
    'records no arrival when the corrected details are refused (%s): nothing half-saved',
    async (_, changes, hlc, reason) => {
      const { result } = await edit(deskTables(), 'appointment.arrive', {
        appointmentId: 'appt-today-first',
        contact: { changes, hlc },
      });
      refused(result, reason);
    },
  );

  it.each([
    ['an appointment on another day', 'appt-booked', 'not-today'],
    ['a cancelled appointment', 'appt-cancelled', 'appointment-cancelled'],
    ['an unknown appointment', 'appt-nobody', 'unknown-appointment'],
  ])('refuses %s', async (_, appointmentId, reason) => {
    refused((await edit(deskTables(), 'appointment.arrive', { appointmentId })).result, reason);
  });

  it('refuses a patient already checked in', async () => {
    const { tables } = await edit(deskTables(), 'appointment.arrive', {
      appointmentId: 'appt-today-first',
    });
    const again = await edit(tables, 'appointment.arrive', { appointmentId: 'appt-today-first' });
    refused(again.result, 'already-recorded');
  });
});

describe('appointment.progress and the desk through to seen', () => {
  it('moves an arrived patient to the clinician (their wait ends) and records them seen with the RTT 20', async () => {
    let { tables } = await edit(deskTables(), 'appointment.arrive', {
      appointmentId: 'appt-today-first',
    });
    const later = { ...CTX, now: '2026-03-02T10:40:00.000Z' };
    ({ tables } = await edit(
      tables,
      'appointment.progress',
      { appointmentId: 'appt-today-first', to: 'with-clinician' },
      later,
    ));
    expect(rowOf(tables, 'appointments', 'appt-today-first')).toMatchObject({
      status: 'with-clinician',
      arrivedAt: CTX.now,
      waitEndedAt: later.now,
    });
    const seen = await edit(tables, 'appointment.attendance', {
      appointmentId: 'appt-today-first',
      attendance: 'attended',
    });
    expect(seen.result.ok).toBe(true);
    expect(rowOf(seen.tables, 'appointments', 'appt-today-first')).toMatchObject({
      status: 'seen',
      waitEndedAt: later.now,
    });
    const referral = rowOf(seen.tables, 'referrals', 'ref-today-first');
    expect(referral.status).toBe('seen');
    expect(referral.rttEvents.at(-1)).toMatchObject({ code: '20', date: CTX.today });
  });

  it('keeps an arrived patient on their pathway: the next step is still the appointment', async () => {
    const { tables } = await edit(deskTables(), 'appointment.arrive', {
      appointmentId: 'appt-today-first',
    });
    const referral = rowOf(tables, 'referrals', 'ref-today-first');
    expect(nextStepOf(referral, tables.appointments, CTX.today)).toMatchObject({
      kind: 'appointment',
      appointment: { id: 'appt-today-first', status: 'arrived' },
    });
  });

  it('undoes an arrival recorded by mistake: booked again, with no arrival time', async () => {
    let { tables } = await edit(deskTables(), 'appointment.arrive', {
      appointmentId: 'appt-today-first',
    });
    ({ tables } = await edit(tables, 'appointment.progress', {
      appointmentId: 'appt-today-first',
      to: 'booked',
    }));
    expect(rowOf(tables, 'appointments', 'appt-today-first')).toMatchObject({
      status: 'booked',
      arrivedAt: null,
    });
  });

  it.each([
    ['appt-today-first', 'ref-today-first', { status: 'waiting' }],
    [
      'appt-today-follow-up',
      'ref-today-follow-up',
      { status: 'follow-up', followUpDueDate: CTX.today },
    ],
  ])(
    'puts a patient who could not wait (%s) back on their list, the clock still running',
    async (appointmentId, referralId, expected) => {
      let { tables } = await edit(deskTables(), 'appointment.arrive', { appointmentId });
      const before = rowOf(tables, 'referrals', referralId).rttEvents;
      ({ tables } = await edit(tables, 'appointment.progress', {
        appointmentId,
        to: 'could-not-wait',
      }));
      expect(rowOf(tables, 'appointments', appointmentId)).toMatchObject({
        status: 'could-not-wait',
        waitEndedAt: CTX.now,
      });
      const referral = rowOf(tables, 'referrals', referralId);
      expect(referral).toMatchObject({ ...expected, rttEvents: before });
      expect(nextStepOf(referral, tables.appointments, CTX.today)).toMatchObject({ kind: 'list' });
    },
  );

  it.each([
    ['with-clinician', 'a patient who has not arrived'],
    ['could-not-wait', 'a patient who has not arrived'],
  ])('refuses %s for %s', async (to) => {
    const { result } = await edit(deskTables(), 'appointment.progress', {
      appointmentId: 'appt-today-first',
      to,
    });
    refused(result, 'wrong-step');
  });

  it('refuses the desk steps on another day', async () => {
    const { result } = await edit(deskTables(), 'appointment.progress', {
      appointmentId: 'appt-booked',
      to: 'with-clinician',
    });
    refused(result, 'not-today');
  });

  it('refuses arrivals, desk steps and walk-ins in a clinic already cashed up', async () => {
    const tables = deskTables();
    const session = rowOf(tables, 'clinicSessions', 'ses-today');
    session.cashedUp = { at: CTX.now, by: CTX.actor };
    refused(
      (await edit(tables, 'appointment.arrive', { appointmentId: 'appt-today-first' })).result,
      'clinic-cashed-up',
    );
    refused(
      (
        await edit(tables, 'appointment.progress', {
          appointmentId: 'appt-today-first',
          to: 'could-not-wait',
        })
      ).result,
      'clinic-cashed-up',
    );
  });
});

describe('did not attend from the desk (access policy)', () => {
  it('applies the first-appointment DNA rules once the slot time has passed: clock nullified, review opened, GP written to', async () => {
    const { result, tables } = await edit(deskTables(), 'appointment.attendance', {
      appointmentId: 'appt-today-first',
      attendance: 'did-not-attend',
    });
    expect(result.ok).toBe(true);
    const referral = rowOf(tables, 'referrals', 'ref-today-first');
    expect(rttClock(referral.rttEvents, CTX.today).state).toBe('nullified');
    expect(referral.reviews.at(-1)).toMatchObject({ kind: 'first-dna', decision: null });
    expect(tables.letters.map((l) => l.id)).toContain('letter-dna-appt-today-first');
  });

  it('refuses a DNA before the appointment time has come', async () => {
    const { result } = await edit(deskTables(), 'appointment.attendance', {
      appointmentId: 'appt-today-follow-up',
      attendance: 'did-not-attend',
    });
    refused(result, 'appointment-not-started');
  });

  it('refuses a DNA for a patient who arrived', async () => {
    const { tables } = await edit(deskTables(), 'appointment.arrive', {
      appointmentId: 'appt-today-first',
    });
    const { result } = await edit(tables, 'appointment.attendance', {
      appointmentId: 'appt-today-first',
      attendance: 'did-not-attend',
    });
    refused(result, 'patient-arrived');
  });
});

describe('cancelling around patients who are here', () => {
  it.each(['arrived', 'with-clinician'] as const)(
    'will not cancel an appointment or the clinic of a patient who is %s',
    async (status) => {
      const tables = deskTables();
      rowOf(tables, 'appointments', 'appt-today-first').status = status;
      refused(
        (
          await edit(tables, 'appointment.cancel', {
            appointmentId: 'appt-today-first',
            by: 'hospital',
            reason: 'Clinician unwell',
          })
        ).result,
        'patient-arrived',
      );
      refused(
        (
          await edit(tables, 'session.cancel', {
            sessionId: 'ses-today',
            reason: 'Clinician unwell',
          })
        ).result,
        'patients-attending',
      );
    },
  );
});

describe('appointment.walkIn', () => {
  it('adds a waiting patient to the end of today’s clinic, arrived: one new slot of the type their booking needs', async () => {
    const { result, tables } = await edit(deskTables(), 'appointment.walkIn', {
      appointmentId: 'appt-walk-in',
      referralId: 'ref-urgent',
      sessionId: 'ses-today',
      minutes: 20,
    });
    expect(result.ok).toBe(true);
    const appointment = rowOf(tables, 'appointments', 'appt-walk-in');
    expect(appointment).toMatchObject({
      status: 'arrived',
      walkIn: true,
      arrivedAt: CTX.now,
      startTime: '12:00',
      kind: 'new',
    });
    expect(rowOf(tables, 'slots', appointment.slotId)).toMatchObject({
      type: 'urgent',
      startTime: '12:00',
      minutes: 20,
      status: 'booked',
      appointmentId: 'appt-walk-in',
    });
    expect(rowOf(tables, 'clinicSessions', 'ses-today').endTime).toBe('12:20');
    expect(rowOf(tables, 'referrals', 'ref-urgent').status).toBe('booked');
    expect(tables.letters).toEqual([]);
  });

  it('refuses to undo the arrival of a walk-in: there is no booking to go back to', async () => {
    const { tables } = await edit(deskTables(), 'appointment.walkIn', {
      appointmentId: 'appt-walk-in',
      referralId: 'ref-routine',
      sessionId: 'ses-today',
    });
    const { result } = await edit(tables, 'appointment.progress', {
      appointmentId: 'appt-walk-in',
      to: 'booked',
    });
    refused(result, 'walk-in');
  });

  it.each([
    ['a clinic on another day', 'ref-routine', 'ses-open', 'not-today'],
    ['a cancelled clinic', 'ref-routine', 'ses-cancelled', 'clinic-cancelled'],
    ['a referral not yet triaged', 'ref-awaiting-triage', 'ses-today', 'not-waiting'],
    ['a discharged pathway', 'ref-discharged', 'ses-today', 'not-waiting'],
    ['a pathway awaiting its clinic outcome', 'ref-seen', 'ses-today', 'not-waiting'],
  ])('refuses %s', async (_, referralId, sessionId, reason) => {
    const { result } = await edit(deskTables(), 'appointment.walkIn', {
      appointmentId: 'appt-walk-in',
      referralId,
      sessionId,
    });
    refused(result, reason);
  });

  it('refuses a follow-up patient who already has an appointment booked', async () => {
    const tables = deskTables();
    rowOf(tables, 'referrals', 'ref-seen').status = 'follow-up';
    const { result } = await edit(tables, 'appointment.walkIn', {
      appointmentId: 'appt-walk-in',
      referralId: 'ref-seen',
      sessionId: 'ses-today',
    });
    refused(result, 'already-booked');
  });

  it('refuses a pathway a clinician must review first', async () => {
    const { tables } = await edit(deskTables(), 'appointment.attendance', {
      appointmentId: 'appt-today-first',
      attendance: 'did-not-attend',
    });
    const { result } = await edit(tables, 'appointment.walkIn', {
      appointmentId: 'appt-walk-in',
      referralId: 'ref-today-first',
      sessionId: 'ses-today',
    });
    refused(result, 'awaiting-clinical-review');
  });
});

describe('session.runningLate', () => {
  it('notes that today’s clinic is running late, and clears the note when it is back on time', async () => {
    let { tables } = await edit(deskTables(), 'session.runningLate', {
      sessionId: 'ses-today',
      minutes: 30,
      note: 'Emergency on the ward',
    });
    expect(rowOf(tables, 'clinicSessions', 'ses-today').runningLate).toEqual({
      minutes: 30,
      note: 'Emergency on the ward',
      at: CTX.now,
      by: CTX.actor,
    });
    ({ tables } = await edit(tables, 'session.runningLate', {
      sessionId: 'ses-today',
      minutes: 0,
    }));
    expect(rowOf(tables, 'clinicSessions', 'ses-today').runningLate).toBeNull();
  });

  it.each([
    [{ sessionId: 'ses-open', minutes: 10 }, 'not-today'],
    [{ sessionId: 'ses-today', minutes: -5 }, 'invalid-args'],
    [{ sessionId: 'ses-today', minutes: 2.5 }, 'invalid-args'],
  ])('refuses %o', async (args, reason) => {
    refused((await edit(deskTables(), 'session.runningLate', args)).result, reason);
  });
});
