// Local booking (issue 10): from the tap that books a slot to the first animation frame after
// both the confirmation is on screen and the edit is written to the outbox, in the page.
import type { Locator, Page } from 'playwright-core';
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

/**
 * The raw floor of a booking on this machine, in the same page: a button of its own whose
 * click opens a read-write transaction (strict durability, as the app's edits) on a database
 * of its own, reads a counter, writes it, an appointment and an outbox entry, and when the
 * transaction completes puts a line in the DOM. Same measure as a booking: from the click to
 * the first animation frame after both. No app code runs, so what is left is the browser's:
 * the frame the tap itself causes (IndexedDB answers after it), the commit, the next frame.
 */
const FLOOR = `
  if (!window.__floor) {
    window.__floor = { times: [] };
    const open = indexedDB.open('clinicdesk-bench-floor', 1);
    open.onupgradeneeded = () => {
      for (const store of ['meta', 'appointments', 'outbox'])
        open.result.createObjectStore(store, { keyPath: 'id' });
    };
    open.onsuccess = () => { window.__floor.db = open.result; };
    const button = document.createElement('button');
    button.textContent = 'Raw floor';
    button.dataset.testid = 'bench-floor';
    button.style.cssText = 'position:fixed;right:0;bottom:0;z-index:9999';
    const line = document.createElement('output');
    button.after(line);
    button.addEventListener('click', (e) => {
      const tap = e.timeStamp;
      const tx = window.__floor.db.transaction(['meta', 'appointments', 'outbox'], 'readwrite', { durability: 'strict' });
      const counter = tx.objectStore('meta').get('seq');
      counter.onsuccess = () => {
        const seq = (counter.result?.value ?? 0) + 1;
        tx.objectStore('meta').put({ id: 'seq', value: seq });
        tx.objectStore('appointments').put({ id: 'a' + seq, slotId: 's' + seq, patientId: 'p' + seq, status: 'booked', notes: 'x'.repeat(400) });
        tx.objectStore('outbox').put({ id: seq, name: 'appointment.book', args: { slotId: 's' + seq, text: 'y'.repeat(600) } });
      };
      tx.oncomplete = () => {
        line.textContent = 'Booked ' + String((counter.result?.value ?? 0) + 1);
        requestAnimationFrame(() => window.__floor.times.push(performance.now() - tap));
      };
    });
    document.body.append(button, line);
  }
  undefined;`;

export interface BookingTiming {
  ms: number;
  queuedMs: number;
  warned: boolean;
  /** The raw floor (see FLOOR) tapped on the same settled page just before this booking. */
  floorMs: number;
}

/** Ways to a booking page: the waiting list by priority, then the follow-up list. */
function bookingSources(desk: DeskPage): Array<() => Promise<void>> {
  const { page } = desk;
  const fromWaitingList = (priority: string) => async () => {
    await page.getByRole('link', { name: 'Waiting list', exact: true }).click();
    await desk.filterWaitingList(priority);
    const row = page.getByTestId('waiting-list').locator('tbody tr').first();
    await row.getByRole('link', { name: /^Book/ }).click();
  };
  const fromFollowUps = async () => {
    await page.getByRole('link', { name: 'Follow-ups', exact: true }).click();
    await page
      .getByRole('link', { name: /^Book follow-up/ })
      .first()
      .click();
  };
  return [...['Routine', 'Soon', 'Urgent', 'Two-week wait'].map(fromWaitingList), fromFollowUps];
}

/**
 * Opens the booking page of the first patient with a free slot to be offered (a department of
 * 100,000 rows has no new-patient slots left, only follow-up ones). Sources found without a
 * free slot are dropped.
 */
async function openBookable(desk: DeskPage, sources: Array<() => Promise<void>>): Promise<Locator> {
  const { page } = desk;
  while (sources.length > 0) {
    await sources[0]!();
    const slot = page.getByTestId('slot-picker').locator('tbody tr').first();
    await slot
      .or(page.getByText(/^No free slots of the right type/))
      .first()
      .waitFor({
        timeout: 120_000,
      });
    // The picker says there are none until its query has answered: give it time to.
    if (
      await slot.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      )
    )
      return slot;
    sources.shift();
  }
  throw new Error('No patient has a free slot to book');
}

/**
 * Waits as a person would before tapping: the device has sent its edits (opening a patient
 * records a view for the audit trail, which syncs) and the page has an idle moment, so the tap
 * is timed on a settled screen rather than in the wake of the page's own loading.
 */
async function settle(desk: DeskPage, beforeTap?: () => Promise<void>): Promise<void> {
  await desk.waitForStatus(/Online – all changes saved/, 60_000);
  await desk.page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 2000 })),
  );
  await beforeTap?.();
}

async function bookOnce(
  desk: DeskPage,
  sources: Array<() => Promise<void>>,
  beforeTap?: () => Promise<void>,
): Promise<BookingTiming> {
  const page: Page = desk.page;
  const slot = await openBookable(desk, sources);
  const floorMs = await tapFloor(desk);
  await page.evaluate(INSTALL);
  await page.evaluate(WATCH);
  await settle(desk, beforeTap);
  await slot.getByRole('button', { name: /^Book/ }).click();
  const confirmation = page.getByTestId('booking-confirmation');
  const warnings = page.getByTestId('policy-warnings');
  await warnings.or(confirmation).first().waitFor();
  const warned = await warnings.isVisible();
  // A warned booking is made by the tap that gives the reasons: time that one.
  if (warned) await desk.answerPolicyWarnings(confirmation, () => settle(desk, beforeTap));
  const timing = (await page.evaluate('window.__booked')) as { ms: number; queuedMs: number };
  return { ...timing, warned, floorMs };
}

/** The raw floor's state in the page (see FLOOR). */
type FloorWindow = { __floor: { db?: IDBDatabase; times: number[] } };

/** Taps the raw floor's button once on a settled page and returns its time. */
async function tapFloor(desk: DeskPage): Promise<number> {
  const { page } = desk;
  await page.evaluate(FLOOR);
  await page.waitForFunction(() => (window as unknown as FloorWindow).__floor.db !== undefined);
  const before = await page.evaluate(() => (window as unknown as FloorWindow).__floor.times.length);
  await settle(desk);
  await page.getByTestId('bench-floor').click();
  const timed = await page.waitForFunction(
    (n) => (window as unknown as FloorWindow).__floor.times[n],
    before,
  );
  return (await timed.jsonValue()) as number;
}

/** Books `count` waiting patients one after another, each into the first free slot offered. */
export async function timeBookings(
  desk: DeskPage,
  count: number,
  beforeTap?: () => Promise<void>,
): Promise<BookingTiming[]> {
  const timings: BookingTiming[] = [];
  const sources = bookingSources(desk);
  for (let i = 0; i < count; i++) timings.push(await bookOnce(desk, sources, beforeTap));
  return timings;
}
