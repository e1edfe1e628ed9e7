import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult } from '@clinicdesk/domain';
import type { OfferArgs } from '$lib/reviews/offer-summary.ts';
import OfferForm from './OfferForm.svelte';

const applied: MutatorResult = { ok: true, changes: [] };
type Record = (offer: OfferArgs) => Promise<MutatorResult>;

function renderForm(onrecord = vi.fn<Record>(async () => applied)) {
  const ondone = vi.fn();
  render(OfferForm, {
    props: { today: '2026-11-24', reasonableNoticeDays: 21, onrecord, ondone },
  });
  return { onrecord, ondone, user: userEvent.setup() };
}

const record = () => screen.getByRole('button', { name: 'Record offer' });

describe('OfferForm', () => {
  it('says from which date an offer is reasonable', () => {
    renderForm();
    expect(screen.getByText(/on or after 15\/12\/2026/)).toBeInTheDocument();
  });

  it.each([
    [[], 'Say how the dates were offered'],
    [['method'], 'Enter the date offered'],
    [['method', 'date'], 'Say whether the patient accepted or declined'],
  ])('with %j filled, says what is missing and records nothing', async (filled, words) => {
    const { onrecord, user } = renderForm();
    if (filled.includes('method')) await user.click(screen.getByLabelText('Telephone'));
    if (filled.includes('date')) {
      await user.type(screen.getByLabelText('Date offered'), '05/01/2027');
      await user.tab();
    }
    await user.click(record());
    expect(screen.getByRole('alert')).toHaveTextContent(words);
    expect(onrecord).not.toHaveBeenCalled();
  });

  it('records the method, the dates dd/mm/yyyy as calendar dates, the answer and the agreement', async () => {
    const { onrecord, ondone, user } = renderForm();
    await user.click(screen.getByLabelText('Letter'));
    const [first, second] = screen.getAllByLabelText(/date offered/i);
    await user.type(first!, '05/01/2027');
    await user.type(second!, '12/01/2027');
    await user.tab();
    await user.click(screen.getByLabelText('Declined'));
    await user.click(screen.getByLabelText('The patient agreed to a sooner date'));
    await user.click(record());
    expect(onrecord).toHaveBeenCalledExactlyOnceWith({
      method: 'letter',
      dates: ['2027-01-05', '2027-01-12'],
      response: 'declined',
      patientAgreedSooner: true,
    });
    expect(ondone).toHaveBeenCalledExactlyOnceWith(applied);
    expect(screen.getByLabelText('Letter')).not.toBeChecked();
    expect(screen.getByLabelText('Date offered')).toHaveValue('');
  });

  it('shows why an offer was refused and keeps what was entered', async () => {
    const { ondone, user } = renderForm(
      vi.fn<Record>(async () => ({
        ok: false,
        reason: 'date-in-past',
        message: 'An offered date cannot be in the past',
      })),
    );
    await user.click(screen.getByLabelText('Telephone'));
    await user.type(screen.getByLabelText('Date offered'), '01/11/2026');
    await user.tab();
    await user.click(screen.getByLabelText('Accepted'));
    await user.click(record());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'An offered date cannot be in the past',
    );
    expect(ondone).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Date offered')).toHaveValue('01/11/2026');
  });
});
