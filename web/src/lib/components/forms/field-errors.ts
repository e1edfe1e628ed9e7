import * as v from 'valibot';

/**
 * The first problem valibot found at each field, keyed by the field's dot path
 * (`patient.newPatient.nhsNumber`), so a form can show each message beside its own field.
 */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? '';
    errors[path] ??= issue.message;
  }
  return errors;
}
