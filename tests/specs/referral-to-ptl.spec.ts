import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatNhsNumber,
  formatUkDate,
  londonDateOf,
  testRangeNhsNumbers,
} from '@clinicdesk/domain';
import { pushOverApi, signInOverApi } from '../api-client.ts';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

let server: RunningServer;

beforeAll(async () => {
  // More referrals than the triage page draws at once (50), so the journey pages through it.
  server = await startServer({ referrals: 2000 });
});
afterAll(async () => {
  await server?.stop();
});

// Far from the demo department's numbers: a patient nobody has on record yet.
const NHS_NUMBER = testRangeNhsNumbers(700_000).next().value as string;
// Another one nobody has on record, for a patient added at another desk while this one is locked.
const LOCKED_NHS_NUMBER = testRangeNhsNumbers(710_000).next().value as string;

describe('a referral from the letter to the PTL', () => {
  it('is added offline, caught as a duplicate, triaged by a consultant on another device, tracked on the PTL and validated', async () => {
    const office = await openDevice();
    const consultant = await openDevice({ width: 800, height: 1280 });
    try {
      const coordinator = new DeskPage(office.page, office.context, server.url);
      await coordinator.openAndInstall('coordinator');
      const page = coordinator.page;

      // The letter arrives; the connection is down.
      await coordinator.goOffline();
      await page.getByRole('link', { name: 'Add referral' }).click();
      // A mistyped NHS number is caught at the search, before anyone adds a new patient with it.
      const typo = NHS_NUMBER.slice(0, 9) + String((Number(NHS_NUMBER[9]) + 1) % 10);
      await page.getByLabel('NHS number').first().fill(formatNhsNumber(typo));
      await page.getByRole('button', { name: 'Find patient' }).click();
      await page.getByText('This is not a valid NHS number').waitFor();
      expect(await page.getByLabel('First name').count()).toBe(0);
      await page.getByLabel('NHS number').first().fill(formatNhsNumber(NHS_NUMBER));
      await page.getByRole('button', { name: 'Find patient' }).click();
      await page.getByText('Nobody on record has that NHS number').waitFor();
      await page.getByLabel('First name').fill('Imogen');
      await page.getByLabel('Last name').fill('Testwood');
      await page.getByLabel('Date of birth').fill('07/09/1984');
      await page.getByLabel('Address line 1').fill('3 Example Row');
      await page.getByLabel('Town').fill('Worcester');
      await page.getByLabel('Postcode').fill('WR1 2AB');
      await page.getByLabel('Phone').fill('01632 960555');
      await page.getByLabel('GP practice').fill('Example Surgery');
      await page.getByLabel('Referrer (name and practice)').fill('Dr Example, Example Surgery');
      await page.getByLabel('Condition').selectOption({ label: 'Mouth ulcer, patch or lesion' });
      await page.getByLabel('Reason for referral').fill('Non-healing ulcer, left lateral tongue');
      await page
        .getByLabel('Priority the referrer asked for')
        .selectOption({ label: 'Two-week wait' });
      await page
        .getByLabel('Site', { exact: true })
        .selectOption({ label: 'Worcestershire Royal Hospital' });
      await page.getByLabel('Consultant to triage').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Add referral' }).click();
      await page.getByTestId('referral-added').waitFor();
      expect(await coordinator.statusText()).toMatch(/Offline – 1 change waiting/);

      // A second letter for the same patient and condition is caught before it becomes a second pathway.
      await page.getByRole('button', { name: 'Add another referral' }).click();
      await page.getByLabel('NHS number').first().fill(NHS_NUMBER);
      await page.getByRole('button', { name: 'Find patient' }).click();
      await page.getByTestId('patient-found').waitFor();
      await page.getByLabel('Referrer (name and practice)').fill('Dr Example');
      await page.getByLabel('Condition').selectOption({ label: 'Mouth ulcer, patch or lesion' });
      await page.getByLabel('Reason for referral').fill('Same ulcer, chasing');
      await page
        .getByLabel('Site', { exact: true })
        .selectOption({ label: 'Worcestershire Royal Hospital' });
      await page.getByRole('button', { name: 'Add referral' }).click();
      const warning = page.getByTestId('duplicate-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain(formatUkDate(londonDateOf(new Date())));
      expect(await coordinator.statusText()).toMatch(/Offline – 1 change waiting/);

      await coordinator.goOnline();
      await coordinator.waitForStatus(/Online – all changes saved/);

      // The consultant triages on their own device: it reaches the waiting list only now.
      const clinician = new DeskPage(consultant.page, consultant.context, server.url);
      await clinician.openAndInstall('clinician');
      await clinician.page.getByRole('link', { name: 'Triage' }).click();
      // The queue is drawn 50 at a time, oldest first: today's referral is further down.
      const drawnCount = clinician.page.getByTestId('triage-shown');
      await drawnCount.waitFor();
      expect(await drawnCount.textContent()).toMatch(
        /Showing 50 of \d+ waiting: two-week waits first, then\s+the oldest/,
      );
      expect(await clinician.page.getByTestId('triage-item').count()).toBe(50);
      const item = clinician.page
        .getByTestId('triage-item')
        .filter({ hasText: 'TESTWOOD, Imogen' });
      while ((await item.count()) === 0) {
        await clinician.page.getByRole('button', { name: /^Show \d+ more$/ }).click();
      }
      await item.getByRole('button', { name: 'Triage' }).click();
      await item.getByLabel('Priority').selectOption({ label: 'Two-week wait' });
      await item.getByLabel('Clinic needed').selectOption({ label: 'Urgent clinic' });
      await item.getByLabel('To be seen by').selectOption({ index: 1 });
      await item.getByRole('button', { name: 'Save triage' }).click();
      await clinician.page.getByText(/TESTWOOD, Imogen: accepted as two-week wait/).waitFor();

      // Another referral is not for this service: rejected with a reason, and the letter says why.
      const other = clinician.page.getByTestId('triage-item').first();
      await other.getByRole('button', { name: 'Triage' }).click();
      await other.getByLabel('Reject to referrer').check();
      await other
        .getByLabel('Reason (goes in the letter to the referrer)')
        .fill('A routine extraction your practice can carry out');
      await other.getByRole('button', { name: 'Save triage' }).click();
      await clinician.page.getByRole('link', { name: 'Print the letter to the referrer' }).click();
      const letter = clinician.page.getByTestId('referrer-letter');
      await letter.waitFor();
      expect(await letter.textContent()).toContain(
        'Dr Cleo Clinician has reviewed it and we are unable to accept it',
      );
      expect(await letter.textContent()).toContain(
        'A routine extraction your practice can carry out',
      );
      await clinician.waitForStatus(/Online – all changes saved/);

      // Back in the office: the PTL shows the pathway once synced; one click opens it.
      await page.bringToFront();
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.getByRole('link', { name: 'PTL' }).click();
      await page.getByTestId('ptl-table').waitFor();
      const search = page.getByLabel('Patient', { exact: true });
      await expect.poll(() => search.isEnabled(), { timeout: 20_000 }).toBe(true);
      // A search typed wrongly says why at the field; one that finds no one says how to search,
      // rather than leaving an empty table.
      await search.fill('12ab!');
      await page.getByText('Type a name or an NHS number, not both').waitFor();
      expect(await search.getAttribute('aria-invalid')).toBe('true');
      await search.fill('Nosuchsurname');
      expect(await search.getAttribute('aria-invalid')).toBeNull();
      await expect
        .poll(() => page.getByTestId('ptl-count').textContent())
        .toMatch(/^\s*0 of [\d,]+ open pathways\s*· nobody matches: search by surname/);
      // Clear filters puts every filter back, the search with it.
      const everyone = /^\s*([\d,]+) of \1 open pathways/;
      await page.getByRole('button', { name: 'Clear filters' }).click();
      expect(await search.inputValue()).toBe('');
      await expect.poll(() => page.getByTestId('ptl-count').textContent()).toMatch(everyone);
      // A wait typed wrongly says how to put it right and leaves nobody out meanwhile.
      await page.getByText('More filters').click();
      const weeks = page.getByLabel('Waited at least (weeks)');
      await weeks.fill('-7');
      await page.getByText('Enter whole weeks from 0 to 200').waitFor();
      expect(await weeks.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('ptl-count').textContent()).toMatch(everyone);
      // A date typed wrongly is cleared with the rest, its message too.
      const treatBy = page.getByLabel('18-week date by');
      await treatBy.fill('32/13/2026');
      await treatBy.press('Tab');
      await page.getByText('Enter a real date, like 24/11/2026').waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      expect(await treatBy.inputValue()).toBe('');
      expect(await weeks.inputValue()).toBe('');
      expect(await page.getByText('Enter a real date, like 24/11/2026').count()).toBe(0);
      // The focus goes back to the first filter, not lost with the button.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-priority');
      await weeks.fill('60');
      await expect.poll(() => page.getByText('Enter whole weeks from 0 to 200').count()).toBe(0);
      await expect.poll(() => page.getByTestId('ptl-count').textContent()).not.toMatch(everyone);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      expect(await weeks.inputValue()).toBe('');
      await expect.poll(() => page.getByTestId('ptl-count').textContent()).toMatch(everyone);
      // A wrong date alone, every other filter empty, can be cleared too.
      const clear = page.getByRole('button', { name: 'Clear filters' });
      expect(await clear.count()).toBe(0);
      const next = page.getByLabel('Next date by');
      await next.fill('31/02/2026');
      await next.press('Tab');
      await page.getByText('Enter a real date, like 24/11/2026').waitFor();
      await clear.click();
      expect(await next.inputValue()).toBe('');
      expect(await clear.count()).toBe(0);
      await search.fill(NHS_NUMBER);
      const row = page.getByTestId('ptl-row').filter({ hasText: 'TESTWOOD, Imogen' });
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Two-week wait');
      expect(await page.getByTestId('ptl-count').textContent()).toMatch(/^\s*1 of /);
      // Another desk validates the pathway while this PTL stays open: the comment shows on it
      // once synced, without opening the PTL again (ADR 0012).
      const link = row.getByRole('link', { name: 'TESTWOOD, Imogen' });
      const referralId = (await link.getAttribute('href'))!.replace('/pathways/', '');
      const elsewhere = await signInOverApi(server.url, 'coordinator');
      expect(
        await pushOverApi(elsewhere, [
          {
            name: 'pathway.validate',
            args: { referralId, key: 'journey', comment: 'Confirmed by phone at another desk' },
          },
        ]),
      ).toEqual(['applied']);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect
        .poll(() => row.textContent(), { timeout: 20_000 })
        .toContain('Confirmed by phone at another desk');

      // Locked and unlocked again without a reload (as after five idle minutes), the PTL and its
      // names are back at once: kept over the lock, the names sealed (ADR 0012, session 15).
      // A referral added at another desk while this one was locked is on it with its
      // patient's name once synced.
      await page.getByRole('link', { name: 'Clinics', exact: true }).click();
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByLabel('Your PIN').waitFor();
      expect(await page.getByText('TESTWOOD').count()).toBe(0);
      expect(
        await pushOverApi(
          elsewhere,
          [
            {
              name: 'referral.add',
              args: {
                referralId: 'ref-added-while-locked',
                patient: {
                  newPatient: {
                    id: 'pat-added-while-locked',
                    nhsNumber: LOCKED_NHS_NUMBER,
                    givenName: 'Lorna',
                    familyName: 'Whilelocked',
                    dateOfBirth: '1961-03-14',
                    address: { line1: '9 Example Close', town: 'Redditch', postcode: 'B97 4AA' },
                    phone: '01632 960777',
                    gpPractice: 'Example Surgery',
                  },
                },
                receivedDate: londonDateOf(new Date()),
                source: 'gp',
                referrer: 'Dr Example',
                reason: 'Clicking jaw',
                requestedPriority: 'routine',
                siteId: 'site-wrh',
                condition: 'tmj',
              },
            },
            // The second edit this desk sends (its first validated the pathway above).
          ],
          2,
        ),
      ).toEqual(['applied']);
      await coordinator.unlock();
      await page.getByRole('link', { name: 'PTL' }).click();
      await expect.poll(() => search.isEnabled(), { timeout: 20_000 }).toBe(true);
      await search.fill(NHS_NUMBER);
      await expect
        .poll(() => row.textContent(), { timeout: 20_000 })
        .toContain('Confirmed by phone at another desk');
      await search.fill(LOCKED_NHS_NUMBER);
      await expect
        .poll(() => page.getByTestId('ptl-row').first().textContent(), { timeout: 20_000 })
        .toContain('WHILELOCKED, Lorna');
      await search.fill(NHS_NUMBER);
      await row.getByRole('link', { name: 'TESTWOOD, Imogen' }).click();
      const events = page.getByTestId('rtt-events');
      await events.waitFor();
      expect(await events.textContent()).toContain('Referral received');
      expect(await events.textContent()).toContain('Colin Co-ordinator');
      expect(await page.getByTestId('pathway-stage').textContent()).toContain(
        'Awaiting first appointment',
      );
      expect(await page.getByTestId('pathway-clock').textContent()).toContain(
        `running since ${formatUkDate(londonDateOf(new Date()))}`,
      );

      // Validation: the first item on the worklist is checked and marked, with a comment kept.
      await page.getByRole('link', { name: 'Validation' }).click();
      const count = page.getByTestId('validation-count');
      await count.waitFor();
      const before = Number((await count.textContent())?.match(/\d+/)?.[0]);
      expect(before).toBeGreaterThan(0);
      await page.getByTestId('validation-line').first().getByRole('link').click();
      const first = page.getByTestId('validation-item').first();
      await first.getByRole('button', { name: 'Mark validated' }).click();
      await first.getByLabel('What did you check and find?').fill('Rang the patient: will book');
      await first.getByRole('button', { name: 'Save validation' }).click();
      await page.getByText('Rang the patient: will book').waitFor();
      await page.getByRole('link', { name: 'Validation' }).click();
      await expect
        .poll(async () => Number((await count.textContent())?.match(/\d+/)?.[0]))
        .toBe(before - 1);
      await coordinator.waitForStatus(/Online – all changes saved/);
    } finally {
      await office.close();
      await consultant.close();
    }
  }, 180_000);
});
