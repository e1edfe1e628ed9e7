import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult, Patient } from '@clinicdesk/domain';
import ContactDetails from './ContactDetails.svelte';

const PATIENT: Patient = {
  id: 'pat-1',
  nhsNumber: '9990000018',
  givenName: 'Amelia',
  familyName: 'Ashdown',
  dateOfBirth: '1970-05-01',
  address: { line1: '1 Mill Lane', town: 'Worcester', postcode: 'WR1 1AA' },
  phone: '01632 960001',
  gpPractice: 'Orchard Surgery',
  history: [
    {
      field: 'phone',
      value: '07700 900111',
      hlc: 'x',
      outcome: 'overwritten',
      recordedAt: '2026-07-01T08:30:00Z',
    },
  ],
};

async function openForm(
  onsave = vi.fn(async (_changes: Record<string, unknown>): Promise<MutatorResult> => ({
    ok: true,
    changes: [],
  })),
) {
  render(ContactDetails, { patient: PATIENT, onsave });
  await userEvent.click(screen.getByRole('button', { name: 'Change contact details' }));
  return onsave;
}

describe('ContactDetails', () => {
  it('sends only the fields that changed', async () => {
    const onsave = await openForm();
    const phone = screen.getByLabelText('Phone');
    await userEvent.clear(phone);
    await userEvent.type(phone, '07700 900222');
    await userEvent.click(screen.getByRole('button', { name: 'Save contact details' }));
    expect(onsave).toHaveBeenCalledWith({ phone: '07700 900222' });
    expect(await screen.findByText('Contact details saved.')).toBeInTheDocument();
  });

  it('says so when nothing has changed, and saves nothing', async () => {
    const onsave = await openForm();
    await userEvent.click(screen.getByRole('button', { name: 'Save contact details' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing has changed');
    expect(onsave).not.toHaveBeenCalled();
  });

  it('refuses a phone number that is not one, in plain words', async () => {
    const onsave = await openForm();
    const phone = screen.getByLabelText('Phone');
    await userEvent.clear(phone);
    await userEvent.type(phone, 'ring reception');
    await userEvent.click(screen.getByRole('button', { name: 'Save contact details' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/Enter a phone number/);
    expect(onsave).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal and stays open', async () => {
    await openForm(
      vi.fn(async () => ({
        ok: false as const,
        reason: 'clock-ahead',
        message: 'This device’s clock is more than 5 minutes ahead',
      })),
    );
    await userEvent.clear(screen.getByLabelText('GP practice'));
    await userEvent.type(screen.getByLabelText('GP practice'), 'Abbey Lane Surgery');
    await userEvent.click(screen.getByRole('button', { name: 'Save contact details' }));
    expect(screen.getByRole('alert')).toHaveTextContent('clock is more than 5 minutes ahead');
    expect(screen.getByLabelText('GP practice')).toBeInTheDocument();
  });

  it('keeps an overwritten value visible in the history, with its London time', () => {
    render(ContactDetails, { patient: PATIENT, onsave: vi.fn() });
    expect(screen.getByText(/arrived after a later change/)).toBeInTheDocument();
    expect(screen.getByText(/01\/07\/2026 09:30/)).toBeInTheDocument();
  });
});
