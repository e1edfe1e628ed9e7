import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { londonDateOf } from '@clinicdesk/domain';
import { pushOverApi, signInOverApi } from '../api-client.ts';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

// Issue 8's journey: the desk records who came to today's clinic; the clinician records one
// patient's outcome from the clinic page (onto the day-case list, with its priority); the clinic
// cannot be cashed up while another attended patient has none; the co-ordinator keys that one in
// from paper on the pathway page, books the follow-up it prompts (issue 7), and cashes up.

let server: RunningServer;
const SHOTS = process.env['SCREENSHOTS_DIR'] ?? join(tmpdir(), 'clinicdesk-shots');

beforeAll(async () => {
  server = await startServer();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await server?.stop();
});

interface Booked {
  referralId: string;
  name: string;
}

const AGREED = [
  { rule: 'reasonable-notice', reason: 'Patient agreed to the sooner date' },
  { rule: 'book-in-turn', reason: 'Clinically urgent' },
  { rule: 'two-week-wait', reason: 'Patient chose a later date' },
];

/** A clinic start a few minutes from now (London time): a slot already started cannot be booked. */
function startSoon(): string {
  const later = new Date(Date.now() + 5 * 60_000);
  const [h, m] = later
    .toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour12: false })
    .split(':')
    .map(Number) as [number, number];
  const minutes = Math.ceil((h * 60 + m) / 5) * 5;
  // Five minutes on may be tomorrow: a clinic at 00:00 "today" would already have started.
  if (minutes > 23 * 60 + 20 || londonDateOf(later) !== londonDateOf(new Date()))
    throw new Error('Run this journey before 23:15: its clinic is today');
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Setting the scene over the API, whatever the day: an ad-hoc clinic at KTC today with two
 * patients from the waiting list booked into it, as the booking office would have done.
 */
async function clinicToday(page: Page): Promise<{ sessionId: string; booked: Booked[] }> {
  const today = londonDateOf(new Date());
  const sessionId = `ses-e2e-outcomes-${today}`;
  const referrals = await serverRows(server.url, page, 'referrals');
  const patients = new Map(
    (await serverRows(server.url, page, 'patients')).map((p) => [p['id'], p]),
  );
  const waiting = referrals
    .filter(
      (r) => r['status'] === 'waiting' && r['siteId'] === 'site-ktc' && r['priority'] === 'routine',
    )
    .slice(0, 2);
  const api = await signInOverApi(server.url, 'coordinator');
  const edits = [
    {
      name: 'session.add',
      args: {
        id: sessionId,
        name: 'Outcomes e2e clinic',
        clinicianId: 'clin-1',
        siteId: 'site-ktc',
        room: 'OPD 2',
        startTime: startSoon(),
        date: today,
        slotPattern: [
          { type: 'new', minutes: 20 },
          { type: 'new', minutes: 20 },
        ],
      },
    },
    ...waiting.map((r, i) => ({
      name: 'appointment.book',
      args: {
        appointmentId: `appt-e2e-outcomes-${i}`,
        referralId: r['id'],
        slotId: `${sessionId}-${i + 1}`,
        overrides: AGREED,
      },
    })),
  ];
  expect(await pushOverApi(api, edits)).toEqual(['applied', 'applied', 'applied']);
  return {
    sessionId,
    booked: waiting.map((r) => {
      const p = patients.get(r['patientId'])!;
      return { referralId: r['id']!, name: `${p['familyName']!.toUpperCase()}, ${p['givenName']}` };
    }),
  };
}

async function openClinic(desk: DeskPage, sessionId: string) {
  await desk.page.getByRole('link', { name: 'Clinics', exact: true }).click();
  await desk.page.locator(`a[href="/clinics/${sessionId}"]`).click();
  await desk.page.getByTestId('clinic-outcomes').waitFor();
}

const outcomeRow = (page: Page, name: string) =>
  page.getByTestId('outcome-line').filter({ hasText: name });

describe('clinic outcomes and cash-up', () => {
  it('records a day-case outcome from the clinic page and cashes up only when every patient is finished', async () => {
    const desk = await openDevice({ width: 1366, height: 768 });
    const consultant = await openDevice({ width: 768, height: 1024 });
    try {
      const coordinator = new DeskPage(desk.page, desk.context, server.url);
      await coordinator.openAndInstall('coordinator');
      const page = coordinator.page;
      const { sessionId, booked } = await clinicToday(page);
      const [first, second] = booked as [Booked, Booked];
      // The device hears of the new clinic at its next sync round.
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));

      // The desk records that both came.
      await openClinic(coordinator, sessionId);
      for (const patient of booked) {
        await outcomeRow(page, patient.name).getByRole('link', { name: patient.name }).click();
        await page.getByRole('button', { name: 'Attended', exact: true }).click();
        await page.getByText('Attendance recorded').waitFor();
        await page.goBack();
        await page.getByTestId('clinic-outcomes').waitFor();
      }
      await coordinator.waitForStatus(/Online – all changes saved/);

      // The clinician opens the same clinic and records the first patient's outcome there.
      const clinician = new DeskPage(consultant.page, consultant.context, server.url);
      await clinician.openAndInstall('clinician');
      const cp = clinician.page;
      await openClinic(clinician, sessionId);
      await outcomeRow(cp, first.name).getByRole('button', { name: 'Record outcome' }).click();
      await cp.getByLabel('Next step').selectOption({ label: 'Add to the day-case list' });
      await cp.getByLabel('Procedure').fill('Surgical removal of lower third molars');
      await cp.getByLabel('Clinical priority').selectOption({ label: 'P2 – within 1 month' });
      expect(await cp.getByLabel('RTT status').inputValue()).toBe('20');
      await cp.screenshot({ path: join(SHOTS, 'outcome-form-768.png'), fullPage: true });
      await cp.getByRole('button', { name: 'Save outcome' }).click();
      await cp
        .getByText(
          'Outcome recorded. The patient is on the day-case list for Surgical removal of lower third molars (P2).',
        )
        .waitFor();
      await expect
        .poll(() => outcomeRow(cp, first.name).textContent())
        .toContain('20 – Add to the day-case list for Surgical removal of lower third molars (P2)');
      await clinician.waitForStatus(/Online – all changes saved/);
      await cp.getByRole('link', { name: 'See the day-case list' }).click();
      const listed = cp.getByTestId('day-case-row').filter({ hasText: first.name });
      await listed.waitFor();
      expect(await listed.textContent()).toContain('P2');
      expect(await listed.textContent()).toContain('Surgical removal of lower third molars');

      // Back at the desk: the second patient has no outcome yet, so the clinic stays open.
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect
        .poll(() => outcomeRow(page, first.name).textContent(), { timeout: 40_000 })
        .toContain('Add to the day-case list');
      await page.getByRole('button', { name: 'Cash up clinic' }).click();
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('This clinic cannot be cashed up yet');
      const unfinished = await page
        .getByTestId('unfinished')
        .getByRole('listitem')
        .allTextContents();
      expect(unfinished.map((u) => u.replace(/\s+/g, ' ').trim())).toEqual([
        expect.stringContaining(`${second.name}: attended, no outcome recorded`),
      ]);
      await page.screenshot({ path: join(SHOTS, 'cash-up-refused-1366.png'), fullPage: true });

      // The co-ordinator keys the second outcome in from paper on the pathway page: a follow-up
      // within the booking window is booked at once, from the prompt.
      await page.getByTestId('unfinished').getByRole('link', { name: second.name }).click();
      await page.getByLabel('Next step').selectOption({ label: 'Follow up' });
      await page.getByLabel('Follow up in (weeks)').fill('4');
      await page.getByLabel('RTT status').selectOption('20');
      await page.getByRole('button', { name: 'Save outcome' }).click();
      await page
        .getByText(/The follow-up is due within 6 weeks: book it now, while the patient is here/)
        .waitFor();
      await page.getByRole('link', { name: 'Book the follow-up' }).click();
      await coordinator.bookFirstSlotOffered();
      await coordinator.waitForStatus(/Online – all changes saved/);
      const followUps = (await serverRows(server.url, page, 'appointments')).filter(
        (a) => a['referralId'] === second.referralId && a['status'] === 'booked',
      );
      expect(followUps.map((a) => a['kind'])).toEqual(['follow-up']);

      // Now every patient is finished: the clinic is cashed up and closed to edits.
      await openClinic(coordinator, sessionId);
      await page.getByRole('button', { name: 'Cash up clinic' }).click();
      await page.getByTestId('cashed-up').waitFor();
      expect(await page.getByTestId('cashed-up').textContent()).toContain(
        'Cashed up by Colin Co-ordinator',
      );
      expect(await page.getByRole('button', { name: 'Record outcome' }).count()).toBe(0);
      await coordinator.waitForStatus(/Online – all changes saved/);
      const session = (await serverRows(server.url, page, 'clinicSessions')).find(
        (s) => s['id'] === sessionId,
      );
      expect(session?.['cashedUp']).toBeTruthy();
      await page.screenshot({ path: join(SHOTS, 'cashed-up-1366.png'), fullPage: true });
    } finally {
      await desk.close();
      await consultant.close();
    }
  }, 240_000);
});
