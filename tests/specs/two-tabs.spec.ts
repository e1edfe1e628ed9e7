import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

interface SyncCall {
  tab: 'first' | 'second';
  path: string;
  mutations: number;
  start: number;
  end: number;
}

/**
 * Records every sync request a tab makes, with when it started and when its answer came. While
 * `parking` is on, the first request is held back until `release()`, so a sync round stays open.
 * Resolves once the browser routes the tab's requests: a request sent before that would pass
 * unrecorded (CI once saw the booking's push go by unseen this way).
 */
async function watchSync(page: Page, tab: SyncCall['tab'], calls: SyncCall[]) {
  const parked: (() => void)[] = [];
  const state = { parking: false };
  await page.route('**/api/sync/**', async (route) => {
    const request = route.request();
    const body = request.postData();
    const call: SyncCall = {
      tab,
      path: new URL(request.url()).pathname,
      mutations: body ? (JSON.parse(body) as { mutations: unknown[] }).mutations.length : 0,
      start: Date.now(),
      end: Infinity,
    };
    calls.push(call);
    if (state.parking) {
      state.parking = false;
      await new Promise<void>((resolve) => parked.push(resolve));
    }
    const response = await route.fetch();
    call.end = Date.now();
    await route.fulfill({ response });
  });
  return {
    park() {
      state.parking = true;
    },
    parkedCount: () => parked.length,
    release() {
      state.parking = false;
      for (const resume of parked.splice(0)) resume();
    },
  };
}

describe('two tabs of one browser', () => {
  it('shows a booking made in one tab in the other without a reload, and syncs from one tab at a time', async () => {
    const device = await openDevice();
    try {
      const first = new DeskPage(device.page, device.context, server.url);
      await first.openAndInstall('coordinator');
      // The second tab's sync every 30 s is switched off: what it shows of the first tab's
      // edits then comes from IndexedDB's live queries alone.
      const second = await first.openAnotherTab('/waiting-list', (page) =>
        page.addInitScript(() => {
          const every = window.setInterval;
          window.setInterval = ((run: () => void, ms?: number) =>
            ms === 30_000 ? 0 : every(run, ms)) as typeof window.setInterval;
        }),
      );
      await second.waitForStatus(/Online – all changes saved/);

      // Offline, so the second tab can learn of the booking only from IndexedDB, not a pull.
      await first.goOffline();
      await first.openWaitingList();
      const firstRow = first.page.getByTestId('waiting-list').locator('tbody tr').first();
      const nhsNumber = ((await firstRow.getByText(/^NHS /).textContent()) ?? '')
        .replace('NHS ', '')
        .trim();
      await second.page.getByLabel('Find a patient').fill(nhsNumber);
      await second.page.getByTestId('waiting-list').locator('tbody tr').first().waitFor();
      await second.page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));

      const booking = await first.bookFirstWaitingPatient(0);
      expect(booking.nhsNumber).toBe(nhsNumber);
      await second.page.getByText('Nobody on the waiting list matches').waitFor();
      // Its sync indicator counts the edits queued in the other tab.
      await second.waitForStatus(/Offline – 2 changes waiting to sync/);
      expect(
        await second.page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded),
      ).toBe(true);

      // Back online both tabs want to sync at once. Hold the first request of whichever tab
      // goes first: the other tab must send nothing until that round is over.
      const calls: SyncCall[] = [];
      const watchers = await Promise.all([
        watchSync(first.page, 'first', calls),
        watchSync(second.page, 'second', calls),
      ]);
      for (const w of watchers) w.park();
      await first.goOnline();
      await expect
        .poll(() => watchers[0]!.parkedCount() + watchers[1]!.parkedCount(), { timeout: 10_000 })
        .toBe(1);
      const holder = calls[0]!.tab;
      const other = holder === 'first' ? second : first;
      // The other tab heard 'online' too: it waits behind the lock instead of pushing the queue.
      await other.page.waitForTimeout(1_500);
      expect(calls.filter((c) => c.tab !== holder)).toEqual([]);
      const locks = await other.page.evaluate(() => navigator.locks.query());
      expect(locks.held?.map((l) => l.name)).toEqual(['clinicdesk-sync']);
      expect(locks.pending?.some((l) => l.name === 'clinicdesk-sync')).toBe(true);

      for (const w of watchers) w.release();
      await first.waitForStatus(/Online – all changes saved/);
      await second.waitForStatus(/Online – all changes saved/);
      await expect
        .poll(() => calls.filter((c) => c.tab !== holder).length, { timeout: 10_000 })
        .toBeGreaterThan(0);
      expect(calls[0]!.end).toBeLessThanOrEqual(calls.find((c) => c.tab !== holder)!.start);

      // No request of one tab overlaps a request of the other, and the booking went up once.
      for (const a of calls.filter((c) => c.tab === 'first'))
        for (const b of calls.filter((c) => c.tab === 'second'))
          expect(a.end <= b.start || b.end <= a.start, JSON.stringify([a, b])).toBe(true);
      console.log(
        'two tabs, sync requests:',
        JSON.stringify(calls.map((c) => [c.tab, c.path, c.mutations])),
      );
      const pushes = calls.filter((c) => c.path.endsWith('/push') && c.mutations > 0);
      expect(pushes.map((c) => c.mutations)).toEqual([2]);
    } finally {
      await device.close();
    }
  });
});
