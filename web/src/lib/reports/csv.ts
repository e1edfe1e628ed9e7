/**
 * The one CSV writer every report uses (issue 9): UTF-8 with a byte-order mark so Excel reads
 * names and £ correctly, every cell quoted, and nothing a spreadsheet would run as a formula.
 */

/** One CSV cell, quoted, that a spreadsheet will show as text and never run as a formula. */
export function csvCell(value: string): string {
  // A leading = + - @ (or a tab or return) would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A whole CSV file: a header line, then one line per row, each line ending CRLF. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file the browser downloads (works offline: nothing leaves the device). */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
