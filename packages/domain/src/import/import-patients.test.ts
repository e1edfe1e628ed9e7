import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNhsNumber } from '../patients/nhs-number.ts';
import { PATIENT_COLUMNS } from './import-patients.ts';
import { describePlannedRow } from './import-plan.ts';
import { applied, csv, department, freshNhsNumbers, plan } from './import.test-support.ts';

const [N1, N2] = freshNhsNumbers(2) as [string, string];

const row = (over: Partial<Record<(typeof PATIENT_COLUMNS)[number], string>> = {}) => {
  const base: Record<string, string> = {
    nhs_number: formatNhsNumber(N1),
    given_name: 'Jane',
    family_name: 'Smith',
    date_of_birth: '23/04/1961',
    address_line1: '12 Orchard Way',
    address_line2: '',
    town: 'Worcester',
    postcode: 'WR5 1DD',
    phone: '01905 763333',
    gp_practice: 'Orchard Surgery',
    ...over,
  };
  return PATIENT_COLUMNS.map((c) => base[c]!);
};
const file = (...rows: string[][]) => csv(PATIENT_COLUMNS, rows);

describe('planPatientsImport', () => {
  it('creates a patient for a new NHS number, stored as ten digits', () => {
    const p = plan('patients', file(row()), department());
    expect(p.rows).toEqual([{ row: 2, key: formatNhsNumber(N1), action: 'create' }]);
    expect(p.writes[0]).toMatchObject({
      table: 'patients',
      row: { id: `pat-${N1}`, nhsNumber: N1, dateOfBirth: '1961-04-23', phone: '01905 763333' },
    });
  });

  it.each([
    [{ nhs_number: '999 000 0001' }, 'the NHS number 999 000 0001 fails its check digit'],
    [{ nhs_number: '99900' }, 'the NHS number 99900 has 5 digits, not 10'],
    [
      { nhs_number: '999-ABC-0001' },
      'the NHS number "999-ABC-0001" has characters other than digits',
    ],
    [{ nhs_number: '' }, 'the NHS number is empty'],
    [{ date_of_birth: '31/02/1990' }, 'the date of birth 31/02/1990 is not a real date'],
    [{ date_of_birth: '1990-02-01' }, 'the date of birth "1990-02-01" is not written dd/mm/yyyy'],
    [{ date_of_birth: '01/01/2030' }, 'the date of birth 01/01/2030 is in the future'],
    [{ family_name: '' }, 'the last name is empty'],
    [
      { postcode: 'NOWHERE' },
      'the postcode "NOWHERE" is not valid: Enter a real postcode, like WR5 1DD',
    ],
    [
      { phone: 'ring me' },
      'the phone number "ring me" is not valid: Enter a phone number, like 01905 763333',
    ],
  ])('refuses %o: "%s"', (over, reason) => {
    const p = plan('patients', file(row(over)), department());
    expect(p.rows[0]).toMatchObject({ row: 2, action: 'refused', reasons: [reason] });
    expect(p.writes).toEqual([]);
  });

  it('says the refusal as a person reads it', () => {
    const p = plan('patients', file(row(), row({ nhs_number: '999 000 0001' })), department());
    expect(p.rows.map(describePlannedRow)).toContain(
      'Row 3: the NHS number 999 000 0001 fails its check digit',
    );
  });

  it('writes nothing when any row is refused: a file is applied in full or not at all', () => {
    const p = plan(
      'patients',
      file(row(), row({ nhs_number: formatNhsNumber(N2), date_of_birth: '30/02/1970' })),
      department(),
    );
    expect(p.counts).toEqual({ create: 1, update: 0, unchanged: 0, refused: 1 });
    expect(p.writes).toEqual([]);
  });

  it('refuses the same NHS number twice in one file, naming the first row', () => {
    const p = plan('patients', file(row(), row({ given_name: 'Janet' })), department());
    expect(p.rows[1]).toMatchObject({
      action: 'refused',
      reasons: [`the NHS number ${formatNhsNumber(N1)} is also on row 2`],
    });
  });

  it('accepts a patient with no phone or GP practice, to be listed on the data-quality page', () => {
    const p = plan('patients', file(row({ phone: '', gp_practice: '' })), department());
    expect(p.writes[0]).toMatchObject({ row: { phone: '', gpPractice: '' } });
  });

  it('updates a known patient with the fields that change, keeping the old values in the history', () => {
    const tables = applied('patients', file(row()), department());
    const p = plan('patients', file(row({ phone: '01905 111222', town: 'Malvern' })), tables);
    expect(p.rows[0]).toEqual({
      row: 2,
      key: formatNhsNumber(N1),
      action: 'update',
      changes: ['address', 'phone'],
    });
    expect(p.writes[0]).toMatchObject({
      row: {
        id: `pat-${N1}`,
        phone: '01905 111222',
        history: [
          { field: 'phone', value: '01905 763333', outcome: 'replaced' },
          { field: 'address', outcome: 'replaced' },
        ],
      },
    });
  });

  it('keeps the phone ClinicDesk knows when the extract has none', () => {
    const tables = applied('patients', file(row()), department());
    expect(
      plan('patients', file(row({ phone: '', gp_practice: '' })), tables).rows[0],
    ).toMatchObject({
      action: 'unchanged',
    });
  });

  it('matches an existing patient by NHS number, whatever its id', () => {
    const tables = department();
    const known = tables.patients[0]!;
    const p = plan(
      'patients',
      file(
        row({
          nhs_number: known.nhsNumber,
          given_name: known.givenName,
          family_name: known.familyName,
        }),
      ),
      tables,
    );
    expect(p.rows[0]).toMatchObject({ action: 'update' });
    expect(p.writes[0]?.row.id).toBe(known.id);
  });

  it.each([
    ['', 'The file is empty'],
    ['nhs_number,given_name\r\n', 'The file has no family_name, date_of_birth'],
    [PATIENT_COLUMNS.join(',') + '\r\n', 'The file has a header but no rows'],
    ['"open', 'Line 1: a quoted field is never closed'],
  ])('refuses a file it cannot read: %j', (text, problem) => {
    expect(plan('patients', text, department()).fileProblem).toMatch(
      new RegExp(`^${problem.replace(/[()]/g, '\\$&')}`),
    );
  });

  it('reads columns in any order and ignores extra ones', () => {
    const header = ['PAS_Extra', ...[...PATIENT_COLUMNS].reverse()];
    const p = plan('patients', csv(header, [['x', ...row().reverse()]]), department());
    expect(p.rows[0]).toMatchObject({ action: 'create' });
  });

  it('changes nothing when an applied file is imported again (property)', () => {
    const numbers = freshNhsNumbers(40);
    const name = fc.constantFrom('Ann', 'Bob', 'Zoë', "O'Neil", 'Smith, Jr');
    const patientRow = fc.record({
      nhs: fc.constantFrom(...numbers),
      given: name,
      family: name,
      phone: fc.constantFrom('', '01905 763333', '07700 900123'),
      gp: fc.constantFrom('', 'Orchard Surgery'),
      line2: fc.constantFrom('', 'Flat 2\nRear'),
    });
    const base = department();
    fc.assert(
      fc.property(
        fc.uniqueArray(patientRow, { selector: (r) => r.nhs, minLength: 1, maxLength: 8 }),
        (rows) => {
          const text = file(
            ...rows.map((r) =>
              row({
                nhs_number: r.nhs,
                given_name: r.given,
                family_name: r.family,
                phone: r.phone,
                gp_practice: r.gp,
                address_line2: r.line2,
              }),
            ),
          );
          const after = applied('patients', text, base);
          const again = plan('patients', text, after);
          expect(again.counts).toEqual({
            create: 0,
            update: 0,
            unchanged: rows.length,
            refused: 0,
          });
          expect(again.writes).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
