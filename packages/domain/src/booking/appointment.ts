import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../access/recorded-by.ts';

export const APPOINTMENT_STATUSES = [
  'booked',
  'arrived',
  'with-clinician',
  'seen',
  'did-not-attend',
  'could-not-wait',
  'cancelled-by-patient',
  'cancelled-by-hospital',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * An appointment still under way: booked, or the patient is in the building (arrived, with
 * the clinician). Its pathway's next step is this appointment (issue 8: the desk's states are
 * the booking's, not a new list).
 */
export const ACTIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [
  'booked',
  'arrived',
  'with-clinician',
];

/** True when an appointment is booked or its patient is at the clinic now. */
export function isActiveAppointment(appointment: Pick<Appointment, 'status'>): boolean {
  return ACTIVE_APPOINTMENT_STATUSES.includes(appointment.status);
}

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  'with-clinician': 'With clinician',
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
  // Issue 8 (the reception desk): when the patient arrived, when their wait ended (called in,
  // or gone without being seen) and whether they walked in without a booking.
  // Optional in the type so rows written before (and literals in tests) need not name them;
  // row-defaults.ts fills them on read.
  arrivedAt: v.optional(v.nullable(v.string())),
  waitEndedAt: v.optional(v.nullable(v.string())),
  walkIn: v.optional(v.boolean()),
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
    arrivedAt: null,
    waitEndedAt: null,
    walkIn: false,
  };
}
