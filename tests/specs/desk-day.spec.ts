import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { londonDateOf, rttClock, type RttEvent } from '@clinicdesk/domain';
import { pushOverApi, signInOverApi } from '../api-client.ts';
import { AGREED, openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

// Issue 8's day, end to end: a receptionist checks three patients in offline and marks a fourth
// as not attending once their time has passed, then takes that back when the patient comes in
// late (hazard H18); a clinician's outcome puts one on the day-case list; back online
// everything syncs, and the co-ordinator's My work shows the letter that follows (the GP hears
// of the outcome, and not of a missed appointment).

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/**
 * London's wall time at the first whole minute at least `seconds` from now, as HH:MM: soon
 * enough that the journey waits for the first patient's time as little as it can, late enough
 * that the clinic is booked before it starts.
 */
function londonTimeAtLeast(seconds: number): string {
  const at = new Date(Date.now() + seconds * 1000 + 59_999);
  const [h, m] = at
    .toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour12: false })
    .split(':')
    .map(Number) as [number, number];
  if (h * 60 + m > 23 * 60 + 10 || londonDateOf(at) !== londonDateOf(new Date()))
    throw new Error('Run this journey before 23:10: its clinic is today');
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

interface Patient {
  appointmentId: string;
  referralId: string;
  name: string;
}

/**
 * The scene, set over the API as the booking office would have: a clinic at KTC today whose
 * first patient is due within the next 70 seconds, with four waiting patients booked.
 */
async function clinicToday(page: Page): Promise<{ sessionId: string; patients: Patient[] }> {
  const today = londonDateOf(new Date());
  const sessionId = `ses-e2e-desk-day-${today}`;
  const referrals = await serverRows(server.url, page, 'referrals');
  const people = new Map((await serverRows(server.url, page, 'patients')).map((p) => [p['id'], p]));
  const waiting = referrals
    .filter(
      (r) => r['status'] === 'waiting' && r['siteId'] === 'site-ktc' && r['priority'] === 'routine',
    )
    .slice(0, 4);
  const api = await signInOverApi(server.url, 'coordinator');
  const edits = [
    {
      name: 'session.add',
      args: {
        id: sessionId,
        name: 'Desk day e2e clinic',
        clinicianId: 'clin-1',
        siteId: 'site-ktc',
        room: 'OPD 3',
        startTime: londonTimeAtLeast(10),
        date: today,
        slotPattern: Array.from({ length: 4 }, () => ({ type: 'new', minutes: 10 })),
      },
    },
    ...waiting.map((r, i) => ({
      name: 'appointment.book',
      args: {
        appointmentId: `appt-e2e-desk-day-${i}`,
        referralId: r['id'],
        slotId: `${sessionId}-${i + 1}`,
        overrides: AGREED,
      },
    })),
  ];
  expect(await pushOverApi(api, edits)).toEqual(edits.map(() => 'applied'));
  return {
    sessionId,
    patients: waiting.map((r, i) => {
      const p = people.get(r['patientId'])!;
      return {
        appointmentId: `appt-e2e-desk-day-${i}`,
        referralId: r['id']!,
        name: `${p['familyName']!.toUpperCase()}, ${p['givenName']}`,
      };
    }),
  };
}

/** The count on one row of My work. */
async function myWorkCount(page: Page, label: string): Promise<number> {
  const row = page.locator('tr', { has: page.getByRole('link', { name: label, exact: true }) });
  return Number((await row.locator('td[data-label="Items"]').textContent())?.replace(/,/g, ''));
}

describe('a day at the desk', () => {
  it('checks in three offline, marks a DNA and takes it back when the patient comes late, lists a day case from the outcome, and My work shows what follows', async () => {
    const office = await openDevice({ width: 1366, height: 768 });
    const tablet = await openDevice({ width: 768, height: 1024 });
    const consulting = await openDevice({ width: 1366, height: 768 });
    try {
      const coordinator = new DeskPage(office.page, office.context, server.url);
      await coordinator.openAndInstall('coordinator');
      const { sessionId, patients } = await clinicToday(coordinator.page);
      const [missed, seen, second, third] = patients as [Patient, Patient, Patient, Patient];

      const desk = new DeskPage(tablet.page, tablet.context, server.url);
      await desk.openAndInstall('reception');
      const page = desk.page;
      const line = (p: Patient) => page.locator(`[data-appointment="${p.appointmentId}"]`);
      await line(third).waitFor();

      // My work before: the co-ordinator's device holds the new clinic and its letters.
      await coordinator.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await coordinator.waitForStatus(/Online – all changes saved/);
      await coordinator.page.getByRole('link', { name: /^My work/ }).click();
      await coordinator.page.getByRole('link', { name: 'Unsent letters', exact: true }).waitFor();
      const lettersBefore = await myWorkCount(coordinator.page, 'Unsent letters');

      // The network goes; the desk carries on.
      await desk.goOffline();
      await desk.waitForStatus(/Offline/);
      for (const p of [seen, second, third]) {
        await line(p).getByRole('button', { name: 'Arrived', exact: true }).click();
        await line(p)
          .getByRole('button', { name: /Details confirmed/ })
          .click();
        await line(p).getByTestId('desk-status').getByText('Arrived', { exact: true }).waitFor();
      }
      await line(seen).getByRole('button', { name: 'With clinician', exact: true }).click();
      await line(seen).getByRole('button', { name: 'Seen', exact: true }).click();
      await line(seen).getByTestId('desk-status').getByText('Seen', { exact: true }).waitFor();

      // The clinician's device is installed while the first patient's time comes.
      const clinician = new DeskPage(consulting.page, consulting.context, server.url);
      await clinician.openAndInstall('clinician');
      const cp = clinician.page;

      // The first patient's time comes and goes: Did not attend is offered, and taken.
      const dna = line(missed).getByRole('button', { name: 'Did not attend' });
      await dna.waitFor({ timeout: 150_000 });
      await dna.click();
      await line(missed)
        .getByTestId('desk-status')
        .getByText('Did not attend', { exact: true })
        .waitFor();
      // …and then the patient comes in, late: the DNA is taken back, with a reason, and they
      // are checked in (hazard H18: their wait still counts, and the GP is not written to).
      await line(missed).getByRole('button', { name: 'Undo did not attend…' }).click();
      await line(missed).getByRole('button', { name: 'Take back did not attend' }).click();
      await line(missed).getByText('Say why the did-not-attend is being taken back').waitFor();
      await line(missed).getByLabel('Why (for the record)').fill('Arrived 10 minutes late: bus');
      await line(missed).getByRole('button', { name: 'Take back did not attend' }).click();
      await line(missed).getByRole('button', { name: 'Arrived', exact: true }).click();
      await line(missed)
        .getByRole('button', { name: /Details confirmed/ })
        .click();
      await line(missed).getByTestId('desk-status').getByText('Arrived', { exact: true }).waitFor();
      expect(await desk.statusText()).toMatch(/Offline – \d+ changes waiting to sync/);

      await desk.goOnline();
      await desk.waitForStatus(/Online – all changes saved/);

      // The clinician records the seen patient's outcome: onto the day-case list.
      await cp.evaluate(() => window.dispatchEvent(new Event('focus')));
      await cp.getByRole('link', { name: 'Clinics', exact: true }).click();
      await cp.locator(`a[href="/clinics/${sessionId}"]`).click();
      await cp
        .getByTestId('outcome-line')
        .filter({ hasText: seen.name })
        .getByRole('button', { name: 'Record outcome' })
        .click();
      await cp.getByLabel('Next step').selectOption({ label: 'Add to the day-case list' });
      await cp.getByLabel('Procedure').fill('Excision of a lesion of the lower lip');
      await cp.getByLabel('Clinical priority').selectOption({ label: 'P3 – within 3 months' });
      await cp.getByRole('button', { name: 'Save outcome' }).click();
      await cp.getByText(/The patient is on the day-case list/).waitFor();
      await clinician.waitForStatus(/Online – all changes saved/);

      // The server has the whole day.
      const appointments = new Map(
        (await serverRows(server.url, cp, 'appointments')).map((a) => [a['id'], a]),
      );
      expect(appointments.get(seen.appointmentId)).toMatchObject({ status: 'seen' });
      for (const p of [missed, second, third])
        expect(appointments.get(p.appointmentId)).toMatchObject({ status: 'arrived' });
      const referrals = new Map(
        (await serverRows(server.url, cp, 'referrals')).map((r) => [r['id'], r]),
      );
      expect(referrals.get(seen.referralId)).toMatchObject({
        status: 'day-case',
        dayCase: { procedure: 'Excision of a lesion of the lower lip', priority: 'P3' },
      });
      const letters = await serverRows(server.url, cp, 'letters');
      const about = (p: Patient) =>
        letters.filter((l) => l['referralId'] === p.referralId).map((l) => l['kind']);
      const dnaLetter = letters.find((l) => l['id'] === `letter-dna-${missed.appointmentId}`);
      expect(dnaLetter).toMatchObject({
        printedAt: null,
        withdrawnReason: expect.stringMatching(/bus/),
      });
      const missedReferral = referrals.get(missed.referralId) as unknown as {
        rttEvents: RttEvent[];
      };
      expect(rttClock(missedReferral.rttEvents, londonDateOf(new Date())).state).toBe('running');
      expect(about(seen)).toContain('clinic-outcome-gp');

      // The co-ordinator's My work counts the new letter to send, and not the withdrawn one.
      await coordinator.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect
        .poll(() => myWorkCount(coordinator.page, 'Unsent letters'), { timeout: 40_000 })
        .toBe(lettersBefore + 1);
    } finally {
      await office.close();
      await tablet.close();
      await consulting.close();
    }
  }, 360_000);
});
