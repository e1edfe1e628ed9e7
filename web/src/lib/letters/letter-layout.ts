import {
  BOOKING_OFFICE_PHONE,
  LETTER_RECIPIENTS,
  renderLetter,
  type Letter,
} from '@clinicdesk/domain';

/** A stored letter laid out for an A4 page: the same lines on screen, on paper and in the PDF. */
export interface LetterLayout {
  /** The Trust's heading, top right. */
  heading: string[];
  /** The address block, for a window envelope. */
  recipient: string[];
  date: string;
  patientName: string;
  nhsNumber: string;
  subject: string;
  /** Paragraphs, each as its lines (a single line break in the wording is kept). */
  paragraphs: string[][];
}

function recipientLines(letter: Letter): string[] {
  const m = letter.merge;
  const lines = {
    patient: [m['patient.name'] ?? '', ...(m['patient.address'] ?? '').split('\n')],
    gp: ['The GP', m['gp.practice'] ?? ''],
    referrer: [m['referral.referrer'] ?? ''],
  }[LETTER_RECIPIENTS[letter.kind]];
  return lines.filter((line) => line.trim() !== '');
}

/**
 * Lays a stored letter out from its own wording and merge snapshot, never from the patient's
 * record today: a letter printed again reads exactly as when it was produced.
 */
export function layOutLetter(letter: Letter): LetterLayout {
  const rendered = renderLetter(letter, letter.merge);
  return {
    heading: [
      'Oral and Maxillofacial Surgery',
      letter.merge['clinic.site'] ?? '',
      `Booking Office: ${BOOKING_OFFICE_PHONE}`,
    ].filter((line) => line !== ''),
    recipient: recipientLines(letter),
    date: letter.merge['today'] ?? '',
    patientName: letter.merge['patient.name'] ?? '',
    nhsNumber: letter.merge['patient.nhsNumber'] ?? '',
    subject: rendered.subject,
    paragraphs: rendered.body
      .split(/\n\s*\n/)
      .map((p) => p.split('\n').map((line) => line.trimEnd()))
      .filter((p) => p.some((line) => line !== '')),
  };
}
