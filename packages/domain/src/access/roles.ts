import * as v from 'valibot';

/** The people who use ClinicDesk, by what they do (issue 3). */
export const ROLES = [
  'receptionist',
  'booking-coordinator',
  'medical-secretary',
  'clinician',
  'manager',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = v.picklist(ROLES, 'Choose a role');

export const ROLE_LABELS: Record<Role, string> = {
  receptionist: 'Receptionist',
  'booking-coordinator': 'Booking co-ordinator',
  'medical-secretary': 'Medical secretary',
  clinician: 'Clinician',
  manager: 'Manager',
  administrator: 'Administrator',
};

/**
 * Who may make each edit. Least privilege: receptionists book and cancel at the desk, check
 * patients in and move them through today's clinics, ring displaced patients and print
 * letters, co-ordinators and managers also build and cancel clinics and add day-case lists,
 * co-ordinators and secretaries also add referrals, record outcomes, validate pathways and
 * book day-case TCI dates, clinicians triage, record outcomes, validate, decide reviews and
 * record day-case details, managers also change the Trust's settings and the wording of its
 * letters, and administrators manage accounts but see no patient data.
 */
const AT_THE_DESK = [
  'appointment.book',
  'appointment.cancel',
  'appointment.attendance',
  // Issue 8: the reception desk's steps on the day.
  'appointment.arrive',
  'appointment.progress',
  'appointment.walkIn',
  'session.runningLate',
  'patient.update',
  'patient.viewed',
  'rebook.call',
  'referral.shortNotice',
  'offer.record',
  'letter.printed',
];
/** The day-case waiting list and its TCI dates (issue 7): the booking office's job. */
const DAY_CASES = ['daycase.update', 'admission.book', 'admission.cancel', 'admission.outcome'];
const BOOKING_OFFICE = [
  'referral.add',
  'pathway.outcome',
  'pathway.validate',
  'rebook.return',
  'patient.vulnerable',
  ...DAY_CASES,
  ...AT_THE_DESK,
];
/** Building and emptying clinics (issue 6): the co-ordinator's and the manager's job. */
const CLINIC_SCHEDULING = [
  'template.save',
  'sessions.generate',
  'session.add',
  'session.slots',
  'session.cancel',
  'leave.record',
  'daycase.list.add',
];
const MUTATIONS_BY_ROLE: Record<Role, readonly string[]> = {
  receptionist: AT_THE_DESK,
  'booking-coordinator': [...BOOKING_OFFICE, ...CLINIC_SCHEDULING],
  'medical-secretary': BOOKING_OFFICE,
  clinician: [
    'patient.viewed',
    'referral.triage',
    'pathway.outcome',
    'pathway.validate',
    'review.decide',
    'patient.vulnerable',
    'daycase.update',
  ],
  manager: [
    ...BOOKING_OFFICE,
    ...CLINIC_SCHEDULING,
    'settings.update',
    'review.decide',
    'letterTemplate.save',
  ],
  administrator: [],
};

/** True when a role may make the named edit. */
export function canMakeMutation(role: Role, name: string): boolean {
  return MUTATIONS_BY_ROLE[role].includes(name);
}

/** True when a role may hold patient data on a device and pull it from the server. */
export function canSeePatientData(role: Role): boolean {
  return role !== 'administrator';
}

/** True when a role may create, change and disable user accounts. */
export function canManageUsers(role: Role): boolean {
  return role === 'administrator';
}

/** True when a role may search the audit trail. */
export function canSearchAudit(role: Role): boolean {
  return role === 'manager';
}
