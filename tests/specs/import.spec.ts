import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testRangeNhsNumbers } from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

// Issue 9: a manager imports a PAS extract. A bad row refuses the whole file with its reason;
// the corrected file imports, and the people in it reach the device; the data-quality page lists
// the one who came without a phone number.

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const SHOTS = join(import.meta.dirname, '..', 'test-results', 'import');
const numbers = testRangeNhsNumbers(800_000);
const [ONE, TWO] = [numbers.next().value as string, numbers.next().value as string];
const PATIENTS =
  'nhs_number,given_name,family_name,date_of_birth,address_line1,address_line2,town,postcode,phone,gp_practice';
const patient = (nhs: string, given: string, phone: string) =>
  `${nhs},${given},Quennell,14/07/1958,"3 Mill Lane, Upper End",,Evesham,WR11 4AB,${phone},Abbey Lane Surgery`;
const REFERRALS =
  'pas_id,nhs_number,referral_date,source,referrer,reason,condition,priority,clinician_code,site_code';

async function chooseAndCheck(desk: DeskPage, kind: string, name: string, text: string) {
  await desk.page.getByLabel('What the file holds').selectOption({ label: kind });
  await desk.page
    .getByLabel('CSV file (UTF-8)')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });
  await desk.page.getByRole('button', { name: 'Check the file' }).click();
  await desk.page.getByTestId('import-report').waitFor();
}

async function shoot(desk: DeskPage, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [
    [768, 1024],
    [1366, 768],
  ] as const) {
    await desk.page.setViewportSize({ width: w, height: h });
    await desk.page.screenshot({ path: join(SHOTS, `${name}-${w}x${h}.png`), fullPage: true });
  }
  await desk.page.setViewportSize({ width: 1280, height: 800 });
}

describe('a manager imports patients from the PAS', () => {
  it('is refused a file with a bad row, imports it corrected, and sees the patients on the device', async () => {
    const device = await openDevice();
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('manager');
      await desk.page.getByRole('link', { name: 'Import', exact: true }).click();

      const bad = [
        PATIENTS,
        patient(ONE, 'Ottilie', ''),
        patient('999 000 0001', 'Barnaby', '01386 555123'),
      ];
      await chooseAndCheck(desk, 'Patients', 'patients.csv', bad.join('\r\n'));
      const refused = desk.page.getByTestId('import-refused');
      await expect
        .poll(() => refused.innerText())
        .toMatch(/Row 3\s+999 000 0001\s+The NHS number 999 000 0001 fails its check digit/);
      expect(await desk.page.getByRole('button', { name: /^Import \d+ row/ }).count()).toBe(0);
      await shoot(desk, 'refused');

      const fixed = [
        PATIENTS,
        patient(ONE, 'Ottilie', ''),
        patient(TWO, 'Barnaby', '01386 555123'),
      ];
      await chooseAndCheck(desk, 'Patients', 'patients.csv', fixed.join('\r\n'));
      expect(await desk.page.getByTestId('import-counts').innerText()).toContain('2 to create');
      await desk.page.getByRole('button', { name: 'Import 2 rows' }).click();
      await desk.page.getByTestId('import-done').getByText('Imported: 2 created').waitFor();

      // A patient reaches the devices of a site with a pathway there.
      const referrals = [
        REFERRALS,
        `PAS-77,${ONE},03/11/2026,gp,Dr Amin,Painful jaw joint,tmj,routine,,KTC`,
      ];
      await chooseAndCheck(
        desk,
        'Referrals (open pathways)',
        'referrals.csv',
        referrals.join('\n'),
      );
      await desk.page.getByRole('button', { name: 'Import 1 row' }).click();
      await desk.page.getByTestId('import-done').waitFor();
      await desk.page.getByRole('button', { name: 'Sync now' }).click();
      await desk.waitForStatus(/Online – all changes saved/);

      await desk.page.getByRole('link', { name: 'Data quality' }).click();
      const incomplete = desk.page.getByTestId('dq-incomplete');
      await incomplete.getByRole('link', { name: 'QUENNELL, Ottilie' }).waitFor();
      expect(await incomplete.innerText()).toMatch(/QUENNELL, Ottilie[\s\S]*No phone/);
      expect(await desk.page.getByTestId('dq-no-clinician').innerText()).toContain(
        'Painful jaw joint',
      );
      await shoot(desk, 'data-quality');

      await incomplete.getByRole('link', { name: 'QUENNELL, Ottilie' }).click();
      await expect
        .poll(() => desk.page.locator('main').innerText())
        .toContain('no phone number known');
    } finally {
      await device.close();
    }
  });
});
