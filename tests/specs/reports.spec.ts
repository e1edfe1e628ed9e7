import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatUkDate, londonDateOf, startOfWeek } from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

// Issue 9's reports: worked out offline on the device's own data, filtered, and saved as CSV;
// the figures must match what the server holds, and the CSV what the screen shows.

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
      // The last 56 days span eight Monday-to-Sunday weeks when today is a Sunday, else nine.
      const weeks = daysBetween(startOfWeek(from), startOfWeek(today)) / 7 + 1;
      expect(weeks).toBe(new Date(`${today}T12:00:00Z`).getUTCDay() === 0 ? 8 : 9);
      expect(await page.getByTestId('weeks-table').locator('tbody tr').count()).toBe(weeks);
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

      // The waiting-for-review list opens narrowed to the same site.
      await page.getByRole('link', { name: 'waiting for review' }).click();
      await page.getByRole('heading', { name: 'Waiting for review (follow-ups)' }).waitFor();
      expect(await page.getByLabel('Site').inputValue()).toBe(site['id']);
    } finally {
      await device.close();
    }
  });

  it('filters the waiting-for-review list by site and clinician offline, and saves the same lines as CSV', async () => {
    const device = await openDevice({ width: 1366, height: 768 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      const page = desk.page;
      const referrals = await serverRows(server.url, page, 'referrals');
      const sites = await serverRows(server.url, page, 'sites');
      const clinicians = await serverRows(server.url, page, 'clinicians');
      const waiting = referrals.filter((r) => r['status'] === 'follow-up');
      // The site and clinician with the most follow-ups, so the filter has lines to keep and drop.
      const pairs = new Map<string, number>();
      for (const r of waiting) {
        const key = `${r['siteId']}|${r['clinicianId']}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
      const [pair, expected] = [...pairs].sort((a, b) => b[1] - a[1])[0]!;
      const [siteId, clinicianId] = pair.split('|') as [string, string];
      expect(expected).toBeLessThan(waiting.length);
      const siteName = sites.find((s) => s['id'] === siteId)!['name']!;
      const clinicianName = clinicians.find((c) => c['id'] === clinicianId)!['name']!;

      await desk.goOffline();
      await page.getByRole('link', { name: 'Follow-ups', exact: true }).click();
      const rows = page.getByTestId('follow-up-row');
      await rows.first().waitFor();
      await page.getByLabel('Show').selectOption('all');
      await expect.poll(() => rows.count()).toBe(waiting.length);
      await page.getByLabel('Site').selectOption(siteId);
      await page.getByLabel('Clinician').selectOption(clinicianId);
      await expect.poll(() => rows.count()).toBe(expected);
      // A filtered list says what it leaves out, so nobody takes it for the whole list.
      expect(await page.getByTestId('follow-up-narrowed').textContent()).toContain(
        `${expected} of the ${waiting.length} follow-ups`,
      );
      // The filter is in the address: a bookmark or a printout says what it shows.
      expect(page.url()).toContain(`site=${siteId}`);
      expect(page.url()).toContain(`clinician=${clinicianId}`);
      expect(await page.getByTestId('fu-printed-filters').textContent()).toContain(
        `${siteName} · ${clinicianName}`,
      );
      await shoot(page, 'follow-ups-laptop');

      const onScreen = await rows.evaluateAll((trs) =>
        trs.map((tr) => {
          const text = (selector: string) => tr.querySelector(selector)?.textContent?.trim() ?? '';
          return {
            due: text('td:first-child'),
            nhs: text('td:nth-child(3) .hint'),
            site: text('[data-testid="fu-site"]'),
            clinician: text('[data-testid="fu-clinician"]'),
          };
        }),
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      const [header, ...lines] = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
        .map((line) => line.slice(1, -1).split('","'));
      expect(header).toEqual([
        'Due by',
        'State',
        'Patient',
        'NHS number',
        'Priority',
        'Site',
        'Clinician',
        'Booked for',
      ]);
      expect(
        lines.map((l) => ({ due: l[0] || '—', nhs: l[3], site: l[5], clinician: l[6] })),
      ).toEqual(onScreen);
      expect(new Set(onScreen.map((r) => `${r.site}|${r.clinician}`))).toEqual(
        new Set([`${siteName}|${clinicianName}`]),
      );

      // On paper the filter bar goes and the filters are stated as a heading instead.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('fu-printed-filters').isVisible()).toBe(true);
      expect(await page.getByLabel('Site').isVisible()).toBe(false);
      await shoot(page, 'follow-ups-print');
      await page.emulateMedia({ media: 'screen' });

      await page.setViewportSize({ width: 768, height: 1024 });
      await shoot(page, 'follow-ups-tablet');
      // The other lists take the same filter bar: look at them at both sizes.
      for (const [menu, link, name] of [
        ['Day cases', 'This week’s report', 'day-case-lists'],
        ['Clinics', 'Vacancies', 'vacancies'],
        ['Reports', 'chaplaincy list', 'chaplaincy'],
      ] as const) {
        await page.getByRole('link', { name: menu, exact: true }).click();
        await page.getByRole('link', { name: link, exact: true }).click();
        await page.getByRole('button', { name: 'Print' }).waitFor();
        await shoot(page, `${name}-tablet`);
        await page.setViewportSize({ width: 1366, height: 768 });
        await shoot(page, `${name}-laptop`);
        await page.setViewportSize({ width: 768, height: 1024 });
      }
    } finally {
      await device.close();
    }
  });
});
