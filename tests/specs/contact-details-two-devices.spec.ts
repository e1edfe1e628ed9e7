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

/** Opens the first waiting patient's record and changes their phone number. */
async function changePhone(desk: DeskPage, phone: string): Promise<void> {
  await desk.openWaitingList();
  await desk.page
    .getByTestId('waiting-list')
    .locator('tbody tr')
    .first()
    .getByRole('link', { name: /^Book/ })
    .click();
  const card = desk.page.getByTestId('contact-details');
  await card.getByRole('button', { name: 'Change contact details' }).click();
  await card.getByLabel('Phone').fill(phone);
  await card.getByRole('button', { name: 'Save contact details' }).click();
  await card.getByText('Contact details saved.').waitFor();
}

async function contactCard(desk: DeskPage): Promise<string> {
  await desk.openWaitingList();
  await desk.page
    .getByTestId('waiting-list')
    .locator('tbody tr')
    .first()
    .getByRole('link', { name: /^Book/ })
    .click();
  const card = desk.page.getByTestId('contact-details');
  await card.locator('summary').click();
  return card.innerText();
}

describe('two devices change the same phone number offline', () => {
  it('end with the later change on both, and the earlier one visible in the history', async () => {
    const a = await openDevice();
    const b = await openDevice({ width: 800, height: 1280 });
    try {
      const deskA = new DeskPage(a.page, a.context, server.url);
      const deskB = new DeskPage(b.page, b.context, server.url);
      await Promise.all([deskA.openAndInstall('coordinator'), deskB.openAndInstall('secretary')]);
      await Promise.all([deskA.goOffline(), deskB.goOffline()]);

      await changePhone(deskA, '07700 900101');
      await new Promise((r) => setTimeout(r, 50));
      await changePhone(deskB, '07700 900202');

      // The later edit reaches the server first; the earlier one arrives after it.
      await deskB.goOnline();
      await deskB.waitForStatus(/Online – all changes saved/);
      await deskA.goOnline();
      await deskA.waitForStatus(/Online – all changes saved/);
      await deskB.page.getByRole('button', { name: 'Sync now' }).click();
      await deskB.waitForStatus(/Online – all changes saved/);

      for (const desk of [deskA, deskB]) {
        const card = await contactCard(desk);
        expect(card).toMatch(/Phone\s+07700 900202/);
        expect(card).toContain('07700 900101');
        expect(card).toContain('arrived after a later change');
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
