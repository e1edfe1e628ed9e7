/**
 * Calls `tick` with the time on each whole `everyMs` of the wall clock (every 15 seconds: at
 * :00, :15, :30 and :45), not `everyMs` after the screen opened. Appointment times are whole
 * minutes, so a screen ticking on the minute changes at the appointment's time (the desk offers
 * "Did not attend" then), rather than up to a tick later. Returns the function that stops it.
 */
export function onWallClock(everyMs: number, tick: (nowMs: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  // A few milliseconds past the boundary: a timer may fire a little early, and a tick read just
  // before the minute would still show the minute before.
  const schedule = () =>
    (timer = setTimeout(
      () => {
        tick(Date.now());
        schedule();
      },
      everyMs - (Date.now() % everyMs) + 5,
    ));
  schedule();
  return () => clearTimeout(timer);
}
