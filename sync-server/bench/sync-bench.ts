// Sync throughput on this machine, printed as a table (issues 4 and 10). Not a test: figures,
// side by side with the raw limit of the same database in the same run, written to
// bench/results/server-sync.{json,md}. Run: pnpm bench
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientIdFor, formatHlc, SYNC_PROTOCOL_VERSION } from '@clinicdesk/domain';
import { openDatabase, writeTransaction } from '../src/db/database.ts';
import { groupCommitStats } from '../src/db/group-commit.ts';
import { seedDemoDepartment } from '../src/db/seed.ts';
import { createApp } from '../src/app.ts';
import { startPushWriter } from '../src/sync/push-writer.ts';
import { createTestServer, TEST_PASSWORD } from '../src/test-support.ts';

const MUTATIONS = Number(process.env['BENCH_MUTATIONS'] ?? 4000);
const DEVICES = Number(process.env['BENCH_DEVICES'] ?? 50);
const BATCH = 200;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
// A department's patients, so that the edits of every run fall on patients not yet edited, as a
// day's edits spread over a department. Editing the same 500 again and again (as this bench did
// until session 10) grows each one's contact history to its 50 entries, and with it every row
// written and every audit event: each run of 4,000 was slower than the one before.
const REFERRALS = Number(process.env['BENCH_REFERRALS'] ?? 20_000);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const range = (values: number[]) =>
  `${Math.round(Math.min(...values)).toLocaleString('en-GB')}–${Math.round(Math.max(...values)).toLocaleString('en-GB')}`;
const resultsDir = fileURLToPath(new URL('../../bench/results/', import.meta.url));

/** Raw inserts of a small JSON row, `perCommit` to a transaction: the database's own limit. */
async function rawInserts(n: number, perCommit: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-bench-raw-'));
  const db = await openDatabase({ url: `file:${join(dir, 'raw.db')}` });
  await db.execute('CREATE TABLE t (id TEXT PRIMARY KEY, version INTEGER, data TEXT)');
  const payload = JSON.stringify({ phone: '01632 960000', history: [] });
  const started = performance.now();
  for (let i = 0; i < n; i += perCommit) {
    await writeTransaction(db, async (tx) => {
      for (let j = i; j < Math.min(n, i + perCommit); j++) {
        await tx.execute({
          sql: 'INSERT INTO t (id, version, data) VALUES (?, ?, ?)',
          args: [randomUUID(), j, payload],
        });
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return n / seconds;
}

type Server = Awaited<ReturnType<typeof createTestServer>>;

/** A device of the same user: signs in through the API with a new device id. */
async function signInDevice(server: Server, username: string, userId: string) {
  const deviceId = randomUUID();
  const res = await server.app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD, deviceId }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { clientId: clientIdFor(deviceId, userId), cookie, seq: 0 };
}

type Device = Awaited<ReturnType<typeof signInDevice>>;

function phoneEdit(device: Device, patientId: string) {
  device.seq += 1;
  const seq = device.seq;
  return {
    id: `${device.clientId}:${seq}`,
    clientId: device.clientId,
    seq,
    name: 'patient.update',
    at: new Date().toISOString(),
    args: {
      patientId,
      changes: { phone: `01632 96${String(seq % 10000).padStart(4, '0')}` },
      hlc: formatHlc({ wall: Date.now(), counter: seq, node: 'bench' }),
    },
  };
}

type App = Server['app'];

async function push(app: App, device: Device, mutations: unknown[]) {
  const res = await app.request('/api/sync/push', {
    method: 'POST',
    headers: { cookie: device.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: device.clientId,
      mutations,
    }),
  });
  if (res.status !== 200) throw new Error(`push answered ${res.status}`);
  const body = (await res.json()) as { results: { status: string }[] };
  if (body.results.some((r) => r.status !== 'applied')) throw new Error('a bench edit was refused');
}

async function main() {
  const server = await createTestServer(() => new Date());
  await seedDemoDepartment(server.db, {
    today: new Date().toISOString().slice(0, 10),
    referrals: REFERRALS,
  });
  const sites = ['site-ktc', 'site-alx', 'site-wrh'];
  const desk = await server.signIn('manager', sites, 'bench-manager');
  const patients = (await server.db.execute("SELECT id FROM rows WHERE tbl = 'patients'")).rows.map(
    (r) => String(r['id']),
  );
  const patientAt = (n: number) => patients[n % patients.length]!;

  // A run of a second or less moves with the machine's other work: the batched figures are each
  // the median of ROUNDS runs, raw inserts and pushes taking turns, with their range beside.
  const raws: number[] = [];
  const pushes: number[] = [];
  // One device sending a long outbox: 200 edits to a push, one transaction each.
  const one = await signInDevice(server, 'bench-manager', desk.userId);
  for (let round = 0; round < ROUNDS; round++) {
    raws.push(await rawInserts(MUTATIONS, BATCH));
    const oneStarted = performance.now();
    for (let i = 0; i < MUTATIONS; i += BATCH) {
      const n = Math.min(BATCH, MUTATIONS - i);
      await push(
        server.app,
        one,
        Array.from({ length: n }, (_x, k) => phoneEdit(one, patientAt(round * MUTATIONS + i + k))),
      );
    }
    pushes.push(MUTATIONS / ((performance.now() - oneStarted) / 1000));
  }
  const raw = median(raws);
  const pushBatched = median(pushes);
  const rawOnePerCommit = await rawInserts(Math.min(MUTATIONS, 1000), 1);

  // Many desks at once, each pushing one edit at a time as it is made: group commit's case.
  const devices: Device[] = [];
  for (let d = 0; d < DEVICES; d++)
    devices.push(await signInDevice(server, 'bench-manager', desk.userId));
  const rounds = Math.max(1, Math.floor(MUTATIONS / DEVICES));
  const manyDesks = async (app: App) => {
    const started = performance.now();
    await Promise.all(
      devices.map(async (device, d) => {
        for (let r = 0; r < rounds; r++)
          await push(app, device, [
            phoneEdit(device, patientAt(ROUNDS * MUTATIONS + d * rounds + r)),
          ]);
      }),
    );
    return (DEVICES * rounds) / ((performance.now() - started) / 1000);
  };
  const before = groupCommitStats(server.db);
  const pushConcurrent = await manyDesks(server.app);
  const after = groupCommitStats(server.db);
  const commits = after.commits - before.commits;
  const pushesPerCommit = commits ? (after.works - before.works) / commits : 0;
  // The same through the writer thread, as the server process applies pushes (ADR 0008).
  const writer = startPushWriter(`file:${join(server.dir, 'test.db')}`);
  const threaded = createApp({ db: server.db, applyPush: writer.apply });
  const pushThreaded = await manyDesks(threaded);
  await writer.close();

  // A device copying everything, ROUNDS times over (a pass takes a second or two): the median.
  const pulls: number[] = [];
  let pulled = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const pullStarted = performance.now();
    pulled = 0;
    // As the device asks: each page after the first says what the one before left (`remaining`).
    for (let since = 0, more = true, told = ''; more;) {
      const res = await server.app.request(`/api/sync/pull?since=${since}&limit=5000${told}`, {
        headers: { cookie: one.cookie },
      });
      const page = (await res.json()) as {
        changes: unknown[];
        cursor: number;
        hasMore: boolean;
        total: number;
      };
      pulled += page.changes.length;
      since = page.cursor;
      more = page.hasMore;
      told = `&remaining=${page.total - page.changes.length}`;
    }
    pulls.push(pulled / ((performance.now() - pullStarted) / 1000));
  }
  const pull = median(pulls);
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  server.close();

  const rows = [
    {
      measure: `raw libSQL inserts (200 per transaction; median of ${ROUNDS}, ${range(raws)})`,
      perSecond: raw,
      runs: raws,
    },
    { measure: 'raw libSQL inserts (1 per transaction)', perSecond: rawOnePerCommit },
    {
      measure: `push: patient.update, validated, rules, audit (1 device, 200 per push; median of ${ROUNDS}, ${range(pushes)})`,
      perSecond: pushBatched,
      runs: pushes,
    },
    {
      measure: `push: ${DEVICES} devices at once, 1 edit per push (group commit, ${pushesPerCommit.toFixed(1)} pushes per commit)`,
      perSecond: pushConcurrent,
    },
    {
      measure: `push: ${DEVICES} devices at once, 1 edit per push, in the writer thread (as the server runs)`,
      perSecond: pushThreaded,
    },
    {
      measure: `pull: changes served to a device catching up (${pulled} rows; median of ${ROUNDS}, ${range(pulls)})`,
      perSecond: pull,
      runs: pulls,
    },
  ];
  const table = [
    '| measure | per second | vs raw insert (200 per transaction) |',
    '| --- | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.measure} | ${Math.round(r.perSecond).toLocaleString('en-GB')} | ${(r.perSecond / raw).toFixed(2)} |`,
    ),
  ].join('\n');
  const machine = `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end, server RSS ${Math.round(rssMb)} MB`;
  const note = `${MUTATIONS} mutations a run, ${DEVICES} devices, ${machine}, ${new Date().toISOString()}`;
  console.log(`\n${table}\n\n${note}`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'server-sync.json'),
    `${JSON.stringify({ takenAt: new Date().toISOString(), mutations: MUTATIONS, devices: DEVICES, pushesPerCommit, rssMb, loadAverage: loadavg()[0], node: process.version, rows }, null, 2)}\n`,
  );
  writeFileSync(
    join(resultsDir, 'server-sync.md'),
    `# Server sync benchmark (latest run)\n\n${table}\n\n${note}\n`,
  );
}

await main();
