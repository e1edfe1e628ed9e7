// Local booking (issue 10): from the tap that books a slot to the first animation frame after
// both the confirmation is on screen and the edit is written to the outbox, in the page.
import type { Page } from 'playwright-core';
import type { DeskPage } from '../page-models/desk-page.ts';

/** Listens for clicks (capture phase) so the page knows when the last tap happened. */
const INSTALL = `
  if (!window.__taps) {
    window.__taps = [];
    document.addEventListener('click', (e) => window.__taps.push(e.timeStamp), true);
  }`;

/**
 * Resolves with the time of the first frame after the confirmation appears and the app's
 * `clinicdesk:edit-queued` mark (set when mutate's transaction has committed) is newer than
 * the last tap; returns that frame's time minus the tap's.
 */
const WATCH = `
  window.__booked = new Promise((resolve) => {
    const done = () => {
      const tap = window.__taps[window.__taps.length - 1];
      const queued = performance.getEntriesByName('clinicdesk:edit-queued')[0];
      const shown = document.querySelector('[data-testid="booking-confirmation"]');
      if (!shown || !queued || queued.startTime < tap || queued.detail.name !== 'appointment.book')
        return false;
      observer.disconnect();
      requestAnimationFrame(() =>
        resolve({ ms: performance.now() - tap, queuedMs: queued.startTime - tap }),
      );
      return true;
    };
    const observer = new MutationObserver(done);
    observer.observe(document.body, { childList: true, subtree: true });
  });
  undefined;`;

export interface BookingTiming {
  ms: number;
  queuedMs: number;
  warned: boolean;
}

async function bookOnce(desk: DeskPage): Promise<BookingTiming> {
  const page: Page = desk.page;
  await page.getByRole('link', { name: 'Waiting list', exact: true }).click();
  const row = page.getByTestId('waiting-list').locator('tbody tr').first();
  await row.getByRole('link', { name: /^Book/ }).click();
  const slot = page.getByTestId('slot-picker').locator('tbody tr').first();
  await slot.waitFor();
  await page.evaluate(INSTALL);
  await page.evaluate(WATCH);
  await slot.getByRole('button', { name: /^Book/ }).click();
  const confirmation = page.getByTestId('booking-confirmation');
  const warnings = page.getByTestId('policy-warnings');
  await warnings.or(confirmation).first().waitFor();
  const warned = await warnings.isVisible();
  // A warned booking is made by the tap that gives the reasons: time that one.
  if (warned) await desk.answerPolicyWarnings(confirmation);
  const timing = (await page.evaluate('window.__booked')) as { ms: number; queuedMs: number };
  return { ...timing, warned };
}

/** Books `count` waiting patients one after another, each into the first free slot offered. */
export async function timeBookings(desk: DeskPage, count: number): Promise<BookingTiming[]> {
  const timings: BookingTiming[] = [];
  for (let i = 0; i < count; i++) timings.push(await bookOnce(desk));
  return timings;
}
