#!/usr/bin/env node
// One table of issue 10's figures against their targets, from the latest results the benches
// wrote (bench/results/server-sync.json, load.json, device.json). Reads only: it measures
// nothing. Writes bench/results/summary.md and prints it. Run: pnpm bench:summary
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../bench/results/', import.meta.url));
const read = (name) =>
  existsSync(dir + name) ? JSON.parse(readFileSync(dir + name, 'utf8')) : undefined;

const server = read('server-sync.json');
const load = read('load.json');
const device = read('device.json')?.sections ?? {};

const n = (x, digits = 0) =>
  x === undefined || Number.isNaN(x)
    ? '—'
    : Number(x).toLocaleString('en-GB', { maximumFractionDigits: digits });
const day = (iso) => (iso ? iso.slice(0, 10) : '—');
const verdict = (ok) => (ok === undefined ? 'no target' : ok ? 'met' : '**not met**');
const serverRow = (prefix) => server?.rows.find((r) => r.measure.startsWith(prefix))?.perSecond;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
};

const rows = [];
const add = (figure, measured, beside, target, ok, when) =>
  rows.push(`| ${figure} | ${measured} | ${beside} | ${target} | ${verdict(ok)} | ${day(when)} |`);

const ingest = device.ingest;
if (ingest) {
  const { app, raw, ratio } = ingest.data;
  add(
    `device first sync, ${n(app.rows)} rows`,
    `${n((app.rows / app.ms) * 1000)} rows/s`,
    `raw Dexie bulkPut ${n((raw.rows / raw.bulkPutMs) * 1000)} rows/s (${n(ratio * 100)} %)`,
    '≥ 80 % of raw',
    ratio >= 0.8,
    ingest.measuredAt,
  );
}
const booking = device.booking;
if (booking) {
  const times = booking.data.bookings.map((b) => b.ms);
  const queued = booking.data.bookings.map((b) => b.queuedMs);
  const floor = booking.data.bookings.map((b) => b.floorMs).filter((ms) => ms !== undefined);
  const floors = booking.data.floors;
  const p95 = percentile(times, 0.95);
  add(
    `local booking, tap to screen and outbox (${times.length} bookings)`,
    `p50 ${n(percentile(times, 0.5))} ms, p95 ${n(p95)} ms`,
    (floor.length > 0
      ? `raw floor (tap, one IndexedDB write, next frame) p50 ${n(percentile(floor, 0.5))} ms, p95 ${n(percentile(floor, 0.95))} ms; `
      : '') +
      `outbox committed p50 ${n(percentile(queued, 0.5))} ms` +
      (floors
        ? `; the same write in a worker, the tap waiting for its commit, p50 ${n(percentile(floors.workerMs, 0.5))} ms, p95 ${n(percentile(floors.workerMs, 0.95))} ms (the least a booking written before it is shown can take here)`
        : ''),
    'p95 < 16 ms',
    p95 < 16,
    booking.measuredAt,
  );
}
const cold = device.coldStart;
if (cold) {
  const lock = percentile(
    cold.data.runs.map((r) => r.lockScreenMs),
    0.5,
  );
  const unlock = percentile(
    cold.data.runs.map((r) => r.unlockToWorklistMs),
    0.5,
  );
  add(
    `cold start offline, ${n(ingest?.data.app.rowsStored)} rows`,
    `${n(lock + unlock)} ms`,
    `PIN screen ${n(lock)} ms + unlock to list ${n(unlock)} ms`,
    '< 1 s',
    lock + unlock < 1000,
    cold.measuredAt,
  );
}
for (const ptl of device.ptl?.data ?? []) {
  add(
    `PTL, ${n(ptl.openPathways)} open pathways`,
    `first screen ${n(ptl.firstScreen)} ms`,
    `filters ${n(ptl.filterMs)} / ${n(ptl.flagMs)} ms, sort ${n(ptl.sortMs)} ms`,
    '< 300 ms; filter < 100 ms',
    ptl.firstScreen < 300 && Math.max(ptl.filterMs, ptl.flagMs, ptl.sortMs) < 100,
    device.ptl.measuredAt,
  );
  if (ptl.waitingList)
    add(
      `waiting list, ${n(ptl.waitingList.waiting)} waiting`,
      `first screen ${n(ptl.waitingList.firstScreen)} ms`,
      `priority filter ${n(ptl.waitingList.filterMs)} ms`,
      '< 300 ms; filter < 100 ms',
      ptl.waitingList.firstScreen < 300 && ptl.waitingList.filterMs < 100,
      device.ptl.measuredAt,
    );
  if (ptl.afterUnlock)
    add(
      `PTL names ready, ${n(ptl.openPathways)} open pathways`,
      `${n(ptl.afterUnlock.namesMs)} ms after an unlock and 20 s idle`,
      `first open at once after the first copy ${n(ptl.namesColdMs)} ms, later ${n(ptl.namesWarmMs)} ms` +
        (ptl.afterUnlock.namesAtOnceMs === undefined
          ? ''
          : `, at once after an unlock ${n(ptl.afterUnlock.namesAtOnceMs)} ms`) +
        (ptl.afterUnlock.rawReadMs === undefined
          ? ''
          : ` (a raw IndexedDB read of its tables alone ${n(ptl.afterUnlock.rawReadMs)} ms)`) +
        (ptl.afterUnlock.afterLockAtOnceMs === undefined
          ? ''
          : `, at once after a lock without a reload ${n(ptl.afterUnlock.afterLockAtOnceMs)} ms`),
      '—',
      undefined,
      device.ptl.measuredAt,
    );
  if (ptl.afterUnlock?.dataQualityKeptMs !== undefined)
    add(
      `data quality opened, ${n(ptl.openPathways)} open pathways`,
      `${n(ptl.afterUnlock.dataQualityKeptMs)} ms to its counts, opened again`,
      `at once after a lock ${n(ptl.afterUnlock.dataQualityAfterLockMs)} ms (every patient and pathway read)` +
        (ptl.afterUnlock.dataQualityOverLockMs === undefined
          ? ''
          : `; locked while open, Unlock to its counts ${n(ptl.afterUnlock.dataQualityOverLockMs)} ms (sealed over the lock)`),
      '—',
      undefined,
      device.ptl.measuredAt,
    );
  if (ptl.pathwayEditElsewhere) {
    const measured = [
      [ptl.editElsewhere, 'patient on the PTL'],
      [ptl.pathwayEditElsewhere, 'pathway on the PTL'],
      [ptl.waitingListEditElsewhere, 'pathway on the waiting list'],
      [ptl.validationEditElsewhere, 'pathway on the validation worklist'],
      [ptl.myWorkPatientElsewhere, 'patient on My work'],
      [ptl.myWorkPathwayElsewhere, 'pathway on My work'],
      [ptl.dataQualityPatientElsewhere, 'patient on data quality'],
      [ptl.dataQualityPathwayElsewhere, 'pathway on data quality'],
    ].filter(([edit]) => edit);
    add(
      `an edit made at another desk, synced while a list of ${n(ptl.openPathways)} is open`,
      `longest task ${n(Math.max(...measured.map(([e]) => e.longestMs)))} ms`,
      `long tasks: ${measured.map(([e]) => e.longTasks).join(' / ')} (${measured.map(([, what]) => what).join(' / ')})`,
      '—',
      undefined,
      device.ptl.measuredAt,
    );
  }
  if (ptl.day)
    add(
      `a day of edits made elsewhere, PTL of ${n(ptl.openPathways)} open`,
      `JS heap ${ptl.day.heapBeforeMb.toFixed(1)} → ${ptl.day.heapAfterMb.toFixed(1)} MB`,
      `${n(ptl.day.edits)} edits in ${n(ptl.day.rounds)} syncs; long tasks ${ptl.day.longTasks}, longest ${n(ptl.day.longestMs)} ms`,
      '—',
      undefined,
      device.ptl.measuredAt,
    );
}
if (server) {
  const raw = serverRow('raw libSQL inserts (200');
  const push = serverRow('push: patient.update');
  const many = serverRow('push: 50 devices at once, 1 edit per push (');
  const pull = serverRow('pull:');
  add(
    'server push, one device, 200 edits a push',
    `${n(push)}/s`,
    `raw inserts ${n(raw)}/s (${n((push / raw) * 100)} %)`,
    '≥ 5,000/s',
    push >= 5000,
    server.takenAt,
  );
  add(
    `server push, ${server.devices} devices, one edit each`,
    `${n(many)}/s`,
    `${n(server.pushesPerCommit, 1)} pushes a commit`,
    '—',
    undefined,
    server.takenAt,
  );
  add(
    'server pull, a device catching up',
    `${n(pull)}/s`,
    `raw inserts ${n(raw)}/s`,
    '≥ 50,000/s',
    pull >= 50000,
    server.takenAt,
  );
  add(
    'server memory after the push bench',
    `${n(server.rssMb)} MB RSS`,
    '',
    '—',
    undefined,
    server.takenAt,
  );
}
if (load) {
  add(
    `load test, ${load.devices} devices for ${load.seconds} s`,
    `p50 ${n(load.p50ms)} ms, p99 ${n(load.p99ms)} ms, ${n(load.requestsPerSecond)} requests/s`,
    `health check alongside p99 ${n(load.healthProbe?.p99ms)} ms`,
    'p99 < 250 ms',
    load.p99ms < 250,
    load.takenAt,
  );
  add(
    'load test: errors, double bookings, lost edits',
    `${load.errors}, ${load.doubleBookings}, ${load.lostMutations}`,
    `${n(load.applied)} applied, ${n(load.rejected)} refused`,
    'all 0',
    load.errors === 0 && load.doubleBookings === 0 && load.lostMutations === 0,
    load.takenAt,
  );
  if (load.serverRssMb)
    add(
      'server memory under load (resident, sampled 10 a second)',
      `median ${n(load.serverRssMb.p50)} MB, highest ${n(load.serverRssMb.max)} MB`,
      `${load.devices} devices, ${n(load.requestsPerSecond)} requests/s`,
      '—',
      undefined,
      load.takenAt,
    );
}
if (device.heap)
  add(
    `browser JS heap, ${n(device.heap.data.rowsStored)} rows stored`,
    `${n(device.heap.data.bytes / 1048576, 1)} MB`,
    'after GC, clinics page',
    '—',
    undefined,
    device.heap.measuredAt,
  );
if (device.js) {
  const sum = (chunks, key) => chunks.reduce((s, c) => s + c[key], 0) / 1024;
  const gzip = sum(device.js.data.signIn.chunks, 'gzip');
  add(
    'JavaScript for the first screen',
    `${n(gzip, 1)} KB gzip`,
    `${n(sum(device.js.data.signIn.chunks, 'brotli'), 1)} KB brotli`,
    '< 150 KB compressed',
    gzip < 150,
    device.js.measuredAt,
  );
}

const md = [
  '# Issue 10: figures against targets (latest runs)',
  '',
  'Made by `pnpm bench:summary` from `server-sync.json`, `load.json` and `device.json`; each row',
  'says the day its bench ran. Read a figure beside the one next to it, measured in the same run',
  'on the same machine (2 shared cores): absolute figures move with the machine’s other work.',
  '',
  '| figure | measured | beside it, same run | target | | measured on |',
  '| --- | ---: | --- | --- | --- | --- |',
  ...rows,
  '',
].join('\n');
writeFileSync(dir + 'summary.md', md);
console.log(md);
