import type { CalendarDate, Offer } from '@clinicdesk/domain';

/** What the offer form collects for `offer.record` (the ids are the page's). */
export interface OfferArgs {
  method: Offer['method'];
  dates: CalendarDate[];
  response: Offer['response'];
  patientAgreedSooner: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A pathway's offers in one line: how many, how many reasonable ones were declined. */
export function offerSummary(offers: readonly Offer[]): string {
  if (offers.length === 0) return 'No offers recorded';
  const declined = offers.filter((o) => o.response === 'declined');
  const reasonable = declined.filter((o) => o.reasonable).length;
  const accepted = offers.filter((o) => o.response === 'accepted').length;
  const parts = [plural(offers.length, 'offer')];
  if (accepted) parts.push(`${accepted} accepted`);
  if (declined.length) {
    parts.push(
      `${declined.length} declined${reasonable === declined.length ? '' : ` (${reasonable} reasonable)`}`,
    );
  }
  const noAnswer = offers.length - accepted - declined.length;
  if (noAnswer) parts.push(`${noAnswer} no response`);
  return parts.join(', ');
}

export const OFFER_METHOD_LABELS: Record<Offer['method'], string> = {
  telephone: 'Telephone',
  letter: 'Letter',
  'in-person': 'In person',
};

export const OFFER_RESPONSE_LABELS: Record<Offer['response'], string> = {
  accepted: 'Accepted',
  declined: 'Declined',
  'no-response': 'No response yet',
};
