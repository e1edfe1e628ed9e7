import type { Contact } from '../contacts/contact.ts';
import type { Task } from '../tasks/task.ts';
import { addDays, type CalendarDate } from '../calendar/calendar-date.ts';
import { appointmentInSlot, type Appointment } from '../booking/appointment.ts';
import type { Clinician, ClinicSession, ClinicTemplate, Site, Slot } from '../clinics/clinic.ts';
import type { Patient } from '../patients/patient.ts';
import {
  NEW_REFERRAL_FIELDS,
  REFERRAL_SOURCES,
  type Condition,
  type Priority,
  type Referral,
} from '../referrals/referral.ts';
import type { ClinicianLeave } from '../clinics/leave.ts';
import type { Letter, LetterTemplate } from '../letters/letter.ts';
import type { Rebook } from '../clinics/rebook.ts';
import type { PolicyOverride } from '../policy/access-policy.ts';
import type { Admission, DayCaseList } from '../day-cases/day-case.ts';
import { DEFAULT_TRUST_SETTINGS, type TrustSettings } from '../settings/trust-settings.ts';
import type { CaseNoteVolume } from '../case-notes/case-notes.ts';
import { demoDayCaseDetails, demoDayCaseLists } from './demo-day-cases.ts';
import { demoCaseNotes } from './demo-case-notes.ts';
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
  settings: TrustSettings[];
  leave: ClinicianLeave[];
  rebooks: Rebook[];
  policyOverrides: PolicyOverride[];
  letters: Letter[];
  letterTemplates: LetterTemplate[];
  dayCaseLists: DayCaseList[];
  admissions: Admission[];
  caseNotes: CaseNoteVolume[];
  contacts: Contact[];
  tasks: Task[];
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
    settings: [DEFAULT_TRUST_SETTINGS],
    leave: [],
    rebooks: [],
    policyOverrides: [],
    letters: [],
    letterTemplates: [],
    dayCaseLists: [],
    admissions: [],
    caseNotes: [],
    contacts: [],
    tasks: [],
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
    const [reason, condition] = random.pick(REASONS);
    const clinician = random.pick(clinicians);
    const triagedOn = addDays(received, random.int(0, 3));
    const referral: Referral = {
      ...NEW_REFERRAL_FIELDS,
      id: `ref-${n}`,
      patientId: patient.id,
      receivedDate: received,
      source: random.pick(REFERRAL_SOURCES),
      referrer: `Dr ${random.pick(FAMILY_NAMES)}`,
      reason,
      condition,
      requestedPriority: priority ?? pickPriority(random),
      priority,
      clinicianId: clinician.id,
      siteId: random.pick(DEMO_SITES).id,
      status: priority ? 'waiting' : 'awaiting-triage',
      rttEvents: [{ date: received, code: '10', cause: 'Referral received' }],
      clinicTypeNeeded: priority
        ? priority === 'routine' || priority === 'soon'
          ? 'new'
          : 'urgent'
        : null,
      triage: priority
        ? {
            decision: 'accepted',
            at: `${triagedOn > today ? today : triagedOn}T09:00:00.000Z`,
            by: { userId: `demo-${clinician.id}`, name: clinician.name },
            reason: null,
          }
        : null,
    };
    dept.referrals.push(referral);
    return referral;
  };
  // About three weeks ahead, but never before the referral arrived nor later than yesterday;
  // bookings for the coming weeks are spread over the last fortnight (by the slot's id, not
  // the random stream) so that weekly booking figures look like a real office's.
  const bookingDay = (referral: Referral, slot: Slot): CalendarDate => {
    const wanted = addDays(slot.date, -21);
    const latest = addDays(today, -1 - (slot.id.charCodeAt(slot.id.length - 1) % 14));
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
  let n = 0;
  const quota = (share: number) => Math.round(count * share);
  // Today's clinics are booked first (up to a third of the bookings to come), so the reception
  // desk has patients to check in whatever the seed.
  const todays = new Set(
    firstSlots.filter((s) => s.date === today).slice(0, Math.ceil(quota(0.22) / 3)),
  );
  const future = [...todays, ...firstSlots.filter((s) => s.date >= today && !todays.has(s))];

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
      if (outcome < 0.1) {
        // Seen, and the outcome form not back from the clinician yet.
        referral.rttEvents.push({
          date: slot.date,
          code: '20',
          cause: 'First outpatient attendance',
        });
        referral.status = 'seen';
        continue;
      }
      if (outcome < 0.16) {
        referral.rttEvents.push({
          date: slot.date,
          code: '20',
          cause: 'Clinic outcome: add to the day-case list for removal of lower third molars',
        });
        referral.status = 'day-case';
        continue;
      }
      const discharged = outcome > 0.8;
      referral.rttEvents.push({
        date: slot.date,
        code: discharged ? '34' : '20',
        cause: discharged
          ? 'Clinic outcome: discharged to the GP'
          : 'Clinic outcome: follow up in 6 weeks',
      });
      referral.status = discharged ? 'discharged' : 'follow-up';
      if (!discharged) referral.followUpDueDate = addDays(slot.date, 42);
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
  const seen = dept.referrals.filter((r) => r.status === 'follow-up');
  const followUpSlots = shuffle(
    slots.filter((s) => s.type === 'follow-up'),
    random,
  );
  followUpSlots.slice(0, Math.floor(seen.length * 0.8)).forEach((slot, i) => {
    const referral = seen[i % seen.length]!;
    const first = dept.appointments.find((a) => a.referralId === referral.id);
    if (!first || first.date >= slot.date) return;
    const status = slot.date < today ? (random.chance(0.07) ? 'did-not-attend' : 'seen') : 'booked';
    book(referral, slot, 'follow-up', status);
    // Seen at follow-up: the next review is due in three months.
    if (status === 'seen') referral.followUpDueDate = addDays(slot.date, 91);
  });
  // The rest wait: most triaged and on the waiting list, the newest awaiting triage.
  while (dept.referrals.length < count) {
    if (random.chance(0.1)) {
      newReferral(++n, addDays(today, -random.int(0, 6)), null);
    } else if (random.chance(0.03)) {
      // Returned to the referrer or sent elsewhere at triage: the pathway has ended here.
      const referral = newReferral(++n, addDays(today, -random.int(4, 60)), null);
      const redirected = random.chance(0.3);
      referral.status = redirected ? 'redirected' : 'rejected';
      referral.triage = {
        decision: redirected ? 'redirected' : 'rejected',
        at: `${addDays(referral.receivedDate, 2)}T09:00:00.000Z`,
        by: { userId: 'demo-clin-1', name: clinicians[0]!.name },
        reason: redirected
          ? 'Skin lesion better seen by dermatology (redirected to Dermatology)'
          : 'Routine dental extraction: for the patient’s own dentist',
      };
      referral.rttEvents.push({
        date: addDays(referral.receivedDate, 2),
        code: redirected ? '21' : '34',
        cause: redirected ? 'Referral redirected at triage' : 'Referral not accepted at triage',
      });
    } else {
      const priority = pickPriority(random);
      const span = priority === 'routine' ? 320 : priority === 'soon' ? 120 : 20;
      newReferral(++n, addDays(today, -random.int(4, span)), priority);
    }
  }
  // Day cases (issue 7) last, and drawing nothing from the generator: the rest stays the same.
  for (const referral of dept.referrals) {
    if (referral.status !== 'day-case') continue;
    const clinician = clinicians.find((c) => c.id === referral.clinicianId) ?? clinicians[0]!;
    referral.dayCase = demoDayCaseDetails(referral, clinician);
  }
  dept.dayCaseLists = demoDayCaseLists(clinicians, today);
  dept.caseNotes = demoCaseNotes(dept.referrals, dept.appointments, sessions, today);
  return dept;
}

const REASONS: ReadonlyArray<readonly [string, Condition]> = [
  ['Impacted lower third molar, recurrent pericoronitis', 'third-molars'],
  ['Suspicious ulcer, lateral border of tongue', 'oral-lesion'],
  ['Temporomandibular joint pain and clicking', 'tmj'],
  ['Swelling of left parotid region', 'salivary'],
  ['Persistent white patch, buccal mucosa', 'oral-lesion'],
  ['Jaw fracture follow-up from A&E', 'trauma'],
  ['Facial skin lesion for excision', 'facial-skin'],
  ['Dental cyst on radiograph', 'cyst'],
  ['Submandibular gland swelling with meals', 'salivary'],
  ['Orthognathic assessment', 'orthognathic'],
];
