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

describe('booking a new patient from the waiting list, offline', () => {
  it('opens offline, books, syncs when back online and shows the booking on a second device', async () => {
    const startedAt = new Date().toISOString();
    const deviceA = await openDevice();
    const deviceB = await openDevice({ width: 800, height: 1280 });
    try {
      const desk = new DeskPage(deviceA.page, deviceA.context, server.url);
      await desk.openAndInstall('coordinator');

      await desk.goOffline();
      await desk.page.reload();
      await desk.unlock();
      await desk.waitForStatus(/Offline/);
      await desk.page.getByTestId('clinic-list').waitFor();

      await desk.openWaitingList();
      const booking = await desk.bookFirstWaitingPatient();
      expect(booking.confirmation).toContain('Saved on this device');
      // The booking, and the audit record of opening the patient's record to book them.
      expect(await desk.statusText()).toContain('Offline – 2 changes waiting to sync');

      await desk.goOnline();
      // Reloaded while offline, the page gets no "online" event from the browser's emulation
      // and sends at its next timed round, up to 30 s later: more than the default wait with
      // the journeys two at a time.
      await desk.waitForStatus(/Online – all changes saved/, 60_000);

      const other = new DeskPage(deviceB.page, deviceB.context, server.url);
      await other.page.goto(server.url + booking.sessionHref);
      await other.signIn('manager');
      await other.waitForStatus(/Online – all changes saved/);
      const slotTable = other.page.getByTestId('slot-table');
      await slotTable.waitFor();
      await expect
        .poll(() => slotTable.textContent(), { timeout: 15_000 })
        .toContain(booking.patient);

      const sessionId = booking.sessionHref.split('/').at(-1);
      const onServer = await serverRows(server.url, other.page, 'appointments');
      expect(
        onServer.filter((a) => a['sessionId'] === sessionId && (a['bookedAt'] ?? '') >= startedAt),
      ).toHaveLength(1);
    } finally {
      await deviceA.close();
      await deviceB.close();
    }
  });
});
