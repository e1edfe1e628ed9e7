import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { groupCommitStats, inGroupCommit, isBusyError } from './group-commit.ts';

let dir: string;
let db: Database;
/** A second connection to the same file: it sees only what has been committed. */
let other: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clinicdesk-group-'));
  db = await openDatabase({ url: `file:${join(dir, 'g.db')}` });
  other = await openDatabase({ url: `file:${join(dir, 'g.db')}` });
  await db.execute('CREATE TABLE t (id TEXT PRIMARY KEY)');
});

afterEach(() => {
  db.close();
  other.close();
  rmSync(dir, { recursive: true, force: true });
});

const committed = async (id: string) =>
  (await other.execute({ sql: 'SELECT 1 FROM t WHERE id = ?', args: [id] })).rows.length === 1;

describe('group commit', () => {
  it('lets works that arrive together share one commit, answering each only once it is committed', async () => {
    const seenAtAnswer: boolean[] = [];
    const works = Array.from({ length: 20 }, (_x, i) =>
      inGroupCommit(db, async (tx) => {
        await tx.execute({ sql: 'INSERT INTO t (id) VALUES (?)', args: [`w${i}`] });
        return i;
      }).then(async (value) => {
        seenAtAnswer.push(await committed(`w${value}`));
        return value;
      }),
    );
    expect(await Promise.all(works)).toEqual(Array.from({ length: 20 }, (_x, i) => i));
    expect(seenAtAnswer).toEqual(Array(20).fill(true));
    // All 20 arrived before the event loop turned: they share one commit.
    expect(groupCommitStats(db)).toEqual({ commits: 1, works: 20 });
  });

  it('closes a group at 2,000 mutations, so one long outbox does not hold the others back', async () => {
    const insert = (id: string, weight: number) =>
      inGroupCommit(
        db,
        (tx) => tx.execute({ sql: 'INSERT INTO t (id) VALUES (?)', args: [id] }),
        weight,
      );
    // 1 + 1,500 + 400 fit a group, 300 starts the next, and a push heavier than the bound
    // still goes, alone.
    await Promise.all([
      insert('first', 1),
      insert('a', 1_500),
      insert('b', 400),
      insert('c', 300),
      insert('d', 5_000),
    ]);
    expect(groupCommitStats(db)).toEqual({ commits: 3, works: 5 });
  });

  it('rolls back only the work that failed; the others of its group are kept', async () => {
    const results = await Promise.allSettled([
      inGroupCommit(db, (tx) => tx.execute("INSERT INTO t (id) VALUES ('a')")),
      inGroupCommit(db, async (tx) => {
        await tx.execute("INSERT INTO t (id) VALUES ('b')");
        throw new Error('the rule broke halfway');
      }),
      inGroupCommit(db, (tx) => tx.execute("INSERT INTO t (id) VALUES ('c')")),
      // A duplicate key fails this work only, not the group.
      inGroupCommit(db, (tx) => tx.execute("INSERT INTO t (id) VALUES ('c')")),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(await committed('a')).toBe(true);
    expect(await committed('b')).toBe(false);
    expect(await committed('c')).toBe(true);
  });

  it('waits its turn and then commits when another process holds the write lock', async () => {
    const holder = await other.transaction('write');
    await holder.execute("INSERT INTO t (id) VALUES ('held')");
    // The embedded driver waits for the lock synchronously, so let go of it from a timer that
    // fires between the busy retries.
    setTimeout(() => void holder.commit(), 50);
    const busyDb = await openDatabase({ url: `file:${join(dir, 'g.db')}`, busyTimeoutMs: 20 });
    try {
      await expect(
        inGroupCommit(busyDb, (tx) => tx.execute("INSERT INTO t (id) VALUES ('late')")),
      ).resolves.toBeDefined();
      expect(await committed('held')).toBe(true);
      expect(await committed('late')).toBe(true);
    } finally {
      busyDb.close();
    }
  });

  it.each([
    [{ code: 'SQLITE_BUSY', message: 'database is locked' }, true],
    [new Error('SQLITE_BUSY: database is locked'), true],
    [new Error('UNIQUE constraint failed: t.id'), false],
  ])('tells a busy database from other failures (%o)', (error, busy) => {
    expect(isBusyError(error)).toBe(busy);
  });
});
