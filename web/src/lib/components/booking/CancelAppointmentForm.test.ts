import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult } from '@clinicdesk/domain';
import CancelAppointmentForm from './CancelAppointmentForm.svelte';

const applied: MutatorResult = { ok: true, changes: [] };

function renderForm(oncancel = vi.fn(async (): Promise<MutatorResult> => applied)) {
  const ondone = vi.fn();
  const onclose = vi.fn();
  render(CancelAppointmentForm, {
    props: { who: 'ASHDOWN, Amelia', oncancel, ondone, onclose },
  });
  return { oncancel, ondone, onclose, user: userEvent.setup() };
}

const submit = () => screen.getByRole('button', { name: 'Cancel appointment' });

describe('CancelAppointmentForm', () => {
  it('names the patient whose appointment is being cancelled', () => {
    renderForm();
    expect(
      screen.getByRole('form', { name: 'Cancel the appointment for ASHDOWN, Amelia' }),
    ).toBeInTheDocument();
  });

  it('asks who cancelled, and does not cancel, when nobody is chosen', async () => {
    const { oncancel, ondone, user } = renderForm();
    await user.type(screen.getByLabelText('Reason'), 'Moving away');
    await user.click(submit());
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Say who cancelled: the patient or the hospital',
    );
    expect(oncancel).not.toHaveBeenCalled();
    expect(ondone).not.toHaveBeenCalled();
  });

  it.each(['', '   '])('asks for the reason, and does not cancel, when it is %j', async (typed) => {
    const { oncancel, ondone, user } = renderForm();
    await user.click(screen.getByLabelText('The patient'));
    if (typed) await user.type(screen.getByLabelText('Reason'), typed);
    await user.click(submit());
    expect(screen.getByRole('alert')).toHaveTextContent('Give the reason for cancelling');
    expect(oncancel).not.toHaveBeenCalled();
    expect(ondone).not.toHaveBeenCalled();
  });

  it.each(['patient', 'hospital'] as const)(
    'cancels as the %s with the reason given, then says it is done',
    async (by) => {
      const { oncancel, ondone, onclose, user } = renderForm();
      await user.click(screen.getByLabelText(`The ${by}`));
      await user.type(screen.getByLabelText('Reason'), 'Clinician on leave');
      await user.click(submit());
      expect(oncancel).toHaveBeenCalledExactlyOnceWith(by, 'Clinician on leave');
      expect(ondone).toHaveBeenCalledOnce();
      expect(onclose).not.toHaveBeenCalled();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    },
  );

  it('shows why a cancellation was refused and stays open', async () => {
    const oncancel = vi.fn(async (): Promise<MutatorResult> => ({
      ok: false,
      reason: 'already-cancelled',
      message: 'This appointment has already been cancelled',
    }));
    const { ondone, user } = renderForm(oncancel);
    await user.click(screen.getByLabelText('The patient'));
    await user.type(screen.getByLabelText('Reason'), 'Feeling better');
    await user.click(submit());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This appointment has already been cancelled',
    );
    expect(ondone).not.toHaveBeenCalled();
    expect(submit()).toBeEnabled();
  });

  it('disables the cancel button while the cancellation is being saved', async () => {
    let finish: (result: MutatorResult) => void = () => {};
    const oncancel = vi.fn(() => new Promise<MutatorResult>((resolve) => (finish = resolve)));
    const { ondone, user } = renderForm(oncancel);
    await user.click(screen.getByLabelText('The hospital'));
    await user.type(screen.getByLabelText('Reason'), 'Clinic cancelled');
    await user.click(submit());
    expect(submit()).toBeDisabled();
    expect(ondone).not.toHaveBeenCalled();
    finish(applied);
    await vi.waitFor(() => expect(ondone).toHaveBeenCalledOnce());
  });

  it('keeps the appointment, cancelling nothing, when "Keep appointment" is pressed', async () => {
    const { oncancel, ondone, onclose, user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Keep appointment' }));
    expect(onclose).toHaveBeenCalledOnce();
    expect(oncancel).not.toHaveBeenCalled();
    expect(ondone).not.toHaveBeenCalled();
  });
});
