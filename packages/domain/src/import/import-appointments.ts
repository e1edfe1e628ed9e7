import * as v from 'valibot';
import { appointmentInSlot, type Appointment } from '../booking/appointment.ts';
import { TimeSchema, type Slot } from '../clinics/clinic.ts';
import type { Referral } from '../referrals/referral.ts';
import type { RowCheck } from './import-plan.ts';
import {
  idFromPas,
  planFile,
  ukDay,
  type ImportPlan,
  type ImportState,
  type RowDecision,
} from './import-plan.ts';

export const APPOINTMENT_COLUMNS = [
  'pas_id',
  'referral_pas_id',
  'date',
  'start_time',
  'clinician_code',
  'site_code',
] as const;

const BOOKABLE: ReadonlySet<Referral['status']> = new Set(['waiting', 'follow-up']);

interface Booking {
  id: string;
  referral: Referral;
  slot: Slot;
  kind: Appointment['kind'];
}

/** Finds the slot a row names: the clinician's open clinic at the site, that day and time. */
function findSlot(check: RowCheck, state: ImportState): Slot | undefined {
  const date = check.date('date', 'appointment date');
  if (date && date < state.today)
    check.refuse(
      `the appointment date ${ukDay(date)} is in the past: only appointments still to come are imported`,
    );
  const startTime = check.required('start_time', 'start time');
  if (startTime && !v.is(TimeSchema, startTime))
    check.refuse(`the start time "${startTime}" is not a time like 09:30`);
  const clinician = check.clinician(state.clinicians);
  const site = check.site(state.sites);
  if (check.reasons.length || !date || !clinician || !site) return undefined;
  const slot = state.slots.find(
    (s) =>
      s.clinicianId === clinician.id &&
      s.siteId === site.id &&
      s.date === date &&
      s.startTime === startTime &&
      state.sessionsById.get(s.sessionId)?.status === 'open',
  );
  if (!slot)
    check.refuse(
      `${clinician.name} has no clinic slot at ${site.code} on ${ukDay(date)} at ${startTime}: import the clinic templates and generate their clinics first`,
    );
  return slot;
}

function readBooking(check: RowCheck, state: ImportState): Booking | undefined {
  const pasId = check.pasId('pas_id', 'PAS appointment id');
  const referralPasId = check.pasId('referral_pas_id', 'PAS referral id');
  const referral = referralPasId
    ? state.referralsById.get(idFromPas('ref', referralPasId))
    : undefined;
  if (referralPasId && !referral)
    check.refuse(
      `no pathway has the PAS referral id ${referralPasId}: import the referrals file first`,
    );
  const slot = findSlot(check, state);
  if (check.reasons.length || !referral || !slot) return undefined;
  // As appointment.book: a pathway on the follow-up list gets a follow-up, any other a new one.
  const kind = referral.status === 'follow-up' ? 'follow-up' : 'new';
  return { id: idFromPas('appt', pasId), referral, slot, kind };
}

/** Why a new booking cannot be made, or undefined when it can. */
function bookingProblem(b: Booking, state: ImportState): string | undefined {
  if (b.slot.status === 'blocked')
    return `the slot at ${b.slot.startTime} on ${ukDay(b.slot.date)} is blocked`;
  if (b.slot.status === 'booked') {
    const other = b.slot.appointmentId
      ? state.appointmentsById.get(b.slot.appointmentId)
      : undefined;
    return `the slot at ${b.slot.startTime} on ${ukDay(b.slot.date)} is already booked${other ? ' for another pathway' : ''}`;
  }
  if (b.referral.status === 'awaiting-triage') return 'the pathway has not been triaged yet';
  if (!BOOKABLE.has(b.referral.status))
    return `the pathway is ${b.referral.status} in ClinicDesk, not waiting to be booked`;
  return undefined;
}

/**
 * Plans a booked appointments extract. Each row books a pathway (by its PAS referral id) into
 * the slot of the clinician's clinic at that site, day and time, as `appointmentInSlot` makes
 * it; the slot becomes booked and the pathway `booked` (a follow-up stays on `follow-up`, as with
 * `appointment.book`), at the slot's clinician and site. An
 * appointment already imported into the same slot is unchanged; one the PAS has moved is
 * refused (rebook it in ClinicDesk, where the rules and letters run). Refused too: a past date,
 * no such slot, a slot taken or blocked, a pathway not waiting, two rows for one slot or pathway.
 */
export function planAppointmentsImport(text: string, state: ImportState): ImportPlan {
  return planFile<Booking>(text, {
    kind: 'appointments',
    columns: APPOINTMENT_COLUMNS,
    keyOf: (row) => row.get('pas_id'),
    read: (check) => readBooking(check, state),
    uniqueKeys: (b) => [
      { key: b.id, repeated: (earlier) => `row ${earlier} has the same PAS appointment id` },
      { key: b.slot.id, repeated: (earlier) => `row ${earlier} books the same slot` },
      { key: b.referral.id, repeated: (earlier) => `row ${earlier} books the same pathway` },
    ],
    decide: (b) => decideBooking(b, state),
  });
}

function decideBooking(b: Booking, state: ImportState): RowDecision {
  const existing = state.appointmentsById.get(b.id);
  if (existing)
    return existing.slotId === b.slot.id && existing.kind === b.kind
      ? { action: 'unchanged' }
      : {
          action: 'refused',
          reason: `this appointment is booked in ClinicDesk on ${ukDay(existing.date)} at ${existing.startTime}: rebook it in ClinicDesk`,
        };
  const problem = bookingProblem(b, state);
  if (problem) return { action: 'refused', reason: problem };
  const appointment = appointmentInSlot(b.slot, b.referral, {
    id: b.id,
    kind: b.kind,
    status: 'booked',
    bookedAt: state.now,
  });
  return {
    action: 'create',
    writes: [
      { table: 'appointments', row: appointment },
      { table: 'slots', row: { ...b.slot, status: 'booked', appointmentId: appointment.id } },
      {
        table: 'referrals',
        row: {
          ...b.referral,
          status: b.kind === 'follow-up' ? 'follow-up' : 'booked',
          clinicianId: b.slot.clinicianId,
          siteId: b.slot.siteId,
          openRebookId: null,
        },
      },
    ],
  };
}
