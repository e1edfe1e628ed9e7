import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../access/recorded-by.ts';

export const APPOINTMENT_STATUSES = [
  'booked',
  'arrived',
  'seen',
  'did-not-attend',
  'could-not-wait',
  'cancelled-by-patient',
  'cancelled-by-hospital',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  seen: 'Seen',
  'did-not-attend': 'Did not attend',
  'could-not-wait': 'Could not wait',
  'cancelled-by-patient': 'Cancelled by patient',
  'cancelled-by-hospital': 'Cancelled by hospital',
};

/**
 * The clinic outcome recorded for an attended appointment (issue 8): when, by whom, the RTT
 * code and the next step in words. The pathway holds the outcome's effects; this says that
 * the attendance has had its outcome, which is what cashing up a clinic checks.
 */
export const AppointmentOutcomeSchema = v.object({
  at: v.string(),
  by: RecordedBySchema,
  code: v.string(),
  summary: v.string(),
});
export type AppointmentOutcome = v.InferOutput<typeof AppointmentOutcomeSchema>;

/** A patient's booking into a slot (DESIGN.md: Appointment). */
export const AppointmentSchema = v.object({
  id: v.string(),
  slotId: v.string(),
  sessionId: v.string(),
  referralId: v.string(),
  patientId: v.string(),
  siteId: v.string(),
  clinicianId: v.string(),
  date: CalendarDateSchema,
  startTime: v.string(),
  kind: v.picklist(['new', 'follow-up']),
  status: v.picklist(APPOINTMENT_STATUSES),
  bookedAt: v.string(),
  cancelledAt: v.nullable(v.string()),
  cancellationReason: v.nullable(v.string()),
  /** Issue 8: null until a clinic outcome is recorded for this attendance. */
  outcome: v.optional(v.nullable(AppointmentOutcomeSchema), null),
});
export type Appointment = v.InferOutput<typeof AppointmentSchema>;

/**
 * An appointment in a slot for a referral: where and when come from the slot, who from the
 * referral. The one place that shape is made (booking, demo data, tests).
 */
export function appointmentInSlot(
  slot: {
    id: string;
    sessionId: string;
    siteId: string;
    clinicianId: string;
    date: string;
    startTime: string;
  },
  referral: { id: string; patientId: string },
  fields: {
    id: string;
    kind: Appointment['kind'];
    status: Appointment['status'];
    bookedAt: string;
  },
): Appointment {
  return {
    id: fields.id,
    slotId: slot.id,
    sessionId: slot.sessionId,
    referralId: referral.id,
    patientId: referral.patientId,
    siteId: slot.siteId,
    clinicianId: slot.clinicianId,
    date: slot.date,
    startTime: slot.startTime,
    kind: fields.kind,
    status: fields.status,
    bookedAt: fields.bookedAt,
    cancelledAt: null,
    cancellationReason: null,
    outcome: null,
  };
}
