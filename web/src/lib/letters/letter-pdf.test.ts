// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DEFAULT_LETTER_WORDING, sampleMergeData, type Letter } from '@clinicdesk/domain';
import { layOutLetter } from './letter-layout.ts';
import { letterPdf } from './letter-pdf.ts';

/** The text of each page, as a PDF reader extracts it (pdf.js, as in Firefox). */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await pdf.destroy();
  return pages;
}

function tciLetter(overrides: Partial<Letter> = {}): Letter {
  return {
    id: 'letter-tci-1',
    kind: 'tci',
    patientId: 'pat-amelia',
    referralId: 'ref-1',
    siteId: 'site-wrh',
    appointmentId: null,
    producedAt: '2026-03-02T10:15:00.000Z',
    producedBy: { userId: 'u1', name: 'Casey Coordinator' },
    templateVersion: 1,
    ...DEFAULT_LETTER_WORDING.tci,
    merge: sampleMergeData('tci'),
    printedAt: null,
    printedBy: null,
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawnReason: null,
    ...overrides,
  };
}

describe('letterPdf', () => {
  it('writes a TCI letter as real text a PDF reader can read back', async () => {
    const bytes = await letterPdf(layOutLetter(tciLetter()));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = (await pdfText(bytes)).join('\n');
    for (const expected of [
      'Oral and Maxillofacial Surgery',
      'Worcestershire Royal Hospital',
      'Amelia Ashdown',
      '12 Orchard Way',
      'WR5 1DD',
      'Date: 02/03/2026',
      'NHS number: 999 000 0018',
      'Your admission on 16/03/2026: Removal of lower wisdom teeth under general anaesthetic',
      'Dear Amelia Ashdown,',
      'Your pre-operative assessment is on 09/03/2026.',
      'Who to call',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/do not eat anything/);
  });

  it('runs on to a second page when the wording is long, numbering the pages', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the letter.`).join(
      '\n\n',
    );
    const pages = await pdfText(await letterPdf(layOutLetter(tciLetter({ body: long }))));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain('page 1 of');
    expect(pages.at(-1)).toContain('Paragraph 60 of the letter.');
  });

  it('draws a name with a character Helvetica lacks rather than failing', async () => {
    const merge = { ...sampleMergeData('tci'), 'patient.name': 'Zoë Łukasz' };
    const text = (await pdfText(await letterPdf(layOutLetter(tciLetter({ merge }))))).join('\n');
    expect(text).toContain('Zoë Lukasz');
  });
});
