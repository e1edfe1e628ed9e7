import { describe, expect, it } from 'vitest';
import { outcomeMessage } from './outcome-message.ts';

describe('outcomeMessage', () => {
  it('prompts booking a follow-up due within the booking window, while the patient is here', () => {
    const m = outcomeMessage('ref-1', 'appt-1', { step: 'follow-up', inWeeks: 4 }, 6);
    expect(m.text).toContain('book it now, while the patient is here');
    expect(m.links).toEqual([
      { href: '/waiting-list/ref-1/book', text: 'Book the follow-up' },
      { href: '/letters/letter-outcome-appt-1', text: 'Print the letter to the GP' },
    ]);
  });

  it('sends a later follow-up to the follow-up list', () => {
    const m = outcomeMessage('ref-1', null, { step: 'follow-up', inWeeks: 12 }, 6);
    expect(m.text).toContain('comes up for booking 6 weeks before it is due');
    expect(m.links).toEqual([{ href: '/follow-ups', text: 'See the follow-up list' }]);
  });

  it('says which list and priority a day case went onto', () => {
    const next = {
      step: 'day-case',
      procedure: 'Removal of 38',
      priority: 'P2',
      estimatedMinutes: 45,
    } as const;
    const m = outcomeMessage('ref-1', 'appt-1', next, 6);
    expect(m.text).toBe(
      'Outcome recorded. The patient is on the day-case list for Removal of 38 (P2).',
    );
    expect(m.links[0]).toEqual({ href: '/day-cases', text: 'See the day-case list' });
  });
});
