import type { Page } from 'playwright-core';

/** Every row of a table as the server holds it, read through the pull API as a signed-in page. */
export async function serverRows(
  url: string,
  signedIn: Page,
  table: string,
): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  for (let since = 0, more = true; more;) {
    const res = await signedIn
      .context()
      .request.get(`${url}/api/sync/pull?since=${since}&limit=5000`);
    const page = (await res.json()) as {
      changes: { table: string; row: Record<string, string> }[];
      cursor: number;
      hasMore: boolean;
    };
    rows.push(...page.changes.filter((c) => c.table === table).map((c) => c.row));
    since = page.cursor;
    more = page.hasMore;
  }
  return rows;
}
