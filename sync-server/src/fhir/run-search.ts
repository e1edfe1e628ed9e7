import { withRowDefaults } from '@clinicdesk/domain';
import type { Executor } from '../db/rows.ts';
import { SearchError } from './search-params.ts';
import type { Filter, Scope, SearchSpec, StoredRow } from './search-spec.ts';

export interface SearchPage {
  rows: StoredRow[];
  total: number;
  /** Opaque cursor of the next page, when there is one. */
  next?: string;
}

/** Rows of the user's sites only, as a pull would give their devices. */
function scopeFilter(scope: Scope, siteIds: readonly string[]): Filter {
  const marks = siteIds.map(() => '?').join(', ');
  if (scope === 'department') return { sql: 'r.site_id IS NULL', args: [] };
  if (!siteIds.length) return { sql: '0', args: [] };
  if (scope === 'site') return { sql: `r.site_id IN (${marks})`, args: [...siteIds] };
  return {
    sql: `r.id IN (SELECT patient_id FROM patient_sites WHERE site_id IN (${marks}))`,
    args: [...siteIds],
  };
}

/** The page cursor: the sort values and id of the last row sent, base64url JSON. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string')
    ) {
      return values as string[];
    }
  } catch {
    // falls through to the message below
  }
  throw new SearchError('The page link is not valid: run the search again from its first page');
}

/**
 * One page of a search, in the spec's order then id, with the total that match. Paging is by
 * keyset (the last row's sort values), so a page costs the same wherever it is in the results
 * and rows written meanwhile do not shift the pages.
 */
export async function runSearch(
  db: Executor,
  spec: SearchSpec,
  filters: Filter[],
  options: { siteIds: readonly string[]; count: number; cursor?: string | undefined },
): Promise<SearchPage> {
  const where: Filter[] = [
    // The table is inlined (never user input) so that the partial indexes apply.
    { sql: `r.tbl = '${spec.table}' AND r.deleted = 0`, args: [] },
    scopeFilter(spec.scope, options.siteIds),
    ...filters,
  ];
  const whereSql = (fs: Filter[]) => fs.map((f) => `(${f.sql})`).join(' AND ');
  const argsOf = (fs: Filter[]) => fs.flatMap((f) => f.args);
  const keys = [...spec.order, 'r.id'];
  const page = [...where];
  if (options.cursor !== undefined) {
    const after = decodeCursor(options.cursor, keys.length);
    page.push({ sql: `(${keys.join(', ')}) > (${keys.map(() => '?').join(', ')})`, args: after });
  }
  const columns = ['r.data', 'r.version', ...keys.map((k, i) => `${k} AS k${i}`)];
  if (spec.select) columns.push(spec.select);
  const [found, counted] = await Promise.all([
    options.count === 0
      ? undefined
      : db.execute({
          sql: `SELECT ${columns.join(', ')} FROM rows r ${spec.join ?? ''} WHERE ${whereSql(page)}
                ORDER BY ${keys.join(', ')} LIMIT ?`,
          args: [...argsOf(page), options.count + 1],
        }),
    db.execute({
      sql: `SELECT COUNT(*) AS n FROM rows r WHERE ${whereSql(where)}`,
      args: argsOf(where),
    }),
  ]);
  const all = found?.rows ?? [];
  const rows = all.slice(0, options.count).map((r) => ({
    data: withRowDefaults(spec.table, JSON.parse(String(r['data'])) as never) as Record<
      string,
      unknown
    >,
    version: Number(r['version']),
    extra: r as unknown as Record<string, unknown>,
  }));
  const last = all[options.count - 1];
  return {
    rows,
    total: Number(counted.rows[0]?.['n'] ?? 0),
    ...(all.length > options.count && last
      ? { next: encodeCursor(keys.map((_, i) => String(last[`k${i}`]))) }
      : {}),
  };
}
