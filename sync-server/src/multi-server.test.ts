import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db/database.ts';
import {
  signInDevice,
  startServerProcess,
  type HttpDevice,
  type ServerProcess,
} from './server-process.test-support.ts';
import { AGREED } from './test-support.ts';

// Issue 10: several stateless sync servers on one database. The slot check lives in the
// database transaction (BEGIN IMMEDIATE), so no server can book a slot another has booked.
const SERVERS = 3;
const DEVICES_PER_SERVER = 4;
const ROUNDS = 3;
const SLOTS_PER_ROUND = 4;

let dir: string;
let db: Database;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinicdesk-multi-'));
  const file = join(dir, 'shared.db');
  // The first seeds the demo department; the others start on the same file at the same time.
  servers.push(await startServerProcess(file, { referrals: 1200 }));
  servers.push(
    ...(await Promise.all(Array.from({ length: SERVERS - 1 }, () => startServerProcess(file)))),
  );
  db = await openDatabase({ url: `file:${file}` });
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = async (sql: string, args: (string | number)[]) =>
  (await db.execute({ sql, args })).rows.map((r) => String(r['id']));

describe('several server processes on one database file', () => {
  it('book each contested slot once, and decide every edit once, whichever server takes it', async () => {
    const devices: HttpDevice[] = [];
    for (const server of servers)
      for (let d = 0; d < DEVICES_PER_SERVER; d++)
        devices.push(await signInDevice(server.url, 'coordinator'));
    const slots = await ids(
      `SELECT id FROM rows WHERE tbl = 'slots' AND site_id = 'site-ktc' AND json_extract(data, '$.status') = 'free'
         AND json_extract(data, '$.type') = 'new' AND json_extract(data, '$.date') > date('now', '+14 days')
       ORDER BY json_extract(data, '$.date'), id LIMIT ?`,
      [ROUNDS * SLOTS_PER_ROUND],
    );
    const referrals = await ids(
      `SELECT id FROM rows WHERE tbl = 'referrals' AND site_id = 'site-ktc' AND json_extract(data, '$.status') = 'waiting'
         AND json_extract(data, '$.priority') = 'routine' ORDER BY id LIMIT ?`,
      [ROUNDS * devices.length],
    );
    expect(slots).toHaveLength(ROUNDS * SLOTS_PER_ROUND);
    expect(referrals).toHaveLength(ROUNDS * devices.length);

    const wins = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      // Every device, through every server, tries for one of this round's slots at once.
      const answers = await Promise.all(
        devices.map(async (device, d) => {
          const slotId = slots[round * SLOTS_PER_ROUND + (d % SLOTS_PER_ROUND)]!;
          const answer = await device.push([
            {
              name: 'appointment.book',
              args: {
                appointmentId: `multi-${round}-${d}`,
                referralId: referrals[round * devices.length + d]!,
                slotId,
                overrides: AGREED,
              },
            },
          ]);
          return { slotId, result: answer.results[0]! };
        }),
      );
      for (const { slotId, result } of answers) {
        if (result.status === 'applied') wins.set(slotId, (wins.get(slotId) ?? 0) + 1);
        else expect(result.reason).toBe('slot-taken');
      }
    }
    // One winner per slot, answered and stored.
    expect([...wins.values()]).toEqual(Array(slots.length).fill(1));
    for (const slotId of slots) {
      const booked = await ids(
        `SELECT id FROM rows WHERE tbl = 'appointments' AND json_extract(data, '$.slotId') = ?
           AND json_extract(data, '$.status') = 'booked'`,
        [slotId],
      );
      expect(booked).toHaveLength(1);
    }
    // Every edit decided exactly once, in the device's sequence.
    for (const device of devices) {
      const seqs = (
        await db.execute({
          sql: 'SELECT seq FROM mutations WHERE client_id = ? ORDER BY seq',
          args: [device.clientId],
        })
      ).rows.map((r) => Number(r['seq']));
      expect(seqs).toEqual(Array.from({ length: ROUNDS }, (_x, i) => i + 1));
    }
  }, 180_000);
});
