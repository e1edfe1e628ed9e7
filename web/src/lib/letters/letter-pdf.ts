import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { LetterLayout } from './letter-layout.ts';

/** A4 in PDF points (1/72 inch). */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56.7; // 20 mm
const SIZE = 11;
const LEADING = 15;
const NHS_BLUE = rgb(0, 0.369, 0.722);

/** Letters with no accent to strip that Windows-1252 still lacks. */
const PLAIN_LETTERS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

/**
 * Text the standard Helvetica font can draw (its Windows-1252 character set): anything else,
 * such as a name typed with a rarer accent, becomes its unaccented letter or a question mark,
 * rather than failing the whole PDF.
 */
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      const bare = PLAIN_LETTERS[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare && bare !== ch ? drawable(font, bare) : '?';
    }
  }
  return out;
}

/** Splits a line into lines no wider than `width`, breaking at spaces. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const words = text.split(/ +/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/**
 * The letter as a PDF of A4 pages with real, selectable text (Helvetica), laid out like the
 * printed page: the Trust's heading, the address block, the date and NHS number, the subject
 * and the body, and on every page the patient's name, NHS number and the page number.
 */
export async function letterPdf(layout: LetterLayout): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  doc.setTitle(drawable(regular, layout.subject));
  doc.setAuthor('ClinicDesk');
  doc.setCreator('ClinicDesk');
  doc.setLanguage('en-GB');
  const textWidth = PAGE.width - 2 * MARGIN;
  const pages: PDFPage[] = [];
  let page = doc.addPage([PAGE.width, PAGE.height]);
  pages.push(page);
  let y = PAGE.height - MARGIN;

  const line = (text: string, opts: { font?: PDFFont; size?: number; right?: boolean } = {}) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? SIZE;
    const safe = drawable(font, text);
    for (const part of wrap(font, safe, size, textWidth)) {
      if (y < MARGIN + LEADING) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        pages.push(page);
        y = PAGE.height - MARGIN;
      }
      const x = opts.right ? PAGE.width - MARGIN - font.widthOfTextAtSize(part, size) : MARGIN;
      page.drawText(part, { x, y, size, font, color: rgb(0, 0, 0) });
      y -= size + (LEADING - SIZE);
    }
  };

  page.drawText('NHS', {
    x: PAGE.width - MARGIN - bold.widthOfTextAtSize('NHS', 20),
    y,
    size: 20,
    font: bold,
    color: NHS_BLUE,
  });
  y -= 26;
  for (const h of layout.heading)
    line(h, { right: true, font: h === layout.heading[0] ? bold : regular });
  y -= LEADING;
  for (const r of layout.recipient) line(r);
  y -= LEADING;
  line(`Date: ${layout.date}`);
  if (layout.nhsNumber) line(`NHS number: ${layout.nhsNumber}`);
  y -= LEADING / 2;
  line(layout.subject, { font: bold });
  y -= LEADING / 2;
  for (const paragraph of layout.paragraphs) {
    for (const l of paragraph) line(l);
    y -= LEADING / 2;
  }

  pages.forEach((p, i) => {
    const footer = drawable(
      regular,
      `${layout.patientName}${layout.nhsNumber ? `, NHS number ${layout.nhsNumber}` : ''} · page ${i + 1} of ${pages.length}`,
    );
    p.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 8, font: regular });
  });
  return doc.save();
}
