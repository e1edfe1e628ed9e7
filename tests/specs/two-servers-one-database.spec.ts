import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREED, startServer, type RunningServer } from '../fixtures.ts';
import { signInOverApi } from '../api-client.ts';

// No libSQL server can be installed here (TOOLCHAIN.md), so the multi-server guarantee is
// proven with two server processes on one database file: the slot check and the write share
// one SQLite write transaction, not any process's memory.
let dir: string;
let servers: RunningServer[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinicdesk-shared-'));
  const databaseFile = join(dir, 'shared.db');
  servers = [await startServer({ databaseFile })];
  servers.push(await startServer({ databaseFile }));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

type Change = { table: string; id: string; row: Record<string, unknown> | null };

async function allChanges(url: string): Promise<Change[]> {
  const manager = await signInOverApi(url, 'manager');
  const out: Change[] = [];
  for (let since = 0, more = true; more;) {
    const page = (await (
      await manager.fetch(`/api/sync/pull?since=${since}&limit=5000`)
    ).json()) as {
      changes: Change[];
      cursor: number;
      hasMore: boolean;
    };
    out.push(...page.changes);
    since = page.cursor;
    more = page.hasMore;
  }
  return out;
}

describe('two sync servers on one database', () => {
  it('give a contested slot to exactly one booking', async () => {
    const changes = await allChanges(servers[0]!.url);
    const waiting = changes.filter(
      (c) =>
        c.table === 'referrals' &&
        c.row?.['status'] === 'waiting' &&
        c.row['priority'] === 'routine',
    );
    const today = new Date().toISOString().slice(0, 10);
    const slot = changes.find(
      (c) =>
        c.table === 'slots' &&
        c.row?.['status'] === 'free' &&
        c.row['type'] === 'new' &&
        String(c.row['date']) > today,
    );
    expect(slot).toBeDefined();

    // Ten co-ordinators' devices, half signed in to each server.
    const devices = await Promise.all(
      waiting.slice(0, 10).map((_r, i) => signInOverApi(servers[i % 2]!.url, 'coordinator')),
    );
    const attempts = waiting.slice(0, 10).map((referral, i) => {
      const device = devices[i]!;
      const clientId = device.clientId;
      return device
        .fetch('/api/sync/push', {
          method: 'POST',
          body: JSON.stringify({
            protocolVersion: 1,
            clientId,
            mutations: [
              {
                id: `${clientId}-1`,
                clientId,
                seq: 1,
                name: 'appointment.book',
                args: {
                  appointmentId: `appt-${i}`,
                  referralId: referral.id,
                  slotId: slot?.id,
                  overrides: AGREED,
                },
                at: new Date().toISOString(),
              },
            ],
          }),
        })
        .then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { results: { status: string }[] },
        }));
    });
    const answers = await Promise.all(attempts);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.results[0]?.status === 'applied')).toHaveLength(1);

    const after = await allChanges(servers[1]!.url);
    const bookedIntoSlot = after.filter(
      (c) => c.table === 'appointments' && c.row?.['slotId'] === slot?.id,
    );
    expect(bookedIntoSlot).toHaveLength(1);
  });
});
