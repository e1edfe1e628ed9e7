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
  it('gives the slot to the first to sync; the second resolves the conflict from the next free slots and both devices end equal', async () => {
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
      await deskB.unlock();
      await expect
        .poll(() => deskB.page.getByTestId('slot-table').textContent(), { timeout: 15_000 })
        .toContain(bookedA.patient);

      await deskB.openWaitingList();
      await deskB.page.getByLabel('Find a patient').fill(bookedB.patient.split(',')[0] ?? '');
      await expect
        .poll(() => deskB.page.getByTestId('waiting-list').textContent())
        .toContain(bookedB.patient);

      // B resolves the conflict in one step, from the next free slots offered.
      await deskB.page.getByRole('link', { name: 'Conflicts (1)' }).click();
      const conflict = deskB.page.getByTestId('conflict');
      await conflict
        .getByTestId('slot-picker')
        .locator('tbody tr')
        .first()
        .getByRole('button', { name: /^Book/ })
        .click();
      const rebooked = deskB.page.getByText(`${bookedB.patient} is booked for`);
      await deskB.answerPolicyWarnings(rebooked);
      await rebooked.waitFor();
      expect(await deskB.page.getByTestId('conflict').count()).toBe(0);
      await deskB.waitForStatus(/Online – all changes saved/);

      // Both devices end equal: neither patient is still waiting, on either device.
      await deskA.page.getByRole('button', { name: 'Sync now' }).click();
      await deskA.waitForStatus(/Online – all changes saved/);
      for (const desk of [deskA, deskB]) {
        await desk.openWaitingList();
        for (const nhsNumber of [bookedA.nhsNumber, bookedB.nhsNumber]) {
          await desk.page.getByLabel('Find a patient').fill(nhsNumber);
          await desk.page.getByText('Nobody on the waiting list matches').waitFor();
        }
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
