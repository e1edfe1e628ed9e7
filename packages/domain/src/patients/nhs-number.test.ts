import { describe, it, expect } from 'vitest';
import {
  explainNhsNumber,
  formatNhsNumber,
  isValidNhsNumber,
  nhsCheckDigit,
  normaliseNhsNumber,
} from './nhs-number.ts';

// Worked by hand: weights 10..2 over the first nine digits, check = 11 - sum % 11, 11 → 0.
// 999000001: 10·9 + 9·9 + 8·9 + 2·1 = 245; 245 % 11 = 3; 11 − 3 = 8 → 999 000 0018.
const VALID = [
  { nhs: '9990000018', why: 'test range, sum 245, check 8' },
  { nhs: '9990000026', why: 'test range, sum 247, check 6' },
  { nhs: '9990000034', why: 'test range, sum 249, check 4' },
  { nhs: '9990000050', why: 'test range, sum 253 = 23 × 11: check 11 is written 0' },
  { nhs: '9990000190', why: 'test range, sum 264 = 24 × 11: check 11 is written 0' },
  { nhs: '9999999999', why: 'top of the test range, sum 486, check 9' },
  { nhs: '9434765919', why: 'the NHS Data Dictionary example' },
];

describe('nhsCheckDigit', () => {
  it.each([
    { nine: '999000001', check: 8 },
    { nine: '999000005', check: 0 },
    { nine: '999999999', check: 9 },
    { nine: '943476591', check: 9 },
  ])('the check digit of $nine is $check', ({ nine, check }) => {
    expect(nhsCheckDigit(nine)).toBe(check);
  });

  it.each(['999000000', '999000014', '999123456'])(
    'has no check digit when the remainder gives 10 (%s)',
    (nine) => {
      expect(nhsCheckDigit(nine)).toBeUndefined();
    },
  );

  it.each(['99900000', '9990000001', '99900000a', ''])('needs exactly nine digits (%j)', (nine) => {
    expect(nhsCheckDigit(nine)).toBeUndefined();
  });
});

describe('isValidNhsNumber', () => {
  it.each(VALID)('accepts $nhs ($why)', ({ nhs }) => {
    expect(isValidNhsNumber(nhs)).toBe(true);
  });

  it.each([
    { nhs: '9990000017', why: 'check digit should be 8' },
    { nhs: '9990000019', why: 'check digit should be 8' },
    { nhs: '9990000051', why: 'check digit should be 0' },
    { nhs: '9434765918', why: 'one off the Data Dictionary example' },
  ])('rejects a wrong check digit: $nhs ($why)', ({ nhs }) => {
    expect(isValidNhsNumber(nhs)).toBe(false);
  });

  it.each([
    { nhs: '999000001', why: 'nine digits' },
    { nhs: '99900000180', why: 'eleven digits' },
    { nhs: '', why: 'nothing' },
  ])('rejects anything but ten digits: $why', ({ nhs }) => {
    expect(isValidNhsNumber(nhs)).toBe(false);
  });

  it.each(['999000001A', 'A990000018', '999O000018', '999.000.0018', '+9990000018'])(
    'rejects letters and other symbols (%j)',
    (nhs) => {
      expect(isValidNhsNumber(nhs)).toBe(false);
    },
  );

  it.each(['999 000 0018', '999-000-0018', ' 9990000018 ', '999 000-0018', '999\t000\t0018'])(
    'accepts the spaces and hyphens people type (%j)',
    (nhs) => {
      expect(isValidNhsNumber(nhs)).toBe(true);
    },
  );

  it.each(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])(
    'never accepts a number whose check would be 10, whatever the last digit (999000000%s)',
    (last) => {
      expect(isValidNhsNumber(`999000000${last}`)).toBe(false);
      expect(isValidNhsNumber(`999123456${last}`)).toBe(false);
    },
  );

  it('accepts exactly one last digit for every nine-digit start that has a check digit', () => {
    for (let i = 0; i < 200; i++) {
      const nine = `999${String(i).padStart(6, '0')}`;
      const accepted = [...'0123456789'].filter((d) => isValidNhsNumber(`${nine}${d}`));
      expect(accepted.length).toBe(nhsCheckDigit(nine) === undefined ? 0 : 1);
    }
  });
});

describe('normaliseNhsNumber', () => {
  it.each([
    { typed: '999 000 0018', stored: '9990000018' },
    { typed: '999-000-0018', stored: '9990000018' },
    { typed: ' 999 000 0018 ', stored: '9990000018' },
    { typed: '9990000018', stored: '9990000018' },
  ])('stores $typed as $stored', ({ typed, stored }) => {
    expect(normaliseNhsNumber(typed)).toBe(stored);
  });
});

describe('formatNhsNumber', () => {
  it.each([
    { input: '9990000018', shown: '999 000 0018' },
    { input: '999-000-0018', shown: '999 000 0018' },
    { input: '999 000 0018', shown: '999 000 0018' },
    { input: '9434765919', shown: '943 476 5919' },
  ])('shows $input in 3-3-4 groups as $shown', ({ input, shown }) => {
    expect(formatNhsNumber(input)).toBe(shown);
  });

  it.each(['99900001', '99900000180', 'unknown'])(
    'leaves something that is not ten characters as typed (%j)',
    (input) => {
      expect(formatNhsNumber(input)).toBe(input);
    },
  );
});

describe('explainNhsNumber', () => {
  it.each(VALID)('has nothing to say about a valid number ($nhs)', ({ nhs }) => {
    expect(explainNhsNumber(nhs)).toBeUndefined();
  });

  it('has nothing to say about a valid number typed with spaces', () => {
    expect(explainNhsNumber('999 000 0018')).toBeUndefined();
  });

  it.each([
    { typed: '', message: 'Enter the NHS number' },
    { typed: '   ', message: 'Enter the NHS number' },
    { typed: '999 000 001A', message: 'An NHS number has only digits' },
    { typed: '999 000 001', message: 'An NHS number has 10 digits; this has 9' },
    { typed: '999 000 00180', message: 'An NHS number has 10 digits; this has 11' },
    {
      typed: '999 000 0017',
      message: 'This is not a valid NHS number: check the digits (the last digit does not match)',
    },
    {
      typed: '999 000 0000',
      message: 'This is not a valid NHS number: check the digits (the last digit does not match)',
    },
  ])('tells a co-ordinator what is wrong with $typed in plain words', ({ typed, message }) => {
    expect(explainNhsNumber(typed)).toBe(message);
  });

  it.each(['', 'abc', '123', '9990000017'])(
    'never shows a programmer message such as a regex or "undefined" (%j)',
    (typed) => {
      const message = explainNhsNumber(typed) ?? '';
      expect(message).toMatch(/^[A-Z]/);
      expect(message).not.toMatch(/undefined|NaN|regex|\\d|modulus|invalid_/i);
    },
  );
});
