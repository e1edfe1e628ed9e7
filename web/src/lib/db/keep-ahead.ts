import type { CalendarDate } from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { hasDataKeys } from './encryption.ts';
import { keptPatientNames, keptPtl } from './kept-lists.ts';

/**
 * How long after the device is unlocked with its copy before reading ahead starts. Reading at
 * once slowed the unlock's own first screen: the waits between its IndexedDB reads are idle
 * moments too (issue 10: unlock to the day's clinics took 0.7 to 1.3 s at 104,000 rows, against
 * 0.2 s before reading ahead).
 */
const START_AFTER_MS = 3_000;

/**
 * Reads ahead, in idle moments, what the first page to need it would otherwise read whole:
 * every patient's name (opening every sealed patient, so that data quality and validation parse
 * rather than decrypt them, ADR 0011) and, given a day, the PTL's whole list (ADR 0012). It
 * starts a few seconds after the device is unlocked and holds its copy, and holds the kept
 * values, following every change, until `stop` (at lock and sign-out the keys go, and what
 * was kept with them). `done` settles once they have been read (or reading stopped).
 */
export function keepAhead(
  db: ClinicDeskDatabase,
  {
    ptlFor = null,
    startAfterMs = START_AFTER_MS,
  }: { ptlFor?: CalendarDate | null; startAfterMs?: number } = {},
): { stop: () => void; done: Promise<void> } {
  let stopped = false;
  const holds: (() => void)[] = [];
  const done = (async () => {
    await new Promise((resolve) => setTimeout(resolve, startAfterMs));
    if (stopped || !hasDataKeys()) return;
    const values = [keptPatientNames(db), ...(ptlFor ? [keptPtl(db, ptlFor)] : [])];
    for (const value of values) holds.push(value.subscribe(() => {}, { background: true }));
    await Promise.all(values.map((value) => value.settled()));
  })();
  return {
    stop: () => {
      stopped = true;
      for (const release of holds.splice(0)) release();
    },
    done,
  };
}
