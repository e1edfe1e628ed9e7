import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { DayCaseDetails, MutatorResult } from '@clinicdesk/domain';
import DayCaseDetailsForm from './DayCaseDetailsForm.svelte';

const DETAILS: DayCaseDetails = {
  procedure: 'Enucleation of jaw cyst',
  priority: 'P3',
  decisionDate: '2026-11-02',
  estimatedMinutes: 60,
  preOp: { needed: true, outcome: 'fit', date: '2026-11-10' },
  unavailable: [{ from: '2026-12-20', to: '2027-01-03', reason: 'Christmas abroad' }],
  reviewReason: null,
  addedAt: '2026-11-02T12:00:00.000Z',
  addedBy: { userId: 'u', name: 'Casey' },
};

function renderForm(details: DayCaseDetails | null) {
  const onsave = vi.fn(async (): Promise<MutatorResult> => ({ ok: true, changes: [] }));
  const onclose = vi.fn();
  render(DayCaseDetailsForm, {
    props: {
      who: 'ASHDOWN, Amelia',
      referralId: 'ref-1',
      details,
      today: '2026-11-24',
      onsave,
      onclose,
    },
  });
  return { onsave, onclose, user: userEvent.setup() };
}

describe('DayCaseDetailsForm', () => {
  it('saves the recorded details as they were, unavailability included', async () => {
    const { onsave, onclose, user } = renderForm(DETAILS);
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith({
      referralId: 'ref-1',
      procedure: 'Enucleation of jaw cyst',
      priority: 'P3',
      decisionDate: '2026-11-02',
      estimatedMinutes: 60,
      preOp: { needed: true, outcome: 'fit', date: '2026-11-10' },
      unavailable: [{ from: '2026-12-20', to: '2027-01-03', reason: 'Christmas abroad' }],
    });
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('asks for the priority of a pathway with no details yet, decided today by default', async () => {
    const { onsave, user } = renderForm(null);
    await user.type(screen.getByLabelText('Intended procedure'), 'Excision biopsy');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the clinical priority');
    expect(onsave).not.toHaveBeenCalled();
    await user.selectOptions(screen.getByLabelText('Clinical priority'), 'P2');
    await user.click(screen.getByLabelText('Needs a pre-operative assessment'));
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(onsave).toHaveBeenCalledWith(
      expect.objectContaining({
        procedure: 'Excision biopsy',
        priority: 'P2',
        decisionDate: '2026-11-24',
        preOp: { needed: false, outcome: 'not-done', date: null },
        unavailable: [],
      }),
    );
  });
});
