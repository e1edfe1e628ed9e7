import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDevice, startServer, type RunningServer } from '../fixtures.ts';
import { signInOverApi } from '../api-client.ts';
import { DeskPage } from '../page-models/desk-page.ts';

let server: RunningServer;
/** Strings that identify the demo patients: NHS numbers, full names, first address lines, phones. */
let identifying: string[];

beforeAll(async () => {
  server = await startServer();
  const manager = await signInOverApi(server.url, 'manager');
  const patients: Record<string, unknown>[] = [];
  for (let since = 0, more = true; more;) {
    const page = (await (
      await manager.fetch(`/api/sync/pull?since=${since}&limit=5000`)
    ).json()) as {
      changes: { table: string; row: Record<string, unknown> }[];
      cursor: number;
      hasMore: boolean;
    };
    patients.push(...page.changes.filter((c) => c.table === 'patients').map((c) => c.row));
    since = page.cursor;
    more = page.hasMore;
  }
  identifying = patients.flatMap((p) => {
    const address = p['address'] as { line1: string };
    const nhs = String(p['nhsNumber']);
    const [given, family] = [String(p['givenName']), String(p['familyName'])];
    return [
      nhs,
      `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`,
      `${given} ${family}`,
      `${family.toUpperCase()}, ${given}`,
      address.line1,
      String(p['phone']),
    ];
  });
});
afterAll(async () => {
  await server?.stop();
});

/** Everything in every IndexedDB database of the page's origin, as text, read without the app. */
function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name as string);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
        });
        out.push(
          JSON.stringify(rows, (_k, v: unknown) =>
            v instanceof Uint8Array ? new TextDecoder().decode(v) : v,
          ),
        );
      }
      db.close();
    }
    return out.join('\n');
  });
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The identifying strings that appear in `text` as whole words (case and punctuation ignored). */
function found(text: string): string[] {
  const tokens = words(text);
  const at = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const list = at.get(t);
    if (list) list.push(i);
    else at.set(t, [i]);
  });
  return identifying.filter((s) => {
    const w = words(s);
    return (at.get(w[0] ?? '') ?? []).some((i) => w.every((t, k) => tokens[i + k] === t));
  });
}

describe('patient data on a shared device', () => {
  it('is unreadable in a copy of IndexedDB while signed in, and gone after sign-out', async () => {
    const device = await openDevice();
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.openAndInstall('coordinator');
      await desk.openWaitingList();
      const shown = await desk.page.getByTestId('waiting-list').innerText();
      expect(found(shown).length).toBeGreaterThan(10);

      const signedIn = await dumpIndexedDb(desk.page);
      expect(signedIn.length).toBeGreaterThan(100_000);
      expect(found(signedIn)).toEqual([]);

      await desk.page.getByRole('button', { name: 'Sign out' }).click();
      await desk.page.getByLabel('Username').waitFor();
      const afterSignOut = await dumpIndexedDb(desk.page);
      expect(found(afterSignOut)).toEqual([]);
      expect(afterSignOut).not.toMatch(/clinicSessions|"referrals"|Oral and Maxillofacial/);
    } finally {
      await device.close();
    }
  });

  it('locks itself after five idle minutes and hides every patient until a PIN unlocks it', async () => {
    const device = await openDevice({ width: 800, height: 1280 });
    try {
      const desk = new DeskPage(device.page, device.context, server.url);
      await desk.page.clock.install();
      await desk.openAndInstall('reception');
      await desk.openWaitingList();
      expect(found(await desk.page.innerText('body')).length).toBeGreaterThan(5);

      await desk.page.clock.runFor(4 * 60_000);
      expect(await desk.page.getByLabel('Your PIN').count()).toBe(0);
      await desk.page.clock.runFor(70_000);
      await desk.page.getByLabel('Your PIN').waitFor();
      expect(found(await desk.page.innerText('body'))).toEqual([]);

      // A reload does not get round the lock, even with a live session.
      await desk.page.reload();
      await desk.page.getByLabel('Your PIN').waitFor();
      expect(found(await desk.page.innerText('body'))).toEqual([]);

      await desk.page.getByLabel('Your PIN').fill('000000');
      await desk.page.getByRole('button', { name: 'Unlock' }).click();
      await desk.page.getByText('That PIN is not right').waitFor();
      expect(found(await desk.page.innerText('body'))).toEqual([]);

      await desk.unlock();
      await desk.openWaitingList();
      expect(found(await desk.page.innerText('body')).length).toBeGreaterThan(5);
    } finally {
      await device.close();
    }
  });
});
