import type { Context } from 'hono';

/** Reads a JSON body, or the 400 answer to give when it is not JSON. */
export async function readJson(
  c: Context,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await c.req.json() };
  } catch {
    return { ok: false, response: c.json({ error: 'The request body is not valid JSON' }, 400) };
  }
}
