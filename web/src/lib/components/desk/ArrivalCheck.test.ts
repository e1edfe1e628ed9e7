import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult, Patient } from '@clinicdesk/domain';
import ArrivalCheck from './ArrivalCheck.svelte';

const PATIENT: Patient = {
  id: 'pat-1',
  nhsNumber: '9990000018',
  givenName: 'Amelia',
  familyName: 'Ashdown',
  dateOfBirth: '1970-05-01',
  address: { line1: '1 Mill Lane', town: 'Worcester', postcode: 'WR1 1AA' },
  phone: '01632 960001',
  gpPractice: 'Orchard Surgery',
};

function open(result: MutatorResult = { ok: true, changes: [] }) {
  const onarrive = vi.fn(async (_changes: Record<string, unknown> | null) => result);
  render(ArrivalCheck, { patient: PATIENT, onarrive, oncancel: () => {} });
  return onarrive;
}
const confirm = () =>
  userEvent.click(screen.getByRole('button', { name: 'Details confirmed – check in' }));

describe('checking a patient in', () => {
  it('shows the details as held, and checks in with no change when they are confirmed', async () => {
    const onarrive = open();
    expect(screen.getByLabelText('Phone')).toHaveValue('01632 960001');
    expect(screen.getByLabelText('GP practice')).toHaveValue('Orchard Surgery');
    expect(screen.getByLabelText('Postcode')).toHaveValue('WR1 1AA');
    await confirm();
    expect(onarrive).toHaveBeenCalledWith(null);
  });

  it('checks in with only the fields the patient corrected', async () => {
    const onarrive = open();
    await userEvent.clear(screen.getByLabelText('Phone'));
    await userEvent.type(screen.getByLabelText('Phone'), '07700 900123');
    await confirm();
    expect(onarrive).toHaveBeenCalledWith({ phone: '07700 900123' });
  });

  it('does not check in while a corrected field is not valid, and says why', async () => {
    const onarrive = open();
    await userEvent.clear(screen.getByLabelText('Postcode'));
    await userEvent.type(screen.getByLabelText('Postcode'), 'nowhere');
    await confirm();
    expect(onarrive).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a real postcode, like WR5 1DD');
  });

  it('shows the refusal in the person’s words when the arrival is refused', async () => {
    open({ ok: false, reason: 'not-today', message: 'This appointment is on 25/11/2026' });
    await confirm();
    expect(screen.getByRole('alert')).toHaveTextContent('This appointment is on 25/11/2026');
  });
});
