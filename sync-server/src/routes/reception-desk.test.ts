import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc, rttClock, type Appointment, type Referral } from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

// Issue 8 on the server: the reception desk's day, pushed as a device would push it. The test
// server's clock says 24/11/2026 10:00 (a Tuesday), the demo department's day too.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';
const TODAY = '2026-11-24';

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: TODAY, referrals: 600 });
});
afterEach(() => server.close());

/** Today's booked first appointments at KTC, earliest first. */
async function bookedToday(): Promise<Appointment[]> {
  const rows = await server.rowsWhere(
    `SELECT data FROM rows WHERE tbl = 'appointments' AND site_id = ? AND json_extract(data, '$.date') = ?
       AND json_extract(data, '$.status') = 'booked' AND json_extract(data, '$.kind') = 'new'
     ORDER BY json_extract(data, '$.startTime'), id`,
    [KTC, TODAY],
  );
  return rows as unknown as Appointment[];
}

async function row<T>(table: string, id: string): Promise<T> {
  const [found] = await server.rowsWhere('SELECT data FROM rows WHERE tbl = ? AND id = ?', [
    table,
    id,
  ]);
  return found as T;
}

describe('the reception desk through push', () => {
  it('checks patients in (one with a new phone number), moves one through to seen, and marks a DNA with its RTT effect', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    const [early, second, third] = await bookedToday();
    expect(third).toBeDefined();
    const hlc = formatHlc({ wall: Date.parse('2026-11-24T10:00:00Z'), counter: 0, node: 'desk' });

    expect(
      await desk.edit('appointment.arrive', {
        appointmentId: second!.id,
        contact: { changes: { phone: '07700 900456' }, hlc },
      }),
    ).toMatchObject({ status: 'applied' });
    expect(await desk.edit('appointment.arrive', { appointmentId: third!.id })).toMatchObject({
      status: 'applied',
    });
    expect(
      await desk.edit('appointment.progress', { appointmentId: second!.id, to: 'with-clinician' }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await desk.edit('appointment.attendance', {
        appointmentId: second!.id,
        attendance: 'attended',
      }),
    ).toMatchObject({ status: 'applied' });

    const seen = await row<Appointment>('appointments', second!.id);
    expect(seen).toMatchObject({ status: 'seen', arrivedAt: '2026-11-24T10:00:00.000Z' });
    const patient = await row<{ phone: string; history: unknown[] }>('patients', second!.patientId);
    expect(patient.phone).toBe('07700 900456');
    expect(patient.history).toEqual([
      expect.objectContaining({ field: 'phone', outcome: 'replaced' }),
    ]);
    const seenReferral = await row<Referral>('referrals', second!.referralId);
    expect(seenReferral.rttEvents.at(-1)).toMatchObject({ code: '20', date: TODAY });

    // The earliest patient has not come and their time has passed (09:00 at 10:00).
    expect(early!.startTime < '10:00').toBe(true);
    expect(
      await desk.edit('appointment.attendance', {
        appointmentId: early!.id,
        attendance: 'did-not-attend',
      }),
    ).toMatchObject({ status: 'applied' });
    const missed = await row<Referral>('referrals', early!.referralId);
    expect(rttClock(missed.rttEvents, TODAY).state).toBe('nullified');
    expect(missed.reviews.at(-1)).toMatchObject({ decision: null });
  });

  it('takes back a DNA recorded in error: the clock runs again, the GP letter is withdrawn, and the patient is checked in', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    const [early] = await bookedToday();
    const before = await row<Referral>('referrals', early!.referralId);
    expect(
      await desk.edit('appointment.attendance', {
        appointmentId: early!.id,
        attendance: 'did-not-attend',
      }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await desk.edit('appointment.undoDna', { appointmentId: early!.id, reason: '' }),
    ).toMatchObject({ status: 'rejected', message: expect.stringMatching(/^Say why/) });
    expect(
      await desk.edit('appointment.undoDna', {
        appointmentId: early!.id,
        reason: 'Came at 09:20: the bus was late',
      }),
    ).toMatchObject({ status: 'applied' });

    const referral = await row<Referral>('referrals', early!.referralId);
    expect(referral.rttEvents).toEqual(before.rttEvents);
    expect(rttClock(referral.rttEvents, TODAY).state).toBe('running');
    expect(referral).toMatchObject({ status: 'booked', reviews: before.reviews });
    const letter = await row<{ withdrawnAt: string | null; withdrawnReason: string }>(
      'letters',
      `letter-dna-${early!.id}`,
    );
    expect(letter.withdrawnAt).toBe('2026-11-24T10:00:00.000Z');
    expect(letter.withdrawnReason).toMatch(/the bus was late/);
    expect(await desk.edit('appointment.arrive', { appointmentId: early!.id })).toMatchObject({
      status: 'applied',
    });
  });

  it('refuses an arrival with a refused contact change, saving neither', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    const [first] = await bookedToday();
    const ahead = formatHlc({ wall: Date.parse('2026-11-24T11:00:00Z'), counter: 0, node: 'desk' });
    expect(
      await desk.edit('appointment.arrive', {
        appointmentId: first!.id,
        contact: { changes: { phone: '07700 900456' }, hlc: ahead },
      }),
    ).toMatchObject({ status: 'rejected', reason: 'clock-ahead' });
    expect((await row<Appointment>('appointments', first!.id)).status).toBe('booked');
    expect((await row<{ phone: string }>('patients', first!.patientId)).phone).not.toBe(
      '07700 900456',
    );
  });

  it('adds a walk-in to the end of a clinic and notes the clinic running late, for every device', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    const [first] = await bookedToday();
    const [waiting] = await server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'referrals' AND site_id = ? AND json_extract(data, '$.status') = 'waiting'
         AND json_array_length(data, '$.reviews') = 0 ORDER BY id LIMIT 1`,
      [KTC],
    );
    const session = await row<{ endTime: string }>('clinicSessions', first!.sessionId);
    expect(
      await desk.edit('appointment.walkIn', {
        appointmentId: 'appt-walk-in-1',
        referralId: String(waiting!['id']),
        sessionId: first!.sessionId,
      }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await desk.edit('session.runningLate', {
        sessionId: first!.sessionId,
        minutes: 25,
        note: 'Emergency on the ward',
      }),
    ).toMatchObject({ status: 'applied' });
    const walkIn = await row<Appointment>('appointments', 'appt-walk-in-1');
    expect(walkIn).toMatchObject({ status: 'arrived', walkIn: true, startTime: session.endTime });
    expect(await row('clinicSessions', first!.sessionId)).toMatchObject({
      runningLate: { minutes: 25, note: 'Emergency on the ward' },
    });
  });
});
