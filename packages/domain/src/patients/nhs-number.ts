const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * The modulus-11 check digit of the first nine digits of an NHS number, or undefined when
 * no valid check digit exists (remainder 1 gives 10: such numbers are never issued).
 * Source: NHS Data Dictionary, NHS NUMBER.
 */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) return undefined;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(firstNine[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** Strips the spaces and hyphens people type in an NHS number. */
export function normaliseNhsNumber(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** True for ten digits whose last digit is the modulus-11 check of the first nine. */
export function isValidNhsNumber(text: string): boolean {
  const n = normaliseNhsNumber(text);
  if (!/^\d{10}$/.test(n)) return false;
  return nhsCheckDigit(n.slice(0, 9)) === Number(n[9]);
}

/** Shows an NHS number as the NHS writes it: `999 123 4560`. */
export function formatNhsNumber(text: string): string {
  const n = normaliseNhsNumber(text);
  return n.length === 10 ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : text;
}

/** Why an NHS number is refused, in the words a co-ordinator reads; undefined when it is valid. */
export function explainNhsNumber(text: string): string | undefined {
  const n = normaliseNhsNumber(text);
  if (n === '') return 'Enter the NHS number';
  if (!/^\d+$/.test(n)) return 'An NHS number has only digits';
  if (n.length !== 10) return `An NHS number has 10 digits; this has ${n.length}`;
  if (!isValidNhsNumber(n))
    return 'This is not a valid NHS number: check the digits (the last digit does not match)';
  return undefined;
}
