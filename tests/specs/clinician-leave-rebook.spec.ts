import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  formatUkDate,
  generateDepartment,
  londonDateOf,
  type ClinicSession,
} from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

// Issue 6's journey: a consultant's leave empties a clinic; its patients land on the Rebook
// worklist; two are rebooked from it offline; back online everything syncs, another device
// sees the shorter worklist, and the vacancy summary moves with it.

let server: RunningServer;
const REFERRALS = 2000;

beforeAll(async () => {
  server = await startServer({ referrals: REFERRALS });
});
afterAll(async () => {
  await server?.stop();
});

/**
 * The clinic to empty: found in the same synthetic department the server seeded (same seed,
 * same day), one to five weeks ahead (short notice), with at least three patients booked.
 */
function clinicToEmpty(today: string): {
  session: ClinicSession;
  booked: number;
  slots: number;
  clinician: string;
  /** The clinician's slots that day in open clinics, and how many are booked. */
  day: { available: number; booked: number };
} {
  const dept = generateDepartment({ seed: 20261124, today, referrals: REFERRALS });
  for (const session of dept.clinicSessions
    .filter((s) => s.date >= addDays(today, 7) && s.date <= addDays(today, 35))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))) {
    const slots = dept.slots.filter((s) => s.sessionId === session.id);
    const booked = slots.filter((s) => s.status === 'booked').length;
    const open = new Set(dept.clinicSessions.filter((x) => x.status === 'open').map((x) => x.id));
    const day = dept.slots.filter(
      (x) =>
        x.clinicianId === session.clinicianId &&
        x.date === session.date &&
        x.status !== 'blocked' &&
        open.has(x.sessionId),
    );
    // The clinician has another clinic that day, so the day's vacancy figures remain to read
    // once this one is cancelled (which day that is depends on the date the suite runs).
    if (booked >= 3 && day.length > slots.length) {
      const clinician = dept.clinicians.find((c) => c.id === session.clinicianId)!.name;
      return {
        session,
        booked,
        slots: slots.length,
        clinician,
        day: { available: day.length, booked: day.filter((x) => x.status === 'booked').length },
      };
    }
  }
  throw new Error('the demo department has no busy clinic beside another in the next five weeks');
}

describe('clinician leave to rebooked patients', () => {
  it('records leave, cancels the clinic, rebooks two patients offline, syncs, and another device sees it', async () => {
    const today = londonDateOf(new Date());
    const target = clinicToEmpty(today);
    const office = await openDevice({ width: 1280, height: 800 });
    const tablet = await openDevice({ width: 768, height: 1024 });
    try {
      const coordinator = new DeskPage(office.page, office.context, server.url);
      await coordinator.openAndInstall('coordinator');
      const page = coordinator.page;

      // The vacancy summary for that clinician on that day, before the leave.
      const vacancies = async (expected: { available: number; booked: number }) => {
        await page.getByRole('link', { name: 'Clinics', exact: true }).click();
        await page.getByRole('link', { name: 'Vacancies', exact: true }).click();
        await page.getByLabel('Clinician').selectOption({ label: target.clinician });
        for (const field of ['From', 'To']) {
          await page.getByLabel(field, { exact: true }).fill(formatUkDate(target.session.date));
          await page.getByLabel(field, { exact: true }).blur();
        }
        const cells = page.getByTestId('vacancy-totals').locator('td');
        const n = async (i: number) =>
          Number(/\d+/.exec((await cells.nth(i).textContent()) ?? '')?.[0] ?? NaN);
        // The filters apply as they are typed: wait for the day's figures.
        await expect
          .poll(async () => ({ available: await n(0), booked: await n(1) }))
          .toEqual(expected);
      };
      await vacancies(target.day);

      // Leave, at short notice: the Trust asks for the manager's agreement.
      await page.getByRole('link', { name: 'Leave', exact: true }).click();
      // The vacancy page has a Clinician filter too: be on the leave page before choosing.
      await page.getByRole('heading', { name: 'Record leave' }).waitFor();
      await page.getByLabel('Clinician').selectOption({ label: target.clinician });
      await page.getByLabel('First day').fill(formatUkDate(target.session.date));
      await page.getByLabel('First day').blur();
      await page.getByLabel('Last day').fill(formatUkDate(target.session.date));
      await page.getByLabel('Last day').blur();
      await page.getByLabel('Reason', { exact: true }).fill('Annual leave');
      await page.getByRole('button', { name: 'Record leave' }).click();
      await page
        .getByRole('alert')
        .getByText(/less than 6 weeks' notice/)
        .waitFor();
      await page.getByLabel('Why is short notice accepted?').fill('Family wedding abroad');
      await page.getByLabel('Manager who agreed it').fill('Mina Manager');
      await page.getByRole('button', { name: 'Record leave' }).click();
      await page.getByText(/^Leave recorded for/).waitFor();

      // The clinic inside the leave is listed with its bookings and cancelled in one step.
      const row = page.getByRole('row', { name: new RegExp(target.session.name) });
      await expect.poll(() => row.textContent()).toContain(`${target.booked} of`);
      await row.getByRole('button', { name: 'Cancel or reduce…' }).click();
      await page.getByRole('button', { name: 'Cancel clinic' }).click();
      await page
        .getByText(new RegExp(`${target.booked} patients are on the Rebook worklist`))
        .waitFor();
      await coordinator.waitForStatus(/Online – all changes saved/);

      // Offline, two patients are rung and rebooked from the worklist.
      await coordinator.goOffline();
      await page.getByRole('link', { name: `Rebook (${target.booked})` }).click();
      const rows = page.getByTestId('rebook-row');
      await expect.poll(() => rows.count()).toBe(target.booked);
      const rebooked: string[] = [];
      for (let i = 0; i < 2; i++) {
        // The patient rebooked last leaves the list when its query answers again: read the
        // first row's name only after that, so the call is recorded for the patient named.
        await expect.poll(() => rows.count()).toBe(target.booked - i);
        const first = rows.first();
        const name = ((await first.getByRole('link').first().textContent()) ?? '').trim();
        await first.getByRole('button', { name: 'Record call' }).click();
        await page.getByLabel('Reached').check();
        await page.getByRole('button', { name: 'Save call' }).click();
        await page.getByText(`Call to ${name} recorded: reached.`).waitFor();
        await rows.first().getByRole('button', { name: 'Find a slot' }).click();
        await page.getByRole('button', { name: 'Book', exact: true }).first().click();
        const rebookedText = page.getByText(new RegExp(`^${name} rebooked for`));
        await coordinator.answerPolicyWarnings(rebookedText);
        await rebookedText.waitFor();
        rebooked.push(name);
      }
      await expect.poll(() => rows.count()).toBe(target.booked - 2);
      expect(await coordinator.statusText()).toMatch(/Offline – 4 changes waiting/);

      await coordinator.goOnline();
      await coordinator.waitForStatus(/Online – all changes saved/);

      // The emptied clinic's slots are no longer available on that day.
      await vacancies({
        available: target.day.available - target.slots,
        booked: target.day.booked - target.booked,
      });

      // Another device, the manager's tablet, sees the same worklist without the two.
      const manager = new DeskPage(tablet.page, tablet.context, server.url);
      await manager.openAndInstall('manager');
      await tablet.page.getByRole('link', { name: `Rebook (${target.booked - 2})` }).click();
      const theirRows = tablet.page.getByTestId('rebook-row');
      await expect.poll(() => theirRows.count()).toBe(target.booked - 2);
      const names = await theirRows.allTextContents();
      for (const name of rebooked) expect(names.join('\n')).not.toContain(name);
    } finally {
      await office.close();
      await tablet.close();
    }
  }, 180_000);
});
