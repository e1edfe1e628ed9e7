import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from './csv.ts';

const fieldsOf = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.records.map((r) => r.fields);
};

describe('parseCsv (RFC 4180)', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a lone CR',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a comma inside quotes', '"Smith, Jane",1', [['Smith, Jane', '1']]],
    [
      'a line break inside quotes',
      '"12 Orchard Way\r\nFlat 2",WR5',
      [['12 Orchard Way\r\nFlat 2', 'WR5']],
    ],
    ['a doubled quote', '"say ""hello""",x', [['say "hello"', 'x']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['an empty quoted field', '"",a', [['', 'a']]],
    [
      'a UTF-8 byte order mark',
      '\uFEFFnhs_number,x\n1,2',
      [
        ['nhs_number', 'x'],
        ['1', '2'],
      ],
    ],
    ['blank lines skipped', 'a\n\n\nb\n', [['a'], ['b']]],
    ['no final newline', 'a,b', [['a', 'b']]],
    ['accented names', 'Zoë,Ó Briain', [['Zoë', 'Ó Briain']]],
  ])('reads %s', (_name, text, expected) => {
    expect(fieldsOf(text)).toEqual(expected);
  });

  it('numbers rows as a spreadsheet does: a quoted line break stays in its row, blank lines count', () => {
    const parsed = parseCsv('h\n"a\nb"\n\nc');
    expect(parsed.ok && parsed.records.map((r) => [r.row, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [4, 5],
    ]);
  });

  it('refuses a quote that is never closed, naming the line it opened on', () => {
    expect(parseCsv('a,b\n"open,1\n2')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Line 2: a quoted field is never closed/),
    });
  });

  it('refuses text after a closing quote', () => {
    expect(parseCsv('"a"b,c')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Line 1/),
    });
  });

  it('reads back any table that is written by the RFC 4180 rules', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', 'é', '1'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (table) => {
          const text = table
            .map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(','))
            .join('\r\n');
          expect(fieldsOf(text)).toEqual(table);
        },
      ),
    );
  });
});
