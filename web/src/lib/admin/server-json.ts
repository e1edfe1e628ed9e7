/** A call the server refused or never received, with the words to show. */
export type Failure = { ok: false; message: string };

/** A call to the sync server's JSON API: its body, or the words to show instead. */
export type ServerAnswer<T> = { ok: true; body: T } | Failure;

function errorOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  return typeof body.error === 'string' ? body.error : undefined;
}

/**
 * Calls the sync server on this origin with the session cookie. A fetch that rejects means the
 * network is gone, so the caller's `offline` words are shown; a refusal shows the server's own.
 */
export async function requestServerJson<T>(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  offline: string,
): Promise<ServerAnswer<T>> {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { ok: false, message: offline };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) return { ok: false, message: errorOf(body) ?? `The server answered ${res.status}` };
  if (body === undefined) return { ok: false, message: 'The server’s answer could not be read' };
  return { ok: true, body: body as T };
}

/** The request options for sending `value` as JSON. */
export function jsonBody(method: 'POST' | 'PATCH', value: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
