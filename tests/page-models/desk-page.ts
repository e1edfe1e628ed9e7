import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, TEST_PIN } from '../fixtures.ts';

/** The ClinicDesk app on one device, driven as a co-ordinator would. */
export class DeskPage {
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly baseUrl: string,
  ) {}

  status() {
    return this.page.getByTestId('sync-status');
  }

  async statusText(): Promise<string> {
    return (await this.status().textContent())?.trim() ?? '';
  }

  /** Signs in with a password and, the first time on this device, sets the PIN. */
  async signIn(username: string): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(DEMO_PASSWORD);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    const pin = this.page.getByLabel('New PIN');
    const app = this.page.getByRole('button', { name: 'Sign out' });
    await pin.or(app).waitFor();
    if (await pin.isVisible()) {
      await pin.fill(TEST_PIN);
      await this.page.getByLabel('Enter the same PIN again').fill(TEST_PIN);
      await this.page.getByRole('button', { name: 'Set PIN' }).click();
    }
    await app.waitFor();
  }

  /** Unlocks a locked device with the PIN. */
  async unlock(pin = TEST_PIN): Promise<void> {
    await this.page.getByLabel('Your PIN').fill(pin);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
    await this.page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** Signs in, waits until the service worker controls the app and the first sync is done. */
  async openAndInstall(username: string): Promise<void> {
    await this.page.goto(this.baseUrl + '/');
    await this.signIn(username);
    await this.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await this.page.reload();
    await this.unlock();
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await this.waitForStatus(/Online – all changes saved/);
    // Receptionists land on today's desk (issue 8), everyone else on the clinics of the day.
    await this.page
      .getByTestId('clinic-list')
      .or(this.page.getByTestId('desk-day'))
      .first()
      .waitFor();
  }

  /**
   * Opens the app in another tab of the same browser (same IndexedDB), unlocked with the PIN.
   * `beforeLoad` prepares the tab (an init script, say) before the app loads in it.
   */
  async openAnotherTab(
    path = '/',
    beforeLoad: (page: Page) => Promise<unknown> = async () => {},
  ): Promise<DeskPage> {
    const page = await this.context.newPage();
    page.on('pageerror', (e) => console.error('page error (second tab):', e.message));
    await beforeLoad(page);
    const tab = new DeskPage(page, this.context, this.baseUrl);
    await page.goto(this.baseUrl + path);
    await tab.unlock();
    return tab;
  }

  async waitForStatus(pattern: RegExp, timeout = 30_000): Promise<void> {
    await this.page.waitForFunction(
      ([source, flags]) =>
        new RegExp(source, flags).test(
          document.querySelector('[data-testid="sync-status"]')?.textContent ?? '',
        ),
      [pattern.source, pattern.flags] as const,
      { timeout },
    );
  }

  /**
   * When the access policy warns about a booking (issue 7), gives the reasons a co-ordinator
   * would — the patient agrees to the sooner date; clinical priority for booking out of turn —
   * and books. Does nothing when the booking went ahead without a warning (`done` appears).
   */
  async answerPolicyWarnings(
    done: Locator,
    beforeBooking: () => Promise<void> = async () => {},
  ): Promise<boolean> {
    const warnings = this.page.getByTestId('policy-warnings');
    await warnings.or(done).first().waitFor();
    if (!(await warnings.isVisible())) return false;
    const agree = warnings.getByLabel('The patient agrees to this sooner date');
    if (await agree.count()) await agree.check();
    for (const reason of await warnings.getByLabel('Reason for going ahead').all()) {
      await reason.fill('Clinical priority agreed with the consultant');
    }
    await beforeBooking();
    await warnings.getByRole('button', { name: 'Book with these reasons' }).click();
    return true;
  }

  async goOffline(): Promise<void> {
    await this.context.setOffline(true);
  }

  async goOnline(): Promise<void> {
    await this.context.setOffline(false);
  }

  async openWaitingList(): Promise<void> {
    await this.page.getByRole('link', { name: 'Waiting list', exact: true }).click();
    await this.page.getByTestId('waiting-list').locator('tbody tr').first().waitFor();
  }

  /** Shows only one priority on the waiting list (by its label, e.g. 'Routine'). */
  async filterWaitingList(priorityLabel: string): Promise<void> {
    const select = this.page.getByLabel('Priority');
    const value = await select.locator('option', { hasText: priorityLabel }).getAttribute('value');
    await select.selectOption(value ?? '');
  }

  /**
   * On the booking page, books the first free slot offered, answering any access-policy
   * warning as a co-ordinator would, and waits for the confirmation.
   */
  async bookFirstSlotOffered(): Promise<void> {
    await this.page
      .getByTestId('slot-picker')
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: /^Book/ })
      .click();
    const confirmation = this.page.getByTestId('booking-confirmation');
    await this.answerPolicyWarnings(confirmation);
    await confirmation.waitFor();
  }

  /** Books the patient on the given row of the waiting list into the first free slot offered. */
  async bookFirstWaitingPatient(row = 0): Promise<{
    patient: string;
    confirmation: string;
    sessionHref: string;
    slot: string;
    nhsNumber: string;
  }> {
    const patientRow = this.page.getByTestId('waiting-list').locator('tbody tr').nth(row);
    await patientRow.waitFor();
    const patient = ((await patientRow.locator('strong').textContent()) ?? '').trim();
    const nhsNumber = ((await patientRow.getByText(/^NHS /).textContent()) ?? '')
      .replace('NHS ', '')
      .trim();
    await patientRow.getByRole('link', { name: /^Book/ }).click();
    const slotRow = this.page.getByTestId('slot-picker').locator('tbody tr').first();
    await slotRow.waitFor();
    const cells = await slotRow.locator('td').allTextContents();
    const slot = cells.slice(0, 4).join(' | ');
    await slotRow.getByRole('button', { name: /^Book/ }).click();
    const confirmation = this.page.getByTestId('booking-confirmation');
    await this.answerPolicyWarnings(confirmation);
    await confirmation.waitFor();
    const sessionHref =
      (await confirmation.getByRole('link', { name: 'See the clinic' }).getAttribute('href')) ?? '';
    return {
      patient,
      nhsNumber,
      confirmation: (await confirmation.textContent()) ?? '',
      sessionHref,
      slot,
    };
  }
}
