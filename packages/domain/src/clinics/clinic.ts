import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';

const TimeSchema = v.pipe(
  v.string(),
  v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:30'),
);

export const SiteSchema = v.object({ id: v.string(), name: v.string(), code: v.string() });
export type Site = v.InferOutput<typeof SiteSchema>;

export const ClinicianSchema = v.object({
  id: v.string(),
  name: v.string(),
  grade: v.string(),
  specialty: v.string(),
});
export type Clinician = v.InferOutput<typeof ClinicianSchema>;

/** Slot types of the clinic templates (issue 2; two-week wait slots arrive with issue 6). */
export const SLOT_TYPES = ['new', 'follow-up', 'urgent', 'procedure'] as const;
export type SlotType = (typeof SLOT_TYPES)[number];
export const SLOT_TYPE_LABELS: Record<SlotType, string> = {
  new: 'New',
  'follow-up': 'Follow-up',
  urgent: 'Urgent',
  procedure: 'Procedure',
};

export const SlotPatternItemSchema = v.object({
  type: v.picklist(SLOT_TYPES),
  minutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(240)),
});

/** A weekly clinic a clinician runs at a site, and the slots it is made of. */
export const ClinicTemplateSchema = v.object({
  id: v.string(),
  name: v.string(),
  clinicianId: v.string(),
  siteId: v.string(),
  room: v.string(),
  weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
  startTime: TimeSchema,
  slotPattern: v.array(SlotPatternItemSchema),
});
export type ClinicTemplate = v.InferOutput<typeof ClinicTemplateSchema>;

/** A dated clinic: one instance of a template (or an ad-hoc clinic). */
export const ClinicSessionSchema = v.object({
  id: v.string(),
  templateId: v.nullable(v.string()),
  name: v.string(),
  clinicianId: v.string(),
  siteId: v.string(),
  room: v.string(),
  date: CalendarDateSchema,
  startTime: TimeSchema,
  endTime: TimeSchema,
  status: v.picklist(['open', 'cancelled']),
  cancellationReason: v.nullable(v.string()),
});
export type ClinicSession = v.InferOutput<typeof ClinicSessionSchema>;

/**
 * A bookable slot. Date, site and clinician are copied from its session so that a device
 * can find free slots with one index look-up.
 */
export const SlotSchema = v.object({
  id: v.string(),
  sessionId: v.string(),
  siteId: v.string(),
  clinicianId: v.string(),
  date: CalendarDateSchema,
  startTime: TimeSchema,
  minutes: v.pipe(v.number(), v.integer(), v.minValue(5)),
  type: v.picklist(SLOT_TYPES),
  status: v.picklist(['free', 'booked', 'blocked']),
  appointmentId: v.nullable(v.string()),
});
export type Slot = v.InferOutput<typeof SlotSchema>;

/** Adds minutes to a `HH:MM` time of day. */
export function addMinutes(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
