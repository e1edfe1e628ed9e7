import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../referrals/referral.ts';

export const TimeSchema = v.pipe(
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

/** Slot types of the clinic templates (issue 2; two-week wait slots with issue 6). */
export const SLOT_TYPES = ['new', 'follow-up', 'urgent', 'two-week-wait', 'procedure'] as const;
export type SlotType = (typeof SLOT_TYPES)[number];
export const SLOT_TYPE_LABELS: Record<SlotType, string> = {
  new: 'New',
  'follow-up': 'Follow-up',
  urgent: 'Urgent',
  'two-week-wait': 'Two-week wait',
  procedure: 'Procedure',
};

export const SlotPatternItemSchema = v.object({
  type: v.picklist(SLOT_TYPES, 'Choose a slot type'),
  minutes: v.pipe(
    v.number('Enter the slot length in minutes'),
    v.integer('Enter the slot length in whole minutes'),
    v.minValue(5, 'A slot must be at least 5 minutes'),
    v.maxValue(240, 'A slot can be at most 240 minutes'),
  ),
});
export type SlotPatternItem = v.InferOutput<typeof SlotPatternItemSchema>;

/** A clinic's slots, in order: at least one, and the whole clinic inside one day. */
export const SlotPatternSchema = v.pipe(
  v.array(SlotPatternItemSchema),
  v.minLength(1, 'Add at least one slot'),
  v.maxLength(60, 'A clinic can have at most 60 slots'),
);

/**
 * How often a template's clinic runs (issue 6): every week; alternate weeks counted from an
 * anchor day that is one of its weeks; or on chosen weeks of the month (1st and 3rd …, where
 * 5 means a fifth occurrence, when the month has one).
 */
export const RecurrenceSchema = v.variant('kind', [
  v.object({ kind: v.literal('weekly') }),
  v.object({ kind: v.literal('alternate'), anchor: CalendarDateSchema }),
  v.object({
    kind: v.literal('monthly'),
    weeks: v.pipe(
      v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
      v.minLength(1, 'Choose which weeks of the month the clinic runs'),
    ),
  }),
]);
export type Recurrence = v.InferOutput<typeof RecurrenceSchema>;

export const RECURRENCE_LABELS: Record<Recurrence['kind'], string> = {
  weekly: 'Every week',
  alternate: 'Alternate weeks',
  monthly: 'Weeks of the month',
};

/** A recurring clinic a clinician runs at a site, and the slots it is made of. */
export const ClinicTemplateSchema = v.object({
  id: v.string(),
  name: v.string(),
  clinicianId: v.string(),
  siteId: v.string(),
  room: v.string(),
  weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
  startTime: TimeSchema,
  slotPattern: v.array(SlotPatternItemSchema),
  // Issue 6: rows written before it run every week with no end.
  recurrence: v.optional(RecurrenceSchema, { kind: 'weekly' }),
  validFrom: v.optional(v.nullable(CalendarDateSchema), null),
  validTo: v.optional(v.nullable(CalendarDateSchema), null),
});
export type ClinicTemplate = v.InferOutput<typeof ClinicTemplateSchema>;

/** How late a clinic is running, as the reception desk last said, and who said it. */
export const RunningLateSchema = v.object({
  minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(480)),
  note: v.string(),
  at: v.string(),
  by: RecordedBySchema,
});
export type RunningLate = v.InferOutput<typeof RunningLateSchema>;

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
  // Issue 6: the leave that emptied it, and who cancelled or reduced it and when.
  leaveId: v.optional(v.nullable(v.string()), null),
  changedBy: v.optional(v.nullable(RecordedBySchema), null),
  changedAt: v.optional(v.nullable(v.string()), null),
  /** Issue 8: set when the clinic is cashed up (closed for the day), null while open. */
  cashedUp: v.optional(v.nullable(v.object({ at: v.string(), by: RecordedBySchema })), null),
  /** Each time a cashed-up clinic was opened again, by whom and why. */
  reopenings: v.optional(
    v.array(v.object({ at: v.string(), by: RecordedBySchema, reason: v.string() })),
    [],
  ),
  // Issue 8: the desk's note that the clinic is running late, shown on every device.
  runningLate: v.optional(v.nullable(RunningLateSchema)),
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
  /** Why a slot was taken out of a clinic (a reduced clinic, issue 6). */
  blockedReason: v.optional(v.nullable(v.string()), null),
});
export type Slot = v.InferOutput<typeof SlotSchema>;

/** Adds minutes to a `HH:MM` time of day. */
export function addMinutes(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Minutes from midnight of a `HH:MM` time. */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
