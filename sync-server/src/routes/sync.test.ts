import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SYNC_PROTOCOL_VERSION,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { AGREED, createTestServer, type SignedIn } from '../test-support.ts';

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const ALL_SITES = ['site-ktc', 'site-alx', 'site-wrh'];
const devices = new Map<string, SignedIn>();

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 300 });
  devices.clear();
  for (const name of ['device-a', 'device-b'])
    devices.set(name, await server.signIn('manager', ALL_SITES));
});
afterEach(() => server.close());

function device(name: string): SignedIn {
  const d = devices.get(name);
  if (!d) throw new Error(`no device ${name}`);
  return d;
}

const mutation = (d: SignedIn, seq: number, name: string, args: unknown): Mutation => ({
  id: `${d.clientId}-${seq}`,
  clientId: d.clientId,
  seq,
  name,
  args,
  at: '2026-11-24T09:59:00.000Z',
});

function push(d: SignedIn, mutations: Mutation[], protocolVersion = SYNC_PROTOCOL_VERSION) {
  return d.request('/api/sync/push', {
    method: 'POST',
    body: JSON.stringify({ protocolVersion, clientId: d.clientId, mutations }),
  });
}

async function pullAll(d: SignedIn = device('device-a'), since = 0) {
  const changes: PullResponse['changes'] = [];
  let cursor = since;
  for (;;) {
    const res = await d.request(`/api/sync/pull?since=${cursor}&limit=1000`);
    const page = (await res.json()) as PullResponse;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, lastSeq: page.lastSeq };
  }
}

/** Rows a device receives: all but clinics, slots and appointments over 8 weeks old. */
async function rowsInDeviceWindow() {
  const rs = await server.db.execute(
    "SELECT COUNT(*) AS n FROM rows WHERE NOT (tbl IN ('clinicSessions', 'slots', 'appointments') AND json_extract(data, '$.date') < '2026-09-29')",
  );
  return Number(rs.rows[0]?.['n']);
}

async function rowCount() {
  const rs = await server.db.execute('SELECT COUNT(*) AS n, MAX(version) AS v FROM rows');
  return { n: Number(rs.rows[0]?.['n']), v: Number(rs.rows[0]?.['v']) };
}

/** Triaged routine referrals waiting to be booked, and a free future slot they may use. */
async function bookable() {
  const { changes } = await pullAll();
  const waiting = changes.filter(
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
  if (!waiting[0] || !slot) throw new Error('demo data lacks a bookable pair');
  return { referralId: waiting[0].id, slotId: slot.id, waiting: waiting.map((w) => w.id) };
}

describe('GET /api/health', () => {
  it('answers ok when the database answers', async () => {
    const res = await server.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});

describe('pull', () => {
  it('returns every row a user of all sites may see once, in pages, oldest first, with the count to come', async () => {
    const n = await rowsInDeviceWindow();
    expect(n).toBeLessThan((await rowCount()).n);
    const first = (await (
      await device('device-a').request('/api/sync/pull?since=0&limit=100')
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

  it.each([
    ['since=abc'],
    ['since=-1'],
    [''],
    ['since=0&limit=0'],
    ['since=0&limit=99999'],
    ['since=0&remaining=-1'],
    ['since=0&remaining=1e3'],
    ['since=0&remaining=99999999999999999999'],
  ])('refuses a malformed query (%s) with 400 and a reason', async (query) => {
    const res = await device('device-a').request(`/api/sync/pull?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
  });
});

describe('push', () => {
  it('applies a booking and serves its rows to the next pull', async () => {
    const a = device('device-a');
    const { cursor } = await pullAll(a);
    const { referralId, slotId } = await bookable();
    const res = await push(a, [
      mutation(a, 1, 'appointment.book', {
        appointmentId: 'appt-new-1',
        referralId,
        slotId,
        overrides: AGREED,
      }),
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      lastSeq: 1,
      results: [{ id: `${a.clientId}-1`, seq: 1, status: 'applied' }],
    });
    const after = await pullAll(a, cursor);
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
    const a = device('device-a');
    const { referralId, slotId } = await bookable();
    const m = mutation(a, 1, 'appointment.book', {
      appointmentId: 'appt-twice',
      referralId,
      slotId,
      overrides: AGREED,
    });
    const first = (await (await push(a, [m])).json()) as PushResponse;
    const before = await rowCount();
    const second = (await (await push(a, [m])).json()) as PushResponse;
    expect(second).toEqual(first);
    expect(await rowCount()).toEqual(before);
  });

  it('gives a slot to the first booking applied and rejects the second with a reason', async () => {
    const [a, b] = [device('device-a'), device('device-b')];
    const { slotId, waiting } = await bookable();
    await push(a, [
      mutation(a, 1, 'appointment.book', {
        appointmentId: 'a1',
        referralId: waiting[0],
        slotId,
        overrides: AGREED,
      }),
    ]);
    const res = (await (
      await push(b, [
        mutation(b, 1, 'appointment.book', {
          appointmentId: 'b1',
          referralId: waiting[1],
          slotId,
          overrides: AGREED,
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
    const { slotId, waiting } = await bookable();
    const many = await Promise.all(
      waiting.slice(0, 6).map(() => server.signIn('booking-coordinator', ALL_SITES)),
    );
    const responses = await Promise.all(
      many.map((d, i) =>
        push(d, [
          mutation(d, 1, 'appointment.book', {
            appointmentId: `appt-${i}`,
            referralId: waiting[i],
            slotId,
            overrides: AGREED,
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
    const a = device('device-a');
    const { referralId, slotId } = await bookable();
    const res = (await (
      await push(a, [
        mutation(a, 1, 'appointment.teleport', {}),
        mutation(a, 2, 'appointment.book', { appointmentId: 'x' }),
        mutation(a, 3, 'appointment.book', {
          appointmentId: 'appt-3',
          referralId,
          slotId,
          overrides: AGREED,
        }),
      ])
    ).json()) as PushResponse;
    expect(res.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect(res.lastSeq).toBe(3);
  });

  it('answers 409 with lastSeq when earlier mutations are missing, and writes nothing', async () => {
    const a = device('device-a');
    const before = await rowCount();
    const res = await push(a, [
      mutation(a, 3, 'appointment.cancel', { appointmentId: 'x', by: 'patient', reason: 'r' }),
    ]);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ lastSeq: 0 });
    expect(await rowCount()).toEqual(before);
  });

  it('refuses a body over 4 MB with 413 and writes nothing', async () => {
    const a = device('device-a');
    const before = await rowCount();
    const res = await push(a, [
      mutation(a, 1, 'referral.add', { reason: 'x'.repeat(5 * 1024 * 1024) }),
    ]);
    expect(res.status).toBe(413);
    expect(await rowCount()).toEqual(before);
  });

  it('tells an out-of-date device to update (426), on push and on pull', async () => {
    const res = await push(device('device-a'), [], 0);
    expect(res.status).toBe(426);
    expect((await device('device-a').request('/api/sync/pull?since=0&v=0')).status).toBe(426);
    expect(
      (await device('device-a').request(`/api/sync/pull?since=0&v=${SYNC_PROTOCOL_VERSION}`))
        .status,
    ).toBe(200);
  });

  it('refuses changes and pulls under another device’s or user’s sign-in (401: sign in again)', async () => {
    const [a, b] = [device('device-a'), device('device-b')];
    const res = await b.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({
        protocolVersion: 1,
        clientId: a.clientId,
        mutations: [mutation(a, 1, 'patient.viewed', { patientId: 'pat-1', screen: 'x' })],
      }),
    });
    expect(res.status).toBe(401);
    const pull = await b.request(
      `/api/sync/pull?since=0&clientId=${encodeURIComponent(a.clientId)}`,
    );
    expect(pull.status).toBe(401);
  });

  const at = '2026-11-24T10:00:00Z';
  it.each([
    ['not JSON', () => '{"mutations": ['],
    ['no mutations', (c: string) => JSON.stringify({ protocolVersion: 1, clientId: c })],
    [
      'seq as text',
      (c: string) =>
        JSON.stringify({
          protocolVersion: 1,
          clientId: c,
          mutations: [{ id: 'm', clientId: c, seq: 'one', name: 'x', args: {}, at }],
        }),
    ],
    [
      'a mutation of another client',
      (c: string) =>
        JSON.stringify({
          protocolVersion: 1,
          clientId: c,
          mutations: [{ id: 'm', clientId: 'e', seq: 1, name: 'x', args: {}, at }],
        }),
    ],
    [
      'a gap inside the push',
      (c: string) =>
        JSON.stringify({
          protocolVersion: 1,
          clientId: c,
          mutations: [1, 3].map((seq) => ({
            id: `m${seq}`,
            clientId: c,
            seq,
            name: 'x',
            args: {},
            at,
          })),
        }),
    ],
    ['an array', () => '[]'],
  ])(
    'refuses a malformed body (%s) with 400 and a reason, writing nothing',
    async (_label, body) => {
      const a = device('device-a');
      const before = await rowCount();
      const res = await a.request('/api/sync/push', { method: 'POST', body: body(a.clientId) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
      expect(await rowCount()).toEqual(before);
      const clients = await server.db.execute('SELECT COUNT(*) AS n FROM clients');
      expect(Number(clients.rows[0]?.['n'])).toBe(0);
    },
  );
});
