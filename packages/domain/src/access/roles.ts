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

/** Case notes volumes (issue 8): add one, track it by its barcode, mark it missing. */
const CASE_NOTES = ['caseNotes.create', 'caseNotes.track', 'caseNotes.missing'];
/**
 * Who may make each edit. Least privilege: receptionists book and cancel at the desk, check
 * patients in and move them through today's clinics, ring displaced patients and print
 * letters, co-ordinators and managers also build and cancel clinics and add day-case lists,
 * co-ordinators and secretaries also add referrals, record outcomes, validate pathways and
 * book day-case TCI dates, clinicians triage, record outcomes, validate, decide reviews and
 * record day-case details, managers also change the Trust's settings and the wording of its
 * letters, and administrators manage accounts but see no patient data.
 * Cashing up a clinic (issue 8) is the desk's end-of-clinic check, so everyone
 * who runs the desk may do it; reopening a cashed-up clinic undoes that check, so only
 * co-ordinators and managers may (clinic scheduling). Clinicians record outcomes, not cash-up.
 * Case notes (issue 8): everyone who handles notes at the desk and in the office
 * adds volumes, tracks them and marks them missing; clinicians only track (they carry notes to
 * their office or a ward), since numbering volumes and declaring them lost is records work.
 * Issue 8: everyone who answers the telephone logs calls (and escalates them);
 * only managers close an escalation and cover an absent colleague's work in one step; the
 * booking office adds, finishes and hands over tasks (whose tasks, the mutator decides).
 */
const AT_THE_DESK = [
  'appointment.book',
  'appointment.cancel',
  'appointment.attendance',
  // Issue 8: the reception desk's steps on the day.
  'appointment.arrive',
  'appointment.progress',
  'appointment.walkIn',
  // A DNA recorded in error, taken back on the day (hazard H18).
  'appointment.undoDna',
  'session.runningLate',
  'patient.update',
  'patient.viewed',
  'rebook.call',
  'referral.shortNotice',
  'offer.record',
  'letter.printed',
  'session.cashUp',
  ...CASE_NOTES,
  'contact.log',
];
/** Work items (issue 8): task.assign lets a non-manager move only their own or pick one up. */
const TASKS = ['task.add', 'task.done', 'task.assign'];
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
  ...TASKS,
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
  'daycase.list.cancel',
  'session.reopen',
];
/**
 * A patient's religion and chaplaincy consent (issue 9): special category data, recorded and
 * seen only by the co-ordinators who book admissions and by managers (see `canSeeReligion`).
 */
const RELIGION = ['admission.religion'];
const MUTATIONS_BY_ROLE: Record<Role, readonly string[]> = {
  receptionist: AT_THE_DESK,
  'booking-coordinator': [...BOOKING_OFFICE, ...CLINIC_SCHEDULING, ...RELIGION],
  'medical-secretary': BOOKING_OFFICE,
  clinician: [
    'patient.viewed',
    'referral.triage',
    'pathway.outcome',
    'pathway.validate',
    'review.decide',
    'patient.vulnerable',
    'daycase.update',
    'caseNotes.track',
  ],
  manager: [
    ...BOOKING_OFFICE,
    ...CLINIC_SCHEDULING,
    'settings.update',
    'review.decide',
    'letterTemplate.save',
    ...RELIGION,
    'contact.close',
    'task.reassignAll',
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

/**
 * True when a role works the lists of pathways (the PTL, validation), so that its device keeps
 * them read ahead (ADR 0012). A receptionist's device holds patient data for the desk only.
 */
export function worksPathwayLists(role: Role): boolean {
  return canSeePatientData(role) && role !== 'receptionist';
}

/** True when a role may create, change and disable user accounts. */
export function canManageUsers(role: Role): boolean {
  return role === 'administrator';
}

/**
 * True when a role may see patients' religion and the chaplaincy list (issue 9). Other roles'
 * devices never receive it: the server leaves it out of what they pull.
 */
export function canSeeReligion(role: Role): boolean {
  return MUTATIONS_BY_ROLE[role].includes('admission.religion');
}

/** True when a role may search the audit trail. */
export function canSearchAudit(role: Role): boolean {
  return role === 'manager';
}
