import {
  addMinutes,
  APPOINTMENT_STATUS_LABELS,
  SLOT_TYPE_LABELS,
  type Appointment,
  type AppointmentStatus,
  type ClinicSession,
  type Slot,
  type SlotType,
} from '@clinicdesk/domain';
import { metaOf, reference, type CodeableConcept, type FhirResource } from './fhir-resource.ts';
import { londonInstant } from './london-time.ts';

const SPECIALTY: CodeableConcept = { text: 'Oral and Maxillofacial Surgery' };
const APPOINTMENT_TYPES = 'http://terminology.hl7.org/CodeSystem/v2-0276';
const CANCELLATION_REASONS =
  'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';

/**
 * The slot type as an appointment type: HL7 v2 table 0276 has ROUTINE and FOLLOWUP; urgent,
 * two-week-wait and procedure slots have no code there (EMERGENCY would overstate urgent), so
 * they carry text only. The binding is "preferred", so text alone is allowed.
 */
export function appointmentTypeOf(type: SlotType): CodeableConcept {
  const code = type === 'new' ? 'ROUTINE' : type === 'follow-up' ? 'FOLLOWUP' : undefined;
  return {
    ...(code ? { coding: [{ system: APPOINTMENT_TYPES, code }] } : {}),
    text: SLOT_TYPE_LABELS[type],
  };
}

/**
 * UK Core Schedule from a dated clinic (ClinicSession), not from its template: every slot
 * belongs to a session, ad-hoc clinics have no template, and FHIR requires each Slot to name
 * its Schedule. The actors are the clinician and the site; a cancelled clinic is inactive.
 */
export function scheduleResource(s: ClinicSession, version?: number): FhirResource {
  return {
    resourceType: 'Schedule',
    id: s.id,
    meta: metaOf('Schedule', version),
    active: s.status === 'open',
    specialty: [SPECIALTY],
    actor: [reference('Practitioner', s.clinicianId), reference('Location', s.siteId)],
    planningHorizon: {
      start: londonInstant(s.date, s.startTime),
      end: londonInstant(s.date, s.endTime),
    },
    comment: [
      s.name,
      s.room,
      ...(s.status === 'cancelled'
        ? [`Cancelled: ${s.cancellationReason ?? 'no reason given'}`]
        : []),
    ].join(' – '),
  };
}

const SLOT_STATUS = { free: 'free', booked: 'busy', blocked: 'busy-unavailable' } as const;

/** UK Core Slot: booked is busy, blocked (taken out of a clinic) is busy-unavailable. */
export function slotResource(s: Slot, version?: number): FhirResource {
  return {
    resourceType: 'Slot',
    id: s.id,
    meta: metaOf('Slot', version),
    serviceType: [SPECIALTY],
    appointmentType: appointmentTypeOf(s.type),
    schedule: reference('Schedule', s.sessionId),
    status: SLOT_STATUS[s.status],
    start: londonInstant(s.date, s.startTime),
    end: londonInstant(s.date, addMinutes(s.startTime, s.minutes)),
    ...(s.status === 'blocked' && s.blockedReason ? { comment: s.blockedReason } : {}),
  };
}

/**
 * ClinicDesk's attendance statuses in FHIR's words. Could not wait (the patient came but left
 * before being seen) is neither a no-show (they appeared) nor fulfilled: it is a cancellation
 * on the patient's side, with the words kept in the reason's text.
 */
const APPOINTMENT_STATUS: Record<AppointmentStatus, { status: string; cancelledBy?: string }> = {
  booked: { status: 'booked' },
  arrived: { status: 'arrived' },
  // In the building with the clinician: FHIR has no later state before fulfilled.
  'with-clinician': { status: 'arrived' },
  seen: { status: 'fulfilled' },
  'did-not-attend': { status: 'noshow' },
  'could-not-wait': { status: 'cancelled', cancelledBy: 'pat' },
  'cancelled-by-patient': { status: 'cancelled', cancelledBy: 'pat' },
  'cancelled-by-hospital': { status: 'cancelled', cancelledBy: 'prov' },
};

/** UK Core Appointment; `minutes` is its slot's length (appointments keep only the start). */
export function appointmentResource(
  a: Appointment,
  minutes: number,
  version?: number,
): FhirResource {
  const { status, cancelledBy } = APPOINTMENT_STATUS[a.status];
  const reason = [APPOINTMENT_STATUS_LABELS[a.status], a.cancellationReason]
    .filter(Boolean)
    .join(': ');
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: metaOf('Appointment', version),
    status,
    ...(cancelledBy
      ? {
          cancelationReason: {
            coding: [{ system: CANCELLATION_REASONS, code: cancelledBy }],
            text: reason,
          },
        }
      : {}),
    serviceType: [SPECIALTY],
    appointmentType: appointmentTypeOf(a.kind),
    start: londonInstant(a.date, a.startTime),
    end: londonInstant(a.date, addMinutes(a.startTime, minutes)),
    minutesDuration: minutes,
    slot: [reference('Slot', a.slotId)],
    created: a.bookedAt,
    participant: [
      { actor: reference('Patient', a.patientId), required: 'required', status: 'accepted' },
      { actor: reference('Practitioner', a.clinicianId), required: 'required', status: 'accepted' },
      { actor: reference('Location', a.siteId), required: 'required', status: 'accepted' },
    ],
  };
}
