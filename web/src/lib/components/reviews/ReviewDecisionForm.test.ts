import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult, ReviewDecision } from '@clinicdesk/domain';
import ReviewDecisionForm from './ReviewDecisionForm.svelte';

const applied: MutatorResult = { ok: true, changes: [] };
type Decide = (
  d: ReviewDecision,
  note: string,
  weeks: number | undefined,
) => Promise<MutatorResult>;

function renderForm(ondecide = vi.fn<Decide>(async () => applied), clockRunning = true) {
  const ondone = vi.fn();
  render(ReviewDecisionForm, {
    props: { id: 'review-1', who: 'ASHDOWN, Amelia', clockRunning, ondecide, ondone },
  });
  return { ondecide, ondone, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: 'Save decision' });
const note = () => screen.getByLabelText('Why (for the record)');

describe('ReviewDecisionForm', () => {
  it('names the patient whose review is being decided', () => {
    renderForm();
    expect(
      screen.getByRole('form', { name: 'Decide the review for ASHDOWN, Amelia' }),
    ).toBeInTheDocument();
  });

  it('asks what happens next, and decides nothing, when no decision is chosen', async () => {
    const { ondecide, user } = renderForm();
    await user.type(note(), 'Seen by the GP');
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('Choose what happens next');
    expect(ondecide).not.toHaveBeenCalled();
  });

  it('asks for the reason, and decides nothing, without a note', async () => {
    const { ondecide, ondone, user } = renderForm();
    await user.click(screen.getByLabelText('Discharge to the GP'));
    await user.type(note(), '   ');
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('Say why, for the record');
    expect(ondecide).not.toHaveBeenCalled();
    expect(ondone).not.toHaveBeenCalled();
  });

  it.each([
    ['Rebook', 'rebook'],
    ['Discharge to the GP', 'discharge'],
  ] as const)('saves “%s” with the note, and no weeks', async (label, decision) => {
    const { ondecide, ondone, user } = renderForm();
    await user.click(screen.getByLabelText(label));
    await user.type(note(), 'Discussed with the patient');
    await user.click(save());
    expect(ondecide).toHaveBeenCalledExactlyOnceWith(
      decision,
      'Discussed with the patient',
      undefined,
    );
    expect(ondone).toHaveBeenCalledOnce();
  });

  it('asks for the weeks until review for active monitoring, and sends them', async () => {
    const { ondecide, ondone, user } = renderForm();
    await user.click(screen.getByLabelText('Active monitoring'));
    const weeks = screen.getByLabelText('Weeks until the review');
    expect(weeks).toHaveValue(12);
    await user.clear(weeks);
    await user.type(note(), 'Watch the lesion');
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the weeks until the review');
    expect(ondecide).not.toHaveBeenCalled();
    await user.type(weeks, '26');
    await user.click(save());
    expect(ondecide).toHaveBeenCalledExactlyOnceWith('active-monitoring', 'Watch the lesion', 26);
    expect(ondone).toHaveBeenCalledExactlyOnceWith('active-monitoring', 26);
  });

  it('offers no active monitoring when no RTT clock is running', () => {
    renderForm(undefined, false);
    expect(screen.getByLabelText(/Active monitoring/)).toBeDisabled();
    expect(screen.getByLabelText('Rebook')).toBeEnabled();
  });

  it('shows why a decision was refused and stays open', async () => {
    const { ondone, user } = renderForm(
      vi.fn<Decide>(async () => ({
        ok: false,
        reason: 'already-decided',
        message: 'Dr Okafor has already decided this review',
      })),
    );
    await user.click(screen.getByLabelText('Rebook'));
    await user.type(note(), 'Patient asked');
    await user.click(save());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Dr Okafor has already decided this review',
    );
    expect(ondone).not.toHaveBeenCalled();
    expect(save()).toBeEnabled();
  });
});
