import type { Patient } from '../patients/patient.ts';
import { isOpenPathway, type Referral } from '../referrals/referral.ts';

/** A patient whose record lacks what the department needs to reach them or their GP. */
export interface IncompletePatient {
  patient: Patient;
  missing: ('phone' | 'GP practice')[];
}

/** Patients that look like one person, and why. */
export interface DuplicateGroup {
  reason: 'same NHS number' | 'same name and date of birth';
  patients: Patient[];
}

export interface DataQualityReport {
  incomplete: IncompletePatient[];
  duplicates: DuplicateGroup[];
  pathwaysWithoutClinician: Referral[];
}

/** A name compared as people mean it: case and extra spaces ignored. */
function normaliseName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** What the department needs to reach a patient or their GP that their record lacks. */
export function missingDetails(patient: Patient): IncompletePatient['missing'] {
  return [
    ...(patient.phone.trim() === '' ? (['phone'] as const) : []),
    ...(patient.gpPractice.trim() === '' ? (['GP practice'] as const) : []),
  ];
}

/** What two records of one person share by name and date of birth (case and spacing ignored). */
export function nameAndBirthKey(patient: Patient): string {
  return `${normaliseName(patient.familyName)}|${normaliseName(patient.givenName)}|${patient.dateOfBirth}`;
}

/** Patients in the order a person works down a list of them: by surname, then given name. */
export function byPatientName(a: Patient, b: Patient): number {
  return a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName);
}

/** An open pathway that nobody is named to treat. */
export function needsClinician(referral: Referral): boolean {
  return isOpenPathway(referral) && !referral.clinicianId;
}

function groupsOf(patients: readonly Patient[], keyOf: (p: Patient) => string): Patient[][] {
  const groups = new Map<string, Patient[]>();
  for (const p of patients) {
    const key = keyOf(p);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * The data-quality rules (issue 9): patients with no phone or no GP practice (PAS extracts
 * often lack them); possible duplicate patients — the same NHS number, or the same name and date
 * of birth (case and spacing ignored) with different NHS numbers; and open pathways with no
 * clinician. Each list is sorted so a person can work down it; each group of duplicates comes in
 * the order its first member does in `patients`.
 */
export function dataQualityReport(
  patients: readonly Patient[],
  referrals: readonly Referral[],
): DataQualityReport {
  const incomplete = patients
    .map((patient) => ({ patient, missing: missingDetails(patient) }))
    .filter((p) => p.missing.length > 0)
    .sort((a, b) => byPatientName(a.patient, b.patient));
  const sameNhs = groupsOf(patients, (p) => p.nhsNumber);
  const inSameNhs = new Set(sameNhs.flat().map((p) => p.id));
  const sameNameDob = groupsOf(patients, nameAndBirthKey).filter(
    (g) => !g.every((p) => inSameNhs.has(p.id)),
  );
  const duplicates: DuplicateGroup[] = [
    ...sameNhs.map((g) => ({
      reason: 'same NHS number' as const,
      patients: g.sort(byPatientName),
    })),
    ...sameNameDob.map((g) => ({
      reason: 'same name and date of birth' as const,
      patients: g.sort(byPatientName),
    })),
  ];
  const pathwaysWithoutClinician = referrals
    .filter(needsClinician)
    .sort((a, b) => a.receivedDate.localeCompare(b.receivedDate));
  return { incomplete, duplicates, pathwaysWithoutClinician };
}
