// Scratch: profile a run of edits made elsewhere with the PTL open at 55,000 pathways.
import { writeFileSync } from 'node:fs';
import { formatHlc } from '@clinicdesk/domain';
import { openDevice, startServer } from './fixtures.ts';
import { DeskPage } from './page-models/desk-page.ts';
import { pushOverApi, signInOverApi } from './api-client.ts';
const server = await startServer({ referrals: Number(process.env['N'] ?? 57000) });
const device = await openDevice({ width: 1366, height: 800 });
try {
  const desk = new DeskPage(device.page, device.context, server.url);
  await desk.page.goto(server.url + '/');
  await desk.signIn('coordinator');
  await desk.waitForStatus(/Online – all changes saved/, 900_000);
  const page = desk.page;
  await page.evaluate('window.__name = (f) => f');
  await page.getByRole('link', { name: 'PTL', exact: true }).click();
  await page.waitForFunction(() => !(document.querySelector('#f-text') as HTMLInputElement | null)?.disabled, undefined, { timeout: 120_000 });
  await page.waitForTimeout(20000);
  const keys = (table: string) => page.evaluate((table) => new Promise<string[]>((resolve) => { const o = indexedDB.open('clinicdesk'); o.onsuccess = () => { const r = o.result.transaction(table).objectStore(table).getAllKeys(); r.onsuccess = () => resolve(r.result as string[]); }; }), table);
  const patients = await keys('patients'); const referrals = await keys('referrals');
  const cdp = await device.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => { const w = window as unknown as { lt: number[][] }; w.lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) w.lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask' }); });
  const api = await signInOverApi(server.url, 'coordinator');
  for (let round = 0; round < 30; round++) {
    const edits = Array.from({ length: 100 }, (_, i) => {
      const n = round * 100 + i;
      return i % 2 === 0
        ? { name: 'patient.update', args: { patientId: patients[(n * 7919) % patients.length]!, changes: { phone: `01632 96${String(n % 10000).padStart(4, '0')}` }, hlc: formatHlc({ wall: Date.now(), counter: n, node: api.clientId }) } }
        : { name: 'pathway.validate', args: { referralId: referrals[(n * 104729) % referrals.length]!, key: 'bench-day', comment: `Checked at another desk (${n})` } };
    });
    await pushOverApi(api, edits, round * 100 + 1);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForTimeout(500);
  }
  console.log('long tasks', JSON.stringify(await page.evaluate(() => (window as unknown as { lt: number[][] }).lt)));
  writeFileSync(`/tmp/prof/day.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
} finally { await device.close(); await server.stop(); }
