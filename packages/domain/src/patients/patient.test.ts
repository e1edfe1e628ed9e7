import { describe, it, expect } from 'vitest';
import * as v from 'valibot';
import { formatPatientName, PatientRowSchema, PatientSchema } from './patient.ts';

/** An invented patient: NHS test-range number, Ofcom drama phone number. */
const goodPatient = () => ({
  id: 'pat-1',
  nhsNumber: '9990000018',
  givenName: 'Amelia',
  familyName: 'Ashdown',
  dateOfBirth: '1961-04-23',
  address: { line1: '12 Orchard Way', town: 'Worcester', postcode: 'WR5 1DD' },
  phone: '01632 960123',
  gpPractice: 'Orchard Surgery',
});

type Input = ReturnType<typeof goodPatient>;

/** The first message valibot gives for a patient, and the field it is about. */
function firstProblem(input: unknown) {
  const result = v.safeParse(PatientSchema, input);
  if (result.success) return undefined;
  const issue = result.issues[0];
  return { message: issue.message, path: v.getDotPath(issue) };
}

describe('PatientSchema', () => {
  it('accepts a well-formed synthetic patient', () => {
    const result = v.safeParse(PatientSchema, goodPatient());
    expect(result.success).toBe(true);
    expect(result.output).toEqual(goodPatient());
  });

  it.each(['999 000 0018', '999-000-0018', ' 999 000 0018 '])(
    'stores an NHS number typed as %j as ten digits',
    (typed) => {
      const result = v.safeParse(PatientSchema, { ...goodPatient(), nhsNumber: typed });
      expect(result.success).toBe(true);
      expect(result.output).toMatchObject({ nhsNumber: '9990000018' });
    },
  );

  it('trims names and upper-cases the postcode as it stores them', () => {
    const result = v.safeParse(PatientSchema, {
      ...goodPatient(),
      givenName: '  Amelia ',
      address: { line1: '12 Orchard Way', town: 'Worcester', postcode: ' wr5 1dd ' },
    });
    expect(result.success).toBe(true);
    expect(result.output).toMatchObject({
      givenName: 'Amelia',
      address: { postcode: 'WR5 1DD' },
    });
  });

  it.each(['WR5 1DD', 'B1 1AA', 'DY10 2AB', 'SW1A 1AA', 'W1A 0AX', 'M1 1AE', 'wr51dd'])(
    'accepts the postcode %j',
    (postcode) => {
      const input = { ...goodPatient(), address: { ...goodPatient().address, postcode } };
      expect(v.is(PatientSchema, input)).toBe(true);
    },
  );

  it.each<{ name: string; change: (p: Input) => unknown; message: string; path: string }>([
    {
      name: 'an NHS number with the wrong check digit',
      change: (p) => ({ ...p, nhsNumber: '9990000017' }),
      message: 'This is not a valid NHS number: check the digits (the last digit does not match)',
      path: 'nhsNumber',
    },
    {
      name: 'an NHS number with nine digits',
      change: (p) => ({ ...p, nhsNumber: '999 000 001' }),
      message: 'An NHS number has 10 digits; this has 9',
      path: 'nhsNumber',
    },
    {
      name: 'an NHS number with a letter in it',
      change: (p) => ({ ...p, nhsNumber: '999000001O' }),
      message: 'An NHS number has only digits',
      path: 'nhsNumber',
    },
    {
      name: 'no NHS number',
      change: (p) => ({ ...p, nhsNumber: '' }),
      message: 'Enter the NHS number',
      path: 'nhsNumber',
    },
    {
      name: 'an empty first name',
      change: (p) => ({ ...p, givenName: '' }),
      message: "Enter the patient's first name",
      path: 'givenName',
    },
    {
      name: 'a first name of only spaces',
      change: (p) => ({ ...p, givenName: '   ' }),
      message: "Enter the patient's first name",
      path: 'givenName',
    },
    {
      name: 'an empty last name',
      change: (p) => ({ ...p, familyName: '' }),
      message: "Enter the patient's last name",
      path: 'familyName',
    },
    {
      name: 'an empty GP practice',
      change: (p) => ({ ...p, gpPractice: ' ' }),
      message: "Enter the patient's GP practice",
      path: 'gpPractice',
    },
    {
      name: 'an empty first line of address',
      change: (p) => ({ ...p, address: { ...p.address, line1: '' } }),
      message: "Enter the patient's first line of address",
      path: 'address.line1',
    },
    {
      name: 'a postcode that is not a postcode',
      change: (p) => ({ ...p, address: { ...p.address, postcode: 'WORCESTER' } }),
      message: 'Enter a real postcode, like WR5 1DD',
      path: 'address.postcode',
    },
    {
      name: 'a postcode with no inward part',
      change: (p) => ({ ...p, address: { ...p.address, postcode: 'WR5' } }),
      message: 'Enter a real postcode, like WR5 1DD',
      path: 'address.postcode',
    },
    {
      name: 'a date of birth that does not exist',
      change: (p) => ({ ...p, dateOfBirth: '1961-02-30' }),
      message: 'Enter a real date',
      path: 'dateOfBirth',
    },
    {
      name: 'a date of birth typed the British way instead of stored as YYYY-MM-DD',
      change: (p) => ({ ...p, dateOfBirth: '23/04/1961' }),
      message: 'Enter a real date',
      path: 'dateOfBirth',
    },
    {
      name: 'a phone number with letters',
      change: (p) => ({ ...p, phone: 'ring the daughter' }),
      message: 'Enter a phone number, like 01905 763333',
      path: 'phone',
    },
    {
      name: 'a phone number that is too short',
      change: (p) => ({ ...p, phone: '763333' }),
      message: 'Enter a phone number, like 01905 763333',
      path: 'phone',
    },
  ])(
    'rejects $name, saying so in words a co-ordinator understands',
    ({ change, message, path }) => {
      expect(firstProblem(change(goodPatient()))).toEqual({ message, path });
    },
  );

  it('rejects a patient missing a field altogether', () => {
    const { familyName: _dropped, ...withoutFamilyName } = goodPatient();
    expect(v.is(PatientSchema, withoutFamilyName)).toBe(false);
  });
});

describe('formatPatientName', () => {
  it.each([
    { givenName: 'Amelia', familyName: 'Ashdown', shown: 'ASHDOWN, Amelia' },
    { givenName: 'Tomasz', familyName: 'Kowalski', shown: 'KOWALSKI, Tomasz' },
  ])(
    'shows $givenName $familyName as $shown on clinic lists',
    ({ givenName, familyName, shown }) => {
      expect(formatPatientName({ givenName, familyName })).toBe(shown);
    },
  );
});

describe('PatientRowSchema (stored rows, issue 9)', () => {
  it('takes an empty phone and GP practice as not known, where entry requires them', () => {
    const unknown = { ...goodPatient(), phone: '', gpPractice: '' };
    expect(v.is(PatientRowSchema, unknown)).toBe(true);
    expect(v.is(PatientSchema, unknown)).toBe(false);
  });

  it('still refuses a phone that is not a phone number', () => {
    expect(v.is(PatientRowSchema, { ...goodPatient(), phone: 'ring me' })).toBe(false);
  });
});
