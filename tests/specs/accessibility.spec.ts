import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  TEST_PIN,
  openDevice,
  startServer,
  type RunningServer,
} from '../fixtures.ts';
import {
  axeViolations,
  describeViolations,
  seriousOnly,
  smallTouchTargets,
} from '../page-models/axe.ts';
import { DeskPage } from '../page-models/desk-page.ts';
import { focused, tabTo } from '../page-models/keyboard.ts';

// Issue 8: WCAG 2.2 AA. Every main screen is opened the way a user would (menu and page
// links; a reload would lock the device) and checked with axe-core at tablet and laptop size;
// no serious or critical violation may remain. On the tablet, buttons and fields are 44 px.

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ referrals: 600 });
});
afterAll(async () => {
  await server?.stop();
});

const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 768, height: 1024 };

const NEW_ADMIN_PASSWORD = 'seven brass lanterns at dawn';
/** Whether an earlier test has already replaced the administrator's one-time password. */
let adminChanged = false;

type Role = 'coordinator' | 'manager' | 'admin';

/** Clicks a link of the main menu (its label may carry a count, e.g. "Rebook (3)"). */
async function menu(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${label}( \\(\\d+\\))?$`) })
    .click();
}

/** Clicks the first link in the page's main content whose address starts with `prefix`. */
async function firstLink(page: Page, prefix: string): Promise<void> {
  await page.locator(`main a[href^="${prefix}"]`).first().click();
}

/**
 * Follows an in-app link to a screen that has none on the page just now (conflicts appear in
 * the menu only while there are some): the app's router takes the click, as it would a link's.
 */
async function follow(page: Page, href: string): Promise<void> {
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    document.querySelector('main')?.append(a);
    a.click();
    a.remove();
  }, href);
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * The screens checked, in the order visited (each starts from where the one before it left
 * off). A new screen is one line: its name, who may see it, and how a user gets there.
 */
// prettier-ignore
const SCREENS: { name: string; as: Role; open: (page: Page) => Promise<void> }[] = [
  { name: 'Clinics (day)', as: 'coordinator', open: async (p) => { await menu(p, 'Clinics'); await heading(p, /^Clinics on/); } },
  { name: 'Clinics week', as: 'coordinator', open: async (p) => { await clinicsTab(p, 'Week'); await heading(p, /^Week of/); } },
  { name: 'Clinic page', as: 'coordinator', open: async (p) => { await p.getByTestId('week-grid').locator('a').first().click(); await p.getByRole('link', { name: 'Print clinic list' }).waitFor(); } },
  { name: 'Clinic print page', as: 'coordinator', open: async (p) => { await p.getByRole('link', { name: 'Print clinic list' }).click(); await p.waitForURL(/\/print$/); await p.locator('main h1').waitFor(); } },
  { name: 'Vacancies', as: 'coordinator', open: async (p) => { await menu(p, 'Clinics'); await clinicsTab(p, 'Vacancies'); await heading(p, 'Clinic vacancies'); } },
  { name: 'Short-notice list', as: 'coordinator', open: async (p) => { await clinicsTab(p, 'Short notice'); await heading(p, 'Short-notice list'); } },
  { name: 'Clinician leave', as: 'coordinator', open: async (p) => { await clinicsTab(p, 'Leave'); await heading(p, 'Clinician leave'); } },
  { name: 'Clinic templates', as: 'coordinator', open: async (p) => { await clinicsTab(p, 'Templates'); await heading(p, 'Clinic templates'); } },
  { name: 'Rebook worklist', as: 'coordinator', open: async (p) => { await menu(p, 'Rebook'); await heading(p, 'Rebook worklist'); } },
  { name: 'Waiting list', as: 'coordinator', open: async (p) => { await menu(p, 'Waiting list'); await p.getByTestId('waiting-list').locator('tbody tr').first().waitFor(); } },
  { name: 'Booking page', as: 'coordinator', open: async (p) => { await firstLink(p, '/waiting-list/'); await p.getByTestId('slot-picker').locator('tbody tr').first().waitFor(); } },
  { name: 'Policy warnings', as: 'coordinator', open: async (p) => { await p.getByTestId('slot-picker').locator('tbody tr').first().getByRole('button', { name: /^Book/ }).click(); await p.getByTestId('policy-warnings').or(p.getByTestId('booking-confirmation')).first().waitFor(); } },
  { name: 'Booking confirmation', as: 'coordinator', open: async (p) => { await new DeskPage(p, p.context(), '').answerPolicyWarnings(p.getByTestId('booking-confirmation')); await p.getByTestId('booking-confirmation').waitFor(); } },
  { name: 'Triage', as: 'coordinator', open: async (p) => { await menu(p, 'Triage'); await heading(p, 'Referrals to triage'); } },
  { name: 'PTL', as: 'coordinator', open: async (p) => { await menu(p, 'PTL'); await p.getByTestId('ptl-row').first().waitFor(); } },
  { name: 'Pathway page', as: 'coordinator', open: async (p) => { await firstLink(p, '/pathways/'); await p.getByRole('link', { name: '‹ Patient tracking list' }).waitFor(); } },
  { name: 'Follow-ups', as: 'coordinator', open: async (p) => { await menu(p, 'Follow-ups'); await heading(p, /^Waiting for review/); } },
  { name: 'Clinical reviews', as: 'coordinator', open: async (p) => { await menu(p, 'Reviews'); await heading(p, 'Clinical reviews'); } },
  { name: 'Day cases', as: 'coordinator', open: async (p) => { await menu(p, 'Day cases'); await heading(p, 'Day cases'); } },
  { name: 'Day-case report', as: 'coordinator', open: async (p) => { await p.getByRole('link', { name: 'This week’s report' }).click(); await heading(p, /^Day-case lists/); } },
  { name: 'Letters', as: 'coordinator', open: async (p) => { await menu(p, 'Letters'); await heading(p, 'Unsent letters'); } },
  { name: 'A letter', as: 'coordinator', open: async (p) => { await firstLink(p, '/letters/'); await p.getByRole('link', { name: '‹ Letters' }).waitFor(); } },
  { name: 'Validation', as: 'coordinator', open: async (p) => { await menu(p, 'Validation'); await heading(p, 'Pathways to validate'); } },
  { name: 'Conflicts', as: 'coordinator', open: async (p) => { await follow(p, '/conflicts'); await heading(p, 'Conflicts to resolve'); } },
  { name: 'This device', as: 'coordinator', open: async (p) => { await p.getByRole('link', { name: 'This device' }).click(); await heading(p, 'This device'); } },
  { name: 'Add a referral', as: 'coordinator', open: async (p) => { await menu(p, 'Add referral'); await heading(p, 'Add a referral'); } },
  { name: 'Add a referral, with errors', as: 'coordinator', open: async (p) => { await p.getByRole('button', { name: 'Add referral' }).click(); await p.locator('main [role="alert"], main .error-message').first().waitFor(); } },
  // Issues 8 and 9: the desk, My work, calls, case notes, reports and data quality.
  { name: 'Today at the desk', as: 'coordinator', open: async (p) => { await menu(p, 'Today at the desk'); await heading(p, 'Today at the desk'); } },
  { name: 'My work', as: 'coordinator', open: async (p) => { await menu(p, 'My work'); await heading(p, 'My work'); } },
  { name: 'Contact log', as: 'coordinator', open: async (p) => { await menu(p, 'Contact log'); await heading(p, 'Contact log'); } },
  { name: 'Case notes', as: 'coordinator', open: async (p) => { await menu(p, 'Case notes'); await heading(p, 'Case notes'); } },
  { name: 'Notes pull list', as: 'coordinator', open: async (p) => { await p.getByRole('link', { name: 'Notes pull list' }).click(); await heading(p, 'Notes pull list'); } },
  { name: 'Reports', as: 'coordinator', open: async (p) => { await menu(p, 'Reports'); await p.getByTestId('dna-total').waitFor(); } },
  { name: 'Chaplaincy list', as: 'coordinator', open: async (p) => { await p.getByRole('link', { name: 'chaplaincy list' }).click(); await heading(p, 'Chaplaincy list'); } },
  { name: 'Data quality', as: 'coordinator', open: async (p) => { await menu(p, 'Data quality'); await heading(p, 'Data quality'); } },
  { name: 'The team’s work', as: 'manager', open: async (p) => { await menu(p, 'My work'); await p.getByRole('link', { name: 'The team’s work and cover' }).click(); await heading(p, 'The team’s work'); } },
  { name: 'Import from the PAS', as: 'manager', open: async (p) => { await menu(p, 'Import'); await heading(p, 'Import from the PAS'); } },
  { name: 'Trust settings', as: 'manager', open: async (p) => { await menu(p, 'Settings'); await heading(p, 'Trust settings'); } },
  { name: 'Letter wording', as: 'manager', open: async (p) => { await p.getByRole('link', { name: 'Change the wording of letters' }).click(); await heading(p, 'Letter wording'); } },
  { name: 'Overrides report', as: 'manager', open: async (p) => { await menu(p, 'Settings'); await p.getByRole('link', { name: 'Access policy overrides report' }).click(); await heading(p, 'Access policy overrides'); } },
  { name: 'Audit trail', as: 'manager', open: async (p) => { await menu(p, 'Audit'); await heading(p, 'Audit trail'); } },
  { name: 'Manage users', as: 'admin', open: async (p) => { await menu(p, 'Users'); await heading(p, 'Manage users'); } },
];

/** The clinic scheduling screens' own row of tabs. */
async function clinicsTab(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Clinic scheduling' })
    .getByRole('link', { name: label, exact: true })
    .click();
}

/** Signs in on a fresh device, checking the sign-in, set-PIN and PIN-lock screens on the way. */
async function signInChecking(
  desk: DeskPage,
  user: Role,
  check: (screen: string) => Promise<void>,
) {
  const page = desk.page;
  await page.goto(server.url + '/');
  if (user === 'admin') {
    // An administrator sees no patient data (no PIN) and first replaces the one-time password.
    await page.getByLabel('Username').fill('admin');
    await page
      .getByLabel('Password')
      .fill(adminChanged ? NEW_ADMIN_PASSWORD : (server.adminPassword ?? ''));
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (adminChanged) {
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return;
    }
    await page.getByLabel('Current password').waitFor();
    await check('Choose a new password');
    await page.getByLabel('Current password').fill(server.adminPassword ?? '');
    await page.getByLabel('New password', { exact: true }).fill(NEW_ADMIN_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    adminChanged = true;
    return;
  }
  await page.getByLabel('Username').waitFor();
  await check('Sign in');
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('New PIN').waitFor();
  await check('Set a PIN');
  await page.getByLabel('New PIN').fill(TEST_PIN);
  await page.getByLabel('Enter the same PIN again').fill(TEST_PIN);
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.getByLabel('Your PIN').waitFor();
  await check('PIN lock');
  await desk.unlock();
  await desk.waitForStatus(/Online – all changes saved/);
}

describe('the axe check', () => {
  it('finds what it is meant to find (a nameless button, faint text)', async () => {
    const device = await openDevice(LAPTOP);
    try {
      await device.page.setContent(
        '<html lang="en"><title>t</title><main><button></button>' +
          '<p style="color:#ccc;background:#fff">faint</p></main></html>',
      );
      const ids = seriousOnly(await axeViolations(device.page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
    } finally {
      await device.close();
    }
  });
});

describe('accessibility on the tablet and the laptop', () => {
  // One device a user: signed in on the tablet (where the sign-in, PIN and lock screens are
  // used, and their touch targets checked), every screen checked there, then the window
  // widened to a laptop's and every screen checked again. A device each size took 3 sign-ins
  // and about 20 s more of every run.
  it.each(['coordinator', 'manager', 'admin'] as const)(
    'has no serious WCAG 2.2 AA violation on the screens a %s uses',
    async (user) => {
      const device = await openDevice(TABLET);
      let size: 'tablet' | 'laptop' = 'tablet';
      const problems: string[] = [];
      const small: string[] = [];
      const check = async (screen: string) => {
        // A11Y_SHOTS=1 keeps a screenshot of every screen checked, to look at by eye.
        if (process.env['A11Y_SHOTS']) {
          const file = `clinicdesk-a11y-${size}-${screen.replace(/\W+/g, '-')}.png`;
          await device.page.screenshot({ path: join(tmpdir(), file) });
        }
        const found = seriousOnly(await axeViolations(device.page));
        if (found.length) problems.push(describeViolations(`${screen} (${size})`, found));
        if (size === 'tablet') {
          const seen = new Set<string>();
          for (const t of await smallTouchTargets(device.page)) {
            const line = `${screen}: ${t.element} is ${t.width}x${t.height} (e.g. "${t.text}")`;
            if (!seen.has(`${t.element} ${t.width}x${t.height}`)) small.push(line);
            seen.add(`${t.element} ${t.width}x${t.height}`);
          }
        }
      };
      try {
        const desk = new DeskPage(device.page, device.context, server.url);
        await signInChecking(desk, user, user === 'manager' ? async () => {} : check);
        for (const [nextSize, viewport] of [
          ['tablet', TABLET],
          ['laptop', LAPTOP],
        ] as const) {
          size = nextSize;
          await device.page.setViewportSize(viewport);
          for (const screen of SCREENS.filter((s) => s.as === user)) {
            await screen.open(device.page);
            await check(screen.name);
          }
        }
      } finally {
        await device.page.screenshot({
          path: join(tmpdir(), `clinicdesk-a11y-${size}-${user}.png`),
        });
        await device.close();
      }
      expect(problems.join('\n'), 'serious or critical axe violations').toBe('');
      expect(small, 'touch targets under 44x44 px on the tablet').toEqual([]);
    },
  );
});

describe('the keyboard on the laptop', () => {
  it('books a waiting patient with the keyboard alone, the focus always visible', async () => {
    const device = await openDevice(LAPTOP);
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      const page = device.page;
      // As on a fresh page load: the keyboard starts from the top of the document.
      await page.evaluate(() => {
        document.body.tabIndex = -1;
        document.body.focus();
        document.body.removeAttribute('tabindex');
      });

      // The first Tab reaches the skip link, shown on screen; Enter moves focus to the content.
      await page.keyboard.press('Tab');
      expect((await focused(page))?.name).toBe('Skip to main content');
      const skip = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
      expect(skip?.x).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

      // Back up into the menu, open the waiting list, and a patient's booking page.
      await tabTo(page, /^Waiting list$/, { backwards: true });
      await page.keyboard.press('Enter');
      await page.getByTestId('waiting-list').locator('tbody tr').first().waitFor();
      const patient = (await tabTo(page, /^Book /)).name.replace(/^Book /, '');
      await page.keyboard.press('Enter');
      await page.getByTestId('slot-picker').locator('tbody tr').first().waitFor();

      // Choose the first free slot; answer the policy's warnings, if any, with Space and typing.
      await tabTo(page, /^Book \d\d\/\d\d\/\d{4}/);
      await page.keyboard.press('Enter');
      const confirmation = page.getByTestId('booking-confirmation');
      const warnings = page.getByTestId('policy-warnings');
      await warnings.or(confirmation).first().waitFor();
      if (await warnings.isVisible()) {
        expect((await focused(page))?.name).toMatch(/^Check the access policy/);
        for (let i = 0; i < 20; i++) {
          const now = await tabTo(page, /./);
          if (now.name === 'The patient agrees to this sooner date')
            await page.keyboard.press('Space');
          if (now.name === 'Reason for going ahead') await page.keyboard.type('Clinically urgent');
          if (now.name === 'Book with these reasons') break;
        }
        await page.keyboard.press('Enter');
      }
      await confirmation.waitFor();
      expect(await confirmation.textContent()).toContain(patient);
      // Focus lands on the confirmation, and the next Tab on its first action.
      expect((await focused(page))?.name).toBe('Booked');
      expect((await tabTo(page, /./)).name).toBe('Back to the waiting list');
      await page.screenshot({ path: join(tmpdir(), 'clinicdesk-keyboard-booked.png') });
    } finally {
      await device.close();
    }
  });
});
