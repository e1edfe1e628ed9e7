import * as v from 'valibot';
import { CalendarDateSchema, formatUkDate, type CalendarDate } from '../calendar/calendar-date.ts';
import { SlotPatternSchema, TimeSchema } from '../clinics/clinic.ts';
import { closureOn } from '../clinics/recurrence.ts';
import { DEFAULT_TRUST_SETTINGS, type TrustSettings } from '../settings/trust-settings.ts';
import type { ReadState } from './mutator.ts';

/** Words a person typed: trimmed, required, bounded. */
export function text(required: string, max = 200) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty(required),
    v.maxLength(max, `Keep it under ${max} characters`),
  );
}

export const Id = v.pipe(v.string(), v.nonEmpty());

/** Where and when a clinic runs and what it is made of: shared by templates and ad-hoc clinics. */
export const ClinicShapeEntries = {
  name: text('Give the clinic a name', 80),
  clinicianId: v.pipe(v.string('Choose the clinician'), v.nonEmpty('Choose the clinician')),
  siteId: v.pipe(v.string('Choose the site'), v.nonEmpty('Choose the site')),
  room: text('Enter the room', 40),
  startTime: TimeSchema,
  slotPattern: SlotPatternSchema,
};

/** The Trust's settings as stored, or the defaults before a manager has changed any. */
export async function trustSettings(state: ReadState): Promise<TrustSettings> {
  return (await state.get('settings', DEFAULT_TRUST_SETTINGS.id)) ?? DEFAULT_TRUST_SETTINGS;
}

/** The rejection message for a day the clinics are closed, or null when they are open. */
export function closedDayMessage(date: CalendarDate, settings: TrustSettings): string | null {
  const closed = closureOn(date, settings.closures);
  return closed
    ? `Clinics do not run on ${formatUkDate(date)} (${closed}): choose another day`
    : null;
}

export { CalendarDateSchema };
