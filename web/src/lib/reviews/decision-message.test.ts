import { describe, expect, it } from 'vitest';
import { decisionMessage, type DecisionFacts } from './decision-message.ts';

const BASE: DecisionFacts = {
  who: 'ASHDOWN, Amelia',
  decision: 'rebook',
  status: 'waiting',
  clockRunning: true,
  today: '2026-11-24',
  reviewInWeeks: 12,
};

describe('decisionMessage', () => {
  it.each<[Partial<DecisionFacts>, string]>([
    [{}, 'ASHDOWN, Amelia is back on the waiting list for the co-ordinator to book'],
    [
      { status: 'follow-up' },
      'ASHDOWN, Amelia is back on the follow-up list for the co-ordinator to book',
    ],
    [{ decision: 'discharge' }, 'ASHDOWN, Amelia discharged to the GP (RTT 34)'],
    [{ decision: 'discharge', clockRunning: false }, 'ASHDOWN, Amelia discharged to the GP'],
    [
      { decision: 'active-monitoring' },
      'ASHDOWN, Amelia on active monitoring (RTT 31) until 16/02/2027',
    ],
  ])('says %j as “%s”', (facts, words) => {
    expect(decisionMessage({ ...BASE, ...facts })).toBe(words);
  });
});
