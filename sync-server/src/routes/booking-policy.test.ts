import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

// Issue 7 on the server: the access policy is enforced where the booking is decided, so an
// edit from an old or tampered device cannot skip a warning; an override is kept with its
// reason, who gave it and the policy version.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 400 });
});
afterEach(() => server.close());

const rows = (sql: string, args: (string | number)[] = []) => server.rowsWhere(sql, args);

/** The longest-waiting routine referral at KTC and a free new slot there next week. */
async function shortNoticeBooking() {
  const waiting = await rows(
    `SELECT data FROM rows WHERE tbl = 'referrals' AND site_id = ? AND json_extract(data, '$.status') = 'waiting' AND json_extract(data, '$.priority') = 'routine' ORDER BY json_extract(data, '$.receivedDate') LIMIT 1`,
    [KTC],
  );
  const [slot] = await rows(
    `SELECT data FROM rows WHERE tbl = 'slots' AND site_id = ? AND json_extract(data, '$.status') = 'free' AND json_extract(data, '$.type') = 'new' AND json_extract(data, '$.date') BETWEEN '2026-11-30' AND '2026-12-04' LIMIT 1`,
    [KTC],
  );
  return { referralId: String(waiting[0]!['id']), slotId: String(slot!['id']) };
}

describe('the access policy on the server', () => {
  it('refuses a short-notice booking without a reason, and keeps the override when one is given', async () => {
    const desk = await server.signIn('booking-coordinator', [KTC]);
    const { referralId, slotId } = await shortNoticeBooking();
    const refused = await desk.edit('appointment.book', {
      appointmentId: 'appt-policy',
      referralId,
      slotId,
    });
    expect(refused).toMatchObject({ status: 'rejected', reason: 'policy-warning' });
    expect((refused as { message: string }).message).toMatch(
      /notice \(the policy asks for 21 days\): book only if the patient agrees to the sooner date\. Record a reason to go ahead\.$/,
    );
    expect(
      await rows(`SELECT data FROM rows WHERE tbl = 'appointments' AND id = 'appt-policy'`),
    ).toEqual([]);

    const applied = await desk.edit('appointment.book', {
      appointmentId: 'appt-policy-2',
      referralId,
      slotId,
      overrides: [{ rule: 'reasonable-notice', reason: 'Patient agreed to the sooner date' }],
    });
    expect(applied).toMatchObject({ status: 'applied' });
    const overrides = await rows(`SELECT data FROM rows WHERE tbl = 'policyOverrides'`);
    expect(overrides).toEqual([
      expect.objectContaining({
        rule: 'reasonable-notice',
        reason: 'Patient agreed to the sooner date',
        appointmentId: 'appt-policy-2',
        policyVersion: 1,
        siteId: KTC,
      }),
    ]);
    const [referral] = await rows(`SELECT data FROM rows WHERE tbl = 'referrals' AND id = ?`, [
      referralId,
    ]);
    expect(referral!['offers']).toEqual([
      expect.objectContaining({
        response: 'accepted',
        reasonable: true,
        patientAgreedSooner: true,
      }),
    ]);
  });

  it('a manager’s change of the policy is a new version that later overrides name', async () => {
    const manager = await server.signIn('manager', [KTC]);
    expect(await manager.edit('settings.update', { reasonableNoticeDays: 28 })).toMatchObject({
      status: 'applied',
    });
    const [settings] = await rows(`SELECT data FROM rows WHERE tbl = 'settings'`);
    expect(settings).toMatchObject({ reasonableNoticeDays: 28, version: 2 });
    const { referralId, slotId } = await shortNoticeBooking();
    await manager.edit('appointment.book', {
      appointmentId: 'appt-v2',
      referralId,
      slotId,
      overrides: [{ rule: 'reasonable-notice', reason: 'Patient agreed' }],
    });
    const [override] = await rows(`SELECT data FROM rows WHERE tbl = 'policyOverrides'`);
    expect(override).toMatchObject({ policyVersion: 2 });
    expect(String(override!['warning'])).toContain('the policy asks for 28 days');
  });
});
