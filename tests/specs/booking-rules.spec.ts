import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addDays, formatUkDate, londonDateOf } from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { serverRows } from '../server-rows.ts';

// Issue 7's journeys: booking by the access policy (a warning answered and recorded), a second
// cancellation by the patient sent for the clinician's review, a follow-up booked ahead of its
// window only with a reason (partial booking), and a day-case TCI with its letter as a PDF.

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function pdfText(path: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(path)) }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

describe('booking by the rules', () => {
  it('asks for the reason behind a short-notice booking and records it; a second patient cancellation goes to the clinician', async () => {
    const device = await openDevice();
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      const page = desk.page;

      // The earliest slot is less than three weeks away: the policy asks before booking.
      await desk.openWaitingList();
      await desk.filterWaitingList('Routine');
      const row = page.getByTestId('waiting-list').locator('tbody tr').first();
      const nhsNumber = ((await row.getByText(/^NHS /).textContent()) ?? '').replace('NHS ', '');
      await row.getByRole('link', { name: /^Book/ }).click();
      await page
        .getByTestId('slot-picker')
        .locator('tbody tr')
        .first()
        .getByRole('button', { name: /^Book/ })
        .click();
      const warnings = page.getByTestId('policy-warnings');
      await warnings.waitFor();
      expect(await warnings.textContent()).toMatch(/notice \(the policy asks for 21 days\)/);
      // Without a reason nothing is booked.
      await warnings.getByRole('button', { name: 'Book with these reasons' }).click();
      await warnings.getByRole('alert').waitFor();
      await desk.answerPolicyWarnings(page.getByTestId('booking-confirmation'));
      await page.getByTestId('booking-confirmation').waitFor();
      await desk.waitForStatus(/Online – all changes saved/);
      const overrides = await serverRows(server.url, page, 'policyOverrides');
      expect(
        overrides.map((o) => [
          o['rule'],
          o['reason'],
          (o['by'] as unknown as { name: string }).name,
        ]),
      ).toContainEqual([
        'reasonable-notice',
        'Patient agreed to the sooner date',
        'Colin Co-ordinator',
      ]);

      // The patient rings to cancel, twice: the second time the pathway goes to the clinician.
      for (let time = 1; time <= 2; time++) {
        if (time === 2) {
          // Rebooked during the same call, straight from the cancellation.
          await page
            .getByRole('link', { name: 'Rebook now, while the patient is on the phone' })
            .click();
          await page
            .getByTestId('slot-picker')
            .locator('tbody tr')
            .nth(2)
            .getByRole('button', { name: /^Book/ })
            .click();
          await desk.answerPolicyWarnings(page.getByTestId('booking-confirmation'));
        }
        const confirmation = page.getByTestId('booking-confirmation');
        await confirmation.getByRole('link', { name: 'See the clinic' }).click();
        if (time === 1) {
          // The clinic preparation clerks' A4 list has the patient, with their NHS number.
          await page.getByRole('link', { name: 'Print clinic list' }).click();
          await page.getByRole('table').getByText(formatNhsNumberish(nhsNumber)).waitFor();
          await page.getByRole('link', { name: '‹ Clinic' }).click();
        }
        const slotRow = page.getByRole('row').filter({ hasText: formatNhsNumberish(nhsNumber) });
        await slotRow.getByRole('button', { name: /^Cancel/ }).click();
        await page.getByLabel('The patient').check();
        await page.getByLabel('Reason').fill(time === 1 ? 'On holiday' : 'Still on holiday');
        await page.getByRole('button', { name: 'Cancel appointment', exact: true }).click();
        await page.getByText(/^Cancelled\./).waitFor();
      }
      await desk.waitForStatus(/Online – all changes saved/);
      // The second time, the pathway waits for the clinician, not for a slot.
      await page
        .getByRole('link', { name: 'Rebook now, while the patient is on the phone' })
        .click();
      await page
        .getByText(/A clinician must review this pathway before it is booked again/)
        .waitFor();
      await desk.openWaitingList();
      await page.getByLabel('Find a patient').fill(nhsNumber);
      // Nobody found says what the search takes, as a sentence of its own.
      await page
        .getByText(
          'Nobody on the waiting list matches. Search by surname, by name, or by the start of an NHS number.',
        )
        .waitFor();
      const referrals = await serverRows(server.url, page, 'referrals');
      const reviewed = referrals.find((r) =>
        ((r['reviews'] ?? []) as unknown as { kind: string; decision: string | null }[]).some(
          (v) => v.kind === 'second-patient-cancellation' && v.decision === null,
        ),
      );
      expect(reviewed).toBeDefined();
      expect(reviewed!['status']).toBe('waiting');

      // A manager (who may decide reviews) sends it back for booking, and finds the
      // co-ordinator's reason on the overrides report.
      const managerDevice = await openDevice({ width: 768, height: 1024 });
      try {
        const manager = new DeskPage(managerDevice.page, managerDevice.context, server.url);
        await manager.openAndInstall('manager');
        const mp = manager.page;
        await mp.getByRole('link', { name: /^Reviews \(\d+\)$/ }).click();
        const row = mp.getByTestId('review-row').filter({ hasText: formatNhsNumberish(nhsNumber) });
        await row.getByRole('button', { name: 'Decide' }).click();
        const form = mp.getByRole('form', { name: /^Decide the review for/ });
        await form.getByLabel('Rebook').check();
        await form.getByLabel('Why (for the record)').fill('Spoke to the patient: will attend');
        await form.getByRole('button', { name: 'Save decision' }).click();
        await mp.getByText(/is back on the waiting list for the co-ordinator to book/).waitFor();
        await manager.waitForStatus(/Online – all changes saved/);
        await mp
          .getByRole('link', { name: /overrides/i })
          .first()
          .click();
        await mp.getByText('Patient agreed to the sooner date').first().waitFor();
      } finally {
        await managerDevice.close();
      }
    } finally {
      await device.close();
    }
  }, 240_000);

  it('keeps a follow-up due later on the list, and books it early only with a reason', async () => {
    const device = await openDevice({ width: 768, height: 1024 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      const page = desk.page;
      await page.getByRole('link', { name: 'Follow-ups' }).click();
      const later = page.getByTestId('follow-up-row').filter({ hasText: 'Book later' }).first();
      await later.waitFor();
      expect(await later.textContent()).toMatch(/from \d\d\/\d\d\/\d{4}/);
      await later.getByRole('link', { name: 'Book early…' }).click();
      await page.getByText(/Free slots for a follow-up, due by/).waitFor();
      await page
        .getByTestId('slot-picker')
        .locator('tbody tr')
        .first()
        .getByRole('button', { name: /^Book/ })
        .click();
      const warnings = page.getByTestId('policy-warnings');
      await warnings.waitFor();
      expect(await warnings.textContent()).toMatch(
        /Follow-up booking window:.*\(partial booking\)/,
      );
      await desk.answerPolicyWarnings(page.getByTestId('booking-confirmation'));
      await page.getByTestId('booking-confirmation').waitFor();
      await desk.waitForStatus(/Online – all changes saved/);
      const overrides = await serverRows(server.url, page, 'policyOverrides');
      expect(overrides.some((o) => o['rule'] === 'follow-up-window')).toBe(true);
    } finally {
      await device.close();
    }
  }, 120_000);

  it('books a day-case TCI and produces its letter, printed as a PDF with the date and the pre-op instructions', async () => {
    const device = await openDevice();
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      const page = desk.page;
      await page.getByRole('link', { name: 'Day cases' }).click();
      await page.getByRole('button', { name: 'Book TCI' }).first().click();
      const form = page.getByRole('form', { name: /^Book a TCI date for/ });
      const who = ((await form.getByRole('heading').textContent()) ?? '').replace(
        'Book a TCI date for ',
        '',
      );
      const lists = form.getByRole('radio', { disabled: false });
      await lists.last().check();
      const chosen = (await lists.last().locator('xpath=..').textContent()) ?? '';
      const tciDate = /\d\d\/\d\d\/\d{4}/.exec(chosen)![0];
      const preOp = form.getByLabel('Pre-operative assessment date');
      if (await preOp.count()) {
        await preOp.fill(formatUkDate(addDays(londonDateOf(new Date()), 1)));
        await preOp.blur();
      }
      await form.getByRole('button', { name: 'Book TCI' }).click();
      await page.getByText(`${who} booked to come in on ${tciDate}`).waitFor();
      await page.getByRole('link', { name: 'Print the TCI letter' }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download PDF' }).click();
      const file = await (await download).path();
      const text = await pdfText(file);
      expect(text).toContain(tciDate);
      expect(text).toMatch(/eat|fast/i);
      const [family] = who.split(',');
      expect(text.toUpperCase()).toContain(family!.trim().toUpperCase());
      await desk.waitForStatus(/Online – all changes saved/);
      const letters = await serverRows(server.url, page, 'letters');
      expect(letters.some((l) => l['kind'] === 'tci' && l['printedAt'])).toBe(true);

      // Issue 9: the patient gives their religion and agrees to the chaplaincy being told.
      await page.getByRole('link', { name: 'Day cases' }).click();
      await page.getByRole('button', { name: 'Religion for the chaplaincy…' }).first().click();
      const religion = page.getByTestId('religion-form');
      await religion
        .getByLabel('The patient agrees to the chaplaincy being told they are in')
        .check();
      await religion.getByRole('button', { name: 'Save' }).click();
      expect(await religion.getByRole('alert').textContent()).toBe(
        'Enter the religion or belief the patient wants the chaplaincy to know',
      );
      await religion.getByLabel('Religion or belief').fill('Methodist');
      await religion.getByRole('button', { name: 'Save' }).click();
      await page.getByText(`${who}: religion recorded; on the chaplaincy list`).waitFor();
      await page.getByRole('link', { name: 'Chaplaincy list' }).click();
      for (const label of ['From', 'To']) {
        const field = page.getByLabel(label, { exact: true });
        await field.fill(tciDate);
        await field.blur();
      }
      const list = page.getByTestId('chaplaincy-list');
      await list.getByText('Methodist').waitFor();
      expect(await list.locator('tbody tr').count()).toBe(1);
      expect(await list.textContent()).toContain(who);
    } finally {
      await device.close();
    }
  }, 120_000);
});

/** The clinic table shows NHS numbers spaced 3-3-4. */
function formatNhsNumberish(n: string): string {
  const d = n.replace(/\s/g, '');
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}
