import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SYNC_PROTOCOL_VERSION,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 300 });
});
afterEach(() => server.close());

const mutation = (clientId: string, seq: number, name: string, args: unknown): Mutation => ({
  id: `${clientId}-${seq}`,
  clientId,
  seq,
  name,
  args,
  at: '2026-11-24T09:59:00.000Z',
});

async function push(
  clientId: string,
  mutations: Mutation[],
  protocolVersion = SYNC_PROTOCOL_VERSION,
) {
  return server.app.request('/api/sync/push', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocolVersion, clientId, mutations }),
  });
}

async function pullAll(since = 0, clientId = 'device-a') {
  const changes: PullResponse['changes'] = [];
  let cursor = since;
  for (;;) {
    const res = await server.app.request(
      `/api/sync/pull?since=${cursor}&clientId=${clientId}&limit=1000`,
    );
    const page = (await res.json()) as PullResponse;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, lastSeq: page.lastSeq };
  }
}

async function rowCount() {
  const rs = await server.db.execute('SELECT COUNT(*) AS n, MAX(version) AS v FROM rows');
  return { n: Number(rs.rows[0]?.['n']), v: Number(rs.rows[0]?.['v']) };
}

/** A triaged referral waiting to be booked, and a free future slot it may use. */
async function bookable() {
  const { changes } = await pullAll();
  const referral = changes.find(
    (c) =>
      c.table === 'referrals' && c.row?.['status'] === 'waiting' && c.row['priority'] === 'routine',
  );
  const slot = changes.find(
    (c) =>
      c.table === 'slots' &&
      c.row?.['status'] === 'free' &&
      c.row['type'] === 'new' &&
      String(c.row['date']) > '2026-11-30',
  );
  if (!referral || !slot) throw new Error('demo data lacks a bookable pair');
  return { referralId: referral.id, slotId: slot.id };
}

describe('GET /api/health', () => {
  it('answers ok when the database answers', async () => {
    const res = await server.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});

describe('pull', () => {
  it('returns every row once, in pages, oldest first, with the count still to come', async () => {
    const { n } = await rowCount();
    const first = (await (
      await server.app.request('/api/sync/pull?since=0&limit=100')
    ).json()) as PullResponse;
    expect(first.changes).toHaveLength(100);
    expect(first.hasMore).toBe(true);
    expect(first.total).toBe(n);
    const all = await pullAll();
    expect(all.changes).toHaveLength(n);
    expect(new Set(all.changes.map((c) => `${c.table}/${c.id}`)).size).toBe(n);
    const versions = all.changes.map((c) => c.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it.each([['since=abc'], ['since=-1'], [''], ['since=0&limit=0'], ['since=0&limit=99999']])(
    'refuses a malformed query (%s) with 400 and a reason',
    async (query) => {
      const res = await server.app.request(`/api/sync/pull?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
    },
  );
});

describe('push', () => {
  it('applies a booking and serves its rows to the next pull', async () => {
    const { cursor } = await pullAll();
    const { referralId, slotId } = await bookable();
    const res = await push('device-a', [
      mutation('device-a', 1, 'appointment.book', {
        appointmentId: 'appt-new-1',
        referralId,
        slotId,
      }),
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      lastSeq: 1,
      results: [{ id: 'device-a-1', seq: 1, status: 'applied' }],
    });
    const after = await pullAll(cursor);
    expect(after.lastSeq).toBe(1);
    const byTable = Object.fromEntries(after.changes.map((c) => [c.table, c.row]));
    expect(byTable['slots']).toMatchObject({
      id: slotId,
      status: 'booked',
      appointmentId: 'appt-new-1',
    });
    expect(byTable['referrals']).toMatchObject({ id: referralId, status: 'booked' });
    expect(byTable['appointments']).toMatchObject({
      id: 'appt-new-1',
      status: 'booked',
      bookedAt: '2026-11-24T10:00:00.000Z',
    });
  });

  it('applies the same mutation pushed twice only once, and answers the same both times', async () => {
    const { referralId, slotId } = await bookable();
    const m = mutation('device-a', 1, 'appointment.book', {
      appointmentId: 'appt-twice',
      referralId,
      slotId,
    });
    const first = (await (await push('device-a', [m])).json()) as PushResponse;
    const before = await rowCount();
    const second = (await (await push('device-a', [m])).json()) as PushResponse;
    expect(second).toEqual(first);
    expect(await rowCount()).toEqual(before);
  });

  it('gives a slot to the first booking applied and rejects the second with a reason', async () => {
    const { slotId } = await bookable();
    const { changes } = await pullAll();
    const waiting = changes.filter(
      (c) =>
        c.table === 'referrals' &&
        c.row?.['status'] === 'waiting' &&
        c.row['priority'] === 'routine',
    );
    await push('device-a', [
      mutation('device-a', 1, 'appointment.book', {
        appointmentId: 'a1',
        referralId: waiting[0]!.id,
        slotId,
      }),
    ]);
    const res = (await (
      await push('device-b', [
        mutation('device-b', 1, 'appointment.book', {
          appointmentId: 'b1',
          referralId: waiting[1]!.id,
          slotId,
        }),
      ])
    ).json()) as PushResponse;
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'slot-taken' });
    expect(res.results[0]).toHaveProperty(
      'message',
      expect.stringContaining('choose another slot'),
    );
  });

  it('queues concurrent pushes for one slot: all answered, exactly one booking applied', async () => {
    const { slotId } = await bookable();
    const { changes } = await pullAll();
    const waiting = changes.filter(
      (c) =>
        c.table === 'referrals' &&
        c.row?.['status'] === 'waiting' &&
        c.row['priority'] === 'routine',
    );
    const responses = await Promise.all(
      waiting.slice(0, 6).map((referral, i) =>
        push(`device-${i}`, [
          mutation(`device-${i}`, 1, 'appointment.book', {
            appointmentId: `appt-${i}`,
            referralId: referral.id,
            slotId,
          }),
        ]),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const results = await Promise.all(
      responses.map(async (r) => ((await r.json()) as PushResponse).results[0]?.status),
    );
    expect(results.filter((s) => s === 'applied')).toHaveLength(1);
    expect(results.filter((s) => s === 'rejected')).toHaveLength(5);
  });

  it('records a rejection as a normal result and goes on with the rest of the queue', async () => {
    const { referralId, slotId } = await bookable();
    const res = (await (
      await push('device-a', [
        mutation('device-a', 1, 'appointment.teleport', {}),
        mutation('device-a', 2, 'appointment.book', { appointmentId: 'x' }),
        mutation('device-a', 3, 'appointment.book', {
          appointmentId: 'appt-3',
          referralId,
          slotId,
        }),
      ])
    ).json()) as PushResponse;
    expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect(res.lastSeq).toBe(3);
  });

  it('answers 409 with lastSeq when earlier mutations are missing, and writes nothing', async () => {
    const before = await rowCount();
    const res = await push('device-a', [
      mutation('device-a', 3, 'appointment.cancel', {
        appointmentId: 'x',
        by: 'patient',
        reason: 'r',
      }),
    ]);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ lastSeq: 0 });
    expect(await rowCount()).toEqual(before);
  });

  it('refuses a body over 4 MB with 413 and writes nothing', async () => {
    const before = await rowCount();
    const big = mutation('device-a', 1, 'referral.add', { reason: 'x'.repeat(5 * 1024 * 1024) });
    const res = await push('device-a', [big]);
    expect(res.status).toBe(413);
    expect(await rowCount()).toEqual(before);
  });

  it('tells an out-of-date device to update (426)', async () => {
    const res = await push('device-a', [], 0);
    expect(res.status).toBe(426);
  });

  it.each([
    ['not JSON', '{"mutations": ['],
    ['no mutations', JSON.stringify({ protocolVersion: 1, clientId: 'd' })],
    [
      'seq as text',
      JSON.stringify({
        protocolVersion: 1,
        clientId: 'd',
        mutations: [
          { id: 'm', clientId: 'd', seq: 'one', name: 'x', args: {}, at: '2026-11-24T10:00:00Z' },
        ],
      }),
    ],
    [
      'another device’s mutation',
      JSON.stringify({
        protocolVersion: 1,
        clientId: 'd',
        mutations: [
          { id: 'm', clientId: 'e', seq: 1, name: 'x', args: {}, at: '2026-11-24T10:00:00Z' },
        ],
      }),
    ],
    [
      'a gap inside the push',
      JSON.stringify({
        protocolVersion: 1,
        clientId: 'd',
        mutations: [1, 3].map((seq) => ({
          id: `m${seq}`,
          clientId: 'd',
          seq,
          name: 'x',
          args: {},
          at: '2026-11-24T10:00:00Z',
        })),
      }),
    ],
    ['an array', '[]'],
  ])(
    'refuses a malformed body (%s) with 400 and a reason, writing nothing',
    async (_label, body) => {
      const before = await rowCount();
      const res = await server.app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
      expect(await rowCount()).toEqual(before);
      const clients = await server.db.execute('SELECT COUNT(*) AS n FROM clients');
      expect(Number(clients.rows[0]?.['n'])).toBe(0);
    },
  );
});
