import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatUkDate, londonDateOf } from '@clinicdesk/domain';
import { pushOverApi, signInOverApi } from '../api-client.ts';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

// A surgeon's day-case list cancelled whole (their leave, for day cases): the co-ordinator,
// offline on a tablet, cancels the list with a reason; back online the server has every TCI on
// it cancelled by the hospital and each patient back on the day-case waiting list.

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a whole day-case list cancelled', () => {
  it('cancels the list offline with its two patients, and both are back on the day-case waiting list after sync', async () => {
    const device = await openDevice({ width: 768, height: 1024 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      const page = desk.page;

      // Two patients booked onto a list over a week away, as the booking office had done.
      const today = londonDateOf(new Date());
      // The demo department is made afresh each day: take the first such list at a site where
      // two patients are still waiting for a day-case date.
      const lists = await serverRows(server.url, page, 'dayCaseLists');
      const unbooked = (await serverRows(server.url, page, 'referrals')).filter(
        (r) => r['status'] === 'day-case' && !r['tciDate'],
      );
      const atSite = (siteId: string | undefined) => unbooked.filter((r) => r['siteId'] === siteId);
      const list = lists
        .filter(
          (l) =>
            l['date']! > addDays(today, 7) &&
            l['status'] === 'open' &&
            atSite(l['siteId']).length >= 2,
        )
        .sort((a, b) => a['date']!.localeCompare(b['date']!))[0]!;
      expect(
        list,
        'an open list over a week away at a site with two patients waiting',
      ).toBeDefined();
      const waiting = atSite(list['siteId']);
      const api = await signInOverApi(server.url, 'coordinator');
      const edits = waiting.slice(0, 2).map((r, i) => ({
        name: 'admission.book',
        args: {
          admissionId: `adm-e2e-list-${i}`,
          referralId: r['id'],
          listId: list['id'],
          preOpDate: addDays(list['date']!, -7),
        },
      }));
      expect(await pushOverApi(api, edits)).toEqual(['applied', 'applied']);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await desk.waitForStatus(/Online – all changes saved/);

      await page.getByRole('link', { name: 'Day cases', exact: true }).click();
      await desk.goOffline();
      const row = page
        .getByTestId('day-case-lists')
        .getByRole('row', { name: new RegExp(formatUkDate(list['date']!)) })
        .filter({ hasText: list['name']! });
      await row.getByRole('button', { name: /Cancel list…/ }).click();
      const form = page.getByRole('form', {
        name: `Cancel ${list['name']} on ${formatUkDate(list['date']!)}`,
      });
      await form.getByText(/TCI dates of the 2 patients booked on it are cancelled/).waitFor();
      await form.getByRole('button', { name: 'Cancel the list' }).click();
      await form.getByText('Give the reason for cancelling the list').waitFor();
      await form.getByLabel(/Reason for cancelling/).fill('Surgeon on leave: family emergency');
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(tmpdir(), 'clinicdesk-day-case-list-cancel.png') });
      await form.getByRole('button', { name: 'Cancel the list' }).click();
      await page
        .getByText(/is cancelled: its 2 patients are back on the day-case waiting list/)
        .waitFor();
      await expect.poll(() => row.count()).toBe(0);
      await desk.goOnline();
      await desk.waitForStatus(/Online – all changes saved/);

      const admissions = (await serverRows(server.url, page, 'admissions')).filter(
        (a) => a['listId'] === list['id'],
      );
      expect(admissions.map((a) => [a['id'], a['status']]).sort()).toEqual([
        ['adm-e2e-list-0', 'cancelled-by-hospital'],
        ['adm-e2e-list-1', 'cancelled-by-hospital'],
      ]);
      const referrals = new Map(
        (await serverRows(server.url, page, 'referrals')).map((r) => [r['id'], r]),
      );
      for (const r of waiting.slice(0, 2))
        expect(referrals.get(r['id'])).toMatchObject({ status: 'day-case', tciDate: null });
      const cancelled = (await serverRows(server.url, page, 'dayCaseLists')).find(
        (l) => l['id'] === list['id'],
      );
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'Surgeon on leave: family emergency',
      });
    } finally {
      await device.close();
    }
  }, 120_000);
});
