import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signInOverApi } from '../api-client.ts';
import { startServer, type RunningServer } from '../fixtures.ts';

// Issue 4: kill the server (SIGKILL) in the middle of a stream of pushes and restart it. No
// acknowledged change is lost, and the devices catch up by themselves, each change exactly once.
const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-crash-'));
const databaseFile = join(dir, 'crash.db');
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
});

const EDITS_PER_DEVICE = 240;
const BATCH = 2;

type Device = Awaited<ReturnType<typeof signInOverApi>> & { acked: number; sent: number };

/** Pushes the device's edits from `from` in batches until all are acknowledged or the server is gone. */
async function pushStream(device: Device, patientId: string): Promise<void> {
  while (device.acked < EDITS_PER_DEVICE) {
    const first = device.acked + 1;
    const mutations = Array.from(
      { length: Math.min(BATCH, EDITS_PER_DEVICE - device.acked) },
      (_x, i) => ({
        id: `${device.clientId}:${first + i}`,
        clientId: device.clientId,
        seq: first + i,
        name: 'patient.viewed',
        args: { patientId, screen: `view ${first + i}` },
        at: new Date().toISOString(),
      }),
    );
    device.sent = first + mutations.length - 1;
    let res: Response;
    try {
      res = await device.fetch('/api/sync/push', {
        method: 'POST',
        body: JSON.stringify({ protocolVersion: 1, clientId: device.clientId, mutations }),
      });
    } catch {
      return; // the server is gone: what was not acknowledged will be sent again
    }
    if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { lastSeq: number };
    device.acked = body.lastSeq;
  }
}

describe('a server killed mid-stream', () => {
  it('loses no acknowledged change, and the devices catch up by themselves, exactly once', async () => {
    const first = await startServer({ databaseFile });
    servers.push(first);
    const manager = await signInOverApi(first.url, 'manager');
    const devices: Device[] = await Promise.all(
      [0, 1, 2, 3].map(async () => ({
        ...(await signInOverApi(first.url, 'coordinator')),
        acked: 0,
        sent: 0,
      })),
    );
    const streams = Promise.all(devices.map((d) => pushStream(d, 'pat-1')));
    await new Promise((r) => setTimeout(r, 250));
    await first.kill();
    await streams;
    const ackedAtCrash = devices.map((d) => d.acked);
    expect(ackedAtCrash.some((n) => n < EDITS_PER_DEVICE)).toBe(true);

    const second = await startServer({ databaseFile, port: first.port });
    servers.push(second);
    // The sessions survive in the database: the same devices carry on where they were cut off.
    await Promise.all(devices.map((d) => pushStream(d, 'pat-1')));
    devices.forEach((d, i) => expect(d.acked).toBeGreaterThanOrEqual(ackedAtCrash[i] ?? 0));
    expect(devices.map((d) => d.acked)).toEqual([
      EDITS_PER_DEVICE,
      EDITS_PER_DEVICE,
      EDITS_PER_DEVICE,
      EDITS_PER_DEVICE,
    ]);

    const res = await manager.fetch('/api/audit?patientId=pat-1&limit=1000');
    const { events } = (await res.json()) as {
      events: { deviceId: string; detail: string; outcome: string }[];
    };
    for (const device of devices) {
      const deviceId = device.clientId.split('/')[0];
      const views = events
        .filter((e) => e.deviceId === deviceId && e.outcome === 'viewed')
        .map((e) => e.detail);
      expect(views).toHaveLength(EDITS_PER_DEVICE);
      expect(new Set(views).size).toBe(EDITS_PER_DEVICE);
    }
  });
});
