import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { clientIdFor, SYNC_PROTOCOL_VERSION, type PushResponse } from '@clinicdesk/domain';

const serverDir = fileURLToPath(new URL('../', import.meta.url));

/** The demo users' password for servers started here. */
export const PROCESS_DEMO_PASSWORD = 'multi server demo password';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a real sync server process (src/index.ts) on a database file, on a free loopback port.
 * The first one on an empty file seeds the synthetic demo department and its users.
 */
export async function startServerProcess(
  databaseFile: string,
  options: { referrals?: number; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/index.ts'];
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: `file:${databaseFile}`,
      DEMO_REFERRALS: String(options.referrals ?? 300),
      DEMO_PASSWORD: PROCESS_DEMO_PASSWORD,
      WEB_ROOT: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /running on http:\/\/localhost:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One device signed in over HTTP, pushing its edits in sequence as a real outbox does. */
export interface HttpDevice {
  clientId: string;
  seq: number;
  /** Sends these edits after any left unanswered by a failed push; the answer covers them all. */
  push(mutations: { name: string; args: unknown }[]): Promise<PushResponse>;
  pull(since: number): Promise<{ changes: unknown[]; cursor: number; hasMore: boolean }>;
}

export async function signInDevice(
  url: string,
  username: string,
  password = PROCESS_DEMO_PASSWORD,
): Promise<HttpDevice> {
  const deviceId = randomUUID();
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceId }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { user } = (await res.json()) as { user: { id: string } };
  const clientId = clientIdFor(deviceId, user.id);
  const headers = { cookie, 'content-type': 'application/json' };
  // Unanswered edits stay queued and go again with the next push, with the same ids.
  let outbox: {
    id: string;
    clientId: string;
    seq: number;
    name: string;
    args: unknown;
    at: string;
  }[] = [];
  const device: HttpDevice = {
    clientId,
    seq: 0,
    async push(edits) {
      for (const { name, args } of edits) {
        device.seq += 1;
        const seq = device.seq;
        outbox.push({
          id: `${clientId}:${seq}`,
          clientId,
          seq,
          name,
          args,
          at: new Date().toISOString(),
        });
      }
      const body = JSON.stringify({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId,
        mutations: outbox,
      });
      const pushed = await fetch(`${url}/api/sync/push`, { method: 'POST', headers, body });
      if (pushed.status !== 200) throw new Error(`push answered ${pushed.status}`);
      const answer = (await pushed.json()) as PushResponse;
      outbox = outbox.filter((m) => m.seq > answer.lastSeq);
      return answer;
    },
    async pull(since) {
      const pulled = await fetch(`${url}/api/sync/pull?since=${since}&limit=500`, { headers });
      if (pulled.status !== 200) throw new Error(`pull answered ${pulled.status}`);
      return (await pulled.json()) as { changes: unknown[]; cursor: number; hasMore: boolean };
    },
  };
  return device;
}
