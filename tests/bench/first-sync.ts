// Time for a new device to copy the department into IndexedDB, in headless Chromium against
// the real server, at two sizes (issue 4). Prints a table; not a test. Run: pnpm bench:device
import { openDevice, startServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

const SIZES = (process.env['BENCH_REFERRALS'] ?? '600,20000').split(',').map(Number);

async function firstSync(referrals: number) {
  const server = await startServer({ referrals });
  const device = await openDevice();
  try {
    const desk = new DeskPage(device.page, device.context, server.url);
    await desk.page.goto(server.url + '/');
    const started = Date.now();
    await desk.signIn('coordinator');
    await desk.waitForStatus(/Online – all changes saved/, 600_000);
    const seconds = (Date.now() - started) / 1000;
    const rows = await desk.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('clinicdesk');
        req.onsuccess = () => resolve(req.result);
      });
      let n = 0;
      for (const store of [
        'sites',
        'clinicians',
        'patients',
        'referrals',
        'clinicTemplates',
        'clinicSessions',
        'slots',
        'appointments',
      ]) {
        n += await new Promise<number>((resolve) => {
          const req = db.transaction(store).objectStore(store).count();
          req.onsuccess = () => resolve(req.result);
        });
      }
      db.close();
      return n;
    });
    const heap = await desk.page.evaluate(
      () =>
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
          ?.usedJSHeapSize ?? 0,
    );
    return { referrals, rows, seconds, heapMb: heap / 1_048_576 };
  } finally {
    await device.close();
    await server.stop();
  }
}

const results = [];
for (const size of SIZES) results.push(await firstSync(size));
console.log(
  '\n| demo referrals | rows on the device | first sync (s) | rows/s | JS heap after (MB) |\n| ---: | ---: | ---: | ---: | ---: |',
);
for (const r of results) {
  console.log(
    `| ${r.referrals.toLocaleString('en-GB')} | ${r.rows.toLocaleString('en-GB')} | ${r.seconds.toFixed(1)} | ${Math.round(r.rows / r.seconds).toLocaleString('en-GB')} | ${r.heapMb.toFixed(0)} |`,
  );
}
console.log(
  '\nSign-in to "all changes saved", including PIN setting; patients sealed with AES-GCM on the way in.',
);
