// Device benchmarks (issue 10), in headless Chromium against the real server: first sync of
// ~100,000 rows beside a raw Dexie bulkPut, local booking, cold start offline, JS heap, the JS
// shipped for the first screens, and the PTL and waiting list with ~50,000 pathways. Prints
// tables and writes bench/results/device.{json,md}. Not a test. Needs a build: pnpm build.
// Run: pnpm bench:device   (BENCH_REFERRALS=27000: ~100,000 rows; BENCH_BOOKINGS=30;
// BENCH_PTL_REFERRALS=57000: ~50,000 open pathways, 0 to skip)
import { openDevice, startServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { measureBookingFloors } from './booking-floors.ts';
import { timeBookings } from './device-booking.ts';
import { timeColdStarts } from './device-cold-start.ts';
import { heapAfterGc, rawBulkPut, readAppCopy } from './device-ingest.ts';
import { percentiles, saveSections, type Percentiles, type Section } from './device-results.ts';
import { quietMachine } from './quiet-machine.ts';
import { firstScreensJs, jsSection } from './js-shipped.ts';
import { measurePtl, ptlMarkdown } from './ptl.ts';

const REFERRALS = Number(process.env['BENCH_REFERRALS'] ?? 27000);
const BOOKINGS = Number(process.env['BENCH_BOOKINGS'] ?? 30);
const PTL_REFERRALS = Number(process.env['BENCH_PTL_REFERRALS'] ?? 57000);

const ms = (n: number) => n.toFixed(0);
const perSecond = (rows: number, millis: number) =>
  Math.round((rows / millis) * 1000).toLocaleString('en-GB');

async function department(): Promise<Record<string, Section>> {
  const server = await startServer({ referrals: REFERRALS });
  const device = await openDevice();
  try {
    const desk = new DeskPage(device.page, device.context, server.url);
    // The first sync starts at the sign-in: on a quiet machine, not during the writeback of the
    // database the server has just seeded.
    let quietMs = 0;
    const { signIn: signInJs, firstWorklist: worklistJs } = await firstScreensJs(desk, {
      beforeSignIn: async () => {
        quietMs = await quietMachine();
      },
      afterSignIn: () => desk.waitForStatus(/Online – all changes saved/, 900_000),
    });

    const app = { ...(await readAppCopy(desk.page)), quietMs };
    const heap = await heapAfterGc(desk.page);
    const raw = await rawBulkPut(desk.context, server.url);
    const ratio = app.rows / app.ms / (raw.rows / raw.bulkPutMs);
    console.log(
      `ingest: app ${perSecond(app.rows, app.ms)} rows/s, raw ${perSecond(raw.rows, raw.bulkPutMs)} rows/s`,
    );

    const bookings = await timeBookings(desk, BOOKINGS);
    const booking = percentiles(bookings.map((b) => b.ms));
    const queued = percentiles(bookings.map((b) => b.queuedMs));
    const floor = percentiles(bookings.map((b) => b.floorMs));
    console.log(
      `booking: p50 ${ms(booking.p50)} ms, p95 ${ms(booking.p95)} ms; raw floor p50 ${ms(floor.p50)} ms, p95 ${ms(floor.p95)} ms`,
    );
    const floors = await measureBookingFloors(desk.context, BOOKINGS);
    const [main, worker, waited, undeferred] = [
      floors.mainMs,
      floors.workerMs,
      floors.workerWaitMs,
      floors.undeferredMainMs,
    ].map(percentiles) as [Percentiles, Percentiles, Percentiles, Percentiles];
    const floorRow = (name: string, p: Percentiles) =>
      `| ${name} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.max)} |`;

    await desk.page.getByRole('link', { name: 'Clinics', exact: true }).click();
    const cold = await timeColdStarts(desk, 5);
    const lock = percentiles(cold.map((c) => c.lockScreenMs));
    const unlock = percentiles(cold.map((c) => c.unlockToWorklistMs));

    return {
      ingest: {
        title: 'Device ingest: first sync beside a raw Dexie bulkPut',
        data: { referrals: REFERRALS, app, raw, ratio },
        markdown: [
          '| rows | app first sync (s) | app rows/s | raw bulkPut (s) | raw rows/s | app ÷ raw | raw fetch of the same pages (s) | rows stored |',
          '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          `| ${app.rows.toLocaleString('en-GB')} | ${(app.ms / 1000).toFixed(1)} | ${perSecond(app.rows, app.ms)} | ${(raw.bulkPutMs / 1000).toFixed(1)} | ${perSecond(raw.rows, raw.bulkPutMs)} | ${(ratio * 100).toFixed(0)} % | ${(raw.fetchMs / 1000).toFixed(1)} | ${app.rowsStored.toLocaleString('en-GB')} |`,
          '',
          `App: the sync client's whole pull of a fresh copy (fetching ${raw.transactions} pages of 2,000 from the server, validating, sealing patients with AES-GCM, writing), timed in the page. Raw: the same rows bulkPut into a database with the app's stores and indexes, one strict-durability transaction a page, in a second tab; the fetch is timed apart. Each starts on a quiet machine: the disk flushed (\`sync\`) and the CPUs 85 % idle for 2 s (waited ${(app.quietMs / 1000).toFixed(1)} s before the sign-in, ${(raw.quietMs / 1000).toFixed(1)} s before the raw writes), as the server has just seeded its database and the app just written its copy. Target: app at least 80 % of raw.`,
        ].join('\n'),
      },
      booking: {
        title: 'Local booking',
        data: { bookings, floors },
        markdown: [
          '| bookings | p50 (ms) | p95 (ms) | max (ms) | outbox written, p50 / p95 (ms) | raw floor, p50 / p95 / max (ms) | booking ÷ raw floor, p50 / p95 | warned by the access policy |',
          '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          `| ${bookings.length} | ${ms(booking.p50)} | ${ms(booking.p95)} | ${ms(booking.max)} | ${ms(queued.p50)} / ${ms(queued.p95)} | ${ms(floor.p50)} / ${ms(floor.p95)} / ${ms(floor.max)} | ${(booking.p50 / floor.p50).toFixed(1)} / ${(booking.p95 / floor.p95).toFixed(1)} | ${bookings.filter((b) => b.warned).length} |`,
          '',
          'From the click event that books (Book on the slot, or Book with these reasons after a warning) to the first animation frame after the confirmation is in the DOM and the edit is committed to the outbox (the `clinicdesk:edit-queued` mark). It covers the access-policy check, the mutator, the IndexedDB transaction (strict durability) and the render. Target: p95 under 16 ms.',
          '',
          'Raw floor: on the same settled page, just before each booking, a button of the bench’s own whose click runs one read-write transaction on a database of its own (read a counter; write it, an appointment and an outbox entry; strict durability), then puts a line in the DOM; timed the same way, with no app code. IndexedDB answers a tap’s first read only after the frame the tap causes, and the line shows a frame after the commit, so this is the least any booking that is written before it is shown can take here.',
          '',
          `The same write in a page of the bench's own (cross-origin isolated, ${BOOKINGS} taps each, alternated; ADR 0009 "Session 18"):`,
          '',
          '| floor | p50 (ms) | p95 (ms) | max (ms) |',
          '| --- | ---: | ---: | ---: |',
          floorRow('main thread, as above', main),
          floorRow(
            `worker, the tap waits for its commit (spinning ${ms(waited.p50)} / ${ms(waited.p95)} ms at p50 / p95; ${floors.workerLate} longer than 50 ms)`,
            worker,
          ),
          floorRow(
            'main thread, Chromium started without `DeferRendererTasksAfterInput`',
            undeferred,
          ),
          '',
          'Chromium holds back every task of a page after a click, IndexedDB’s answers included, until the frame the click causes is drawn (`DeferRendererTasksAfterInput`, on by default); the third row is the same write with that turned off. A worker is not held back, and a click that waits for its commit can show the line in its own frame: that is the least any booking written before it is shown can take on this machine. The rest of each is the strict commit.',
        ].join('\n'),
      },
      coldStart: {
        title: 'Cold start offline',
        data: { runs: cold },
        markdown: [
          '| rows stored | runs | navigation to PIN screen, p50 (ms) | Unlock tap to clinics listed, p50 / max (ms) | sum of p50s (ms) |',
          '| ---: | ---: | ---: | ---: | ---: |',
          `| ${app.rowsStored.toLocaleString('en-GB')} | ${cold.length} | ${ms(lock.p50)} | ${ms(unlock.p50)} / ${ms(unlock.max)} | ${ms(lock.p50 + unlock.p50)} |`,
          '',
          "Reloaded offline: the service worker serves the app. The app opens locked; the PIN's typing is not timed. Unlocking includes PBKDF2-SHA256 with 600,000 iterations (by design). Target: under 1 s.",
        ].join('\n'),
      },
      heap: {
        title: 'Browser JS heap',
        data: { bytes: heap, rowsStored: app.rowsStored },
        markdown: [
          '| rows stored | JS heap in use after GC (MB) |',
          '| ---: | ---: |',
          `| ${app.rowsStored.toLocaleString('en-GB')} | ${(heap / 1_048_576).toFixed(1)} |`,
          '',
          'After the first sync, on the clinics page; DevTools protocol HeapProfiler.collectGarbage then Runtime.getHeapUsage.',
        ].join('\n'),
      },
      js: jsSection(signInJs, worklistJs),
    };
  } finally {
    await device.close();
    await server.stop();
  }
}

const sections = await department();
if (PTL_REFERRALS > 0) {
  const ptl = await measurePtl(PTL_REFERRALS);
  sections['ptl'] = { title: 'PTL and waiting list', markdown: ptlMarkdown([ptl]), data: [ptl] };
}
saveSections(sections);
