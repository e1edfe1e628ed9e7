import Libsql from 'libsql';
import type { InStatement, ResultSet, Row } from '@libsql/client';

/** The part of a libSQL client this server uses; @libsql/client's remote client has it too. */
export interface Executor {
  execute(stmt: InStatement): Promise<ResultSet>;
}

export interface Transaction extends Executor {
  executeMultiple(sql: string): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): void;
}

export interface Database extends Executor {
  transaction(mode: 'write' | 'read'): Promise<Transaction>;
  close(): void;
}

type Value = string | number | bigint | null | ArrayBuffer;
type Statement = ReturnType<Libsql.Database['prepare']>;
interface Prepared {
  statement: Statement;
  /** Column names, or null for a statement that returns no rows. */
  columns: string[] | null;
  /** The prototype of its rows: their length, and each column by position. */
  shape: object | null;
}

/** Statements kept prepared per connection; a push runs the same dozen again and again. */
const CACHE_SIZE = 256;

/**
 * One SQLite connection that keeps its prepared statements. @libsql/client prepares every
 * statement afresh, and with the rows table's expression indexes preparing an upsert costs ten
 * times running it (issue 10); the same driver (`libsql`) used directly lets us keep them.
 */
class Connection {
  private readonly cache = new Map<string, Prepared>();
  constructor(readonly db: Libsql.Database) {}

  private prepare(sql: string): Prepared {
    const hit = this.cache.get(sql);
    if (hit) return hit;
    const statement = this.db.prepare(sql);
    let columns: string[] | null = null;
    if (statement.reader) {
      statement.raw(true);
      columns = statement.columns().map((c) => c.name);
    }
    // Many different statements (a pull builds its SQL per user's sites) must not grow it forever.
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    const prepared = { statement, columns, shape: columns && rowShape(columns) };
    this.cache.set(sql, prepared);
    return prepared;
  }

  run(stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : (stmt.args ?? []);
    const { statement, columns, shape } = this.prepare(sql);
    const bound = Array.isArray(args) ? args.map(toSql) : toSqlNamed(args);
    if (columns && shape) {
      const rows = (statement.all(bound) as Value[][]).map((values) =>
        toRow(values, columns, shape),
      );
      return resultSet(columns, rows, 0, undefined);
    }
    const info = statement.run(bound);
    return resultSet([], [], info.changes, BigInt(info.lastInsertRowid));
  }

  /** Several statements separated by semicolons, as migrations are written. */
  runMany(sql: string): void {
    this.db.exec(sql);
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }
}

function toSql(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new RangeError('Only finite numbers can be passed as arguments');
  return value;
}

function toSqlNamed(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) out[name.replace(/^[@$:]/, '')] = toSql(value);
  return out;
}

/**
 * The prototype of a statement's rows: their length, and each column by position, read through
 * its name. Defined once per statement rather than on every row: defining them on each row took
 * a tenth of a pull's time at 80,000 rows (issue 10).
 */
function rowShape(columns: string[]): object {
  const shape = {};
  Object.defineProperty(shape, 'length', { value: columns.length });
  columns.forEach((name, i) =>
    Object.defineProperty(shape, i, {
      get(this: Record<string, Value>) {
        return this[name];
      },
    }),
  );
  return shape;
}

/** A row readable by column name and by position, as @libsql/client gives them. */
function toRow(values: Value[], columns: string[], shape: object): Row {
  const row = Object.create(shape) as Record<string, Value>;
  for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i] ?? null;
  return row as unknown as Row;
}

function resultSet(
  columns: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes: columns.map(() => ''),
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() }),
  };
}

/**
 * Each connection's page cache, in KiB. SQLite's default (2 MiB) is smaller than what one group
 * of pushes dirties (rows, audit and their indexes): a larger cache let the push bench apply
 * about 8 % more edits a second (issue 10). Two connections, and the writer thread's, hold at
 * most three times this.
 */
const PAGE_CACHE_KIB = 32 * 1024;

/**
 * An embedded database file opened with the `libsql` driver: one connection for write
 * transactions (which `writeTransaction` runs one at a time per process) and one for everything
 * else, each with its statements cached. WAL lets the second read while the first writes.
 */
export function openEmbedded(path: string, busyTimeoutMs: number): Database {
  const open = () => {
    const conn = new Connection(new Libsql(path, { timeout: busyTimeoutMs }));
    conn.runMany(`PRAGMA cache_size = -${PAGE_CACHE_KIB}`);
    return conn;
  };
  const main = open();
  let writer: Connection | undefined;
  let inUse = false;
  let closed = false;
  const check = () => {
    if (closed) throw new Error('The database is closed');
  };
  return {
    async execute(stmt) {
      check();
      return main.run(stmt);
    },
    async transaction(mode) {
      check();
      if (inUse) throw new Error('Another transaction of this process is open');
      writer ??= open();
      const conn = writer;
      conn.run(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED');
      inUse = true;
      let done = false;
      const finish = (sql: string) => {
        if (done) return;
        done = true;
        inUse = false;
        try {
          if (conn.inTransaction) conn.run(sql);
        } catch (error) {
          // A COMMIT that failed leaves the transaction open: end it, so the connection is usable.
          if (conn.inTransaction) conn.run('ROLLBACK');
          throw error;
        }
      };
      const live = () => {
        if (done || closed) throw new Error('The transaction is closed');
        return conn;
      };
      return {
        async execute(stmt) {
          return live().run(stmt);
        },
        async executeMultiple(sql) {
          live().runMany(sql);
        },
        async commit() {
          live();
          finish('COMMIT');
        },
        async rollback() {
          finish('ROLLBACK');
        },
        close() {
          if (!closed) finish('ROLLBACK');
        },
      };
    },
    close() {
      if (closed) return;
      closed = true;
      main.db.close();
      writer?.db.close();
    },
  };
}
