import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addDays,
  formatPatientName,
  formatUkDate,
  generateDepartment,
  londonDateOf,
  type CaseNoteVolume,
  type ClinicSession,
  type Patient,
} from '@clinicdesk/domain';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

// Issue 8's journey: a clerk scans three volumes into a coming clinic by typing barcodes and
// Enter (offline for the scans), the pull list shows them at the clinic and a fourth still in
// the library; the fourth is marked missing and the clinic list and its print flag it.

let server: RunningServer;
const REFERRALS = 2000;
const KTC = 'site-ktc';
const SHOTS = process.env['SCREENSHOT_DIR'] ?? join(tmpdir(), 'clinicdesk-case-notes-shots');

beforeAll(async () => {
  server = await startServer({ referrals: REFERRALS });
});
afterAll(async () => {
  await server?.stop();
});

interface Booked {
  patient: Patient;
  volumes: CaseNoteVolume[];
}

/**
 * The first clinic from tomorrow at the receptionist's site with four patients booked whose
 * notes are all in that site's library, from the department the server seeded.
 */
function clinicToPull(today: string): { session: ClinicSession; booked: Booked[] } {
  const dept = generateDepartment({ seed: 20261124, today, referrals: REFERRALS });
  const sessions = dept.clinicSessions
    .filter((s) => s.siteId === KTC && s.status === 'open' && s.date >= addDays(today, 1))
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
  for (const session of sessions) {
    const booked = dept.appointments
      .filter((a) => a.sessionId === session.id && a.status === 'booked')
      .sort((a, b) => a.startTime.localeCompare(b.startTime))
      .flatMap((a) => {
        const volumes = dept.caseNotes.filter((v) => v.patientId === a.patientId);
        const patient = dept.patients.find((p) => p.id === a.patientId)!;
        return volumes.length && volumes.every((v) => v.location.kind === 'library')
          ? [{ patient, volumes }]
          : [];
      });
    if (booked.length >= 4) return { session, booked: booked.slice(0, 4) };
  }
  throw new Error('the demo department has no clinic with four patients to pull notes for');
}

describe('case notes tracking', () => {
  it('scans three volumes into a clinic offline, shows the pull list, marks one missing and the clinic list flags it', async () => {
    const today = londonDateOf(new Date());
    const { session, booked } = clinicToPull(today);
    const [a, b, c, d] = booked as [Booked, Booked, Booked, Booked];
    mkdirSync(SHOTS, { recursive: true });
    const device = await openDevice({ width: 1366, height: 768 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('reception');
      const page = desk.page;
      const shoot = async (name: string) => {
        for (const [w, h] of [
          [1366, 768],
          [768, 1024],
        ] as const) {
          await page.setViewportSize({ width: w, height: h });
          await page.screenshot({ path: join(SHOTS, `${name}-${w}x${h}.png`), fullPage: true });
        }
        await page.setViewportSize({ width: 1366, height: 768 });
      };

      // "Move to" the clinic, chosen once.
      await page.getByRole('link', { name: 'Case notes', exact: true }).click();
      await page.getByLabel('A clinic').check();
      await page.getByLabel('Clinics on').fill(formatUkDate(session.date));
      await page.getByLabel('Clinics on').blur();
      await page.getByLabel('Clinic', { exact: true }).selectOption(session.id);

      // The scans, offline: each one a number and Enter in the box that keeps the focus.
      await desk.goOffline();
      const scanBox = page.getByLabel('Scan or type the barcode');
      await expect.poll(() => scanBox.evaluate((el) => el === document.activeElement)).toBe(true);
      const scanned = [a, b, c].flatMap((x) => x.volumes);
      for (const [i, volume] of scanned.entries()) {
        await page.keyboard.type(volume.barcode);
        await page.keyboard.press('Enter');
        await page
          .getByTestId('scan-log')
          .getByText(new RegExp(`now at ${session.name}`))
          .nth(i)
          .waitFor();
      }
      // A misread number is refused in words, and moves nothing.
      await page.keyboard.type('123456789');
      await page.keyboard.press('Enter');
      await page.getByText(/The number 123456789 is not a case-notes barcode/).waitFor();
      await shoot('case-notes-scan');
      await desk.goOnline();
      await desk.waitForStatus(/Online – all changes saved/);

      // The pull list for that day at KTC: three at the clinic, the fourth still in the library.
      await page.getByRole('link', { name: 'Notes pull list' }).click();
      // The case-notes page has a "Clinics on" field too: fill the pull list's, not that one.
      await page.waitForURL(/\/case-notes\/pull-list/);
      await page.getByLabel('Clinics on').fill(formatUkDate(session.date));
      await page.getByLabel('Clinics on').blur();
      const clinic = page.locator(`[data-testid="pull-clinic"][data-session="${session.id}"]`);
      const volumeLine = (v: CaseNoteVolume) =>
        clinic.locator(`[data-testid="pull-volume"][data-barcode="${v.barcode}"]`);
      const statusOf = (v: CaseNoteVolume) =>
        volumeLine(v).getByTestId('notes-tag').getAttribute('data-status');
      await expect.poll(() => statusOf(a.volumes[0]!)).toBe('at-clinic');
      for (const v of scanned) expect(await statusOf(v)).toBe('at-clinic');
      const lost = d.volumes[0]!;
      expect(await statusOf(lost)).toBe('in-library');

      // The fourth cannot be found on the shelf.
      const fourth = volumeLine(lost);
      await fourth.getByRole('button', { name: /Mark missing…/ }).click();
      await fourth.getByLabel(/looked for/).fill('Not on the KTC shelf; secretaries asked');
      await fourth.getByRole('button', { name: 'Mark missing', exact: true }).click();
      await expect.poll(() => statusOf(lost)).toBe('missing');
      await shoot('case-notes-pull-list');

      // The clinic list flags the patient; the printed list says so too.
      await clinic.getByRole('link', { name: session.name }).click();
      const row = page
        .getByTestId('slot-table')
        .getByRole('row', { name: new RegExp(formatPatientName(d.patient)) });
      await expect.poll(() => row.getByTestId('notes-tag').textContent()).toBe('Notes missing');
      const here = page
        .getByTestId('slot-table')
        .getByRole('row', { name: new RegExp(formatPatientName(a.patient)) });
      expect(await here.getByTestId('notes-tag').textContent()).toBe('Notes at clinic');
      await shoot('case-notes-clinic');
      await page.getByRole('link', { name: 'Print clinic list' }).click();
      const printed = page
        .getByTestId('clinic-list-print')
        .getByRole('row', { name: new RegExp(formatPatientName(d.patient)) });
      await expect.poll(() => printed.textContent()).toMatch(/NOTES MISSING/);

      // The patient's volume keeps its whole story: library, clinic (offline scan), missing.
      await page.getByRole('link', { name: '‹ Clinic' }).click();
      await page.getByRole('link', { name: 'Case notes', exact: true }).click();
      await page.getByRole('link', { name: 'Notes pull list' }).click();
      // The case-notes page has a "Clinics on" field too: fill the pull list's, not that one.
      await page.waitForURL(/\/case-notes\/pull-list/);
      await page.getByLabel('Clinics on').fill(formatUkDate(session.date));
      await page.getByLabel('Clinics on').blur();
      await clinic.getByRole('link', { name: formatPatientName(a.patient) }).click();
      const history = page.getByTestId('volume-history').first();
      await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
      expect(await history.locator('tbody tr').first().textContent()).toContain(session.name);
      await shoot('case-notes-patient');
    } finally {
      await device.close();
    }
  }, 240_000);
});
