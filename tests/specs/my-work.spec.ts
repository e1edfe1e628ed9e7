import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

// Issue 8's journey: a receptionist logs a complaint call offline and escalates it; back online
// it reaches the manager, who closes it; a co-ordinator turns a letter from the post into a
// task; the manager covers the co-ordinator's absence by moving their tasks to the secretary,
// who finds it on My work.

let server: RunningServer;
const SHOTS = process.env['SCREENSHOT_DIR'] ?? join(tmpdir(), 'clinicdesk-my-work-shots');

beforeAll(async () => {
  server = await startServer({ referrals: 600 });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await server?.stop();
});

/** Screenshots of a screen at tablet and laptop sizes, for a person to look at. */
async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [768, 1024],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

/** Brings a device's copy up to date now, as coming back online does. */
async function syncNow(desk: DeskPage) {
  await desk.goOffline();
  await desk.goOnline();
  await desk.waitForStatus(/Online – all changes saved/);
}

describe('contact log, My work and cover', () => {
  it('escalates a complaint taken offline, closes it, and moves an absent co-ordinator’s post to the secretary', async () => {
    const desk = await openDevice({ width: 768, height: 1024 });
    const office = await openDevice({ width: 1366, height: 768 });
    try {
      // The receptionist takes a complaint call with the network down.
      const reception = new DeskPage(desk.page, desk.context, server.url);
      await reception.openAndInstall('reception');
      await reception.goOffline();
      const rp = desk.page;
      await rp.getByRole('link', { name: 'Contact log' }).click();
      await rp.getByLabel('Caller’s name').fill('Mr Peter Example');
      await rp.getByLabel('Who they are').selectOption({ label: 'Relative or carer' });
      await rp.getByLabel('Phone to ring back').fill('01632 960555');
      await rp.getByLabel('Complaint').check();
      await rp.getByLabel('What the caller said').fill('His mother waited two hours in clinic');
      await rp.getByLabel('What you did or agreed').fill('Apologised and took details');
      await rp.getByLabel('Escalate to a manager').check();
      await rp.getByRole('button', { name: 'Log and escalate' }).click();
      await rp.getByRole('alert').getByText('Say why this needs a manager').waitFor();
      await rp.getByLabel('Why it needs a manager').fill('Wants to make a formal complaint');
      await rp.getByRole('button', { name: 'Log and escalate' }).click();
      await rp.getByText('Call from Mr Peter Example logged and escalated to a manager.').waitFor();
      await rp.getByRole('cell', { name: /His mother waited two hours/ }).waitFor();
      expect(await reception.statusText()).toMatch(/Offline – 1 change waiting/);
      await shoot(rp, 'contacts');
      await reception.goOnline();
      await reception.waitForStatus(/Online – all changes saved/);
      await desk.close();

      // The manager sees it on My work and on the team page, and closes it.
      const manager = new DeskPage(office.page, office.context, server.url);
      await manager.openAndInstall('manager');
      const mp = office.page;
      await mp.getByRole('link', { name: 'My work (1)' }).click();
      const escalated = mp.getByRole('row', { name: /Escalated calls/ });
      await expect.poll(() => escalated.textContent()).toMatch(/Escalated calls\s*1\s*1/);
      await shoot(mp, 'my-work-manager');
      await mp.getByRole('link', { name: 'The team’s work and cover' }).click();
      await mp.getByRole('heading', { name: 'Escalated calls (1)' }).waitFor();
      await mp.getByRole('button', { name: /Close… the call from Mr Peter Example/ }).click();
      await mp.getByLabel('Outcome').fill('Rang back; apology letter sent; PALS informed');
      await mp.getByRole('button', { name: 'Close escalation' }).click();
      await mp.getByText('No escalated calls are waiting for a manager.').waitFor();
      await mp.getByRole('link', { name: 'My work', exact: true }).waitFor();

      // The co-ordinator turns a GP letter from the post into a task.
      const coDevice = await openDevice({ width: 1366, height: 768 });
      try {
        const coordinator = new DeskPage(coDevice.page, coDevice.context, server.url);
        await coordinator.openAndInstall('coordinator');
        const cp = coDevice.page;
        await cp.getByRole('link', { name: 'My work', exact: true }).click();
        await cp.getByLabel('What needs doing').fill('GP letter asking for an earlier appointment');
        await cp.getByLabel('Urgent').check();
        await cp.getByRole('button', { name: 'Add task' }).click();
        await cp
          .getByText('Task added for you: GP letter asking for an earlier appointment.')
          .waitFor();
        await cp.getByRole('link', { name: 'My work (1)' }).waitFor();
        await cp
          .getByRole('cell', { name: /GP letter asking for an earlier appointment/ })
          .first()
          .waitFor();
        await shoot(cp, 'my-work-coordinator');
        await coordinator.waitForStatus(/Online – all changes saved/);
      } finally {
        await coDevice.close();
      }

      // The co-ordinator is away: the manager moves all their tasks to the secretary.
      await syncNow(manager);
      await mp.getByRole('link', { name: 'My work', exact: true }).click();
      await mp.getByRole('link', { name: 'The team’s work and cover' }).click();
      const colin = mp.getByRole('region', { name: /Colin Co-ordinator/ });
      await colin.getByText('1 open').waitFor();
      await shoot(mp, 'team');
      await colin
        .getByLabel('Move all of Colin Co-ordinator’s tasks to')
        .selectOption({ label: 'Sam Secretary' });
      await colin.getByLabel('Reason').fill('Annual leave this week');
      await colin.getByRole('button', { name: 'Reassign all' }).click();
      await colin.getByText('0 open').waitFor();
      const sam = mp.getByRole('region', { name: /Sam Secretary/ });
      await sam.getByText('1 open').waitFor();
      await manager.waitForStatus(/Online – all changes saved/);
    } finally {
      await office.close();
    }

    // The secretary finds it on My work, with who it came from and why.
    const secDevice = await openDevice({ width: 768, height: 1024 });
    try {
      const secretary = new DeskPage(secDevice.page, secDevice.context, server.url);
      await secretary.openAndInstall('secretary');
      const sp = secDevice.page;
      await sp.getByRole('link', { name: 'My work (1)' }).click();
      const row = sp.getByRole('row', { name: /GP letter asking for an earlier appointment/ });
      await row.getByText('From Colin Co-ordinator: Annual leave this week').waitFor();
      await row.getByRole('button', { name: /Done/ }).click();
      await sp.getByText('You have no open tasks.').waitFor();
      await sp.getByRole('link', { name: 'My work', exact: true }).waitFor();
    } finally {
      await secDevice.close();
    }
  }, 240_000);
});
