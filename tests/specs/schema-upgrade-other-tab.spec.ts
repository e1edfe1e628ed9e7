import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a newer ClinicDesk upgrades the database in another tab', () => {
  it('asks this tab to reload instead of crashing or blocking, and loses no queued edit', async () => {
    const startedAt = new Date().toISOString();
    const device = await openDevice();
    const errors: string[] = [];
    device.page.on('pageerror', (e) => errors.push(e.message));
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      await desk.goOffline();
      await desk.openWaitingList();
      const booking = await desk.bookFirstWaitingPatient();
      await desk.waitForStatus(/Offline – 2 changes waiting to sync/);

      // The next release opens the same database one schema version up, as Dexie does, and
      // adds a table. It runs in a tab of its own that has none of this app's code loaded.
      const newer = await device.context.newPage();
      await newer.goto(server.url + '/manifest.webmanifest');
      const upgraded = await newer.evaluate(async () => {
        const before = (await indexedDB.databases()).find((d) => d.name === 'clinicdesk');
        const version = (before?.version ?? 0) + 10;
        return new Promise<{ from: number; to: number }>((resolve, reject) => {
          const open = indexedDB.open('clinicdesk', version);
          open.onupgradeneeded = () =>
            open.result.createObjectStore('futureTable', { keyPath: 'id' });
          open.onsuccess = () => {
            open.result.close();
            resolve({ from: before?.version ?? 0, to: version });
          };
          open.onerror = () => reject(open.error);
          open.onblocked = () => reject(new Error('the upgrade was blocked by the older tab'));
        });
      });
      expect(upgraded.to).toBeGreaterThan(upgraded.from);

      const prompt = desk.page.getByRole('alert').filter({ hasText: 'updated in another tab' });
      await prompt.waitFor();
      expect(await prompt.textContent()).toContain(
        'Reload this tab to go on; your changes are kept',
      );
      // The screen stays as it was: the booking confirmation is still there to read.
      await desk.page.getByTestId('booking-confirmation').waitFor();
      expect(errors).toEqual([]);

      await prompt.getByRole('button', { name: 'Reload' }).click();
      await desk.unlock();
      // Both edits are still queued; the booking page, opened again, may already have queued a
      // third: the audit of the patient viewed again (it did on a loaded machine).
      await desk.waitForStatus(/Offline – [23] changes waiting to sync/);
      await desk.goOnline();
      // The reloaded tab gets no "online" event here (its page never saw the network go), so it
      // sends at its next timed round, up to 30 s later: 28 s measured alone, more with the
      // journeys two at a time.
      await desk.waitForStatus(/Online – all changes saved/, 60_000);
      const sessionId = booking.sessionHref.split('/').at(-1);
      const onServer = await serverRows(server.url, desk.page, 'appointments');
      expect(
        onServer.filter((a) => a['sessionId'] === sessionId && (a['bookedAt'] ?? '') >= startedAt),
      ).toHaveLength(1);

      await desk.page.goto(server.url + booking.sessionHref);
      await desk.unlock();
      await expect
        .poll(() => desk.page.getByTestId('slot-table').textContent(), { timeout: 15_000 })
        .toContain(booking.patient);
      expect(errors).toEqual([]);
    } finally {
      await device.close();
    }
  });
});
