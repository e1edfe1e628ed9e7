import { openDevice } from './fixtures.ts';
import { DeskPage } from './page-models/desk-page.ts';
const url = 'http://localhost:8080';
for (const [label, viewport] of [['tablet', { width: 768, height: 1024 }], ['laptop', { width: 1366, height: 800 }]] as const) {
  const device = await openDevice(viewport);
  device.page.on('pageerror', (e) => console.log(label, 'PAGE ERROR', e.message));
  device.page.on('console', (m) => { if (m.type() === 'error') console.log(label, 'CONSOLE', m.text()); });
  try {
    const desk = new DeskPage(device.page, device.context, url);
    const page = desk.page;
    await desk.openAndInstall('coordinator');
    await page.getByRole('link', { name: /^My work/ }).click();
    await page.locator('main a[href="/validation"]').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `/tmp/shots/s13-${label}-mywork.png` });
    console.log(label, 'my work rows', await page.locator('main table tbody tr').count());
    await page.getByRole('link', { name: 'PTL', exact: true }).click();
    await page.waitForFunction(() => (document.querySelector('#f-text') as HTMLInputElement | null)?.disabled === false, undefined, { timeout: 60_000 });
    await page.getByLabel('Patient', { exact: true }).fill('12ab!');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `/tmp/shots/s13-${label}-ptl-bad.png` });
    await page.getByLabel('Patient', { exact: true }).fill('Zzyzx');
    await page.waitForTimeout(400);
    console.log(label, 'PTL Zzyzx:', (await page.getByTestId('ptl-count').textContent())?.trim());
    await page.screenshot({ path: `/tmp/shots/s13-${label}-ptl-none.png` });
    await desk.goOffline();
    await page.getByRole('link', { name: 'Waiting list', exact: true }).click();
    await page.getByLabel('Find a patient').fill('999 123 45678');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/shots/s13-${label}-wl-bad.png` });
    await page.getByRole('link', { name: 'Data quality', exact: true }).click();
    await page.getByTestId('data-quality-counts').waitFor({ timeout: 60_000 });
    console.log(label, 'data quality:', (await page.getByTestId('data-quality-counts').textContent())?.replace(/\s+/g, ' ').trim());
    await page.screenshot({ path: `/tmp/shots/s13-${label}-dq.png`, fullPage: false });
  } finally {
    await device.close();
  }
}
