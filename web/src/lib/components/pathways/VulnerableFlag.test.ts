import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { generateDepartment, type MutatorResult, type Patient } from '@clinicdesk/domain';
import VulnerableFlag from './VulnerableFlag.svelte';

const PATIENT: Patient = generateDepartment({ seed: 2, today: '2026-11-24', referrals: 1 })
  .patients[0]!;
type Save = (vulnerable: boolean, reason: string) => Promise<MutatorResult>;

function renderFlag(patient: Patient, mayChange = true) {
  const onsave = vi.fn<Save>(async () => ({ ok: true, changes: [] }));
  render(VulnerableFlag, { props: { patient, mayChange, onsave } });
  return { onsave, user: userEvent.setup() };
}

describe('VulnerableFlag', () => {
  it('marks a patient as a vulnerable adult with the reason given', async () => {
    const { onsave, user } = renderFlag({ ...PATIENT, vulnerable: false });
    await user.click(screen.getByRole('button', { name: 'Mark as a vulnerable adult…' }));
    await user.click(screen.getByRole('button', { name: 'Mark as vulnerable' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Give the reason');
    expect(onsave).not.toHaveBeenCalled();
    await user.type(
      screen.getByLabelText('Why is this patient vulnerable?'),
      'Learning disability',
    );
    await user.click(screen.getByRole('button', { name: 'Mark as vulnerable' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith(true, 'Learning disability');
  });

  it('shows who marked the patient and why, and clears the flag', async () => {
    const { onsave, user } = renderFlag({
      ...PATIENT,
      vulnerable: true,
      vulnerableNote: {
        reason: 'Dementia',
        at: '2026-11-20T10:00:00Z',
        by: { userId: 'u-1', name: 'Dr Okafor' },
      },
    });
    expect(screen.getByText(/Marked by Dr Okafor, 20\/11\/2026 10:00: Dementia/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Clear the flag…' }));
    await user.type(
      screen.getByLabelText('Why is the flag no longer needed?'),
      'Recorded in error',
    );
    await user.click(screen.getByRole('button', { name: 'Clear the flag' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith(false, 'Recorded in error');
  });

  it('offers no change to someone who may not make it', () => {
    renderFlag({ ...PATIENT, vulnerable: true }, false);
    expect(screen.getByText('Vulnerable adult', { selector: '.tag' })).toBeVisible();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
