// Cold start (issue 10): the app reloaded offline, served by its service worker, with the
// department in IndexedDB. It opens locked, so two intervals are timed in the page: from the
// navigation's start to the PIN screen drawn, and from the tap on Unlock (PIN already typed)
// to the first frame after the day's clinics are listed. Unlocking includes the PIN's key
// derivation (PBKDF2-SHA256, 600,000 iterations, ADR 0003) on purpose.
import { TEST_PIN } from '../fixtures.ts';
import type { DeskPage } from '../page-models/desk-page.ts';

/** Runs in every document of the context: records when the lock screen and worklist appear. */
const WATCHER = `
  window.__cold = {};
  document.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest('button')?.textContent?.trim() === 'Unlock')
      window.__cold.unlockTap = e.timeStamp;
  }, true);
  new MutationObserver((_, observer) => {
    const c = window.__cold;
    if (c.lockShown === undefined && document.querySelector('input[type="password"], input[inputmode="numeric"]')) {
      requestAnimationFrame(() => (c.lockShown = performance.now()));
      c.lockShown = null;
    }
    const rows = document.querySelector('[data-testid="clinic-list"] tbody tr');
    const none = [...document.querySelectorAll('main p.inset')].some((p) => p.textContent.startsWith('No clinics'));
    if (c.unlockTap !== undefined && (rows || none)) {
      observer.disconnect();
      requestAnimationFrame(() => (c.worklist = performance.now()));
    }
  }).observe(document, { childList: true, subtree: true });`;

export interface ColdStart {
  lockScreenMs: number;
  unlockToWorklistMs: number;
}

/** Reloads the app offline `runs` times and times each start. Leaves the device online. */
export async function timeColdStarts(desk: DeskPage, runs: number): Promise<ColdStart[]> {
  const { page } = desk;
  // The first visit is not controlled by the service worker: load once more, online.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await desk.unlock();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await desk.context.addInitScript(WATCHER);
  await desk.goOffline();
  const results: ColdStart[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await page.reload();
      await page.getByLabel('Your PIN').fill(TEST_PIN);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.waitForFunction(
        () => (window as never as { __cold: { worklist?: number } }).__cold.worklist,
        undefined,
        {
          timeout: 60_000,
        },
      );
      const c = (await page.evaluate('window.__cold')) as {
        lockShown: number;
        unlockTap: number;
        worklist: number;
      };
      results.push({ lockScreenMs: c.lockShown, unlockToWorklistMs: c.worklist - c.unlockTap });
    }
  } finally {
    await desk.goOnline();
  }
  return results;
}
