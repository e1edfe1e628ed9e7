import { describe, expect, it } from 'vitest';
import { patientSearch, patientSearchProblem } from './patient-search.ts';

const IMOGEN = { givenName: 'Imogen', familyName: 'Testwood', nhsNumber: '9990000018' };
const ANN = { givenName: 'Ann', familyName: 'Smith-Jones', nhsNumber: '9990001234' };
const found = (typed: string) =>
  [IMOGEN, ANN].filter(patientSearch(typed) ?? (() => true)).map((p) => p.givenName);

describe('patientSearch', () => {
  it('leaves everyone in when nothing, or only spaces, is typed', () => {
    expect(patientSearch('')).toBeNull();
    expect(patientSearch('   ')).toBeNull();
  });

  it('finds NHS numbers by their start, as typed with or without spaces', () => {
    expect(found('999 000 0018')).toEqual(['Imogen']);
    expect(found('999000')).toEqual(['Imogen', 'Ann']);
    expect(found('9990001')).toEqual(['Ann']);
    // Digits from the middle of a number are not its start.
    expect(found('0018')).toEqual([]);
  });

  it('finds surnames by their start, and names by any part, in any case', () => {
    expect(found('test')).toEqual(['Imogen']);
    expect(found('SMITH-J')).toEqual(['Ann']);
    // Half of a double-barrelled surname.
    expect(found('jones')).toEqual(['Ann']);
    expect(found('Smithson')).toEqual([]);
  });

  it('finds a name in either order, with a comma as the lists show it', () => {
    expect(found('Imogen Testw')).toEqual(['Imogen']);
    expect(found('testwood imogen')).toEqual(['Imogen']);
    expect(found('TESTWOOD, Imogen')).toEqual(['Imogen']);
    expect(found('  ann   smith ')).toEqual(['Ann']);
    expect(found('Imogen Smith')).toEqual([]);
  });
});

describe('patientSearchProblem', () => {
  it('says nothing of a name, an NHS number or its start, as people type them', () => {
    for (const typed of [
      '',
      '  ',
      'Testwood',
      "O'Brien-Smith",
      'O’Brien',
      'Zoë Lefèvre',
      'TESTWOOD, Imogen',
      'St. John',
      '999',
      '999 123 4567',
    ])
      expect(patientSearchProblem(typed), typed).toBeNull();
  });

  it('says why digits mixed with letters, symbols, or too many digits find nobody', () => {
    expect(patientSearchProblem('12ab!')).toMatch(/name or an NHS number, not both/);
    expect(patientSearchProblem('Smith 1970')).toMatch(/not both/);
    expect(patientSearchProblem('smith@nhs.net')).toMatch(/only letters/);
    expect(patientSearchProblem('Smith!')).toMatch(/only letters/);
    expect(patientSearchProblem('999 123 45678')).toMatch(/10 digits/);
  });
});
