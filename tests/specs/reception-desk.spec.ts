import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { londonTimeOf } from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

let server: RunningServer;
const shots = fileURLToPath(new URL('../test-results/', import.meta.url));

beforeAll(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await server?.stop();
});

/** Waits until a patient's line on the desk shows a status. */
async function statusOf(line: Locator, status: string): Promise<void> {
  await line.getByTestId('desk-status').getByText(status, { exact: true }).waitFor();
}

describe('the reception desk, offline on a tablet', () => {
  it('checks patients in (one with a new phone number), moves one to the clinician and seen, marks a DNA, and the server has it all after sync', async () => {
    const device = await openDevice({ width: 768, height: 1024 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      const page = desk.page;
      await desk.openAndInstall('reception');
      // The receptionist's landing page, first in the menu.
      await page.getByTestId('desk-day').waitFor();
      expect(new URL(page.url()).pathname).toBe('/desk');
      await page.getByTestId('desk-line').first().waitFor();
      await page.screenshot({ path: `${shots}desk-768.png` });

      await desk.goOffline();
      await desk.waitForStatus(/Offline/);

      const booked = page
        .getByTestId('desk-line')
        .filter({ has: page.getByTestId('desk-status').getByText('Booked', { exact: true }) });
      const ids: string[] = [];
      for (const line of (await booked.all()).slice(0, 3))
        ids.push((await line.getAttribute('data-appointment'))!);
      expect(ids).toHaveLength(3);
      const line = (id: string) => page.locator(`[data-appointment="${id}"]`);
      const [changed, second, third] = ids as [string, string, string];

      // Check-in with a changed phone number: the confirmation is pre-filled.
      await line(changed).getByRole('button', { name: 'Arrived', exact: true }).click();
      const phone = line(changed).getByLabel('Phone');
      expect(await phone.inputValue()).not.toBe('');
      await phone.fill('07700 900777');
      await line(changed).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}desk-arrival-768.png` });
      await line(changed)
        .getByRole('button', { name: /Details confirmed/ })
        .click();
      await statusOf(line(changed), 'Arrived');
      for (const id of [second, third]) {
        await line(id).getByRole('button', { name: 'Arrived', exact: true }).click();
        await line(id)
          .getByRole('button', { name: /Details confirmed/ })
          .click();
        await statusOf(line(id), 'Arrived');
      }
      expect(await line(second).getByTestId('desk-wait').textContent()).toMatch(/waiting \d+ min/);

      await line(changed).getByRole('button', { name: 'With clinician', exact: true }).click();
      await statusOf(line(changed), 'With clinician');
      await line(changed).getByRole('button', { name: 'Seen', exact: true }).click();
      await statusOf(line(changed), 'Seen');

      // Did not attend is offered only once the appointment's time has come.
      const nowLondon = londonTimeOf(new Date());
      let missed: string | null = null;
      for (const candidate of await booked.all()) {
        const time = (await candidate.locator('.time').textContent())!.trim();
        const dna = candidate.getByRole('button', { name: 'Did not attend' });
        if (time >= nowLondon) {
          expect(await dna.count()).toBe(0);
          continue;
        }
        missed = (await candidate.getAttribute('data-appointment'))!;
        await dna.click();
        await statusOf(line(missed), 'Did not attend');
        break;
      }
      if (!missed) console.warn('reception-desk: no appointment time has passed yet today');

      // The clinic is running late: noted once, shown on every device.
      const clinic = page.getByTestId('desk-clinic').filter({ has: line(changed) });
      await clinic.getByRole('button', { name: 'Running late…' }).click();
      await clinic.getByLabel('Minutes late').fill('20');
      await clinic.getByLabel(/Note for the waiting room/).fill('Emergency on the ward');
      await clinic.getByRole('button', { name: 'Save', exact: true }).click();
      await clinic.getByTestId('running-late').waitFor();
      expect(await clinic.getByTestId('desk-waiting').textContent()).toContain('2 waiting');
      await clinic.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}desk-late-768.png` });
      await line(changed).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}desk-done-768.png` });
      expect(await desk.statusText()).toMatch(/Offline – \d+ changes waiting to sync/);

      await desk.goOnline();
      await desk.waitForStatus(/Online – all changes saved/);
      await page.setViewportSize({ width: 1366, height: 768 });
      await line(changed).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}desk-1366.png` });

      const appointments = new Map(
        (await serverRows(server.url, page, 'appointments')).map((a) => [a['id'], a]),
      );
      const seen = appointments.get(changed)!;
      expect(seen).toMatchObject({ status: 'seen' });
      expect(seen['arrivedAt']).toMatch(/^\d{4}-/);
      expect(seen['waitEndedAt']).toMatch(/^\d{4}-/);
      for (const id of [second, third]) {
        expect(appointments.get(id)).toMatchObject({ status: 'arrived' });
        expect(appointments.get(id)!['arrivedAt']).toMatch(/^\d{4}-/);
      }
      const sessions = await serverRows(server.url, page, 'clinicSessions');
      expect(sessions.find((x) => x['id'] === seen['sessionId'])).toMatchObject({
        runningLate: { minutes: 20, note: 'Emergency on the ward' },
      });
      const patients = await serverRows(server.url, page, 'patients');
      const patient = patients.find((p) => p['id'] === seen['patientId']) as unknown as {
        phone: string;
        history: { field: string; outcome: string }[];
      };
      expect(patient.phone).toBe('07700 900777');
      expect(patient.history).toEqual([
        expect.objectContaining({ field: 'phone', outcome: 'replaced' }),
      ]);
      if (missed) {
        const dna = appointments.get(missed)!;
        expect(dna).toMatchObject({ status: 'did-not-attend' });
        const referrals = await serverRows(server.url, page, 'referrals');
        const referral = referrals.find((r) => r['id'] === dna['referralId']) as unknown as {
          status: string;
          rttEvents: { code: string }[];
          reviews: { decision: string | null }[];
        };
        if (dna['kind'] === 'new') {
          // A first-appointment DNA: clock nullified (33) and the clinician must review.
          expect(referral.rttEvents.at(-1)).toMatchObject({ code: '33' });
          expect(referral.reviews.at(-1)).toMatchObject({ decision: null });
        } else {
          expect(referral.status).toBe('follow-up');
        }
      }
    } finally {
      await device.close();
    }
  });
});
