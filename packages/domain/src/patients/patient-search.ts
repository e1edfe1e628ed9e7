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
