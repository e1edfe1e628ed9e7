import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

// Issue 8 on the server: a clinic outcome recorded against its attendance, and a clinic cashed
// up only when every patient in it is finished, through the real push path.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 400 });
}, 60_000);
afterEach(() => server.close());

/**
 * A past clinic at KTC where exactly one attended patient still awaits an outcome (the
 * demo's "outcome form not back yet"), with that appointment and the patient's name.
 */
async function clinicAwaitingOneOutcome() {
  const [appointment] = await server.rowsWhere(
    `SELECT a.data FROM rows a JOIN rows r ON r.tbl = 'referrals' AND r.id = json_extract(a.data, '$.referralId')
      WHERE a.tbl = 'appointments' AND a.site_id = ? AND json_extract(a.data, '$.status') = 'seen'
        AND json_extract(r.data, '$.status') = 'seen'
        AND (SELECT COUNT(*) FROM rows o JOIN rows q ON q.tbl = 'referrals' AND q.id = json_extract(o.data, '$.referralId')
              WHERE o.tbl = 'appointments' AND json_extract(o.data, '$.sessionId') = json_extract(a.data, '$.sessionId')
                AND json_extract(o.data, '$.status') = 'seen' AND json_extract(q.data, '$.status') = 'seen') = 1
      ORDER BY a.id LIMIT 1`,
    [KTC],
  );
  const [patient] = await server.rowsWhere(
    `SELECT data FROM rows WHERE tbl = 'patients' AND id = ?`,
    [String(appointment!['patientId'])],
  );
  return {
    appointmentId: String(appointment!['id']),
    referralId: String(appointment!['referralId']),
    sessionId: String(appointment!['sessionId']),
    name: `${String(patient!['givenName'])} ${String(patient!['familyName'])}`,
  };
}

describe('cashing up a clinic', () => {
  it('is refused naming the patient without an outcome, and done once the clinician records it', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    const clinician = await server.signIn('clinician', [KTC]);
    const { appointmentId, referralId, sessionId, name } = await clinicAwaitingOneOutcome();

    const refused = await desk.edit('session.cashUp', { sessionId });
    expect(refused).toMatchObject({ status: 'rejected', reason: 'unfinished-patients' });
    expect(refused.status === 'rejected' && refused.message).toContain(
      `1 patient is not finished:`,
    );
    expect(refused.status === 'rejected' && refused.message).toContain(
      `${name} (attended, no outcome recorded)`,
    );
    expect(await clinician.edit('session.cashUp', { sessionId })).toMatchObject({
      status: 'rejected',
      reason: 'not-permitted',
    });

    expect(
      await clinician.edit('pathway.outcome', {
        referralId,
        appointmentId,
        code: '20',
        next: {
          step: 'day-case',
          procedure: 'Removal of lower third molars',
          priority: 'P2',
          estimatedMinutes: 60,
        },
      }),
    ).toMatchObject({ status: 'applied' });
    const [referral] = await server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'referrals' AND id = ?`,
      [referralId],
    );
    expect(referral).toMatchObject({
      status: 'day-case',
      dayCase: { procedure: 'Removal of lower third molars', priority: 'P2' },
    });
    const letters = await server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'letters' AND json_extract(data, '$.appointmentId') = ?`,
      [appointmentId],
    );
    expect(letters.map((l) => l['kind'])).toEqual(['clinic-outcome-gp']);

    expect(await desk.edit('session.cashUp', { sessionId })).toMatchObject({ status: 'applied' });
    const [session] = await server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'clinicSessions' AND id = ?`,
      [sessionId],
    );
    expect(session).toMatchObject({ cashedUp: { at: '2026-11-24T10:00:00.000Z' } });

    const late = await desk.edit('appointment.attendance', {
      appointmentId,
      attendance: 'did-not-attend',
    });
    expect(late).toMatchObject({ status: 'rejected', reason: 'clinic-cashed-up' });
    expect(await desk.edit('session.reopen', { sessionId, reason: 'Wrong patient' })).toMatchObject(
      { status: 'rejected', reason: 'not-permitted' },
    );
    const coordinator = await server.signIn('booking-coordinator', [KTC]);
    expect(
      await coordinator.edit('session.reopen', { sessionId, reason: 'Wrong patient' }),
    ).toMatchObject({ status: 'applied' });
  });
});
