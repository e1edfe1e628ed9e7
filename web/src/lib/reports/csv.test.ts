import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('the shared CSV writer', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hello"', '"say ""hello"""'],
    ['=SUM(A1)', `"'=SUM(A1)"`],
    ['+44 1905', `"'+44 1905"`],
    ['-3', `"'-3"`],
    ['@cmd', `"'@cmd"`],
  ])('quotes %j as text a spreadsheet will not run', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(csvDocument(['A', 'B'], [['1', 'Zoë']])).toBe('\uFEFF"A","B"\r\n"1","Zoë"\r\n');
  });
});
