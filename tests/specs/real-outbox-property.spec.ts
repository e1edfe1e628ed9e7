/**
 * Issue 4's property, with the device's own code: several devices, each the web app's real
 * IndexedDB database (fake-indexeddb), outbox, rebase and sync client, make random edits and
 * sync through the real server app on a real libSQL database, with pushes whose answers are
 * lost, pushes sent twice or delivered late, pulls cut off, server restarts and skewed device
 * clocks. After every run: no slot is booked twice, every edit is decided exactly once, every
 * rejection is on the device that made it, no edit is left queued, and every device holds
 * exactly the server's rows. REAL_SIM_RUNS sets the number of runs (200 by default).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { TABLE_NAMES, withRowDefaults, type TableName } from '@clinicdesk/domain';
import { ClinicDeskDatabase, readMeta } from '../../web/src/lib/db/database.ts';
import { setDataKeys } from '../../web/src/lib/db/encryption.ts';
import { deriveDataKeys } from '../../web/src/lib/crypto/field-seal.ts';
import { mutate } from '../../web/src/lib/sync/outbox.ts';
import { nextHlc } from '../../web/src/lib/sync/device-hlc.ts';
import { syncOnce, type SyncOutcome } from '../../web/src/lib/sync/sync-client.ts';
import { createApp } from '../../sync-server/src/app.ts';
import { openDatabase, type Database } from '../../sync-server/src/db/database.ts';
import { AGREED, createTestServer, type SignedIn } from '../../sync-server/src/test-support.ts';
import { seedSimWorld } from '../../sync-server/src/sync/sim-world.test-support.ts';

const RUNS = Math.max(1, Number(process.env['REAL_SIM_RUNS'] ?? '') || 200);
const SITE = 'site-ktc';
const NOW = new Date('2026-11-24T10:00:00Z');
const SKEWS_MS = [0, 90_000, -120_000, 7 * 60_000];

type Fault = 'none' | 'drop-push' | 'duplicate-push' | 'late-push' | 'drop-pull';

interface Device {
  db: ClinicDeskDatabase;
  session: SignedIn;
  skewMs: number;
  /** The server app the device's requests reach (a restart or a restore replaces it). */
  server: () => ReturnType<typeof createApp>;
  lastPush?: string;
}

let server: Awaited<ReturnType<typeof createTestServer>>;
let app: ReturnType<typeof createApp>;
let devices: Device[];
let run = 0;
/** What the runs did, printed at the end so a reader can see the property bites. */
const tally: Record<string, number> = {};
const count = (what: string) => (tally[what] = (tally[what] ?? 0) + 1);

/** The device's own clock, which may be wrong: the web code reads the time from `Date`. */
function onDeviceClock(device: Device) {
  vi.setSystemTime(NOW.getTime() + device.skewMs);
  return { now: new Date(), today: '2026-11-24' };
}

/** The network between a device and the server, with this round's fault. */
function network(device: Device, fault: Fault): typeof fetch {
  return (async (input: string, init: RequestInit = {}) => {
    const send = (body = init.body) =>
      device.server().request(input, {
        ...init,
        body,
        headers: { ...(init.headers as Record<string, string>), ...device.session.headers },
      });
    if (input.startsWith('/api/sync/pull')) {
      if (fault === 'drop-pull') throw new TypeError('Failed to fetch');
      return send();
    }
    // A copy of the device's previous push, delivered after newer ones.
    if (fault === 'late-push' && device.lastPush)
      expect((await send(device.lastPush)).status).toBe(200);
    device.lastPush = String(init.body);
    const res = await send();
    if (fault === 'duplicate-push') await send();
    if (fault === 'drop-push') throw new TypeError('Failed to fetch');
    return res;
  }) as typeof fetch;
}

async function sync(device: Device, fault: Fault): Promise<SyncOutcome> {
  onDeviceClock(device);
  const outcome = await syncOnce({
    db: device.db,
    clientId: device.session.clientId,
    fetch: network(device, fault),
  });
  if (fault === 'none') expect(outcome).toMatchObject({ kind: 'synced' });
  return outcome;
}

async function edit(device: Device, name: string, args: unknown) {
  const result = await mutate(
    device.db,
    device.session.clientId,
    name,
    args,
    onDeviceClock(device),
  );
  count(result.ok ? `${name}: queued` : `${name}: refused on the device`);
}

const lastSeqOf = (d: Device) => readMeta(d.db, `lastSeq:${d.session.clientId}`, 0);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  server = await createTestServer(() => NOW);
  app = server.app;
  setDataKeys(deriveDataKeys(crypto.getRandomValues(new Uint8Array(32))));
  devices = [];
  for (const skewMs of SKEWS_MS) {
    const session = await server.signIn('booking-coordinator', [SITE]);
    devices.push({
      db: new ClinicDeskDatabase(`sim-${session.deviceId}`),
      session,
      skewMs,
      server: () => app,
    });
  }
});
afterAll(async () => {
  console.log(`real-outbox simulation, ${RUNS} runs:`, JSON.stringify(tally));
  for (const d of devices ?? []) await d.db.delete();
  setDataKeys(null);
  server?.close();
  vi.useRealTimers();
});

const step = fc.record({
  device: fc.nat(SKEWS_MS.length - 1),
  action: fc.constantFrom('book', 'book', 'cancel', 'phone', 'sync', 'sync', 'restart'),
  pick: fc.nat(20),
  pick2: fc.nat(20),
  fault: fc.constantFrom<Fault>(
    'none',
    'none',
    'drop-push',
    'duplicate-push',
    'late-push',
    'drop-pull',
  ),
});

/** The rows of this run on the server, keyed `table/id`. */
async function serverRows(prefix: string, db: Database = server.db): Promise<Map<string, unknown>> {
  const rs = await db.execute({
    sql: 'SELECT tbl, id, data FROM rows WHERE id LIKE ?',
    args: [`${prefix}%`],
  });
  // As a device reads them: with the defaults of fields added after a row was written.
  return new Map(
    rs.rows.map((r) => [
      `${r['tbl']}/${r['id']}`,
      withRowDefaults(r['tbl'] as TableName, JSON.parse(String(r['data']))),
    ]),
  );
}

/** The rows of this run on a device, read through its real (sealing) database. */
async function deviceRows(device: Device, prefix: string): Promise<Map<string, unknown>> {
  const rows = new Map<string, unknown>();
  for (const table of TABLE_NAMES as readonly TableName[]) {
    const found = await device.db.rows(table).where('id').startsWith(prefix).toArray();
    for (const row of found) rows.set(`${table}/${row.id}`, row);
  }
  return rows;
}

describe('devices running the web app’s own outbox and sync client', () => {
  it(
    'never book a slot twice, decide every edit exactly once, keep every rejection and end equal to the server',
    async () => {
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 20 }), async (steps) => {
          const prefix = `r${++run}-`;
          const world = await seedSimWorld(server.db, prefix, SITE);
          for (const d of devices) await sync(d, 'none');
          const firstSeq = await Promise.all(devices.map(lastSeqOf));
          const at = (list: string[], n: number) => list[n % list.length]!;
          for (const s of steps) {
            const device = devices[s.device]!;
            if (s.action === 'book') {
              await edit(device, 'appointment.book', {
                appointmentId: `${prefix}appt-${s.device}-${await lastSeqOf(device)}`,
                referralId: at(world.referrals, s.pick),
                slotId: at(world.slots, s.pick2),
                overrides: AGREED,
              });
            } else if (s.action === 'cancel') {
              const booked = await device.db
                .rows('appointments')
                .where('id')
                .startsWith(`${prefix}appt`)
                .filter((a) => a.status === 'booked')
                .toArray();
              if (booked.length)
                await edit(device, 'appointment.cancel', {
                  appointmentId: booked[s.pick % booked.length]!.id,
                  by: 'patient',
                  reason: 'Sim',
                });
            } else if (s.action === 'phone') {
              onDeviceClock(device);
              await edit(device, 'patient.update', {
                patientId: at(world.patients, s.pick),
                changes: { phone: `07700 900${String(s.pick2).padStart(3, '0')}` },
                hlc: await nextHlc(device.db, device.session.clientId),
              });
            } else if (s.action === 'sync') {
              count(`sync with ${s.fault}`);
              await sync(device, s.fault);
            } else {
              app = createApp({ db: server.db, now: () => NOW });
            }
          }
          // Back on a good network: everyone syncs until nothing is left, then pulls once more.
          for (let round = 0; round < 2; round++) for (const d of devices) await sync(d, 'none');

          const onServer = await serverRows(prefix);
          const appointments = [...onServer.values()] as {
            id: string;
            slotId: string;
            status: string;
          }[];
          for (const slot of world.slots) {
            const booked = appointments.filter((a) => a.slotId === slot && a.status === 'booked');
            expect(booked.length).toBeLessThanOrEqual(1);
            expect(
              (onServer.get(`slots/${slot}`) as { appointmentId: string | null }).appointmentId,
            ).toBe(booked[0]?.id ?? null);
          }
          for (const [i, d] of devices.entries()) {
            const clientId = d.session.clientId;
            const decided = await server.db.execute({
              sql: 'SELECT seq, status, reason FROM mutations WHERE client_id = ? AND seq > ? ORDER BY seq',
              args: [clientId, firstSeq[i]!],
            });
            const seqs = decided.rows.map((r) => Number(r['seq']));
            const made = (await lastSeqOf(d)) - firstSeq[i]!;
            expect(seqs).toEqual(Array.from({ length: made }, (_, k) => firstSeq[i]! + k + 1));
            expect(
              await d.db.outbox
                .where('[clientId+seq]')
                .between([clientId, 0], [clientId, Infinity])
                .count(),
            ).toBe(0);
            for (const r of decided.rows) {
              const rejection = await d.db.rejections.get(`${clientId}:${r['seq']}`);
              if (r['status'] === 'rejected') expect(rejection?.reason).toBe(r['reason']);
              else expect(rejection).toBeUndefined();
              count(`decided: ${r['status']}${r['reason'] ? ` (${r['reason']})` : ''}`);
            }
            expect(await deviceRows(d, prefix)).toEqual(onServer);
          }
        }),
        { numRuns: RUNS },
      );
      console.log(`real-outbox simulation took ${Math.round(performance.now() - started)} ms`);
    },
    120_000 + RUNS * 500,
  );
});

describe('a device whose server was restored from a backup', () => {
  it('sends the edits it still holds, copies the data afresh and ends equal to the restored server', async () => {
    const own = await createTestServer(() => NOW);
    let restoredDb: Database | undefined;
    let current = own.app;
    const open = async (name: string): Promise<Device> => {
      const session = await own.signIn('booking-coordinator', [SITE]);
      const db = new ClinicDeskDatabase(`${name}-${session.deviceId}`);
      return { db, session, skewMs: 0, server: () => current };
    };
    const a = await open('restore-a');
    try {
      const world = await seedSimWorld(own.db, 'restore-', SITE);
      const book = (i: number) =>
        edit(a, 'appointment.book', {
          appointmentId: `restore-appt-${i}`,
          referralId: world.referrals[i],
          slotId: world.slots[i],
          overrides: AGREED,
        });
      await sync(a, 'none');
      await book(0);
      await sync(a, 'none');
      const backup = `${own.dir}/backup.db`;
      await own.db.execute({ sql: 'VACUUM INTO ?', args: [backup] });
      await book(1);
      await sync(a, 'none');
      expect(await a.db.outbox.count()).toBe(0);

      restoredDb = await openDatabase({ url: `file:${backup}` });
      current = createApp({ db: restoredDb, now: () => NOW });
      await book(2);
      await sync(a, 'none');

      const onServer = await serverRows('restore-', restoredDb);
      expect(onServer.get('appointments/restore-appt-0')).toBeDefined();
      expect(onServer.get('appointments/restore-appt-1')).toBeUndefined();
      expect(onServer.get('appointments/restore-appt-2')).toBeDefined();
      // Booking 1 was lost with the server's database: the device no longer shows it either.
      expect(await deviceRows(a, 'restore-')).toEqual(onServer);
      expect(await a.db.outbox.count()).toBe(0);
      const decided = await restoredDb.execute({
        sql: 'SELECT seq FROM mutations WHERE client_id = ? ORDER BY seq',
        args: [a.session.clientId],
      });
      expect(decided.rows.map((r) => Number(r['seq']))).toEqual([1, 3]);
      const missing = await restoredDb.execute(
        "SELECT detail FROM audit_events WHERE action = 'sync.edits-missing'",
      );
      expect(String(missing.rows[0]?.['detail'])).toContain('Changes 2 to 2 from this device');
    } finally {
      await a.db.delete();
      restoredDb?.close();
      own.close();
    }
  });
});
