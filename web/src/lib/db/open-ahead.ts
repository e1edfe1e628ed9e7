import type { ClinicDeskDatabase } from './database.ts';
import { hasDataKeys, keysGeneration } from './encryption.ts';

/** Patients opened in one idle moment: about 20 ms of AES at a time on a desk PC. */
const CHUNK = 400;

/**
 * How long after the device is unlocked with its copy before opening starts. Opening in every
 * idle moment at once slowed the unlock's own first screen: the waits between its IndexedDB
 * reads are idle moments too, and each chunk took them (issue 10: unlock to the day's clinics
 * took 0.7 to 1.3 s at 104,000 rows, against 0.2 s before opening ahead).
 */
const START_AFTER_MS = 3_000;

/** The next moment the browser is idle (a short timeout where it cannot say, as in Safari). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve());
    else setTimeout(resolve, 50);
  });
}

/**
 * Opens every sealed patient a chunk at a time while the browser is idle, starting a few seconds
 * after the device is unlocked and holds its copy (ADR 0011). The first page to read them all (the PTL's names,
 * data quality, validation) then parses what the middleware kept, rather than decrypting
 * 55,000 patients in one long task. It stops when the keys change (lock, sign-out) or when
 * `stop` is called; `done` settles when it has stopped or finished.
 */
export function openPatientsAhead(
  db: ClinicDeskDatabase,
  chunk = CHUNK,
  startAfterMs = START_AFTER_MS,
): { stop: () => void; done: Promise<void> } {
  let stopped = false;
  const generation = keysGeneration();
  const going = () => !stopped && hasDataKeys() && keysGeneration() === generation;
  const done = (async () => {
    await new Promise((resolve) => setTimeout(resolve, startAfterMs));
    let after = '';
    while (going()) {
      await idle();
      if (!going()) return;
      const rows = await db.rows('patients').where(':id').above(after).limit(chunk).toArray();
      if (rows.length < chunk) return;
      after = rows.at(-1)!.id;
    }
  })().catch(() => {
    // A device locked or closed under it: the pages open what they read, as before.
  });
  return {
    stop: () => {
      stopped = true;
    },
    done,
  };
}
