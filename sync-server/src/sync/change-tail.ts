import { WINDOWED_TABLES, type TableName } from '@clinicdesk/domain';
import type { ChangePage, Executor, RawChange, WireCache } from '../db/rows.ts';

/** One row version the tail holds, with what decides which devices may pull it. */
interface TailEntry extends RawChange {
  siteId: string | null;
  /** The date that puts a clinic, slot or appointment inside a device's window, or null. */
  day: string | null;
  /** For a patient, the sites they are referred to when this version was read. */
  patientSites: readonly string[];
  /** A newer version of the same row is in the tail: the database no longer holds this one. */
  superseded: boolean;
  wire: WireCache;
}

/** Versions read from the database in one statement while the tail catches up. */
const READ_BATCH = 2000;
const SEPARATOR = '\u001f';

/**
 * The newest row changes, kept in memory and shared by every device that pulls (issue 10).
 *
 * Every edit reaches every device in its scope, so with 50 devices each change used to be read
 * from SQLite, parsed and written out 50 times, and that fan-out was the busiest work of the
 * load test. The tail reads each new version once, and a device that is nearly caught up is
 * served from it; a device further behind than the tail reaches is served by `readChanges`.
 *
 * A page from the tail is the page `readChanges` would give at the moment the tail last read
 * the database (change-tail.test.ts compares the two): each row once, at its newest version,
 * with the same scope (sites, department-wide rows, patients referred to the sites, the
 * window's start). It relies on what `readChanges` relies on: versions only grow, a row is
 * only ever written with a new version, and a patient gets a new version when they are
 * referred to another site.
 */
export class ChangeTail {
  /** Version order; versions in (low, high] are all here, apart from superseded ones. */
  #entries: TailEntry[] = [];
  #newest = new Map<string, TailEntry>();
  #low = 0;
  #high = 0;
  #started = false;
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;

  constructor(
    private readonly db: Executor,
    /** How many versions to keep; older ones are dropped as new ones come. */
    private readonly keep = 20_000,
  ) {}

  /**
   * The page after `since`, read afresh from the database first; undefined when `since` is
   * older than the tail reaches (the caller reads the database instead).
   */
  async page(
    since: number,
    limit: number,
    siteIds: readonly string[],
    windowStart: string,
  ): Promise<ChangePage | undefined> {
    await this.catchUp();
    if (since < this.#low || since > this.#high) return undefined;
    const sites = new Set(siteIds);
    const changes: RawChange[] = [];
    let total = 0;
    for (let i = this.#firstAfter(since); i < this.#entries.length; i++) {
      const entry = this.#entries[i]!;
      if (entry.superseded || !inScope(entry, sites, windowStart)) continue;
      total++;
      if (changes.length < limit) {
        const { table, id, version, data, wire } = entry;
        changes.push({ table, id, version, data, wire });
      }
    }
    return {
      changes,
      cursor: changes.at(-1)?.version ?? since,
      hasMore: total > limit,
      total,
    };
  }

  /** The newest version the tail has read. */
  get high(): number {
    return this.#high;
  }

  /**
   * Reads the versions written since the last read. A call always reads after it was made:
   * while one read runs, later callers share the one queued after it.
   */
  catchUp(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#read().finally(() => {
        this.#running = null;
      });
      return this.#running;
    }
    if (!this.#queued) {
      const next = () => {
        this.#queued = null;
        return this.catchUp();
      };
      this.#queued = this.#running.then(next, next);
    }
    return this.#queued;
  }

  async #read(): Promise<void> {
    const rs = await this.db.execute('SELECT COALESCE(MAX(version), 0) AS v FROM rows');
    const newest = Number(rs.rows[0]?.['v'] ?? 0);
    // A first read, a database whose history went back (a restore from a backup: the tail's
    // newest row is gone or older there), or more new versions than the tail keeps: start
    // again from the newest version, and leave devices behind it to `readChanges`.
    if (
      !this.#started ||
      newest - this.#high > this.keep ||
      (await this.#historyWentBack(newest))
    ) {
      this.#entries = [];
      this.#newest.clear();
      this.#low = this.#high = newest;
      this.#started = true;
      return;
    }
    while (this.#high < newest) {
      const page = await this.db.execute({
        sql: `SELECT tbl, id, version, deleted, site_id, day, data,
                CASE WHEN tbl = 'patients' THEN (SELECT group_concat(site_id, char(31))
                  FROM patient_sites WHERE patient_id = rows.id) END AS patient_sites
              FROM rows WHERE version > ? ORDER BY version LIMIT ?`,
        args: [this.#high, READ_BATCH],
      });
      for (const r of page.rows) this.#add(entryOf(r));
      if (page.rows.length < READ_BATCH) break;
    }
    this.#trim();
  }

  /**
   * True when the database no longer holds the tail's newest row at that version or a newer
   * one: versions only grow, so it was restored from an older copy. (A row changed since has a
   * newer version, which is fine.)
   */
  async #historyWentBack(newest: number): Promise<boolean> {
    if (newest < this.#high) return true;
    const last = this.#entries.at(-1);
    if (!last) return false;
    const rs = await this.db.execute({
      sql: 'SELECT version FROM rows WHERE tbl = ? AND id = ?',
      args: [last.table, last.id],
    });
    const version = rs.rows[0]?.['version'];
    return version === undefined || Number(version) < last.version;
  }

  #add(entry: TailEntry): void {
    const key = entry.table + SEPARATOR + entry.id;
    const older = this.#newest.get(key);
    if (older) older.superseded = true;
    this.#newest.set(key, entry);
    this.#entries.push(entry);
    this.#high = entry.version;
  }

  /** Drops the oldest versions once the tail holds half as many again as it keeps. */
  #trim(): void {
    const over = this.#entries.length - this.keep;
    if (over <= this.keep / 2) return;
    for (const entry of this.#entries.slice(0, over)) {
      const key = entry.table + SEPARATOR + entry.id;
      if (this.#newest.get(key) === entry) this.#newest.delete(key);
    }
    this.#low = this.#entries[over - 1]!.version;
    this.#entries = this.#entries.slice(over);
  }

  /** The index of the first entry newer than `version` (binary search). */
  #firstAfter(version: number): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#entries[mid]!.version <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function entryOf(r: Record<string, unknown>): TailEntry {
  const deleted = Number(r['deleted']) !== 0;
  const sites = r['patient_sites'];
  return {
    table: String(r['tbl']) as TableName,
    id: String(r['id']),
    version: Number(r['version']),
    data: deleted ? null : String(r['data']),
    siteId: r['site_id'] === null ? null : String(r['site_id']),
    day: r['day'] === null ? null : String(r['day']),
    patientSites: typeof sites === 'string' && sites !== '' ? sites.split(SEPARATOR) : [],
    superseded: false,
    wire: {},
  };
}

/**
 * The scope of `readChanges` (rows.ts scopeFilter), row by row: the user's sites' rows,
 * department-wide rows, patients referred to the sites, and no clinic, slot or appointment
 * dated before the window (nor one without a date, as SQL's NULL comparison leaves it out).
 */
function inScope(entry: TailEntry, sites: ReadonlySet<string>, windowStart: string): boolean {
  if (WINDOWED_TABLES.includes(entry.table) && (entry.day === null || entry.day < windowStart)) {
    return false;
  }
  if (entry.siteId === null) return entry.table !== 'patients' || reachesAny(entry, sites);
  return sites.has(entry.siteId);
}

const reachesAny = (entry: TailEntry, sites: ReadonlySet<string>) =>
  entry.patientSites.some((site) => sites.has(site));
