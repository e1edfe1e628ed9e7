import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, testRangeNhsNumbers } from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { pushOverApi, signInOverApi } from '../api-client.ts';

// Issues 9 and 10: data quality follows records imported, and put right, elsewhere while it is
// open (a kept value, ADR 0012), and draws a long list 100 at a time.

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const PATIENTS =
  'nhs_number,given_name,family_name,date_of_birth,address_line1,address_line2,town,postcode,phone,gp_practice';
const REFERRALS =
  'pas_id,nhs_number,referral_date,source,referrer,reason,condition,priority,clinician_code,site_code';

/** The number in the counts line's tag that says `what`. */
async function counted(desk: DeskPage, what: string): Promise<number> {
  const tag = desk.page.getByTestId('data-quality-counts').locator('.tag', { hasText: what });
  return Number((await tag.textContent())?.match(/^\s*(\d+)/)?.[1]);
}

/** Checks a file over the API, then imports it with the check's digest. */
async function importOverApi(
  api: Awaited<ReturnType<typeof signInOverApi>>,
  kind: string,
  text: string,
) {
  const send = async (query: string) => {
    const res = await api.fetch(`/api/import/${kind}?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: text,
    });
    return (await res.json()) as { digest: string; applied?: boolean; error?: string };
  };
  const dry = await send('mode=dry-run');
  const done = await send(`mode=apply&digest=${dry.digest}`);
  if (!done.applied) throw new Error(`the ${kind} import was refused: ${done.error}`);
}

describe('data quality', () => {
  it('follows 105 patients imported without a phone while open, draws them 100 at a time, and follows one put right', async () => {
    const device = await openDevice({ width: 768, height: 1024 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('manager');
      await desk.page.getByRole('link', { name: 'Data quality', exact: true }).click();
      await desk.page.getByTestId('data-quality-counts').waitFor();
      const before = await counted(desk, 'missing a phone or GP');

      // Elsewhere, a PAS extract of 105 patients without phone numbers, each with a pathway.
      const api = await signInOverApi(server.url, 'manager');
      const range = testRangeNhsNumbers(810_000);
      const numbers = Array.from({ length: 105 }, () => range.next().value as string);
      await importOverApi(
        api,
        'patients',
        [
          PATIENTS,
          ...numbers.map(
            (nhs, i) =>
              `${nhs},Ottilie${i},Quennell,14/07/1958,3 Mill Lane,,Evesham,WR11 4AB,,Abbey Lane Surgery`,
          ),
        ].join('\r\n'),
      );
      await importOverApi(
        api,
        'referrals',
        [
          REFERRALS,
          ...numbers.map(
            (nhs, i) =>
              `PAS-DQ-${i},${nhs},03/11/2026,gp,Dr Amin,Painful jaw joint,tmj,routine,,KTC`,
          ),
        ].join('\r\n'),
      );
      await desk.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect
        .poll(() => counted(desk, 'missing a phone or GP'), { timeout: 30_000 })
        .toBe(before + 105);

      // Drawn 100 at a time; the press moves the focus to the first row it drew.
      const rows = desk.page.getByTestId('dq-incomplete').locator('tbody tr');
      expect(await rows.count()).toBe(100);
      await desk.page.getByRole('button', { name: `Show ${before + 5} more patients` }).click();
      await expect.poll(() => rows.count()).toBe(before + 105);
      await expect
        .poll(() => rows.nth(100).evaluate((tr) => tr === document.activeElement))
        .toBe(true);

      // One put right at another desk: the page follows it without being opened again.
      let first: { id: string } | undefined;
      for (let since = 0; !first;) {
        const page = (await (
          await api.fetch(`/api/sync/pull?since=${since}&limit=2000`)
        ).json()) as {
          cursor: number;
          hasMore: boolean;
          changes: { table: string; id: string; row: { nhsNumber?: string } | null }[];
        };
        first = page.changes.find((c) => c.table === 'patients' && c.row?.nhsNumber === numbers[0]);
        if (!page.hasMore) break;
        since = page.cursor;
      }
      expect(first).toBeDefined();
      const [answer] = await pushOverApi(api, [
        {
          name: 'patient.update',
          args: {
            patientId: first!.id,
            changes: { phone: '01632 960001' },
            hlc: formatHlc({ wall: Date.now(), counter: 0, node: api.clientId }),
          },
        },
      ]);
      expect(answer).toBe('applied');
      await desk.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect
        .poll(() => counted(desk, 'missing a phone or GP'), { timeout: 20_000 })
        .toBe(before + 104);

      // One put right at this desk: opened from the list, its phone given on the pathway's
      // page, and back to the list, which followed the change while it was away.
      await rows
        .filter({ hasText: /QUENNELL, Ottilie2\b/ })
        .first()
        .getByRole('link')
        .click();
      const card = desk.page.getByTestId('contact-details');
      await card.getByRole('button', { name: 'Change contact details' }).click();
      await card.getByLabel('Phone').fill('0161 496 0002x');
      await card.getByRole('button', { name: 'Save contact details' }).click();
      await card.getByText('Enter a phone number, like 01905 763333').waitFor();
      expect(await card.getByText('Contact details saved.').count()).toBe(0);
      await card.getByLabel('Phone').fill('0161 496 0002');
      await card.getByRole('button', { name: 'Save contact details' }).click();
      await card.getByText('Contact details saved.').waitFor();
      await desk.page.getByRole('link', { name: 'Data quality', exact: true }).click();
      await desk.page.getByTestId('data-quality-counts').waitFor();
      expect(await counted(desk, 'missing a phone or GP')).toBe(before + 103);
      await desk.page.getByRole('button', { name: /^Show \d+ more patients/ }).click();
      expect(await rows.filter({ hasText: /QUENNELL, Ottilie2\b/ }).count()).toBe(0);

      // An idle lock while working down the list: unlocked, the page is back with the same
      // lists (made again from their copy sealed at the lock).
      await desk.page.getByRole('button', { name: 'Lock', exact: true }).click();
      await desk.unlock();
      await desk.page.getByTestId('data-quality-counts').waitFor();
      expect(await counted(desk, 'missing a phone or GP')).toBe(before + 103);
      await desk.page.getByRole('button', { name: /^Show \d+ more patients/ }).click();
      expect(await rows.filter({ hasText: /QUENNELL, Ottilie2\b/ }).count()).toBe(0);
    } finally {
      await device.close();
    }
  });
});
