import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatUkDate, londonDateOf } from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

// Issue 9's activity reports: worked out offline on the device's own data, filtered by site,
// and saved as CSV; the figures must match what the server holds.

let server: RunningServer;

/** Screenshots for a person to look at, when SCREENSHOT_DIR names where to put them. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env['SCREENSHOT_DIR'];
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('reports', () => {
  it('shows DNA rates and weekly referrals offline, narrows them to a site and saves a CSV', async () => {
    const device = await openDevice({ width: 768, height: 1024 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('manager');
      const page = desk.page;
      const today = londonDateOf(new Date());
      const from = addDays(today, -55);
      const appointments = await serverRows(server.url, page, 'appointments');
      const sites = await serverRows(server.url, page, 'sites');
      const dnaAt = (siteId: string | null) =>
        appointments.filter(
          (a) =>
            a['status'] === 'did-not-attend' &&
            a['date']! >= from &&
            a['date']! <= today &&
            (siteId === null || a['siteId'] === siteId),
        ).length;

      await desk.goOffline();
      await page.getByRole('link', { name: 'Reports', exact: true }).click();
      const total = page.getByTestId('dna-total');
      await total.waitFor();
      expect(await total.textContent()).toMatch(new RegExp(`\\(${dnaAt(null)} of\\s+\\d+`));
      // Nine Monday-to-Sunday weeks hold the last 56 days.
      expect(await page.getByTestId('weeks-table').locator('tbody tr').count()).toBe(9);
      expect(await page.getByTestId('weeks-table').locator('tbody th').first().textContent()).toBe(
        formatUkDate(addDays(from, 1 - (new Date(`${from}T12:00:00Z`).getUTCDay() || 7))),
      );
      await shoot(page, 'reports-tablet');

      const site = sites.find((s) => dnaAt(s['id']!) < dnaAt(null))!;
      await page.getByLabel('Site').selectOption(site['id']!);
      await expect
        .poll(async () => total.textContent())
        .toMatch(new RegExp(`\\(${dnaAt(site['id']!)} of\\s+\\d+`));

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .locator('section', { has: page.getByRole('heading', { name: 'Did not attend' }) })
          .getByRole('button', { name: 'Download CSV' })
          .click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF"Grouped by","Name"')).toBe(true);
      expect(csv).toContain(`"all","All appointments"`);
      expect(download.suggestedFilename()).toBe(`dna-rates-${from}-to-${today}.csv`);

      await page.setViewportSize({ width: 1366, height: 768 });
      await shoot(page, 'reports-laptop');
    } finally {
      await device.close();
    }
  });
});
