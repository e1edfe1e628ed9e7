import * as v from 'valibot';
import { formatNhsNumber, isValidNhsNumber, normaliseNhsNumber } from '../patients/nhs-number.ts';
import { PatientRowSchema, type FieldHistoryEntry, type Patient } from '../patients/patient.ts';
import type { RowCheck } from './import-plan.ts';
import { decideUpsert, planFile, ukDay, type ImportPlan, type ImportState } from './import-plan.ts';

export const PATIENT_COLUMNS = [
  'nhs_number',
  'given_name',
  'family_name',
  'date_of_birth',
  'address_line1',
  'address_line2',
  'town',
  'postcode',
  'phone',
  'gp_practice',
] as const;

const LABELS: Partial<Record<keyof Patient, string>> = {
  givenName: 'first name',
  familyName: 'last name',
  dateOfBirth: 'date of birth',
  address: 'address',
  phone: 'phone',
  gpPractice: 'GP practice',
};

const FIELD_COLUMNS: Record<string, [column: string, label: string]> = {
  givenName: ['given_name', 'first name'],
  familyName: ['family_name', 'last name'],
  'address.line1': ['address_line1', 'first line of address'],
  'address.line2': ['address_line2', 'second line of address'],
  'address.town': ['town', 'town'],
  'address.postcode': ['postcode', 'postcode'],
  phone: ['phone', 'phone number'],
  gpPractice: ['gp_practice', 'GP practice'],
};

/** Why an NHS number is refused, naming it as the file wrote it. */
export function nhsNumberProblem(text: string): string | undefined {
  const digits = normaliseNhsNumber(text);
  if (!/^\d+$/.test(digits)) return `the NHS number "${text}" has characters other than digits`;
  if (digits.length !== 10) return `the NHS number ${text} has ${digits.length} digits, not 10`;
  if (!isValidNhsNumber(digits))
    return `the NHS number ${formatNhsNumber(digits)} fails its check digit`;
  return undefined;
}

/** The patient a row describes, or the reasons it cannot be one. */
function readPatient(check: RowCheck, state: ImportState): Omit<Patient, 'id'> | undefined {
  const nhsText = check.required('nhs_number', 'NHS number');
  const nhsProblem = nhsText ? nhsNumberProblem(nhsText) : undefined;
  if (nhsProblem) check.refuse(nhsProblem);
  const dateOfBirth = check.date('date_of_birth', 'date of birth');
  if (dateOfBirth && dateOfBirth > state.today)
    check.refuse(`the date of birth ${ukDay(dateOfBirth)} is in the future`);
  const line2 = check.row.get('address_line2');
  const candidate = {
    id: 'new',
    nhsNumber: nhsProblem || !nhsText ? '9990000018' : nhsText,
    givenName: check.row.get('given_name'),
    familyName: check.row.get('family_name'),
    dateOfBirth: dateOfBirth ?? '2000-01-01',
    address: {
      line1: check.row.get('address_line1'),
      ...(line2 ? { line2 } : {}),
      town: check.row.get('town'),
      postcode: check.row.get('postcode'),
    },
    phone: check.row.get('phone'),
    gpPractice: check.row.get('gp_practice'),
  };
  const parsed = v.safeParse(PatientRowSchema, candidate);
  for (const issue of parsed.issues ?? []) {
    const [column, label] = FIELD_COLUMNS[
      issue.path?.map((p) => String(p.key)).join('.') ?? ''
    ] ?? ['', 'row'];
    const value = column ? check.row.get(column) : '';
    check.refuse(
      value === ''
        ? `the ${label} is empty`
        : `the ${label} "${value}" is not valid: ${issue.message}`,
    );
  }
  if (!parsed.success || check.reasons.length) return undefined;
  const { id: _id, ...patient } = parsed.output;
  return patient;
}

/** A PAS value left empty keeps what ClinicDesk already knows (an extract often lacks a phone). */
function mergeInto(existing: Patient, incoming: Omit<Patient, 'id'>, state: ImportState): Patient {
  const next: Patient = {
    ...existing,
    givenName: incoming.givenName,
    familyName: incoming.familyName,
    dateOfBirth: incoming.dateOfBirth,
    address: incoming.address,
    phone: incoming.phone || existing.phone,
    gpPractice: incoming.gpPractice || existing.gpPractice,
  };
  const replaced: FieldHistoryEntry[] = (['phone', 'address', 'gpPractice'] as const)
    .filter((f) => JSON.stringify(existing[f]) !== JSON.stringify(next[f]))
    .map((field) => ({
      field,
      value: existing[field],
      hlc: existing.fieldClocks?.[field] ?? '',
      outcome: 'replaced',
      recordedAt: state.now,
    }));
  if (replaced.length) next.history = [...(existing.history ?? []), ...replaced];
  return next;
}

/**
 * Plans a patients extract: a new NHS number makes a patient, a known one is updated field by
 * field (an empty phone or GP practice in the file keeps ClinicDesk's), an identical row changes
 * nothing. Refused: a bad NHS number, a missing name or address, an impossible or future date of
 * birth, a bad postcode or phone, the same NHS number twice in the file.
 */
export function planPatientsImport(text: string, state: ImportState): ImportPlan {
  return planFile<Omit<Patient, 'id'>>(text, {
    kind: 'patients',
    columns: PATIENT_COLUMNS,
    keyOf: (row, patient) => (patient ? formatNhsNumber(patient.nhsNumber) : row.get('nhs_number')),
    read: (check) => readPatient(check, state),
    uniqueKeys: (patient) => [
      {
        key: patient.nhsNumber,
        repeated: (earlier) =>
          `the NHS number ${formatNhsNumber(patient.nhsNumber)} is also on row ${earlier}`,
      },
    ],
    decide(patient) {
      const existing = state.patientsByNhsNumber.get(patient.nhsNumber);
      const next = existing
        ? mergeInto(existing, patient, state)
        : { id: `pat-${patient.nhsNumber}`, ...patient };
      return decideUpsert('patients', existing, next, LABELS);
    },
  });
}
