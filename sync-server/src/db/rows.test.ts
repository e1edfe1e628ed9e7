import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDepartment, longerWaitingThan, type Priority } from '@clinicdesk/domain';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';
import { createReadState, readChanges } from './rows.ts';
import { seedDemoDepartment } from './seed.ts';

const TODAY = '2026-11-24';
const SEED = 7;
const DEPT = generateDepartment({ seed: SEED, today: TODAY, referrals: 300 });
let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinicdesk-rows-'));
  db = await openDatabase({ url: `file:${join(dir, 'rows.db')}` });
  await migrate(db);
  await seedDemoDepartment(db, { today: TODAY, referrals: 300, seed: SEED });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the server's read of a clinician's waiting queue (the book-in-turn check, issue 10)", () => {
  const waiting = DEPT.referrals.filter((r) => r.status === 'waiting' && r.priority);

  it('holds exactly the waiting pathways of the clinician and priority received before the day', async () => {
    const state = createReadState(db);
    let nonEmpty = 0;
    for (const r of waiting.slice(0, 40)) {
      const before = r.receivedDate;
      const expected = waiting
        .filter(
          (o) =>
            o.priority === r.priority && o.clinicianId === r.clinicianId && o.receivedDate < before,
        )
        .map((o) => o.id)
        .sort();
      const got = await state.waitingReferrals(r.clinicianId, r.priority as Priority, before);
      expect(got.map((o) => o.id).sort(), `${r.id} before ${before}`).toEqual(expected);
      if (expected.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(5);
  });

  it('finds a longer-waiting pathway for the newest of a queue, as the device does', async () => {
    const newest = [...waiting].sort((a, b) => b.receivedDate.localeCompare(a.receivedDate))[0]!;
    const got = await longerWaitingThan(createReadState(db), newest, TODAY);
    expect(got).toBeDefined();
    expect(got!.referral.receivedDate < newest.receivedDate).toBe(true);
  });
});

describe('the count of changes still to come on a page (issue 10)', () => {
  const SITES = ['site-ktc', 'site-alx', 'site-wrh'];
  const WINDOW = '2026-09-29';

  it('counts them unless the device says what the page before left, and never on the last page', async () => {
    const counted = await readChanges(db, 0, 100, SITES, WINDOW);
    expect(counted.hasMore).toBe(true);
    const everything = await readChanges(db, 0, 1_000_000, SITES, WINDOW);
    expect(counted.total).toBe(everything.changes.length);
    // The next page, as a device catching up asks for it.
    const told = counted.total - 100;
    const next = await readChanges(db, counted.cursor, 100, SITES, WINDOW, told);
    expect(next.changes).toEqual(
      (await readChanges(db, counted.cursor, 100, SITES, WINDOW)).changes,
    );
    expect(next.total).toBe(told);
    // A figure too small for what is certainly left is raised to this page and one more.
    expect((await readChanges(db, counted.cursor, 100, SITES, WINDOW, 3)).total).toBe(101);
    // The last page is the rest, whatever the device says.
    const last = await readChanges(db, counted.cursor, 1_000_000, SITES, WINDOW, 7);
    expect(last.hasMore).toBe(false);
    expect(last.total).toBe(last.changes.length);
  });
});
