// Scratch: profile the read-ahead after an unlock, then PTL sorts by patient, at 55,000 pathways.
import { writeFileSync } from 'node:fs';
import { openDevice, startServer } from './fixtures.ts';
import { DeskPage } from './page-models/desk-page.ts';
const server = await startServer({ referrals: Number(process.env['N'] ?? 57000) });
const device = await openDevice({ width: 1366, height: 800 });
try {
  const desk = new DeskPage(device.page, device.context, server.url);
  await desk.page.goto(server.url + '/');
  await desk.signIn('coordinator');
  await desk.waitForStatus(/Online – all changes saved/, 900_000);
  const page = desk.page;
  await page.waitForTimeout(20000);
  await page.reload();
  await desk.unlock();
  await page.getByTestId('clinic-list').waitFor();
  await page.evaluate('window.__name = (f) => f');
  let cdp = await device.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => { const w = window as unknown as { lt: number[][] }; w.lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) w.lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask' }); });
  const t0 = await page.evaluate(() => performance.now());
  await page.waitForTimeout(20000);
  console.log('read-ahead long tasks [start since watch, ms]', JSON.stringify((await page.evaluate(() => (window as unknown as { lt: number[][] }).lt)).map(([s, d]) => [Math.round(s! - t0), d])));
  const prof = (await cdp.send('Profiler.stop')).profile;
  writeFileSync(`/tmp/prof/readahead.cpuprofile`, JSON.stringify({ ...prof, t0 }));
  await page.getByRole('link', { name: 'PTL', exact: true }).click();
  await page.waitForFunction(() => !(document.querySelector('#f-text') as HTMLInputElement | null)?.disabled, undefined, { timeout: 120_000 });
  await page.waitForTimeout(5000);
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const times: number[][] = [];
  for (let run = 0; run < 6; run++) {
    if (run === 4) await cdp.send('Profiler.start');
    times.push(await page.evaluate(async () => {
      const target = document.querySelector('[data-testid="ptl-table"] tbody')!;
      const changed = new Promise<void>((resolve) => { const o = new MutationObserver(() => { o.disconnect(); resolve(); }); o.observe(target, { childList: true, subtree: true, characterData: true }); });
      const started = performance.now();
      ([...document.querySelectorAll('.sort')].find((b) => b.textContent!.startsWith('Patient')) as HTMLButtonElement).click();
      await changed;
      const t1 = performance.now() - started;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return [Math.round(t1), Math.round(performance.now() - started)];
    }));
    await page.waitForTimeout(1000);
  }
  console.log('sort times [to DOM change, to frame]', JSON.stringify(times));
  writeFileSync(`/tmp/prof/sort.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
} finally { await device.close(); await server.stop(); }
