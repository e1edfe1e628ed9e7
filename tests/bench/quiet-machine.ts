// Waits for a quiet machine before a timed part of a benchmark: the disk's dirty pages flushed
// (a seeded database, a copy just written) and the CPUs mostly idle. On this machine's two
// shared cores, the first sync otherwise raced the writeback of the database seeded just before
// it, and the raw bulkPut the compaction of the copy just made (issue 10).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Idle and total CPU time since boot, from /proc/stat (Linux). */
function cpuTimes(): { idle: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const n = fields.slice(1).map(Number);
    return { idle: n[3]! + n[4]!, total: n.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/**
 * Flushes the disk, then waits until the CPUs have been at least 85 % idle for 2 s (at most
 * 60 s). Returns how long it waited, in ms. Where /proc/stat cannot be read, only flushes.
 */
export async function quietMachine(): Promise<number> {
  const started = Date.now();
  execFileSync('sync');
  let previous = cpuTimes();
  let calm = 0;
  while (previous && calm < 4 && Date.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuTimes()!;
    const idle = (now.idle - previous.idle) / Math.max(1, now.total - previous.total);
    calm = idle >= 0.85 ? calm + 1 : 0;
    previous = now;
  }
  return Date.now() - started;
}
