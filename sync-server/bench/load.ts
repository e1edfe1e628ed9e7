// Load test (issue 10): simulated devices of signed-in users pushing bookings and edits and
// pulling, against a real server process on loopback, then a check of the database for double
// bookings and lost mutations. Run: pnpm bench:load [seconds] [devices] [pause]
// (60 s, 50 devices, no pause: each device acts again as soon as it has its answer; a pause in
// ms makes each wait up to that long, at random, between actions, as a person at a desk does).
// The devices start caught up, as desks already in use are: a first sync of the whole department
// is the pull figure of `pnpm bench`, and 50 of them at once is not a day at the desk.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatHlc } from '@clinicdesk/domain';
import { openDatabase } from '../src/db/database.ts';
import {
  signInDevice,
  startServerProcess,
  type HttpDevice,
} from '../src/server-process.test-support.ts';
import { AGREED } from '../src/test-support.ts';

const SECONDS = Number(process.argv[2] ?? 60);
const DEVICES = Number(process.argv[3] ?? 50);
const PAUSE_MS = Number(process.argv[4] ?? 0);
const resultsDir = fileURLToPath(new URL('../../bench/results/', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-load-'));
const file = join(dir, 'load.db');
// BENCH_CPU_PROF=<dir> writes the server's CPU profile there when it stops (for profiling).
const profileDir = process.env['BENCH_CPU_PROF'];
const server = await startServerProcess(file, {
  referrals: 3000,
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
});
const db = await openDatabase({ url: `file:${file}` });
const ids = async (sql: string) => (await db.execute(sql)).rows.map((r) => String(r['id']));
const slots =
  await ids(`SELECT id FROM rows WHERE tbl = 'slots' AND json_extract(data, '$.status') = 'free'
  AND json_extract(data, '$.type') = 'new' AND json_extract(data, '$.date') > date('now', '+14 days')
  ORDER BY id LIMIT 300`);
const referrals = await ids(`SELECT id FROM rows WHERE tbl = 'referrals'
  AND json_extract(data, '$.status') = 'waiting' AND json_extract(data, '$.priority') = 'routine'`);
const patients = await ids("SELECT id FROM rows WHERE tbl = 'patients' LIMIT 2000");

const caughtUp = Number(
  (await db.execute('SELECT COALESCE(MAX(version), 0) AS v FROM rows')).rows[0]?.['v'],
);

/** CPU seconds a process has used so far (Linux /proc; 0 elsewhere). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
/** Resident memory of a process just now, in MB (Linux /proc; 0 elsewhere). */
function rssMbOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) / 1024;
  } catch {
    return 0;
  }
}
const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const devices: HttpDevice[] = [];
for (let d = 0; d < DEVICES; d++) devices.push(await signInDevice(server.url, 'coordinator'));

const latencies: number[] = [];
const byKind = { push: [] as number[], pull: [] as number[] };
const errors: string[] = [];
const tally = {
  pushes: 0,
  pulls: 0,
  applied: 0,
  rejected: 0,
  rejections: {} as Record<string, number>,
};
let nextReferral = 0;
let nextAppointment = 0;
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

/** A desk's next action: mostly edits and bookings (slots are contested), and pulls. */
async function act(device: HttpDevice, cursor: { since: number }) {
  const roll = Math.random();
  const started = performance.now();
  if (roll < 0.3) {
    const page = await device.pull(cursor.since);
    cursor.since = page.cursor;
    tally.pulls += 1;
    byKind.pull.push(performance.now() - started);
  } else {
    const edit =
      roll < 0.6 && nextReferral < referrals.length
        ? {
            name: 'appointment.book',
            args: {
              appointmentId: `load-${++nextAppointment}`,
              referralId: referrals[nextReferral++]!,
              slotId: pick(slots),
              overrides: AGREED,
            },
          }
        : {
            name: 'patient.update',
            args: {
              patientId: pick(patients),
              changes: {
                phone: `07700 9${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
              },
              hlc: formatHlc({ wall: Date.now(), counter: device.seq, node: device.clientId }),
            },
          };
    const answer = await device.push([edit]);
    tally.pushes += 1;
    byKind.push.push(performance.now() - started);
    for (const r of answer.results) {
      if (r.status === 'applied') tally.applied += 1;
      else {
        tally.rejected += 1;
        tally.rejections[r.reason] = (tally.rejections[r.reason] ?? 0) + 1;
      }
    }
  }
  latencies.push(performance.now() - started);
}

console.log(`${DEVICES} devices for ${SECONDS} s against ${server.url} …`);
const until = Date.now() + SECONDS * 1000;
const started = performance.now();
const cpuBefore = { server: cpuSecondsOf(server.pid), client: ownCpuSeconds() };
// A probe of the health check, 10 a second: how long the server and the machine keep any
// request waiting, whatever it asks (a busy machine's floor under the sync figures).
const probes: number[] = [];
// The server's resident memory, sampled with each probe: the server process, its writer thread
// and the pages of the database file it has read.
const rssSamples: number[] = [];
const probing = (async () => {
  while (Date.now() < until) {
    const sent = performance.now();
    await (await fetch(`${server.url}/api/health`)).text();
    probes.push(performance.now() - sent);
    rssSamples.push(rssMbOf(server.pid));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();
await Promise.all(
  devices.map(async (device) => {
    const cursor = { since: caughtUp };
    while (Date.now() < until) {
      if (PAUSE_MS) await new Promise((resolve) => setTimeout(resolve, Math.random() * PAUSE_MS));
      try {
        await act(device, cursor);
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
  }),
);
await probing;
const elapsed = (performance.now() - started) / 1000;
/** Share of one core each process used during the run. */
const cpu = {
  server: (cpuSecondsOf(server.pid) - cpuBefore.server) / elapsed,
  client: (ownCpuSeconds() - cpuBefore.client) / elapsed,
};
await server.stop();

// The database afterwards: no slot booked twice, every edit a device sent decided once.
const doubleBookings = Number(
  (
    await db.execute(`SELECT COUNT(*) AS n FROM (SELECT json_extract(data, '$.slotId') AS slot FROM rows
      WHERE tbl = 'appointments' AND json_extract(data, '$.status') = 'booked' GROUP BY slot HAVING COUNT(*) > 1)`)
  ).rows[0]?.['n'],
);
let lostMutations = 0;
for (const device of devices) {
  const rs = await db.execute({
    sql: 'SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS top FROM mutations WHERE client_id = ?',
    args: [device.clientId],
  });
  const decided = Number(rs.rows[0]?.['n']);
  lostMutations +=
    Math.abs(device.seq - decided) + Math.abs(device.seq - Number(rs.rows[0]?.['top']));
}
db.close();
rmSync(dir, { recursive: true, force: true });

/** The q-quantile of a list of latencies, in whole milliseconds. */
function quantile(list: number[], q: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
}
const summary = {
  takenAt: new Date().toISOString(),
  seconds: Math.round(elapsed),
  devices: DEVICES,
  pauseMs: PAUSE_MS,
  requests: latencies.length,
  requestsPerSecond: Math.round(latencies.length / elapsed),
  mutationsPerSecond: Math.round((tally.applied + tally.rejected) / elapsed),
  p50ms: quantile(latencies, 0.5),
  p99ms: quantile(latencies, 0.99),
  push: { p50ms: quantile(byKind.push, 0.5), p99ms: quantile(byKind.push, 0.99) },
  pull: { p50ms: quantile(byKind.pull, 0.5), p99ms: quantile(byKind.pull, 0.99) },
  healthProbe: { p50ms: quantile(probes, 0.5), p99ms: quantile(probes, 0.99) },
  errors: errors.length,
  firstErrors: [...new Set(errors)].slice(0, 5),
  ...tally,
  doubleBookings,
  lostMutations,
  serverRssMb: {
    p50: Math.round(quantile(rssSamples, 0.5)),
    max: Math.round(Math.max(0, ...rssSamples)),
  },
  serverCpu: Number(cpu.server.toFixed(2)),
  loadGeneratorCpu: Number(cpu.client.toFixed(2)),
  machine: `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end`,
};
const table = [
  '| measure | value |',
  '| --- | ---: |',
  `| devices, seconds, pause between actions | ${DEVICES}, ${summary.seconds}, ${PAUSE_MS ? `up to ${PAUSE_MS} ms` : 'none'} |`,
  `| requests (pushes, pulls) | ${summary.requests} (${tally.pushes}, ${tally.pulls}) |`,
  `| requests per second | ${summary.requestsPerSecond} |`,
  `| mutations decided per second | ${summary.mutationsPerSecond} |`,
  `| latency p50 / p99 | ${summary.p50ms} ms / ${summary.p99ms} ms |`,
  `| push latency p50 / p99 | ${summary.push.p50ms} ms / ${summary.push.p99ms} ms |`,
  `| pull latency p50 / p99 | ${summary.pull.p50ms} ms / ${summary.pull.p99ms} ms |`,
  `| health check alongside, p50 / p99 | ${summary.healthProbe.p50ms} ms / ${summary.healthProbe.p99ms} ms |`,
  `| errors | ${summary.errors} |`,
  `| applied / rejected | ${tally.applied} / ${tally.rejected} ${JSON.stringify(tally.rejections)} |`,
  `| double bookings | ${doubleBookings} |`,
  `| lost mutations | ${lostMutations} |`,
  `| CPU used, server / load generator (cores) | ${summary.serverCpu} / ${summary.loadGeneratorCpu} |`,
  `| server resident memory during the run, median / highest | ${summary.serverRssMb.p50} MB / ${summary.serverRssMb.max} MB |`,
].join('\n');
console.log(`\n${table}\n\n${summary.machine}`);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'load.json'), `${JSON.stringify(summary, null, 2)}\n`);
writeFileSync(
  join(resultsDir, 'load.md'),
  `# Load test (latest run)\n\n${table}\n\n${summary.machine}, ${summary.takenAt}\n`,
);
if (doubleBookings || lostMutations || errors.length) process.exitCode = 1;
