import { outcomeLetterId, type PathwayOutcomeArgs } from '@clinicdesk/domain';

export interface OutcomeMessage {
  text: string;
  /** What to do next, most pressing first: book the follow-up, print the letter. */
  links: { href: string; text: string }[];
}

/**
 * What a saved clinic outcome did and what to do next (issue 7: a follow-up due within the
 * booking window is booked at once, while the patient is here; a later one waits on the
 * follow-up list), with the letter to the GP it produced when its id is known.
 */
export function outcomeMessage(
  referralId: string,
  appointmentId: string | null,
  next: PathwayOutcomeArgs['next'],
  windowWeeks: number,
): OutcomeMessage {
  const links: OutcomeMessage['links'] = [];
  let text = 'Outcome recorded.';
  if (next.step === 'follow-up') {
    if (next.inWeeks <= windowWeeks) {
      text = `Outcome recorded. The follow-up is due within ${windowWeeks} weeks: book it now, while the patient is here.`;
      links.push({ href: `/waiting-list/${referralId}/book`, text: 'Book the follow-up' });
    } else {
      text = `Outcome recorded. The follow-up is due in ${next.inWeeks} weeks: it waits on the follow-up list and comes up for booking ${windowWeeks} weeks before it is due.`;
      links.push({ href: '/follow-ups', text: 'See the follow-up list' });
    }
  } else if (next.step === 'day-case') {
    text = `Outcome recorded. The patient is on the day-case list for ${next.procedure} (${next.priority}).`;
    links.push({ href: '/day-cases', text: 'See the day-case list' });
  }
  // The letter's id is known before the server answers only when it follows an attendance.
  if (appointmentId) {
    links.push({
      href: `/letters/${outcomeLetterId(referralId, appointmentId, '')}`,
      text: 'Print the letter to the GP',
    });
  }
  return { text, links };
}
