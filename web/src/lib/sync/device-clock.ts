import { londonDateOf } from '@clinicdesk/domain';

/** The device's moment and the hospital's day (Europe/London), as mutators are told them. */
export function deviceClock(): { now: Date; today: string } {
  const now = new Date();
  return { now, today: londonDateOf(now) };
}
