import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebookIdFor, type PullResponse } from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { AGREED, createTestServer, type SignedIn } from '../test-support.ts';

// Issue 6 on the server: clinics cancelled while a booking into them is on its way, the Rebook
// worklist reaching every device of the site, and sessions generated once whoever asks twice.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 400 });
});
afterEach(() => server.close());

const one = (sql: string, args: (string | number)[] = []) => server.rowsWhere(sql, args);

/** A future clinic at KTC with a patient booked in it and at least one free new slot. */
async function clinicWithBookingAndFreeSlot() {
  const sessions = await one(
    `SELECT data FROM rows s WHERE tbl = 'clinicSessions' AND site_id = ? AND json_extract(data, '$.date') > '2026-12-01'
       AND EXISTS (SELECT 1 FROM rows b WHERE b.tbl = 'slots' AND json_extract(b.data, '$.sessionId') = s.id AND json_extract(b.data, '$.status') = 'booked')
       AND EXISTS (SELECT 1 FROM rows f WHERE f.tbl = 'slots' AND json_extract(f.data, '$.sessionId') = s.id AND json_extract(f.data, '$.status') = 'free' AND json_extract(f.data, '$.type') = 'new')
     ORDER BY id LIMIT 1`,
    [KTC],
  );
  const session = sessions[0]!;
  const [free] = await one(
    `SELECT data FROM rows WHERE tbl = 'slots' AND json_extract(data, '$.sessionId') = ? AND json_extract(data, '$.status') = 'free' AND json_extract(data, '$.type') = 'new' LIMIT 1`,
    [String(session['id'])],
  );
  const [waiting] = await one(
    `SELECT data FROM rows WHERE tbl = 'referrals' AND site_id = ? AND json_extract(data, '$.status') = 'waiting' AND json_extract(data, '$.priority') = 'routine' LIMIT 1`,
    [KTC],
  );
  return {
    sessionId: String(session['id']),
    slotId: String(free!['id']),
    referralId: String(waiting!['id']),
  };
}

describe('a clinic cancelled while a booking into it is on its way', () => {
  it('booking first: the new patient is displaced with the others onto the Rebook worklist', async () => {
    const coordinator = await server.signIn('booking-coordinator', [KTC]);
    const desk = await server.signIn('receptionist', [KTC]);
    const { sessionId, slotId, referralId } = await clinicWithBookingAndFreeSlot();
    expect(
      await desk.edit('appointment.book', {
        appointmentId: 'appt-late',
        referralId,
        slotId,
        overrides: AGREED,
      }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await coordinator.edit('session.cancel', { sessionId, reason: 'Consultant on leave' }),
    ).toMatchObject({ status: 'applied' });
    const [rebook] = await one(`SELECT data FROM rows WHERE tbl = 'rebooks' AND id = ?`, [
      rebookIdFor('appt-late'),
    ]);
    expect(rebook).toMatchObject({ status: 'open', referralId, reason: 'Consultant on leave' });
    const [referral] = await one(`SELECT data FROM rows WHERE tbl = 'referrals' AND id = ?`, [
      referralId,
    ]);
    expect(referral).toMatchObject({ status: 'waiting', openRebookId: rebookIdFor('appt-late') });
  });

  it('cancellation first: the booking is refused in the co-ordinator’s words and nothing is half-saved', async () => {
    const coordinator = await server.signIn('booking-coordinator', [KTC]);
    const desk = await server.signIn('receptionist', [KTC]);
    const { sessionId, slotId, referralId } = await clinicWithBookingAndFreeSlot();
    expect(
      await coordinator.edit('session.cancel', { sessionId, reason: 'Consultant on leave' }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await desk.edit('appointment.book', {
        appointmentId: 'appt-late',
        referralId,
        slotId,
        overrides: AGREED,
      }),
    ).toMatchObject({
      status: 'rejected',
      reason: 'clinic-cancelled',
      message: 'That clinic has been cancelled: choose another slot',
    });
    expect(
      await one(`SELECT data FROM rows WHERE tbl = 'appointments' AND id = 'appt-late'`),
    ).toEqual([]);
    const [referral] = await one(`SELECT data FROM rows WHERE tbl = 'referrals' AND id = ?`, [
      referralId,
    ]);
    expect(referral).toMatchObject({ status: 'waiting', openRebookId: null });
  });

  it('the Rebook worklist and the leave reach the site’s devices; leave reaches every site', async () => {
    const coordinator = await server.signIn('booking-coordinator', [KTC]);
    const elsewhere = await server.signIn('receptionist', ['site-alx']);
    const { sessionId } = await clinicWithBookingAndFreeSlot();
    await coordinator.edit('leave.record', {
      id: 'leave-1',
      clinicianId: 'clin-1',
      from: '2027-03-01',
      to: '2027-03-05',
      reason: 'Annual leave',
    });
    await coordinator.edit('session.cancel', { sessionId, reason: 'Consultant on leave' });
    const pulled = async (d: SignedIn) => {
      const changes: PullResponse['changes'] = [];
      for (let cursor = 0; ;) {
        const res = await d.request(`/api/sync/pull?since=${cursor}&limit=1000`);
        const page = (await res.json()) as PullResponse;
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return changes;
      }
    };
    const here = await pulled(coordinator);
    expect(here.filter((c) => c.table === 'rebooks').length).toBeGreaterThan(0);
    const there = await pulled(elsewhere);
    expect(there.filter((c) => c.table === 'rebooks')).toEqual([]);
    expect(there.some((c) => c.table === 'leave' && c.id === 'leave-1')).toBe(true);
  });
});

describe('sessions.generate on the server', () => {
  it('makes a template’s clinics once, however many devices ask', async () => {
    const a = await server.signIn('booking-coordinator', [KTC]);
    const b = await server.signIn('manager', [KTC]);
    const [template] = await one(
      `SELECT data FROM rows WHERE tbl = 'clinicTemplates' AND site_id = ? LIMIT 1`,
      [KTC],
    );
    const args = { templateIds: [String(template!['id'])], from: '2027-04-12', weeks: 4 };
    const count = async () =>
      (
        await one(
          `SELECT data FROM rows WHERE tbl = 'clinicSessions' AND json_extract(data, '$.templateId') = ? AND json_extract(data, '$.date') >= '2027-04-12'`,
          [String(template!['id'])],
        )
      ).length;
    expect(await a.edit('sessions.generate', args)).toMatchObject({ status: 'applied' });
    const made = await count();
    expect(made).toBeGreaterThanOrEqual(3); // four weeks, less any bank holiday
    expect(await b.edit('sessions.generate', args)).toMatchObject({ status: 'applied' });
    expect(await count()).toBe(made);
  });
});
