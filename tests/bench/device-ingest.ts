// Device ingest (issue 10): the app's first full copy of the department into IndexedDB, beside
// a raw Dexie bulkPut of the same rows into a database of the same shape, in the same browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { quietMachine } from './quiet-machine.ts';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
// Evaluated through the DevTools protocol: the app's CSP refuses injected script tags.
const DEXIE_UMD = readFileSync(require.resolve('dexie/dist/dexie.min.js'), 'utf8');

export interface AppCopy {
  rows: number;
  ms: number;
  rowsStored: number;
}

/** The app's own timing of its first full copy (a performance measure sync-client makes). */
export async function readAppCopy(page: Page): Promise<AppCopy> {
  return page.evaluate(async () => {
    const entry = performance.getEntriesByName('clinicdesk:full-copy')[0] as
      (PerformanceMeasure & { detail: { received: number } }) | undefined;
    if (!entry) throw new Error('no clinicdesk:full-copy measure: has the first sync finished?');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('clinicdesk');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const skip = ['outbox', 'deviceUsers', 'rejections', 'meta'];
    let rowsStored = 0;
    for (const store of [...db.objectStoreNames].filter((s) => !skip.includes(s))) {
      rowsStored += await new Promise<number>((resolve) => {
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
      });
    }
    db.close();
    return { rows: entry.detail.received, ms: entry.duration, rowsStored };
  });
}

export interface RawCopy {
  rows: number;
  fetchMs: number;
  bulkPutMs: number;
  transactions: number;
  /** How long the machine took to quieten before the timed writes (`quietMachine`). */
  quietMs: number;
}

/**
 * In a second tab of the same browser: fetches the same pull pages as the app did (2,000
 * changes a page, not timed with the writes), then, on a quiet machine (`quietMachine`),
 * bulkPuts each page's rows, table by table in one transaction a page with strict durability
 * as the app uses, into a fresh Dexie database with the app's stores and indexes (read from the
 * app's own database).
 */
export async function rawBulkPut(context: BrowserContext, baseUrl: string): Promise<RawCopy> {
  const page = await context.newPage();
  try {
    await page.goto(baseUrl + '/manifest.webmanifest');
    await page.evaluate(DEXIE_UMD);
    const fetched = await page.evaluate(async () => {
      type Change = { table: string; id: string; row: Record<string, unknown> | null };
      type PullPage = { changes: Change[]; cursor: number; hasMore: boolean };
      const fetchStarted = performance.now();
      const pages: Change[][] = [];
      for (let since = 0; ;) {
        const res = await fetch(`/api/sync/pull?since=${since}&limit=2000&v=1`);
        const body = (await res.json()) as PullPage;
        pages.push(body.changes);
        since = body.cursor;
        if (!body.hasMore) break;
      }
      const fetchMs = performance.now() - fetchStarted;
      let rows = 0;
      const grouped = pages.map((changes) => {
        const byTable = new Map<string, Record<string, unknown>[]>();
        for (const c of changes) {
          if (!c.row) continue;
          let list = byTable.get(c.table);
          if (!list) byTable.set(c.table, (list = []));
          list.push(c.row);
          rows++;
        }
        return byTable;
      });
      (window as unknown as { rawPages: typeof grouped }).rawPages = grouped;
      return { rows, fetchMs, transactions: pages.length };
    });
    const quietMs = await quietMachine();
    const bulkPutMs = await page.evaluate(async () => {
      const grouped = (window as unknown as { rawPages: Map<string, unknown[]>[] }).rawPages;
      // The app's stores, as a Dexie schema, from its own IndexedDB database.
      const app = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('clinicdesk');
        req.onsuccess = () => resolve(req.result);
      });
      const schema: Record<string, string> = {};
      const tx = app.transaction([...app.objectStoreNames]);
      for (const name of app.objectStoreNames) {
        const store = tx.objectStore(name);
        const key = `${store.autoIncrement ? '++' : ''}${String(store.keyPath)}`;
        const indexes = [...store.indexNames].map((i) => {
          const index = store.index(i);
          return `${index.unique ? '&' : ''}${index.multiEntry ? '*' : ''}${i}`;
        });
        schema[name] = [key, ...indexes].join(', ');
      }
      app.close();
      type RawTable = { bulkPut(rows: unknown[]): Promise<unknown> };
      type RawDexie = {
        version(n: number): { stores(s: Record<string, string>): void };
        open(): Promise<unknown>;
        transaction(mode: 'rw', tables: string[], work: () => Promise<void>): Promise<void>;
        table(name: string): RawTable;
        close(): void;
        delete(): Promise<void>;
      };
      const DexieClass = (window as unknown as { Dexie: new (...a: unknown[]) => RawDexie }).Dexie;
      const db = new DexieClass('bench-raw', { chromeTransactionDurability: 'strict' });
      db.version(1).stores(schema);
      await db.open();
      const started = performance.now();
      for (const byTable of grouped) {
        await db.transaction('rw', [...byTable.keys()], async () => {
          for (const [table, list] of byTable) await db.table(table).bulkPut(list);
        });
      }
      const ms = performance.now() - started;
      db.close();
      await db.delete();
      return ms;
    });
    return { ...fetched, bulkPutMs, quietMs };
  } finally {
    await page.close();
  }
}

/** The JS heap in use after a garbage collection, through the DevTools protocol. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}
