import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

// Issue 7: a manager changes the Patient Access Policy on the settings screen. A number out
// of range is refused with the rule in words and nothing is saved; a good one reaches the
// server as the department's new policy.

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ referrals: 100 });
});
afterAll(async () => {
  await server?.stop();
});

const NOTICE = 'Days of notice that make an offer reasonable';

describe('the access policy settings', () => {
  it('refuses -3 days of notice with a clear message, then saves 28', async () => {
    const device = await openDevice({ width: 1366, height: 768 });
    try {
      const manager = new DeskPage(device.page, device.context, server.url);
      await manager.openAndInstall('manager');
      const page = device.page;
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Settings' })
        .click();
      const form = page.getByRole('form', { name: 'Patient Access Policy' });
      const notice = form.getByLabel(NOTICE);
      const before = await notice.inputValue();
      const stored = async () =>
        (await serverRows(server.url, page, 'settings'))[0]?.['reasonableNoticeDays'];
      expect(String(await stored())).toBe(before);

      await notice.fill('-3');
      await form.getByRole('button', { name: 'Save the access policy' }).click();
      await expect
        .poll(() => form.getByRole('alert').textContent())
        .toMatch(new RegExp(`^\\s*${NOTICE} must be from \\d+ to \\d+\\s*$`));
      await manager.waitForStatus(/Online – all changes saved/);
      expect(String(await stored())).toBe(before);

      await notice.fill('28');
      await form.getByRole('button', { name: 'Save the access policy' }).click();
      await expect
        .poll(() => form.getByRole('status').textContent())
        .toContain('Saved: a new version of the access policy applies from now');
      await manager.waitForStatus(/Online – all changes saved/);
      await expect.poll(stored).toBe(28);
    } finally {
      await device.close();
    }
  });
});
