/**
 * Hybrid logical clocks (Kulkarni et al., 2014): a wall-clock time that never runs backwards
 * and breaks ties by a counter and the node, so that "last writer wins" on a field is decided
 * the same way on every device and on the server (issue 4).
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

/** A device's clock may run at most this far ahead of the server's before its edits are refused. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/** Writes an HLC as a string that sorts in clock order: `wall:counter:node`, fixed widths. */
export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(15, '0')}:${String(h.counter).padStart(5, '0')}:${h.node}`;
}

/** Reads an HLC string; undefined when it is not one. */
export function parseHlc(text: string): Hlc | undefined {
  const m = /^(\d{15}):(\d{5}):(.+)$/.exec(text);
  if (!m) return undefined;
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3] as string };
}

/** The next clock for a local event: now, or one tick past the last clock if that is later. */
export function tickHlc(last: Hlc | undefined, nowMs: number, node: string): Hlc {
  if (!last || nowMs > last.wall) return { wall: nowMs, counter: 0, node };
  return { wall: last.wall, counter: last.counter + 1, node };
}

/** The clock after seeing a remote one: later than both it and everything this node has seen. */
export function receiveHlc(local: Hlc | undefined, remote: Hlc, nowMs: number, node: string): Hlc {
  const wall = Math.max(local?.wall ?? 0, remote.wall, nowMs);
  if (wall === nowMs && wall !== local?.wall && wall !== remote.wall)
    return { wall, counter: 0, node };
  const counter =
    Math.max(
      local && local.wall === wall ? local.counter : -1,
      remote.wall === wall ? remote.counter : -1,
    ) + 1;
  return { wall, counter, node };
}

/** True when a clock is more than five minutes ahead of the server's time. */
export function isTooFarAhead(h: Hlc, serverNowMs: number): boolean {
  return h.wall > serverNowMs + MAX_CLOCK_AHEAD_MS;
}
