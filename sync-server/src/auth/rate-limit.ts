/**
 * Counts failed attempts per key (a client address) in fixed windows, in this process's memory.
 * Only failures count, because a whole hospital may reach the server from one address. Enough
 * to slow a guesser down; the per-account lock-out (in the database) holds across servers.
 */
export function createFailureLimiter(limit: number, windowMs: number) {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    return w && now - w.start < windowMs ? w : undefined;
  };
  return {
    /** True when the key has used up its failures for this window. */
    isBlocked(key: string, now: number): boolean {
      return (current(key, now)?.count ?? 0) >= limit;
    },
    recordFailure(key: string, now: number): void {
      const w = current(key, now);
      if (w) w.count += 1;
      else {
        if (windows.size > 10_000) windows.clear();
        windows.set(key, { start: now, count: 1 });
      }
    },
  };
}
