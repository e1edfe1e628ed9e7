import {
  addDays,
  formatUkDate,
  type CalendarDate,
  type ReferralStatus,
  type ReviewDecision,
} from '@clinicdesk/domain';

export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  rebook: 'Rebook',
  discharge: 'Discharge to the GP',
  'active-monitoring': 'Active monitoring',
};

export interface DecisionFacts {
  who: string;
  decision: ReviewDecision;
  /** The pathway's status before the decision: a rebooked follow-up goes back to its list. */
  status: ReferralStatus;
  clockRunning: boolean;
  today: CalendarDate;
  reviewInWeeks: number;
}

/** What a review decision did, in the words the clinician should read once it is saved. */
export function decisionMessage(facts: DecisionFacts): string {
  const { who, decision } = facts;
  if (decision === 'rebook') {
    const list = facts.status === 'follow-up' ? 'follow-up list' : 'waiting list';
    return `${who} is back on the ${list} for the co-ordinator to book`;
  }
  if (decision === 'discharge') {
    return `${who} discharged to the GP${facts.clockRunning ? ' (RTT 34)' : ''}`;
  }
  const until = addDays(facts.today, facts.reviewInWeeks * 7);
  return `${who} on active monitoring (RTT 31) until ${formatUkDate(until)}`;
}
