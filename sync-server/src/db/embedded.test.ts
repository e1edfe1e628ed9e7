import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbedded, type Database } from './embedded.ts';

let dir = '';
let db: Database;
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function open() {
  dir = mkdtempSync(join(tmpdir(), 'clinicdesk-embedded-'));
  db = openEmbedded(join(dir, 'x.db'), 1000);
  return db;
}

describe('the embedded driver', () => {
  it('gives rows by column name and by position, as @libsql/client does', async () => {
    const db = open();
    await db.execute('CREATE TABLE t (a TEXT, b INTEGER, c TEXT)');
    await db.execute({
      sql: 'INSERT INTO t VALUES (?, ?, ?), (?, ?, ?)',
      args: ['x', 1, null, 'y', 2, 'z'],
    });
    const rs = await db.execute('SELECT a, b, c FROM t ORDER BY b');
    expect(rs.columns).toEqual(['a', 'b', 'c']);
    const [first, second] = rs.rows;
    expect([first!['a'], first!['b'], first!['c']]).toEqual(['x', 1, null]);
    expect([second![0], second![1], second![2], second!.length]).toEqual(['y', 2, 'z', 3]);
    // Only the names are the row's own: what is spread, listed or written out.
    expect(Object.keys(second!)).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify(first)).toBe('{"a":"x","b":1,"c":null}');
    expect({ ...second }).toEqual({ a: 'y', b: 2, c: 'z' });
    // Another statement, with other columns, has rows of its own shape.
    const other = await db.execute('SELECT c AS first, a FROM t WHERE b = 2');
    expect([other.rows[0]![0], other.rows[0]![1], other.rows[0]!.length]).toEqual(['z', 'y', 2]);
  });

  it('keeps the page cache it was opened with on every connection', async () => {
    const db = open();
    expect((await db.execute('PRAGMA cache_size')).rows[0]![0]).toBe(-32 * 1024);
    const tx = await db.transaction('write');
    expect((await tx.execute('PRAGMA cache_size')).rows[0]![0]).toBe(-32 * 1024);
    await tx.commit();
    tx.close();
  });
});
