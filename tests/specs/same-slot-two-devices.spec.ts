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

describe('two co-ordinators book the same slot while offline', () => {
  it('gives the slot to the first to sync and shows the second why their booking was refused', async () => {
    const a = await openDevice();
    const b = await openDevice({ width: 800, height: 1280 });
    try {
      const deskA = new DeskPage(a.page, a.context, server.url);
      const deskB = new DeskPage(b.page, b.context, server.url);
      await Promise.all([deskA.openAndInstall('coordinator'), deskB.openAndInstall('secretary')]);
      await Promise.all([deskA.goOffline(), deskB.goOffline()]);

      for (const desk of [deskA, deskB]) {
        await desk.openWaitingList();
        await desk.filterWaitingList('Routine');
      }
      const bookedA = await deskA.bookFirstWaitingPatient(0);
      const bookedB = await deskB.bookFirstWaitingPatient(1);
      expect(bookedB.slot).toBe(bookedA.slot);
      expect(bookedB.patient).not.toBe(bookedA.patient);

      await deskA.goOnline();
      await deskA.waitForStatus(/Online – all changes saved/);
      await deskB.goOnline();
      await deskB.waitForStatus(/Online – all changes saved/);

      const refused = deskB.page.getByTestId('refused-edits');
      await refused.waitFor();
      expect(await refused.textContent()).toContain(`Booking ${bookedB.patient}`);
      expect(await refused.textContent()).toContain('has just been booked for another patient');

      await deskB.page.goto(server.url + bookedA.sessionHref);
      await expect
        .poll(() => deskB.page.getByTestId('slot-table').textContent(), { timeout: 15_000 })
        .toContain(bookedA.patient);

      await deskB.openWaitingList();
      await deskB.page.getByLabel('Find a patient').fill(bookedB.patient.split(',')[0] ?? '');
      await expect
        .poll(() => deskB.page.getByTestId('waiting-list').textContent())
        .toContain(bookedB.patient);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
