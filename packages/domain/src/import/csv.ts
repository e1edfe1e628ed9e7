/**
 * A record of a CSV file: its row as a spreadsheet numbers it (1 = the header; a quoted line
 * break stays inside its row) and the line of the file it starts on.
 */
export interface CsvRecord {
  row: number;
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; message: string };

/**
 * Reads CSV text as RFC 4180 describes it: fields separated by commas, records by CRLF or LF,
 * a field in double quotes may hold commas, line breaks and doubled quotes (`""`). A UTF-8 byte
 * order mark at the start is dropped (spreadsheets write one). Lines that are empty are skipped.
 * Written here rather than taken from a library: forty lines with no dependency, pure, and the
 * refusals (an unclosed quote, text after a closing quote) speak the user's words.
 */
export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let row = 0;
  let quoted = false;
  let afterQuote = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    row++;
    if (fields.length > 1 || fields[0] !== '') records.push({ row, line: recordLine, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      return {
        ok: false,
        message: `Line ${line}: there is text after a closing quote; put the whole field in quotes and double any quote inside it ("")`,
      };
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else {
      field += ch;
    }
  }
  if (quoted)
    return {
      ok: false,
      message: `Line ${recordLine}: a quoted field is never closed; check for a missing quote (")`,
    };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
