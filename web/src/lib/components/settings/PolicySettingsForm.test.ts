import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { DEFAULT_TRUST_SETTINGS, type MutatorResult } from '@clinicdesk/domain';
import PolicySettingsForm from './PolicySettingsForm.svelte';

const applied: MutatorResult = { ok: true, changes: [] };
type Save = (changed: Record<string, number>) => Promise<MutatorResult>;

function renderForm(onsave = vi.fn<Save>(async () => applied), mayChange = true) {
  render(PolicySettingsForm, {
    props: { settings: { ...DEFAULT_TRUST_SETTINGS, reasonableNoticeDays: 28 }, mayChange, onsave },
  });
  return { onsave, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: 'Save the access policy' });
const notice = () => screen.getByLabelText('Days of notice that make an offer reasonable');

describe('PolicySettingsForm', () => {
  it('shows the Trust’s numbers with the national defaults as hints', () => {
    renderForm();
    expect(notice()).toHaveValue(28);
    expect(notice()).toHaveAccessibleDescription('National default 21 days (3 weeks)');
    expect(
      screen.getByLabelText('Days from referral to a two-week-wait first appointment'),
    ).toHaveValue(14);
    expect(screen.getByLabelText(/Weeks of notice a clinician gives for leave/)).toHaveValue(6);
  });

  it('saves only the numbers that changed', async () => {
    const { onsave, user } = renderForm();
    await user.clear(notice());
    await user.type(notice(), '21');
    const window = screen.getByLabelText('Weeks before a follow-up is due from which it is booked');
    await user.clear(window);
    await user.type(window, '8');
    await user.click(save());
    expect(onsave).toHaveBeenCalledExactlyOnceWith({
      reasonableNoticeDays: 21,
      followUpBookingWindowWeeks: 8,
    });
    expect(screen.getByRole('status')).toHaveTextContent('Saved');
  });

  it('saves nothing when nothing changed', async () => {
    const { onsave, user } = renderForm();
    await user.click(save());
    expect(onsave).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('Nothing has changed');
  });

  it.each([
    ['', 'as a whole number'],
    ['91', 'must be from 0 to 90'],
  ])('refuses %j for the days of notice, saving nothing', async (typed, words) => {
    const { onsave, user } = renderForm();
    await user.clear(notice());
    if (typed) await user.type(notice(), typed);
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent(words);
    expect(onsave).not.toHaveBeenCalled();
  });

  it('shows why a save was refused', async () => {
    const { user } = renderForm(
      vi.fn<Save>(async () => ({
        ok: false,
        reason: 'forbidden',
        message: 'Only a manager can change the Trust’s settings',
      })),
    );
    await user.clear(notice());
    await user.type(notice(), '30');
    await user.click(save());
    expect(await screen.findByRole('alert')).toHaveTextContent('Only a manager can change');
  });

  it('is read-only for someone who may not change it', () => {
    renderForm(undefined, false);
    expect(notice()).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save the access policy' })).toBeNull();
    expect(screen.getByText('Only a manager can change these.')).toBeInTheDocument();
  });
});
