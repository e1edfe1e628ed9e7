import type { RowChange } from '@clinicdesk/domain';

/**
 * The server's pull for a test, at HTTP level: the rows after `since`, `limit` at a time, in
 * version order, saying how many are left (sync-server's pull route). `asked` runs as each page
 * is asked for, before it is answered: to see what the device sent, or to act while it copies.
 */
export function pagingServer(
  rows: readonly RowChange[],
  asked: (url: URL, page: number) => void | Promise<void> = () => {},
): typeof fetch {
  let page = 0;
  return (async (input: string) => {
    const url = new URL(input, 'http://desk');
    const since = Number(url.searchParams.get('since'));
    const limit = Number(url.searchParams.get('limit'));
    await asked(url, page++);
    const after = rows.filter((r) => r.version > since);
    const changes = after.slice(0, limit);
    return Response.json({
      cursor: changes.at(-1)?.version ?? since,
      hasMore: after.length > limit,
      total: after.length,
      lastSeq: 0,
      changes,
    });
  }) as typeof fetch;
}
