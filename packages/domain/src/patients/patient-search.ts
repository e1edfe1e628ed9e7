import type { Patient } from './patient.ts';

type Named = Pick<Patient, 'givenName' | 'familyName' | 'nhsNumber'>;

/**
 * The patients a worklist's "Surname or NHS number" search finds (the PTL's and the waiting
 * list's alike): digits find NHS numbers that start with them, spaces ignored; words find
 * surnames that start with them and names that hold them, in either order ("Imogen Testw",
 * "testwood imogen", "TESTWOOD, Imogen", "jones" for Smith-Jones). Null when nothing is typed: the search leaves
 * everyone in.
 */
export function patientSearch(typed: string): ((patient: Named) => boolean) | null {
  const text = typed
    .trim()
    .toLowerCase()
    .replace(/[\s,]+/g, ' ');
  if (!text) return null;
  const digits = text.replace(/ /g, '');
  if (/^\d+$/.test(digits)) return (p) => p.nhsNumber.startsWith(digits);
  return (p) => {
    const family = p.familyName.toLowerCase();
    if (family.startsWith(text)) return true;
    const given = p.givenName.toLowerCase();
    return `${given} ${family}`.includes(text) || `${family} ${given}`.includes(text);
  };
}

/**
 * Why what was typed in a patient search cannot find anybody, in the words of the person typing,
 * or null when it can: a name has no digits or symbols, and an NHS number has ten digits.
 */
export function patientSearchProblem(typed: string): string | null {
  const text = typed.trim().replace(/[\s,]+/g, ' ');
  if (!text) return null;
  const digits = text.replace(/ /g, '');
  if (/^\d+$/.test(digits))
    return digits.length > 10 ? 'An NHS number has 10 digits: check the number typed.' : null;
  if (/\d/.test(text)) return 'Type a name or an NHS number, not both: a name has no digits in it.';
  if (/[^\p{L}\p{M} '’.-]/u.test(text))
    return 'A name has only letters, spaces, hyphens and apostrophes in it.';
  return null;
}
