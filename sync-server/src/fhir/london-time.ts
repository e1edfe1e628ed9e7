import { londonDateOf, londonTimeOf, type CalendarDate } from '@clinicdesk/domain';

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  timeZoneName: 'longOffset',
});

/** London's offset from UTC at an instant, in minutes: 0 in GMT, 60 in BST. */
function londonOffsetMinutes(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name ?? '');
  if (!m) return 0; // "GMT" alone: no offset
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * A London wall-clock time on a day as a FHIR instant with London's offset on that day:
 * `2026-06-01T09:00:00+01:00` in summer (BST), `2026-12-01T09:00:00+00:00` in winter (GMT).
 * Clinics run in the daytime, far from the 01:00–02:00 hour that the clocks skip or repeat.
 */
export function londonInstant(date: CalendarDate, time: string): string {
  const wall = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    Number(time.slice(0, 2)),
    Number(time.slice(3, 5)),
  );
  // The offset at the wall time read as UTC is right except within an hour of a change;
  // asking again at the corrected instant settles it.
  const offset = londonOffsetMinutes(wall - londonOffsetMinutes(wall) * 60_000);
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${date}T${time}:00${offset < 0 ? '-' : '+'}${hours}:${minutes}`;
}

/**
 * The London wall-clock minute at or after an instant, as `YYYY-MM-DDTHH:MM`: what a search
 * bound becomes when compared with slots and appointments, which are stored as a London day
 * and a `HH:MM` start (whole minutes, so `start >= x` is `start >= x rounded up`).
 */
export function londonMinuteKey(instant: number): string {
  const minute = Math.ceil(instant / 60_000) * 60_000;
  return `${londonDateOf(new Date(minute))}T${londonTimeOf(new Date(minute))}`;
}
