import * as v from 'valibot';
import { describeIssues, PatientUpdateArgsSchema, type Patient } from '@clinicdesk/domain';

/** Contact details as a form holds them: every field a string. */
export interface ContactForm {
  phone: string;
  line1: string;
  line2: string;
  town: string;
  postcode: string;
  gpPractice: string;
}

/** An address or a plain value as one line of text. */
export function contactText(value: unknown): string {
  return value && typeof value === 'object'
    ? Object.values(value as Record<string, string>)
        .filter(Boolean)
        .join(', ')
    : String(value ?? '');
}

/** A form filled with the patient's contact details as held. */
export function contactFormOf(patient: Patient): ContactForm {
  return {
    phone: patient.phone,
    line1: patient.address.line1,
    line2: patient.address.line2 ?? '',
    town: patient.address.town,
    postcode: patient.address.postcode,
    gpPractice: patient.gpPractice,
  };
}

/**
 * The contact fields a form changes, checked as `patient.update` will check them: the changes
 * (empty when nothing changed), or the words of the first problem.
 */
export function contactChanges(
  patient: Patient,
  form: ContactForm,
): { changes: Record<string, unknown> } | { error: string } {
  const changes: Record<string, unknown> = {};
  if (form.phone.trim() !== patient.phone) changes['phone'] = form.phone;
  const { line1, line2, town, postcode } = form;
  const address = { line1, ...(line2.trim() ? { line2 } : {}), town, postcode };
  if (contactText(address) !== contactText(patient.address)) changes['address'] = address;
  if (form.gpPractice.trim() !== patient.gpPractice) changes['gpPractice'] = form.gpPractice;
  if (!Object.keys(changes).length) return { changes };
  const check = v.safeParse(PatientUpdateArgsSchema, {
    patientId: patient.id,
    changes,
    hlc: '000000000000000:00000:x',
  });
  return check.success ? { changes } : { error: describeIssues(check.issues) };
}
