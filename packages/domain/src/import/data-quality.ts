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

function groupsOf(patients: readonly Patient[], keyOf: (p: Patient) => string): Patient[][] {
  const groups = new Map<string, Patient[]>();
  for (const p of patients) {
    const key = keyOf(p);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * The data-quality rules (issue 9): patients with no phone or no GP practice (PAS extracts
 * often lack them); possible duplicate patients — the same NHS number, or the same name and date
 * of birth (case and spacing ignored) with different NHS numbers; and open pathways with no
 * clinician. Each list is sorted so a person can work down it.
 */
export function dataQualityReport(
  patients: readonly Patient[],
  referrals: readonly Referral[],
): DataQualityReport {
  const byName = (a: Patient, b: Patient) =>
    a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName);
  const incomplete = patients
    .map((patient) => ({
      patient,
      missing: [
        ...(patient.phone.trim() === '' ? (['phone'] as const) : []),
        ...(patient.gpPractice.trim() === '' ? (['GP practice'] as const) : []),
      ],
    }))
    .filter((p) => p.missing.length > 0)
    .sort((a, b) => byName(a.patient, b.patient));
  const sameNhs = groupsOf(patients, (p) => p.nhsNumber);
  const inSameNhs = new Set(sameNhs.flat().map((p) => p.id));
  const sameNameDob = groupsOf(
    patients,
    (p) => `${normaliseName(p.familyName)}|${normaliseName(p.givenName)}|${p.dateOfBirth}`,
  ).filter((g) => !g.every((p) => inSameNhs.has(p.id)));
  const duplicates: DuplicateGroup[] = [
    ...sameNhs.map((g) => ({ reason: 'same NHS number' as const, patients: g.sort(byName) })),
    ...sameNameDob.map((g) => ({
      reason: 'same name and date of birth' as const,
      patients: g.sort(byName),
    })),
  ];
  const pathwaysWithoutClinician = referrals
    .filter((r) => isOpenPathway(r) && !r.clinicianId)
    .sort((a, b) => a.receivedDate.localeCompare(b.receivedDate));
  return { incomplete, duplicates, pathwaysWithoutClinician };
}
