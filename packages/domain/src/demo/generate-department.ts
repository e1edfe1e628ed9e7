import { addDays, type CalendarDate } from '../calendar/calendar-date.ts';
import { appointmentInSlot, type Appointment } from '../booking/appointment.ts';
import type { Clinician, ClinicSession, ClinicTemplate, Site, Slot } from '../clinics/clinic.ts';
import type { Patient } from '../patients/patient.ts';
import { REFERRAL_SOURCES, type Priority, type Referral } from '../referrals/referral.ts';
import { buildSessions, buildTemplates, CLINICIAN_NAMES, DEMO_SITES } from './demo-clinics.ts';
import { createRandom, shuffle, type Random } from './random.ts';
import {
  FAMILY_NAMES,
  GIVEN_NAMES,
  syntheticAddress,
  syntheticPhone,
  syntheticPractice,
  testRangeNhsNumbers,
} from './synthetic-people.ts';

export interface Department {
  sites: Site[];
  clinicians: Clinician[];
  clinicTemplates: ClinicTemplate[];
  clinicSessions: ClinicSession[];
  slots: Slot[];
  patients: Patient[];
  referrals: Referral[];
  appointments: Appointment[];
}

export interface DepartmentOptions {
  seed: number;
  today: CalendarDate;
  /** Number of referral pathways; ~3,000 for the demo, 100,000 for benchmarks. */
  referrals: number;
}

function pickPriority(random: Random): Priority {
  const r = random.next();
  return r < 0.08 ? 'two-week-wait' : r < 0.25 ? 'urgent' : r < 0.45 ? 'soon' : 'routine';
}

/**
 * A synthetic Oral and Maxillofacial Surgery department: 3 sites, 10 clinicians, 60 weekly
 * clinics from 8 weeks back to 12 weeks ahead, and referrals in every state. Deterministic:
 * the same options always give the same department. Every person in it is invented.
 */
export function generateDepartment({
  seed,
  today,
  referrals: count,
}: DepartmentOptions): Department {
  const random = createRandom(seed);
  const clinicians: Clinician[] = CLINICIAN_NAMES.map((name, i) => ({
    id: `clin-${i + 1}`,
    name,
    grade: i === 7 ? 'Specialty doctor' : 'Consultant',
    specialty: 'Oral and Maxillofacial Surgery',
  }));
  const clinicTemplates = buildTemplates(clinicians);
  const { sessions, slots } = buildSessions(clinicTemplates, today);
  const nhsNumbers = testRangeNhsNumbers();
  const dept: Department = {
    sites: DEMO_SITES,
    clinicians,
    clinicTemplates,
    clinicSessions: sessions,
    slots,
    patients: [],
    referrals: [],
    appointments: [],
  };

  const newPatient = (n: number): Patient => ({
    id: `pat-${n}`,
    nhsNumber: nhsNumbers.next().value as string,
    givenName: random.pick(GIVEN_NAMES),
    familyName: random.pick(FAMILY_NAMES),
    dateOfBirth: addDays('1940-01-01', random.int(0, 78 * 365)),
    address: syntheticAddress(random),
    phone: syntheticPhone(random),
    gpPractice: syntheticPractice(random),
  });
  const newReferral = (n: number, received: CalendarDate, priority: Priority | null): Referral => {
    const patient = newPatient(n);
    dept.patients.push(patient);
    const referral: Referral = {
      id: `ref-${n}`,
      patientId: patient.id,
      receivedDate: received,
      source: random.pick(REFERRAL_SOURCES),
      referrer: `Dr ${random.pick(FAMILY_NAMES)}`,
      reason: random.pick(REASONS),
      requestedPriority: priority ?? pickPriority(random),
      priority,
      clinicianId: null,
      siteId: random.pick(DEMO_SITES).id,
      status: priority ? 'waiting' : 'awaiting-triage',
      rttEvents: [{ date: received, code: '10', cause: 'Referral received' }],
    };
    dept.referrals.push(referral);
    return referral;
  };
  // About three weeks ahead, but never before the referral arrived nor later than yesterday.
  const bookingDay = (referral: Referral, slot: Slot): CalendarDate => {
    const wanted = addDays(slot.date, -21);
    const latest = addDays(today, -1);
    const day = wanted > latest ? latest : wanted;
    return day < referral.receivedDate ? referral.receivedDate : day;
  };
  const book = (
    referral: Referral,
    slot: Slot,
    kind: Appointment['kind'],
    status: Appointment['status'],
  ) => {
    const appointment = appointmentInSlot(slot, referral, {
      id: `appt-${slot.id}`,
      kind,
      status,
      bookedAt: `${bookingDay(referral, slot)}T10:00:00.000Z`,
    });
    slot.status = 'booked';
    slot.appointmentId = appointment.id;
    referral.clinicianId = slot.clinicianId;
    referral.siteId = slot.siteId;
    dept.appointments.push(appointment);
    return appointment;
  };

  const firstSlots = shuffle(
    slots.filter((s) => s.type === 'new' || s.type === 'urgent'),
    random,
  );
  const past = firstSlots.filter((s) => s.date < today);
  const future = firstSlots.filter((s) => s.date >= today);
  let n = 0;
  const quota = (share: number) => Math.round(count * share);

  // Seen, did-not-attend and discharged pathways fill past clinics.
  for (const slot of past.slice(0, Math.min(past.length, quota(0.34)))) {
    const priority =
      slot.type === 'urgent'
        ? random.pick(['two-week-wait', 'urgent'] as const)
        : pickPriority(random);
    const received = addDays(
      slot.date,
      -random.int(priority === 'routine' ? 30 : 7, priority === 'routine' ? 150 : 40),
    );
    const referral = newReferral(++n, received, priority);
    const outcome = random.next();
    if (outcome < 0.08) {
      book(referral, slot, 'new', 'did-not-attend');
      referral.rttEvents.push({
        date: slot.date,
        code: '33',
        cause: 'Did not attend first appointment',
      });
      // Rebooked two days later, or today if that is still to come: no event is dated ahead.
      const restart = addDays(slot.date, 2);
      referral.rttEvents.push({
        date: restart > today ? today : restart,
        code: '10',
        cause: 'Rebooked after DNA',
      });
      referral.status = 'waiting';
    } else {
      book(referral, slot, 'new', 'seen');
      const discharged = outcome > 0.8;
      referral.rttEvents.push({
        date: slot.date,
        code: discharged ? '34' : '20',
        cause: 'First outpatient attendance',
      });
      referral.status = discharged ? 'discharged' : 'seen';
    }
  }
  // Booked first appointments in the coming weeks.
  for (const slot of future.slice(0, Math.min(future.length, quota(0.22)))) {
    if (dept.referrals.length >= count) break;
    const priority =
      slot.type === 'urgent'
        ? random.pick(['two-week-wait', 'urgent'] as const)
        : pickPriority(random);
    const referral = newReferral(++n, addDays(today, -random.int(3, 120)), priority);
    book(referral, slot, 'new', 'booked');
    referral.status = 'booked';
  }
  // Follow-ups for seen patients, past and future.
  const seen = dept.referrals.filter((r) => r.status === 'seen');
  const followUpSlots = shuffle(
    slots.filter((s) => s.type === 'follow-up'),
    random,
  );
  followUpSlots.slice(0, Math.floor(seen.length * 0.8)).forEach((slot, i) => {
    const referral = seen[i % seen.length]!;
    const first = dept.appointments.find((a) => a.referralId === referral.id);
    if (!first || first.date >= slot.date) return;
    book(
      referral,
      slot,
      'follow-up',
      slot.date < today ? (random.chance(0.07) ? 'did-not-attend' : 'seen') : 'booked',
    );
  });
  // The rest wait: most triaged and on the waiting list, the newest awaiting triage.
  while (dept.referrals.length < count) {
    if (random.chance(0.1)) {
      newReferral(++n, addDays(today, -random.int(0, 6)), null);
    } else {
      const priority = pickPriority(random);
      const span = priority === 'routine' ? 320 : priority === 'soon' ? 120 : 20;
      newReferral(++n, addDays(today, -random.int(4, span)), priority);
    }
  }
  return dept;
}

const REASONS = [
  'Impacted lower third molar, recurrent pericoronitis',
  'Suspicious ulcer, lateral border of tongue',
  'Temporomandibular joint pain and clicking',
  'Swelling of left parotid region',
  'Persistent white patch, buccal mucosa',
  'Jaw fracture follow-up from A&E',
  'Facial skin lesion for excision',
  'Dental cyst on radiograph',
  'Submandibular gland swelling with meals',
  'Orthognathic assessment',
] as const;
