import { readMeta, unlessClosed, type ClinicDeskDatabase } from '../db/database.ts';

/** Minutes of no touch, click or key before the device locks (issue 3: 5 on the reception tablet). */
export const DEFAULT_IDLE_MINUTES = 5;

/** The idle times a device may be set to: never longer than a quarter of an hour. */
export const IDLE_CHOICES = [1, 2, 5, 10, 15] as const;

/**
 * Locks the device after it has been left alone for the configured minutes (meta
 * `idleMinutes`). Returns the function that stops watching.
 */
export function startIdleLock(db: ClinicDeskDatabase, lock: () => void): () => void {
  let last = Date.now();
  let minutes = DEFAULT_IDLE_MINUTES;
  // The setting read last stays in force if a read fails: after a newer ClinicDesk closed the
  // database under this tab, the device still locks on time until the tab is reloaded.
  const readSetting = () =>
    void unlessClosed(() => readMeta(db, 'idleMinutes', DEFAULT_IDLE_MINUTES), minutes).then(
      (m) => (minutes = m),
    );
  readSetting();
  const seen = () => (last = Date.now());
  const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
  for (const e of events) window.addEventListener(e, seen, { passive: true });
  const timer = setInterval(() => {
    readSetting();
    if (Date.now() - last >= minutes * 60_000) {
      lock();
      last = Date.now();
    }
  }, 5_000);
  return () => {
    for (const e of events) window.removeEventListener(e, seen);
    clearInterval(timer);
  };
}
