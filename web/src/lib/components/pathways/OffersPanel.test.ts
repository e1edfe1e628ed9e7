import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import {
  generateDepartment,
  type MutatorResult,
  type Offer,
  type Referral,
  type Review,
} from '@clinicdesk/domain';
import OffersPanel from './OffersPanel.svelte';

const TODAY = '2026-11-24';
const BY = { userId: 'u-1', name: 'Bea Booker' };
const REFERRAL: Referral = {
  ...generateDepartment({ seed: 2, today: TODAY, referrals: 3 }).referrals[0]!,
  offers: [],
  reviews: [],
};
const DECLINED: Offer = {
  id: 'offer-1',
  at: '2026-11-20T10:00:00Z',
  method: 'telephone',
  dates: ['2026-12-18', '2026-12-22'],
  noticeDays: 28,
  reasonable: true,
  patientAgreedSooner: false,
  response: 'declined',
  by: BY,
};
const REVIEW: Review = {
  id: 'review-2',
  kind: 'two-declined-offers',
  raisedAt: '2026-11-24T09:00:00Z',
  raisedBy: BY,
  detail: '2 reasonable offers declined',
  decidedAt: null,
  decidedBy: null,
  decision: null,
  decisionNote: null,
};

function renderPanel(after: Referral) {
  const onrecord = vi.fn(async (): Promise<MutatorResult> => ({
    ok: true,
    changes: [{ table: 'referrals', row: after }],
  }));
  const referral = { ...REFERRAL, offers: [DECLINED] };
  render(OffersPanel, {
    props: { referral, today: TODAY, reasonableNoticeDays: 21, mayRecord: true, onrecord },
  });
  return { onrecord, user: userEvent.setup() };
}

async function recordDeclined(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByLabelText('Telephone'));
  await user.type(screen.getByLabelText('Date offered'), '05/01/2027');
  await user.tab();
  await user.click(screen.getByLabelText('Declined'));
  await user.click(screen.getByRole('button', { name: 'Record offer' }));
}

describe('OffersPanel', () => {
  it('lists each offer with its dates dd/mm/yyyy, notice, whether reasonable and the answer', () => {
    renderPanel(REFERRAL);
    const table = screen.getByTestId('offers');
    expect(table).toHaveTextContent('18/12/2026, 22/12/2026');
    expect(table).toHaveTextContent('28 days');
    expect(table).toHaveTextContent('Reasonable');
    expect(table).toHaveTextContent('Declined');
    expect(table).toHaveTextContent('Bea Booker');
  });

  it('says when the offer sends the pathway to the clinician for review', async () => {
    const { user } = renderPanel({ ...REFERRAL, reviews: [REVIEW] });
    await recordDeclined(user);
    expect(await screen.findByRole('status')).toHaveTextContent('sent to the clinician for review');
  });

  it('just says recorded when no review follows', async () => {
    const { user } = renderPanel(REFERRAL);
    await recordDeclined(user);
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Offer recorded.');
    expect(status).not.toHaveTextContent('review');
  });
});
