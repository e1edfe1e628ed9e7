// What any booking written before it is shown can take on this machine, whatever the app does
// (issue 10, ADR 0009 "Session 18"). A page of the bench's own, on an origin of its own that is
// cross-origin isolated, has two buttons. Each click writes what a booking writes at least: one
// read-write transaction (strict durability, as the app's edits) that reads a counter and
// writes it, an appointment and an outbox entry; and puts a line in the DOM once it has
// committed. Timed as a booking is: from the click to the first animation frame after both.
//
// - "main thread": the transaction is the page's own, and the line follows its `complete`
//   event. Chromium defers every task of a page after a click until the frame the click causes
//   has been drawn (its `DeferRendererTasksAfterInput`, on by default), IndexedDB's answers
//   included; so the line shows a frame after the commit, never in the click's own frame.
// - "worker, waited for": a dedicated worker, not subject to that deferral, runs the
//   transaction; the click handler waits for it, spinning on a SharedArrayBuffer for up to
//   `WAIT_MS`, and puts the line in the DOM within the same task, so it can show in the click's
//   own frame. This is the fastest a booking written before it is shown can be here; what it
//   costs an app is in the ADR.
//
// The first is also tapped in a second browser started with the deferral turned off, to show
// what of the floor is the deferral and what is the commit.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { openDevice } from '../fixtures.ts';

/** The longest the worker floor's click handler waits for the commit, spinning. */
const WAIT_MS = 50;

const STORES = `['meta', 'appointments', 'outbox']`;

/** One transaction as the raw floor's: read the counter, write it and two rows. */
const WRITE = `
  function write(db, done) {
    const tx = db.transaction(${STORES}, 'readwrite', { durability: 'strict' });
    const counter = tx.objectStore('meta').get('seq');
    let seq = 0;
    counter.onsuccess = () => {
      seq = (counter.result?.value ?? 0) + 1;
      tx.objectStore('meta').put({ id: 'seq', value: seq });
      tx.objectStore('appointments').put({ id: 'a' + seq, slotId: 's' + seq, patientId: 'p' + seq, status: 'booked', notes: 'x'.repeat(400) });
      tx.objectStore('outbox').put({ id: seq, name: 'appointment.book', args: { slotId: 's' + seq, text: 'y'.repeat(600) } });
      tx.commit();
    };
    tx.oncomplete = () => done(seq);
  }
  function open(name, ready) {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const store of ${STORES}) request.result.createObjectStore(store, { keyPath: 'id' });
    };
    request.onsuccess = () => ready(request.result);
  }`;

const WORKER = `${WRITE}
  let db;
  open('bench-floor-worker', (opened) => { db = opened; postMessage('ready'); });
  onmessage = (e) => {
    const flag = new Int32Array(e.data);
    write(db, (seq) => {
      Atomics.store(flag, 1, seq);
      Atomics.store(flag, 0, 1);
    });
  };`;

const PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Booking floors</title></head>
<body>
  <p><button id="main">Main thread</button> <output id="main-line"></output></p>
  <p><button id="worker">Worker, waited for</button> <output id="worker-line"></output></p>
  <script src="/floors.js"></script>
</body></html>`;

const SCRIPT = `${WRITE}
  window.floors = { main: [], worker: [], waited: [], late: 0 };
  const ready = [];
  ready.push(new Promise((resolve) => open('bench-floor-main', (db) => { window.floors.db = db; resolve(); })));
  const worker = new Worker('/floor-worker.js');
  ready.push(new Promise((resolve) => { worker.onmessage = () => resolve(); }));
  window.floors.ready = Promise.all(ready).then(() => crossOriginIsolated);
  const afterFrame = (list, tap) => requestAnimationFrame(() => list.push(performance.now() - tap));
  document.getElementById('main').addEventListener('click', (e) => {
    const tap = e.timeStamp;
    write(window.floors.db, (seq) => {
      document.getElementById('main-line').textContent = 'Booked ' + seq;
      afterFrame(window.floors.main, tap);
    });
  });
  document.getElementById('worker').addEventListener('click', (e) => {
    const tap = e.timeStamp;
    const flag = new Int32Array(new SharedArrayBuffer(8));
    worker.postMessage(flag.buffer);
    const start = performance.now();
    while (Atomics.load(flag, 0) === 0 && performance.now() - start < ${WAIT_MS});
    window.floors.waited.push(performance.now() - start);
    const line = document.getElementById('worker-line');
    if (Atomics.load(flag, 0) === 1) {
      line.textContent = 'Booked ' + Atomics.load(flag, 1);
      afterFrame(window.floors.worker, tap);
      return;
    }
    // Not committed within the wait: shown a frame after it is, as the main thread's would be.
    window.floors.late++;
    const poll = () => Atomics.load(flag, 0) === 1
      ? ((line.textContent = 'Booked ' + Atomics.load(flag, 1)), afterFrame(window.floors.worker, tap))
      : setTimeout(poll, 1);
    poll();
  });`;

/** Serves the floors' page with the headers that make it cross-origin isolated. */
async function serveFloors(): Promise<{ url: string; server: Server }> {
  const files: Record<string, [string, string]> = {
    '/': ['text/html', PAGE],
    '/floors.js': ['text/javascript', SCRIPT],
    '/floor-worker.js': ['text/javascript', WORKER],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, {
      'content-type': `${file[0]}; charset=utf-8`,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    response.end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export interface BookingFloors {
  /** Click to the frame after the page's own transaction committed (ms). */
  mainMs: number[];
  /** Click to the frame after the worker's transaction, waited for in the click (ms). */
  workerMs: number[];
  /** How long each worker click spun waiting for the commit (ms). */
  workerWaitMs: number[];
  /** Worker clicks whose commit took longer than the wait. */
  workerLate: number;
  /** The main thread floor in a browser with `DeferRendererTasksAfterInput` turned off (ms). */
  undeferredMainMs: number[];
}

type FloorsWindow = {
  floors: {
    ready: Promise<boolean>;
    main: number[];
    worker: number[];
    waited: number[];
    late: number;
  };
};

/** Taps each button `taps` times, alternately, each on an idle page. */
async function tapFloors(page: Page, url: string, taps: number, buttons: Array<'main' | 'worker'>) {
  await page.goto(url);
  const isolated = await page.evaluate(() => (window as unknown as FloorsWindow).floors.ready);
  if (!isolated) throw new Error('The floors page is not cross-origin isolated');
  for (let i = 0; i < taps; i++) {
    for (const button of buttons) {
      const before = await page.evaluate(
        (b) => (window as unknown as FloorsWindow).floors[b].length,
        button,
      );
      await page.evaluate(
        () => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 1000 })),
      );
      await page.click(`#${button}`);
      await page.waitForFunction(
        ({ b, n }) => (window as unknown as FloorsWindow).floors[b].length > n,
        { b: button, n: before },
      );
    }
  }
  return page.evaluate(() => {
    const { main, worker, waited, late } = (window as unknown as FloorsWindow).floors;
    return { main, worker, waited, late };
  });
}

/**
 * Measures the floors `taps` times each: in a new tab of `context` (the booking bench's
 * browser), then the main thread's alone in a second browser without the deferral.
 */
export async function measureBookingFloors(
  context: BrowserContext,
  taps: number,
): Promise<BookingFloors> {
  const { url, server } = await serveFloors();
  try {
    const page = await context.newPage();
    const same = await tapFloors(page, url, taps, ['main', 'worker']).finally(() => page.close());
    const undeferred = await openDevice(undefined, [
      '--disable-features=DeferRendererTasksAfterInput',
    ]);
    const off = await tapFloors(undeferred.page, url, taps, ['main']).finally(() =>
      undeferred.close(),
    );
    return {
      mainMs: same.main,
      workerMs: same.worker,
      workerWaitMs: same.waited,
      workerLate: same.late,
      undeferredMainMs: off.main,
    };
  } finally {
    server.close();
  }
}
