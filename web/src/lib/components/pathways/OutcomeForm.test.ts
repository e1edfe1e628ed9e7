import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult, PathwayOutcomeArgs } from '@clinicdesk/domain';
import OutcomeForm from './OutcomeForm.svelte';

const applied: MutatorResult = { ok: true, changes: [] };
type Save = (o: Pick<PathwayOutcomeArgs, 'code' | 'next' | 'note'>) => Promise<MutatorResult>;

function renderForm(onsave = vi.fn<Save>(async () => applied), clockRunning = true) {
  const ondone = vi.fn();
  render(OutcomeForm, {
    props: { id: 'appt-1', who: 'ASHDOWN, Amelia', clockRunning, onsave, ondone },
  });
  return { onsave, ondone, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: 'Save outcome' });
const codeOptions = () =>
  within(screen.getByLabelText('RTT status'))
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('OutcomeForm', () => {
  it('lists only the RTT codes that fit the next step, each with its plain-words meaning', async () => {
    const { user } = renderForm();
    await user.selectOptions(screen.getByLabelText('Next step'), 'Discharge');
    expect(codeOptions()).toEqual([
      'Choose…',
      '30 – First definitive treatment started: the clock stops',
      '34 – Decision not to treat, or discharged to the GP: the clock stops',
      '35 – Patient declined treatment: the clock stops',
      '36 – Patient died before treatment: the clock stops',
    ]);
  });

  it('adds to the day-case list with procedure, priority and length, taking the one code that fits', async () => {
    const { onsave, ondone, user } = renderForm();
    await user.selectOptions(screen.getByLabelText('Next step'), 'Add to the day-case list');
    expect(screen.getByLabelText('RTT status')).toHaveValue('20');
    await user.type(screen.getByLabelText('Procedure'), 'Removal of 38');
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the clinical priority');
    expect(onsave).not.toHaveBeenCalled();
    await user.selectOptions(screen.getByLabelText('Clinical priority'), 'P2 – within 1 month');
    await user.type(screen.getByLabelText(/^Note/), 'Under local anaesthetic');
    await user.click(save());
    const next = {
      step: 'day-case',
      procedure: 'Removal of 38',
      priority: 'P2',
      estimatedMinutes: 60,
    };
    expect(onsave).toHaveBeenCalledWith({ code: '20', next, note: 'Under local anaesthetic' });
    expect(ondone).toHaveBeenCalledWith(next);
  });

  it('asks for the RTT status, and saves nothing, when none is chosen', async () => {
    const { onsave, user } = renderForm();
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the RTT status');
    expect(onsave).not.toHaveBeenCalled();
  });

  it('shows the refusal in the user’s words and does not finish', async () => {
    const refused: MutatorResult = {
      ok: false,
      reason: 'clinic-cashed-up',
      message: 'The clinic on 09/03/2026 was cashed up by Casey Coordinator',
    };
    const { ondone, user } = renderForm(vi.fn<Save>(async () => refused));
    await user.selectOptions(screen.getByLabelText('RTT status'), '20');
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('was cashed up by Casey Coordinator');
    expect(ondone).not.toHaveBeenCalled();
  });

  it('offers the no-clock codes when no clock is running', () => {
    renderForm(undefined, false);
    expect(codeOptions()).toContain('90 – After treatment: no RTT clock');
    expect(codeOptions().some((o) => o?.startsWith('20'))).toBe(false);
  });
});
