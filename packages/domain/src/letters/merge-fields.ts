import type { LetterKind, LetterWording } from './letter.ts';

const APPOINTMENT_KINDS: readonly LetterKind[] = [
  'appointment-confirmation',
  'appointment-change',
  'appointment-cancellation',
  'dna-gp',
  'clinic-outcome-gp',
];

interface MergeField {
  /** What the field holds, for the manager choosing one. */
  label: string;
  /** A synthetic value for the template editor's preview. */
  sample: string;
  /** The letters that have it; every letter when absent. */
  kinds?: readonly LetterKind[];
}

/**
 * Every merge field a letter's wording may use, written `{{name}}` (issue 7). Dates are
 * dd/mm/yyyy and times the clinic's own (Europe/London). Samples are invented people.
 */
export const MERGE_FIELDS = {
  today: { label: 'Date of the letter', sample: '02/03/2026' },
  'patient.name': { label: 'Patient’s name', sample: 'Amelia Ashdown' },
  'patient.address': {
    label: 'Patient’s address (several lines)',
    sample: '12 Orchard Way\nWorcester\nWR5 1DD',
  },
  'patient.nhsNumber': { label: 'Patient’s NHS number', sample: '999 000 0018' },
  'patient.dateOfBirth': { label: 'Patient’s date of birth', sample: '23/04/1961' },
  'gp.practice': { label: 'Patient’s GP practice', sample: 'Orchard Surgery' },
  'referral.reason': {
    label: 'Reason for the referral',
    sample: 'Impacted lower third molar, recurrent pericoronitis',
  },
  'referral.referrer': { label: 'Who referred the patient', sample: 'Dr Gosling' },
  'referral.receivedDate': { label: 'Date the referral was received', sample: '01/12/2025' },
  'clinic.site': { label: 'Hospital', sample: 'Worcestershire Royal Hospital' },
  'clinician.name': { label: 'Consultant', sample: 'Mr Adrian Whitcombe' },
  'appointment.date': { label: 'Appointment date', sample: '09/03/2026', kinds: APPOINTMENT_KINDS },
  'appointment.time': { label: 'Appointment time', sample: '09:00', kinds: APPOINTMENT_KINDS },
  'clinic.name': { label: 'Clinic', sample: 'Whitcombe AM OMFS', kinds: APPOINTMENT_KINDS },
  'clinic.room': { label: 'Clinic room', sample: 'OPD WRH 1', kinds: APPOINTMENT_KINDS },
  'previous.date': {
    label: 'Date of the appointment it replaces',
    sample: '10/03/2026',
    kinds: ['appointment-change'],
  },
  'previous.time': {
    label: 'Time of the appointment it replaces',
    sample: '09:20',
    kinds: ['appointment-change'],
  },
  'cancellation.reason': {
    label: 'Reason for cancelling',
    sample: 'The consultant is unwell',
    kinds: ['appointment-cancellation'],
  },
  'tci.date': { label: 'Date to come in', sample: '16/03/2026', kinds: ['tci'] },
  'tci.procedure': {
    label: 'Procedure',
    sample: 'Removal of lower wisdom teeth under general anaesthetic',
    kinds: ['tci'],
  },
  'preop.date': { label: 'Pre-operative assessment date', sample: '09/03/2026', kinds: ['tci'] },
  'triage.outcome': {
    label: 'What was decided at triage (a sentence)',
    sample: 'we are unable to accept it into the Oral and Maxillofacial Surgery outpatient service',
    kinds: ['triage-outcome-referrer'],
  },
  'triage.reason': {
    label: 'Why, in the clinician’s words',
    sample: 'Routine extraction suitable for primary dental care',
    kinds: ['triage-outcome-referrer'],
  },
  'discharge.reason': {
    label: 'Reason for discharge',
    sample: 'Treatment complete; no further follow-up needed',
    kinds: ['discharge-gp'],
  },
  'outcome.date': {
    label: 'Date of the clinic the outcome was decided at',
    sample: '09/03/2026',
    kinds: ['clinic-outcome-gp'],
  },
  'outcome.summary': {
    label: 'What happens next, after the clinic (a sentence or two)',
    sample: 'We will see them again in clinic in about 6 weeks, by 20/04/2026.',
    kinds: ['clinic-outcome-gp'],
  },
  'outcome.note': {
    label: 'The clinician’s note on the outcome (may be blank)',
    sample: 'Pericoronitis settled with antibiotics; review the radiograph at follow-up.',
    kinds: ['clinic-outcome-gp'],
  },
} as const satisfies Record<string, MergeField>;
export type MergeFieldName = keyof typeof MERGE_FIELDS;
export const MERGE_FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeFieldName[];

/** A letter's merge data: each field's value, already formatted for print. */
export type MergeData = Partial<Record<MergeFieldName, string>>;

/** The merge fields a kind of letter can use, in the order the editor lists them. */
export function mergeFieldsFor(kind: LetterKind): MergeFieldName[] {
  return MERGE_FIELD_NAMES.filter((name) => {
    const kinds: readonly LetterKind[] | undefined = (MERGE_FIELDS[name] as MergeField).kinds;
    return !kinds || kinds.includes(kind);
  });
}

/** Sample merge data for a kind of letter, for previews (every person in it is invented). */
export function sampleMergeData(kind: LetterKind): MergeData {
  return Object.fromEntries(mergeFieldsFor(kind).map((name) => [name, MERGE_FIELDS[name].sample]));
}

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every field a wording uses, once each, in the order they first appear. */
export function fieldsUsed(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD)].map((m) => m[1] ?? ''))];
}

export interface RenderedLetter {
  subject: string;
  body: string;
  /** Fields the wording uses that the merge data does not have; they are left as written. */
  unknownFields: string[];
}

/**
 * Fills a letter's merge fields (`{{patient.name}}`, spaces inside the braces allowed) from
 * its merge data. Pure: the same wording and data always give the same letter, which is what
 * lets a stored letter be printed again years later exactly as it was first produced.
 */
export function renderLetter(
  wording: LetterWording,
  merge: Readonly<Record<string, string>>,
): RenderedLetter {
  const unknown = new Set<string>();
  const fill = (text: string) =>
    text.replace(FIELD, (whole, name: string) => {
      if (Object.hasOwn(merge, name)) return merge[name] ?? '';
      unknown.add(name);
      return whole;
    });
  const subject = fill(wording.subject);
  const body = fill(wording.body);
  return { subject, body, unknownFields: [...unknown] };
}

/**
 * Why a manager's wording for a kind of letter cannot be saved, or null when it can: a field
 * ClinicDesk does not know, or one this kind of letter has no value for, named in the words.
 */
export function wordingProblem(kind: LetterKind, wording: LetterWording): string | null {
  const allowed = new Set<string>(mergeFieldsFor(kind));
  const used = fieldsUsed(`${wording.subject}\n${wording.body}`);
  const unknown = used.find((f) => !Object.hasOwn(MERGE_FIELDS, f));
  if (unknown !== undefined) {
    return `The wording uses {{${unknown}}}, which is not a merge field ClinicDesk knows: check its spelling against the list of merge fields`;
  }
  const elsewhere = used.find((f) => !allowed.has(f));
  if (elsewhere !== undefined) {
    return `The wording uses {{${elsewhere}}}, which this kind of letter has no value for: use one of the merge fields listed for it`;
  }
  return null;
}
