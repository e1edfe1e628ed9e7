import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('warnings about changes at risk on this device', () => {
  it('warns that storage is not persistent, and once the oldest unsent change is over 24 hours old, and stops warning when it is sent', async () => {
    const device = await openDevice();
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      // The page's clock runs on from the real time until the test moves it on.
      await desk.page.clock.install();
      await desk.openAndInstall('coordinator');

      // Headless Chromium does not grant persistent storage to a site that is not installed,
      // so every screen (here the clinics list) says what that means, until dismissed.
      expect(await desk.page.evaluate(() => navigator.storage.persisted())).toBe(false);
      const storage = desk.page.getByRole('region', { name: 'Storage on this device' });
      await desk.page.getByTestId('clinic-list').waitFor();
      expect(await storage.textContent()).toContain('any changes not yet sent to the server');
      await storage.getByRole('button', { name: 'Dismiss' }).click();
      await storage.waitFor({ state: 'detached' });

      await desk.goOffline();
      await desk.openWaitingList();
      const madeAt = new Date();
      await desk.bookFirstWaitingPatient();
      // Away from the patient's record, whose every opening is an audited change of its own.
      await desk.page.getByRole('link', { name: 'Clinics', exact: true }).click();
      await desk.waitForStatus(/Offline – 2 changes waiting to sync/);

      const warning = desk.page.getByRole('alert').filter({ hasText: 'has still not reached' });
      /** Moves the page's clock on; the idle lock (5 minutes) fires on the way, so unlock again. */
      const passHours = async (hours: number) => {
        await desk.page.clock.fastForward(hours * 3_600_000);
        await desk.unlock();
        await desk.waitForStatus(/Offline – 2 changes waiting to sync/);
      };

      await passHours(23);
      expect(await warning.count()).toBe(0);

      await passHours(2);
      await warning.waitFor();
      expect(await warning.textContent()).toContain(
        `A change made on this device at ${madeAt.toLocaleDateString('en-GB', { timeZone: 'Europe/London' })}`,
      );
      expect(await warning.textContent()).toContain(
        'Connect to the network so that it is not lost',
      );

      await desk.goOnline();
      await desk.waitForStatus(/Online – all changes saved/);
      await warning.waitFor({ state: 'detached' });
    } finally {
      await device.close();
    }
  });
});
