// The patient tracking list at department and trust scale (issue 5): time from opening the PTL
// to its first screen of rows, and for a filter and a sort to redraw, in headless Chromium
// against the real server with the device holding every pathway. Prints a table; not a test.
// Run: pnpm bench:ptl   (BENCH_REFERRALS=3000,57000 by default: ~2,700 and ~50,000 open pathways;
// BENCH_SETTLE_MS=15000 leaves the device idle that long before the PTL's first open)
// The waiting list (the booking worklist) is timed the same way. `pnpm bench:device` runs
// `measurePtl` too and keeps its figures in bench/results/device.*.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { formatHlc } from '@clinicdesk/domain';
import { saveSections } from './device-results.ts';
import { pushOverApi, signInOverApi } from '../api-client.ts';
import { openDevice, startServer, TEST_PIN } from '../fixtures.ts';
import { DeskPage } from '../page-models/desk-page.ts';

const SIZES = (process.env['BENCH_REFERRALS'] ?? '3000,57000').split(',').map(Number);

/** Runs an action in the page and times it until `selector`'s text changes and a frame is drawn. */
async function timeRedraw(page: Page, selector: string, action: string): Promise<number> {
  return page.evaluate(
    async ([sel, act]) => {
      const target = document.querySelector(sel)!;
      const changed = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve();
        });
        observer.observe(target, { childList: true, subtree: true, characterData: true });
      });
      const started = performance.now();
      new Function(act)();
      await changed;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - started;
    },
    [selector, action] as const,
  );
}

/** Data quality's counts: shown once every patient and pathway has been read. */
const DATA_QUALITY_READY = '[data-testid="data-quality-counts"]';

/**
 * Taps the element matching `selector` whose text is `text`, and times it in the page to
 * `ready` in the DOM and the frame after.
 */
function timeTap(page: Page, selector: string, text: string, ready: string): Promise<number> {
  return page.evaluate(
    async ([selector, text, ready]) => {
      const target = [...document.querySelectorAll<HTMLElement>(selector)].find(
        (e) => e.textContent?.trim() === text,
      )!;
      const started = performance.now();
      target.click();
      await new Promise<void>((resolve) => {
        const check = () =>
          document.querySelector(ready) ? resolve() : requestAnimationFrame(check);
        check();
      });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - started;
    },
    [selector, text, ready] as const,
  );
}

/**
 * Opens a menu link from the clinics page and times it to `ready` in the DOM and a frame: the
 * best of `runs` opens.
 */
async function timeOpen(page: Page, linkText: string, ready: string, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    await page.getByRole('link', { name: 'Clinics', exact: true }).click();
    await page.getByTestId('clinic-list').waitFor();
    times.push(await timeTap(page, 'nav a', linkText, ready));
  }
  return Math.min(...times);
}

/** The waiting list's first screen and a priority filter, on a device already synced. */
async function measureWaitingList(page: Page) {
  const firstScreen = await timeOpen(page, 'Waiting list', '[data-testid="waiting-list"] tbody tr');
  const count = 'main p.muted[aria-live="polite"]';
  await page.waitForFunction(
    (sel) => /of [1-9]/.test(document.querySelector(sel)?.textContent ?? ''),
    count,
  );
  const waiting = Number(
    (await page.locator(count).textContent())?.match(/of ([\d,]+)/)?.[1]?.replace(/,/g, ''),
  );
  const select = `const s = document.querySelector('#priority'); s.value = 'routine'; s.dispatchEvent(new Event('change', { bubbles: true }));`;
  const filterMs = await timeRedraw(page, count, select);
  return { waiting, firstScreen, filterMs };
}

/** Starts counting the page's long tasks (over 50 ms of the main thread), afresh. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; longTaskObserver?: PerformanceObserver };
    w.longTasks = [];
    w.longTaskObserver?.disconnect();
    w.longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    });
    w.longTaskObserver.observe({ type: 'longtask' });
  });
}

/** The long tasks counted since `watchLongTasks`: how many, the longest and all together. */
async function longTasksSeen(page: Page) {
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  return {
    longTasks: tasks.length,
    longestMs: Math.max(0, ...tasks),
    totalMs: tasks.reduce((a, b) => a + b, 0),
  };
}

/** From the tap on PTL in the menu until the patient search is enabled (every name loaded). */
function namesReady(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const started = performance.now();
    (
      [...document.querySelectorAll('nav a')].find(
        (a) => a.textContent?.trim() === 'PTL',
      ) as HTMLAnchorElement
    ).click();
    await new Promise<void>((resolve) => {
      const check = () =>
        (document.querySelector('#f-text') as HTMLInputElement | null)?.disabled === false
          ? resolve()
          : requestAnimationFrame(check);
      check();
    });
    return performance.now() - started;
  });
}

/**
 * The raw floor of the morning's first PTL: the tables it reads whole (every patient, referral
 * and appointment) read by IndexedDB alone in the same page, as the app reads them (pages of
 * 250 by key, the tables side by side), with no Dexie, no opening of sealed rows and no work on
 * them. Run after the app's own read, on the same warm database.
 */
function rawWholeRead(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('clinicdesk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const started = performance.now();
    const readAll = async (store: string) => {
      let after: IDBValidKey | undefined;
      for (;;) {
        const rows = await new Promise<Array<{ id: string }>>((resolve, reject) => {
          const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
          const request = db
            .transaction(store, 'readonly')
            .objectStore(store)
            .getAll(range, 250) as IDBRequest<Array<{ id: string }>>;
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        if (rows.length < 250) return;
        after = rows[rows.length - 1]!.id;
      }
    };
    await Promise.all(['patients', 'referrals', 'appointments'].map(readAll));
    const ms = performance.now() - started;
    db.close();
    return ms;
  });
}

/**
 * Locks the device on the page it shows, waits on the lock screen a moment, and times the
 * Unlock tap to `ready` in the DOM and a frame (the PIN check included).
 */
async function timeUnlockTo(desk: DeskPage, ready: string): Promise<number> {
  const page = desk.page;
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Your PIN').fill(TEST_PIN);
  await page.waitForTimeout(2_000);
  return timeTap(page, 'button', 'Unlock', ready);
}

/** How long the device sits idle after an unlock before the PTL is opened. */
const IDLE_AFTER_UNLOCK_MS = 20_000;

/**
 * The device locked and unlocked again (a reload: the keys go, and everything kept with them),
 * then left on the clinics page while it reads ahead in idle moments (ADR 0012): its long tasks
 * over that time, then the PTL's open to its names.
 */
async function readAheadAfterUnlock(desk: DeskPage) {
  const page = desk.page;
  const unlockAgain = async () => {
    await page.getByRole('link', { name: 'Clinics', exact: true }).click();
    await page.getByTestId('clinic-list').waitFor();
    await page.reload();
    await desk.unlock();
    await page.getByTestId('clinic-list').waitFor();
    await page.evaluate('window.__name = (f) => f');
  };
  // The morning's first open: the PTL straight after the unlock, before reading ahead starts.
  await unlockAgain();
  const namesAtOnceMs = await namesReady(page);
  const rawReadMs = await rawWholeRead(page);
  await unlockAgain();
  await watchLongTasks(page);
  await page.waitForTimeout(IDLE_AFTER_UNLOCK_MS);
  const whileIdle = await longTasksSeen(page);
  const namesMs = await namesReady(page);
  // The idle lock of the working day (no reload): Lock, then the PTL at once after the unlock.
  await page.getByRole('link', { name: 'Clinics', exact: true }).click();
  await page.getByTestId('clinic-list').waitFor();
  await watchLongTasks(page);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await desk.unlock();
  await page.getByTestId('clinic-list').waitFor();
  const lockAndUnlock = await longTasksSeen(page);
  const afterLockAtOnceMs = await namesReady(page);
  // Data quality reads every patient and pathway. Reading ahead opened every patient for it
  // once; after an idle lock the names come back from their seal instead (ADR 0012), so its
  // first open after one decrypts its patients itself. Timed against a later open, kept.
  await page.getByRole('link', { name: 'Clinics', exact: true }).click();
  await page.getByTestId('clinic-list').waitFor();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await desk.unlock();
  await page.getByTestId('clinic-list').waitFor();
  const dataQualityAfterLockMs = await timeOpen(page, 'Data quality', DATA_QUALITY_READY, 1);
  const dataQualityKeptMs = await timeOpen(page, 'Data quality', DATA_QUALITY_READY);
  // An idle lock while records are put right: locked on data quality, unlocked to it again. It
  // comes back from its copy sealed at the lock (ADR 0012), not read whole.
  const dataQualityOverLockMs = await timeUnlockTo(desk, DATA_QUALITY_READY);
  return {
    ...whileIdle,
    namesAtOnceMs,
    rawReadMs,
    namesMs,
    afterLockAtOnceMs,
    lockLongestMs: lockAndUnlock.longestMs,
    dataQualityAfterLockMs,
    dataQualityKeptMs,
    dataQualityOverLockMs,
  };
}

/**
 * Another desk changes one patient's phone number while this device has the PTL open with every
 * row and name loaded: the main thread's long tasks (over 50 ms) from this device's next sync
 * until 10 s after it. Each is time the co-ordinator's taps wait.
 */
async function longTasksAfterAnEditElsewhere(
  page: Page,
  baseUrl: string,
  table: 'patients' | 'referrals',
) {
  // The first row of the table this device holds, and its stored record before and after.
  const stored = (id?: string) =>
    page.evaluate(
      ([table, id]) =>
        new Promise<{ id: string; record: string }>((resolve, reject) => {
          const open = indexedDB.open('clinicdesk');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction(table).objectStore(table);
            const read = id === undefined ? store.getAll(null, 1) : store.getAll(id, 1);
            read.onsuccess = () => {
              const row = read.result[0] as { id: string };
              resolve({ id: row.id, record: JSON.stringify(row) });
            };
            read.onerror = () => reject(read.error);
          };
        }),
      [table, id] as const,
    );
  const before = await stored();
  await watchLongTasks(page);
  const api = await signInOverApi(baseUrl, 'coordinator');
  const hlc = formatHlc({ wall: Date.now(), counter: 0, node: api.clientId });
  // A patient's new phone number, or a pathway validated (a comment the PTL shows).
  const edit =
    table === 'patients'
      ? {
          name: 'patient.update',
          args: { patientId: before.id, changes: { phone: '01632 960999' }, hlc },
        }
      : {
          name: 'pathway.validate',
          args: { referralId: before.id, key: 'bench', comment: 'Checked at another desk' },
        };
  const [answer] = await pushOverApi(api, [edit]);
  if (answer !== 'applied') throw new Error(`the edit elsewhere was not applied: ${answer}`);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.waitForTimeout(10_000);
  const seen = await longTasksSeen(page);
  if ((await stored(before.id)).record === before.record)
    throw new Error('the edit made elsewhere did not reach the device within 10 s');
  return seen;
}

/** Edits made at other desks over a working day, in rounds each synced before the next. */
const DAY_ROUNDS = Number(process.env['BENCH_DAY_ROUNDS'] ?? 50);
const EDITS_A_ROUND = 100;

/**
 * A working day of edits made at other desks while this device keeps the PTL open: rounds of
 * 100 (50 patients' phone numbers, 50 pathways validated), each synced before the next. The JS
 * heap after a full GC before and after (kept lists and Dexie's live queries must not grow with
 * the edits they have followed), and the main thread's long tasks over the day.
 */
async function aDayOfEditsElsewhere(page: Page, baseUrl: string, heapNow: () => Promise<number>) {
  const keys = (table: string) =>
    page.evaluate(
      (table) =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('clinicdesk');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction(table).objectStore(table).getAllKeys();
            read.onsuccess = () => resolve(read.result as string[]);
            read.onerror = () => reject(read.error);
          };
        }),
      table,
    );
  const [patients, referrals] = [await keys('patients'), await keys('referrals')];
  const stored = (table: string, id: string) =>
    page.evaluate(
      ([table, id]) =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('clinicdesk');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction(table).objectStore(table).get(id);
            read.onsuccess = () => resolve(JSON.stringify(read.result));
            read.onerror = () => reject(read.error);
          };
        }),
      [table, id] as const,
    );
  const heapBefore = await heapNow();
  await watchLongTasks(page);
  const api = await signInOverApi(baseUrl, 'coordinator');
  const started = Date.now();
  for (let round = 0; round < DAY_ROUNDS; round++) {
    const edits = Array.from({ length: EDITS_A_ROUND }, (_, i) => {
      const n = round * EDITS_A_ROUND + i;
      return i % 2 === 0
        ? {
            name: 'patient.update',
            args: {
              patientId: patients[(n * 7919) % patients.length]!,
              changes: { phone: `01632 96${String(n % 10000).padStart(4, '0')}` },
              hlc: formatHlc({ wall: Date.now(), counter: n, node: api.clientId }),
            },
          }
        : {
            name: 'pathway.validate',
            args: {
              referralId: referrals[(n * 104729) % referrals.length]!,
              key: 'bench-day',
              comment: `Checked at another desk (${n})`,
            },
          };
    });
    const last = edits.at(-1)!.args as { referralId: string };
    const before = await stored('referrals', last.referralId);
    const answers = await pushOverApi(api, edits, round * EDITS_A_ROUND + 1);
    if (answers.some((a) => a !== 'applied'))
      throw new Error(
        `an edit of the day was not applied: ${answers.find((a) => a !== 'applied')}`,
      );
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const deadline = Date.now() + 30_000;
    while ((await stored('referrals', last.referralId)) === before) {
      if (Date.now() > deadline) throw new Error(`round ${round} did not reach the device in 30 s`);
      await page.waitForTimeout(200);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const tasks = await longTasksSeen(page);
  return {
    edits: DAY_ROUNDS * EDITS_A_ROUND,
    rounds: DAY_ROUNDS,
    seconds,
    heapBeforeMb: heapBefore / 1_048_576,
    heapAfterMb: (await heapNow()) / 1_048_576,
    ...tasks,
  };
}

export async function measurePtl(referrals: number) {
  const server = await startServer({ referrals });
  const device = await openDevice();
  try {
    const desk = new DeskPage(device.page, device.context, server.url);
    await desk.page.goto(server.url + '/');
    await desk.signIn('coordinator');
    await desk.waitForStatus(/Online – all changes saved/, 900_000);
    const page = desk.page;
    // tsx keeps function names with a `__name` helper that the page does not have.
    await page.evaluate('window.__name = (f) => f');
    // The first open at once after the first copy reads every referral and opens every patient;
    // later ones show what was kept (ADR 0012). BENCH_SETTLE_MS: how long the device sits idle
    // after its first copy before that first open (0: at once); `readAheadAfterUnlock` measures
    // an open after the device has read ahead.
    await page.waitForTimeout(Number(process.env['BENCH_SETTLE_MS'] ?? 0));
    const namesColdMs = await namesReady(page);
    await page.getByRole('link', { name: 'Clinics', exact: true }).click();
    await page.getByTestId('clinic-list').waitFor();
    const namesWarmMs = await namesReady(page);
    const firstScreen = await timeOpen(page, 'PTL', '[data-testid="ptl-row"]');
    await page.waitForFunction(
      () => !(document.querySelector('#f-text') as HTMLInputElement).disabled,
      undefined,
      { timeout: 120_000 },
    );
    const openPathways = Number(
      (await page.getByTestId('ptl-count').textContent())
        ?.match(/of ([\d,]+)/)?.[1]
        ?.replace(/,/g, ''),
    );
    const select = (id: string, value: string) =>
      `const s = document.querySelector('${id}'); s.value = '${value}'; s.dispatchEvent(new Event('change', { bubbles: true }));`;
    const filterMs = await timeRedraw(
      page,
      '[data-testid="ptl-count"]',
      select('#f-priority', 'routine'),
    );
    const flagMs = await timeRedraw(
      page,
      '[data-testid="ptl-count"]',
      select('#f-flag', 'breached'),
    );
    await timeRedraw(page, '[data-testid="ptl-count"]', select('#f-flag', ''));
    await timeRedraw(page, '[data-testid="ptl-count"]', select('#f-priority', ''));
    const sortMs = await timeRedraw(
      page,
      '[data-testid="ptl-table"] tbody',
      `[...document.querySelectorAll('.sort')].find((b) => b.textContent.startsWith('Patient')).click();`,
    );
    const rendered = await page.locator('[data-testid="ptl-row"]').count();
    const waitingList = await measureWaitingList(page);
    // Back on the PTL with the whole list and names loaded; the heap in use after a full GC.
    await page.getByRole('link', { name: 'PTL', exact: true }).click();
    await page.waitForFunction(
      () => !(document.querySelector('#f-text') as HTMLInputElement | null)?.disabled,
      undefined,
      { timeout: 120_000 },
    );
    const cdp = await device.context.newCDPSession(page);
    const heapNow = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const heap = await heapNow();
    const editElsewhere = await longTasksAfterAnEditElsewhere(page, server.url, 'patients');
    const pathwayEditElsewhere = await longTasksAfterAnEditElsewhere(page, server.url, 'referrals');
    await page.getByRole('link', { name: 'Waiting list', exact: true }).click();
    await page.waitForFunction(
      () =>
        /of [1-9]/.test(
          document.querySelector('main p.muted[aria-live="polite"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 120_000 },
    );
    const elsewhere = (table: 'patients' | 'referrals') =>
      longTasksAfterAnEditElsewhere(page, server.url, table);
    const waitingListEditElsewhere = await elsewhere('referrals');
    await page.getByRole('link', { name: 'Validation', exact: true }).click();
    await page.getByTestId('validation-count').waitFor({ timeout: 120_000 });
    const validationEditElsewhere = await elsewhere('referrals');
    // My work (every worklist's count) and data quality (every patient and pathway), each open
    // while a patient's phone and then a pathway change at another desk.
    await page.getByRole('link', { name: /^My work/ }).click();
    await page.locator('main a[href="/validation"]').waitFor({ timeout: 120_000 });
    const myWorkPatientElsewhere = await elsewhere('patients');
    const myWorkPathwayElsewhere = await elsewhere('referrals');
    await page.getByRole('link', { name: 'Data quality', exact: true }).click();
    await page.getByTestId('data-quality-counts').waitFor({ timeout: 120_000 });
    const dataQualityPatientElsewhere = await elsewhere('patients');
    const dataQualityPathwayElsewhere = await elsewhere('referrals');
    await page.getByRole('link', { name: 'PTL', exact: true }).click();
    await page.waitForFunction(
      () => !(document.querySelector('#f-text') as HTMLInputElement | null)?.disabled,
      undefined,
      { timeout: 120_000 },
    );
    const day = await aDayOfEditsElsewhere(page, server.url, heapNow);
    const afterUnlock = await readAheadAfterUnlock(desk);
    return {
      openPathways,
      firstScreen,
      namesColdMs,
      namesWarmMs,
      filterMs,
      flagMs,
      sortMs,
      rendered,
      heapMb: heap / 1_048_576,
      waitingList,
      editElsewhere,
      pathwayEditElsewhere,
      waitingListEditElsewhere,
      validationEditElsewhere,
      myWorkPatientElsewhere,
      myWorkPathwayElsewhere,
      dataQualityPatientElsewhere,
      dataQualityPathwayElsewhere,
      day,
      afterUnlock,
    };
  } finally {
    await device.close();
    await server.stop();
  }
}

export type PtlFigures = Awaited<ReturnType<typeof measurePtl>>;

/** Long tasks as a table cell: how many, the longest / all together (ms). */
const tasks = (t: { longTasks: number; longestMs: number; totalMs: number }) =>
  `${t.longTasks}, ${t.longestMs.toFixed(0)} / ${t.totalMs.toFixed(0)}`;

/** The PTL and waiting-list figures as Markdown tables. */
export function ptlMarkdown(rows: PtlFigures[]): string {
  const lines = [
    '| open pathways | first screen (ms) | names ready, first open at once / later (ms) | filter: priority (ms) | filter: breached (ms) | sort: patient (ms) | rows in the DOM | JS heap (MB) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.openPathways.toLocaleString('en-GB')} | ${r.firstScreen.toFixed(0)} | ${r.namesColdMs.toFixed(0)} / ${r.namesWarmMs.toFixed(0)} | ${r.filterMs.toFixed(0)} | ${r.flagMs.toFixed(0)} | ${r.sortMs.toFixed(0)} | ${r.rendered} | ${r.heapMb.toFixed(0)} |`,
    ),
    '',
    '| waiting list: patients waiting | first screen (ms) | filter: priority (ms) |',
    '| ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.waitingList.waiting.toLocaleString('en-GB')} | ${r.waitingList.firstScreen.toFixed(0)} | ${r.waitingList.filterMs.toFixed(0)} |`,
    ),
    '',
    '| open pathways | an edit made elsewhere, synced in the next 10 s: long tasks, longest / total (ms): a patient’s phone, PTL open | a pathway validated, PTL open | a pathway validated, waiting list open | a pathway validated, validation worklist open |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      return `| ${r.openPathways.toLocaleString('en-GB')} | ${tasks(r.editElsewhere)} | ${tasks(r.pathwayEditElsewhere)} | ${tasks(r.waitingListEditElsewhere)} | ${tasks(r.validationEditElsewhere)} |`;
    }),
    '',
    '| open pathways | a patient’s phone changed elsewhere, My work open: long tasks, longest / total (ms) | a pathway validated, My work open | a patient’s phone, data quality open | a pathway validated, data quality open |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      return `| ${r.openPathways.toLocaleString('en-GB')} | ${tasks(r.myWorkPatientElsewhere)} | ${tasks(r.myWorkPathwayElsewhere)} | ${tasks(r.dataQualityPatientElsewhere)} | ${tasks(r.dataQualityPathwayElsewhere)} |`;
    }),
    '',
    '| open pathways | a day of edits elsewhere, PTL open: edits (syncs) | JS heap before → after (MB) | long tasks, longest / total (ms) |',
    '| ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.openPathways.toLocaleString('en-GB')} | ${r.day.edits.toLocaleString('en-GB')} (${r.day.rounds}) in ${r.day.seconds.toFixed(0)} s | ${r.day.heapBeforeMb.toFixed(1)} → ${r.day.heapAfterMb.toFixed(1)} | ${tasks(r.day)} |`,
    ),
    '',
    `| open pathways | unlocked again, PTL opened at once: names ready (ms) | raw read of its tables (ms) | unlocked again, idle ${IDLE_AFTER_UNLOCK_MS / 1000} s on the clinics page: long tasks while it reads ahead, longest / total (ms) | then names ready (ms) | locked and unlocked without a reload, PTL opened at once: names ready (ms) | that lock and unlock: longest task (ms) | locked and unlocked again, data quality opened at once / later (ms) | locked on data quality, Unlock to its counts (ms) |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.openPathways.toLocaleString('en-GB')} | ${r.afterUnlock.namesAtOnceMs.toFixed(0)} | ${r.afterUnlock.rawReadMs?.toFixed(0) ?? '—'} | ${r.afterUnlock.longTasks}, ${r.afterUnlock.longestMs.toFixed(0)} / ${r.afterUnlock.totalMs.toFixed(0)} | ${r.afterUnlock.namesMs.toFixed(0)} | ${r.afterUnlock.afterLockAtOnceMs.toFixed(0)} | ${r.afterUnlock.lockLongestMs.toFixed(0)} | ${r.afterUnlock.dataQualityAfterLockMs?.toFixed(0) ?? '—'} / ${r.afterUnlock.dataQualityKeptMs?.toFixed(0) ?? '—'} | ${r.afterUnlock.dataQualityOverLockMs?.toFixed(0) ?? '—'} |`,
    ),
    '',
    'Targets (issue 5): first screen under 300 ms and a filter or sort under 100 ms with 50,000 open pathways. Best of three opens from the clinics page; each redraw timed in the page to the next frame. Names ready: from the tap on PTL until the patient search is enabled, on the first open at once after the first copy, on a later one, on the first at once after an unlock (a reload: the morning’s first), on the first after an unlock and 20 s idle, and on the first at once after a lock and unlock without a reload (the idle lock of the working day). Raw read: every patient, referral and appointment read in the same page by IndexedDB alone, as the app pages them (250 by key, the tables side by side), with nothing opened or worked out, after the app’s read: the floor of the morning’s first open. Data quality: from the tap on Data quality in the menu to its counts (every patient and pathway read), opened at once after another lock and unlock, then the best of three later opens; then locked on data quality and unlocked to it again, from the tap on Unlock (its PIN check included) to the counts. JS heap: on the PTL with every row and name loaded, after a full garbage collection (DevTools protocol).',
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows: PtlFigures[] = [];
  for (const size of SIZES) rows.push(await measurePtl(size));
  saveSections({
    ptl: { title: 'PTL and waiting list', markdown: ptlMarkdown(rows), data: rows },
  });
}
