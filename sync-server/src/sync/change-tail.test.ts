import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, generateDepartment, type TableName } from '@clinicdesk/domain';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { currentVersion, putRowStatements, readChanges, readRow } from '../db/rows.ts';
import { seedDemoDepartment } from '../db/seed.ts';
import { ChangeTail } from './change-tail.ts';

const TODAY = '2026-11-24';
const SEED = 11;
const DEPT = generateDepartment({ seed: SEED, today: TODAY, referrals: 200 });
const SITES = DEPT.sites.map((s) => s.id);
let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinicdesk-tail-'));
  db = await openDatabase({ url: `file:${join(dir, 'tail.db')}` });
  await migrate(db);
  await seedDemoDepartment(db, { today: TODAY, referrals: 200, seed: SEED });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

type Row = { id: string } & Record<string, unknown>;

/** Writes rows as a push does: each a new version, in one transaction. */
async function write(rows: [TableName, Row][], into: Database = db): Promise<void> {
  const tx = await into.transaction('write');
  try {
    let version = await currentVersion(tx);
    for (const [table, row] of rows) {
      for (const statement of putRowStatements(table, row, ++version)) await tx.execute(statement);
    }
    await tx.commit();
  } finally {
    tx.close();
  }
}

/**
 * One edit as the devices make them: a row changed (some moved to another date, in or out of a
 * device's window), a new row, or a pathway moved to another site, which brings its patient to
 * that site's devices with a new version, as apply-push.ts does.
 */
const anEdit = fc.oneof(
  fc
    .record({
      table: fc.constantFrom<TableName>('slots', 'appointments', 'clinicSessions', 'referrals'),
      // A few rows, so that rows the tail has read change again.
      pick: fc.nat({ max: 7 }),
      // No date at all is left out of every device's window, as the database's query does.
      days: fc.option(fc.integer({ min: -200, max: 60 }), { freq: 8 }),
      note: fc.string({ maxLength: 8 }),
    })
    .map(({ table, pick, days, note }) => async () => {
      const rows = DEPT[table === 'clinicSessions' ? 'clinicSessions' : table] as Row[];
      const row = (await readRow(db, table, rows[pick % rows.length]!.id)) as Row;
      const changed: Row = { ...row, bench: note };
      if (typeof row['date'] === 'string')
        changed['date'] = days === null ? null : addDays(TODAY, days);
      await write([[table, changed]]);
    }),
  fc
    .record({ pick: fc.nat({ max: 7 }), site: fc.constantFrom(...SITES) })
    .map(({ pick, site }) => async () => {
      const referral = DEPT.referrals[pick % DEPT.referrals.length]!;
      const row = (await readRow(db, 'referrals', referral.id)) as Row;
      const patient = (await readRow(db, 'patients', referral.patientId)) as Row;
      await write([
        ['referrals', { ...row, siteId: site }],
        ['patients', patient],
      ]);
    }),
  fc
    .record({ pick: fc.nat(), site: fc.constantFrom(...SITES, null) })
    .map(({ pick, site }) => async () => {
      const slot = DEPT.slots[pick % DEPT.slots.length]!;
      const id = `tail-new-${pick}-${Math.random().toString(36).slice(2)}`;
      await write([['slots', { ...slot, id, siteId: site }]]);
    }),
);

const aPull = fc.record({
  back: fc.nat({ max: 400 }),
  sites: fc.subarray(SITES),
  limit: fc.integer({ min: 1, max: 300 }),
  windowDays: fc.integer({ min: -120, max: 30 }),
});

describe('the change tail (issue 10: the newest changes served from memory)', () => {
  it('gives the page the database gives, for any edits, cursor, sites, window and page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(anEdit, { maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        fc.array(aPull, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 10, max: 400 }),
        async (rounds, pulls, keep) => {
          const tail = new ChangeTail(db, keep);
          await tail.catchUp();
          const start = tail.high;
          for (const edits of rounds) {
            for (const edit of edits) await edit();
            await tail.catchUp();
            for (const { back, sites, limit, windowDays } of pulls) {
              const since = Math.max(0, tail.high - back);
              const windowStart = addDays(TODAY, windowDays);
              const page = await tail.page(since, limit, sites, windowStart);
              // The tail reaches back to its first read while it has not had to drop any.
              if (since >= start && tail.high - start <= keep) expect(page).toBeDefined();
              if (!page) continue;
              const changes = page.changes.map(({ wire: _, ...change }) => change);
              expect({ ...page, changes }).toEqual(
                await readChanges(db, since, limit, sites, windowStart),
              );
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('sends a row once, at its newest version, however often it changed', async () => {
    const tail = new ChangeTail(db);
    await tail.catchUp();
    const since = tail.high;
    const slot = (await readRow(db, 'slots', DEPT.slots[100]!.id)) as Row;
    for (let i = 0; i < 3; i++) {
      await write([['slots', { ...slot, bench: i }]]);
      await tail.catchUp();
    }
    const page = await tail.page(since, 100, SITES, addDays(TODAY, -400));
    expect(page?.changes).toHaveLength(1);
    expect(JSON.parse(page!.changes[0]!.data!)).toMatchObject({ id: slot.id, bench: 2 });
  });

  it('reads again for a pull that comes while a read is under way, so it sees what was written before it', async () => {
    // The database's answers are held back until `release`, so a read is still under way when
    // the slot is written and the pull comes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = {
      execute: async (stmt: Parameters<Database['execute']>[0]) => {
        const answer = await db.execute(stmt);
        await held;
        return answer;
      },
    };
    const tail = new ChangeTail(slow);
    const ready = tail.catchUp();
    release();
    await ready;
    const since = tail.high;
    let releaseAgain!: () => void;
    const heldAgain = new Promise<void>((resolve) => (releaseAgain = resolve));
    slow.execute = async (stmt) => {
      const answer = await db.execute(stmt);
      await heldAgain;
      return answer;
    };
    const running = tail.catchUp();
    const slot = (await readRow(db, 'slots', DEPT.slots[101]!.id)) as Row;
    await write([['slots', { ...slot, bench: 'after the read began' }]]);
    const pulled = tail.page(since, 100, SITES, addDays(TODAY, -400));
    releaseAgain();
    await running;
    expect((await pulled)?.changes.map((c) => c.id)).toEqual([slot.id]);
  });

  it('starts again when the database goes back to an older copy, even once it has grown past where it was', async () => {
    // The tail reads through `current`, which a restore swaps for the older copy.
    const copy = join(dir, 'before-restore.db');
    await db.execute(`VACUUM INTO '${copy}'`);
    const restored = await openDatabase({ url: `file:${copy}` });
    let current: Database = db;
    const tail = new ChangeTail({ execute: (stmt) => current.execute(stmt) });
    await tail.catchUp();
    const before = tail.high;
    const slots = DEPT.slots.slice(120, 128);
    for (const slot of slots.slice(0, 3)) {
      await write([
        ['slots', { ...((await readRow(db, 'slots', slot.id)) as Row), bench: 'lost' }],
      ]);
    }
    await tail.catchUp();
    expect(tail.high).toBe(before + 3);
    current = restored;
    // The restored database takes new edits, and its versions pass where the tail had got to.
    for (const slot of slots.slice(3)) {
      const row = (await readRow(restored, 'slots', slot.id)) as Row;
      await write([['slots', { ...row, bench: 'after the restore' }]], restored);
    }
    const windowStart = addDays(TODAY, -400);
    for (const since of [before, before + 3, before + 5]) {
      const page = await tail.page(since, 100, SITES, windowStart);
      if (page) expect(page).toEqual(await readChanges(restored, since, 100, SITES, windowStart));
    }
    const page = await tail.page(before + 5, 100, SITES, windowStart);
    expect(page?.changes).toEqual([]);
    restored.close();
  });

  it('does not read a backlog larger than it keeps: devices behind it go to the database', async () => {
    const tail = new ChangeTail(db, 10);
    await tail.catchUp();
    for (const slot of DEPT.slots.slice(130, 160)) {
      await write([['slots', { ...((await readRow(db, 'slots', slot.id)) as Row), bench: 2 }]]);
    }
    const newest = await currentVersion(db);
    expect(await tail.page(newest - 5, 100, SITES, addDays(TODAY, -400))).toBeUndefined();
    expect((await tail.page(newest, 100, SITES, addDays(TODAY, -400)))?.changes).toEqual([]);
  });

  it('leaves a device further behind than it keeps to the database', async () => {
    const tail = new ChangeTail(db, 4);
    await tail.catchUp();
    const start = tail.high;
    const slots = DEPT.slots.slice(102, 112);
    for (const slot of slots) {
      await write([['slots', { ...((await readRow(db, 'slots', slot.id)) as Row), bench: 1 }]]);
      await tail.catchUp();
    }
    expect(await tail.page(start, 100, SITES, addDays(TODAY, -400))).toBeUndefined();
    const recent = await tail.page(tail.high - 4, 100, SITES, addDays(TODAY, -400));
    expect(recent?.changes.map((c) => c.id)).toEqual(slots.slice(-4).map((s) => s.id));
  });
});
