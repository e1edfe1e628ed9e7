import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, type Mutation, type PushResponse } from '@clinicdesk/domain';
import { createApp } from '../app.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { seedDemoDepartment } from '../db/seed.ts';
import { AGREED, createTestServer, type SignedIn } from '../test-support.ts';

const NOW = new Date('2026-11-24T10:00:00Z');
const SITES = ['site-ktc', 'site-alx', 'site-wrh'];

let server: Awaited<ReturnType<typeof createTestServer>>;
let device: SignedIn;
let restoredDb: Database | undefined;

beforeEach(async () => {
  server = await createTestServer(() => NOW);
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 120 });
  device = await server.signIn('booking-coordinator', SITES);
});
afterEach(() => {
  restoredDb?.close();
  restoredDb = undefined;
  server.close();
});

async function anyIds(db: Database) {
  const rs = await db.execute(
    "SELECT (SELECT id FROM rows WHERE tbl = 'patients' LIMIT 1) AS patient, (SELECT id FROM rows WHERE tbl = 'referrals' AND json_extract(data, '$.status') = 'waiting' AND json_extract(data, '$.priority') = 'routine' LIMIT 1) AS referral, (SELECT id FROM rows WHERE tbl = 'slots' AND json_extract(data, '$.status') = 'free' AND json_extract(data, '$.type') = 'new' AND json_extract(data, '$.date') > '2026-11-30' LIMIT 1) AS slot",
  );
  const row = rs.rows[0]!;
  return {
    patientId: String(row['patient']),
    referralId: String(row['referral']),
    slotId: String(row['slot']),
  };
}

const viewed = (seq: number, patientId: string): Mutation => ({
  id: `${device.clientId}:${seq}`,
  clientId: device.clientId,
  seq,
  name: 'patient.viewed',
  args: { patientId, screen: 'test' },
  at: '2026-11-24T09:59:00.000Z',
});

function pushTo(app: ReturnType<typeof createApp>, mutations: Mutation[], heldFrom?: number) {
  return app.request('/api/sync/push', {
    method: 'POST',
    headers: device.headers,
    body: JSON.stringify({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: device.clientId,
      mutations,
      heldFrom,
    }),
  });
}

async function count(db: Database, sql: string): Promise<number> {
  return Number((await db.execute(sql)).rows[0]?.['n']);
}

describe('push to a server whose database was restored from a backup', () => {
  it('takes the edits a device still holds from the seq it holds them from, audits the lost ones, and applies nothing twice', async () => {
    const { patientId, referralId, slotId } = await anyIds(server.db);
    expect((await pushTo(server.app, [viewed(1, patientId)])).status).toBe(200);
    const backup = join(server.dir, 'backup.db');
    await server.db.execute({ sql: 'VACUUM INTO ?', args: [backup] });
    // Seqs 2 and 3 are decided after the backup; the device hears so and drops them.
    expect((await pushTo(server.app, [viewed(2, patientId), viewed(3, patientId)])).status).toBe(
      200,
    );

    restoredDb = await openDatabase({ url: `file:${backup}` });
    const restored = createApp({ db: restoredDb, now: () => NOW });
    const book: Mutation = {
      ...viewed(4, patientId),
      name: 'appointment.book',
      args: { appointmentId: 'appt-after-restore', referralId, slotId, overrides: AGREED },
    };
    const held = [book, viewed(5, patientId)];

    // Without heldFrom, or with one that does not match what is sent, it is an ordinary gap.
    for (const heldFrom of [undefined, 3, 5]) {
      const gap = await pushTo(restored, held, heldFrom);
      expect(gap.status).toBe(409);
      expect(await gap.json()).toMatchObject({ lastSeq: 1 });
    }
    const rowsBefore = await count(restoredDb, 'SELECT COUNT(*) AS n FROM rows');

    const res = await pushTo(restored, held, 4);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PushResponse;
    // The device's copy holds rows of the lost edits: it is told to copy the data afresh.
    expect(body).toEqual({
      lastSeq: 5,
      results: [
        { id: `${device.clientId}:4`, seq: 4, status: 'applied' },
        { id: `${device.clientId}:5`, seq: 5, status: 'applied' },
      ],
      afresh: true,
    });
    const rowsAfter = await count(restoredDb, 'SELECT COUNT(*) AS n FROM rows');
    expect(rowsAfter).toBeGreaterThan(rowsBefore);

    // The same push again (a retry after a dropped answer) is answered alike and writes nothing.
    expect(await (await pushTo(restored, held, 4)).json()).toEqual({
      lastSeq: 5,
      results: body.results,
    });
    expect(await count(restoredDb, 'SELECT COUNT(*) AS n FROM rows')).toBe(rowsAfter);

    // A late copy of an old push of a lost seq is not applied, nor called applied.
    const late = (await (await pushTo(restored, [viewed(2, patientId)])).json()) as PushResponse;
    expect(late.results[0]).toMatchObject({ seq: 2, status: 'rejected', reason: 'not-recorded' });

    const audit = await restoredDb.execute(
      "SELECT detail FROM audit_events WHERE action = 'sync.edits-missing'",
    );
    expect(audit.rows.map((r) => r['detail'])).toEqual([
      expect.stringContaining('Changes 2 to 3 from this device'),
    ]);
    expect(
      await count(
        restoredDb,
        "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'patient.viewed' AND outcome = 'viewed'",
      ),
    ).toBe(2);
  });

  it('tells a device whose cursor is past every version it has to copy the data afresh', async () => {
    const { referralId, slotId } = await anyIds(server.db);
    const backup = join(server.dir, 'backup.db');
    await server.db.execute({ sql: 'VACUUM INTO ?', args: [backup] });
    const latestIn = async (db: Database) =>
      Number((await db.execute('SELECT MAX(version) AS v FROM rows')).rows[0]?.['v']);
    const backedUp = await latestIn(server.db);
    const book = { ...viewed(1, ''), name: 'appointment.book' };
    await pushTo(server.app, [
      { ...book, args: { appointmentId: 'a1', referralId, slotId, overrides: AGREED } },
    ]);
    const seen = await latestIn(server.db);
    expect(seen).toBeGreaterThan(backedUp);

    restoredDb = await openDatabase({ url: `file:${backup}` });
    const restored = createApp({ db: restoredDb, now: () => NOW });
    const pull = async (since: number) =>
      (await (
        await restored.request(`/api/sync/pull?since=${since}&limit=1`, {
          headers: device.headers,
        })
      ).json()) as Record<string, unknown>;
    expect(await pull(seen)).toMatchObject({ afresh: true, cursor: 0, changes: [] });
    expect(await pull(backedUp)).not.toHaveProperty('afresh');
  });

  it('still refuses a gap on a server that has lost nothing when the device says it holds the missing seq', async () => {
    const { patientId } = await anyIds(server.db);
    await pushTo(server.app, [viewed(1, patientId)]);
    const res = await pushTo(server.app, [viewed(3, patientId)], 2);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ lastSeq: 1 });
    expect(await count(server.db, 'SELECT COUNT(*) AS n FROM mutations')).toBe(1);
  });
});
