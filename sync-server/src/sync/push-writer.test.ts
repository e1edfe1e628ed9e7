import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, type PushResponse } from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { AGREED, createTestServer, type SignedIn } from '../test-support.ts';

// ADR 0008: the server process applies pushes in a writer thread on its own connection.
type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const ALL_SITES = ['site-ktc', 'site-alx', 'site-wrh'];

beforeEach(async () => {
  server = await createTestServer(undefined, { writerThread: true });
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 300 });
});
afterEach(() => server.close());

async function book(d: SignedIn, appointmentId: string, referralId: string, slotId: string) {
  const res = await d.request('/api/sync/push', {
    method: 'POST',
    body: JSON.stringify({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: d.clientId,
      mutations: [
        {
          id: `${d.clientId}-1`,
          clientId: d.clientId,
          seq: 1,
          name: 'appointment.book',
          args: { appointmentId, referralId, slotId, overrides: AGREED },
          at: '2026-11-24T09:59:00.000Z',
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PushResponse;
}

async function bookable(n: number) {
  const ids = async (sql: string) =>
    (await server.db.execute(sql)).rows.map((r) => String(r['id']));
  const [slotId] = await ids(`SELECT id FROM rows WHERE tbl = 'slots' AND site_id = 'site-ktc'
    AND json_extract(data, '$.status') = 'free' AND json_extract(data, '$.type') = 'new'
    AND json_extract(data, '$.date') > '2026-12-07' ORDER BY id LIMIT 1`);
  const referrals = await ids(`SELECT id FROM rows WHERE tbl = 'referrals' AND site_id = 'site-ktc'
    AND json_extract(data, '$.status') = 'waiting' AND json_extract(data, '$.priority') = 'routine'
    ORDER BY id LIMIT ${n}`);
  return { slotId: slotId!, referrals };
}

describe('pushes applied in the writer thread', () => {
  it('books a contested slot once, and every answer comes after its change is committed', async () => {
    const { slotId, referrals } = await bookable(6);
    const desks = await Promise.all(
      referrals.map(() => server.signIn('booking-coordinator', ALL_SITES)),
    );
    const answers = await Promise.all(
      desks.map(async (d, i) => {
        const answer = await book(d, `appt-${i}`, referrals[i]!, slotId);
        // Read through the request thread's own connection the moment the answer arrives.
        const stored = await server.rowsWhere(
          "SELECT data FROM rows WHERE tbl = 'appointments' AND id = ?",
          [`appt-${i}`],
        );
        return { status: answer.results[0]?.status, stored: stored.length };
      }),
    );
    expect(answers.filter((a) => a.status === 'applied')).toEqual([
      { status: 'applied', stored: 1 },
    ]);
    expect(answers.filter((a) => a.status === 'rejected' && a.stored === 0)).toHaveLength(5);
  });

  it('applies the same push sent twice only once, and answers the same both times', async () => {
    const { slotId, referrals } = await bookable(1);
    const desk = await server.signIn('booking-coordinator', ALL_SITES);
    const first = await book(desk, 'appt-twice', referrals[0]!, slotId);
    const audited = async () =>
      Number(
        (
          await server.db.execute(
            "SELECT COUNT(*) AS n FROM audit_events WHERE entity_id = 'appt-twice'",
          )
        ).rows[0]?.['n'],
      );
    expect(await audited()).toBe(1);
    expect(await book(desk, 'appt-twice', referrals[0]!, slotId)).toEqual(first);
    expect(first.results[0]?.status).toBe('applied');
    expect(await audited()).toBe(1);
  });
});
