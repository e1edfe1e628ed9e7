import type { Appointment } from './appointment.ts';

/** The one big step the desk offers next for a patient (issue 8), or null when there is none. */
export type DeskStep = 'arrive' | 'with-clinician' | 'seen';

/** Booked → Arrived → With clinician → Seen: the step after the appointment's status. */
export function nextDeskStep(appointment: Pick<Appointment, 'status'>): DeskStep | null {
  switch (appointment.status) {
    case 'booked':
      return 'arrive';
    case 'arrived':
      return 'with-clinician';
    case 'with-clinician':
      return 'seen';
    default:
      return null;
  }
}

/**
 * Whole minutes a patient has waited since they arrived: until they were called in or left,
 * or until `now` while they are still in the waiting room; null when they have not arrived.
 */
export function minutesWaited(
  appointment: Pick<Appointment, 'arrivedAt' | 'waitEndedAt'>,
  now: string,
): number | null {
  if (!appointment.arrivedAt) return null;
  const end = Date.parse(appointment.waitEndedAt ?? now);
  return Math.max(0, Math.floor((end - Date.parse(appointment.arrivedAt)) / 60_000));
}

/** How a clinic's waiting room stands: patients waiting now and the longest wait among them. */
export function waitingRoom(
  appointments: readonly Pick<Appointment, 'status' | 'arrivedAt' | 'waitEndedAt'>[],
  now: string,
): { waiting: number; longestMinutes: number | null } {
  const waits = appointments
    .filter((a) => a.status === 'arrived')
    .map((a) => minutesWaited(a, now) ?? 0);
  return { waiting: waits.length, longestMinutes: waits.length ? Math.max(...waits) : null };
}
