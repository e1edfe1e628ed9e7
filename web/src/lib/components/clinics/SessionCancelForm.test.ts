import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ClinicSession, MutatorResult, Slot } from '@clinicdesk/domain';
import SessionCancelForm from './SessionCancelForm.svelte';

const SESSION: ClinicSession = {
  id: 'ses-1',
  templateId: null,
  name: 'Whitcombe AM OMFS',
  clinicianId: 'clin-1',
  siteId: 'site-wrh',
  room: 'OPD 1',
  date: '2026-12-07',
  startTime: '09:00',
  endTime: '10:00',
  status: 'open',
  cancellationReason: null,
  leaveId: null,
  changedBy: null,
  changedAt: null,
  cashedUp: null,
  reopenings: [],
};
const slot = (n: number, status: Slot['status']): Slot => ({
  id: `ses-1-${n}`,
  sessionId: 'ses-1',
  siteId: 'site-wrh',
  clinicianId: 'clin-1',
  date: '2026-12-07',
  startTime: `09:${String((n - 1) * 20).padStart(2, '0')}`,
  minutes: 20,
  type: 'new',
  status,
  appointmentId: status === 'booked' ? `appt-${n}` : null,
  blockedReason: null,
});
const SLOTS = [slot(1, 'booked'), slot(2, 'free'), slot(3, 'booked')];

function renderForm(result: MutatorResult = { ok: true, changes: [] }) {
  const oncancel = vi.fn(async () => result);
  const ondone = vi.fn();
  render(SessionCancelForm, {
    props: {
      session: SESSION,
      slots: SLOTS,
      defaultReason: 'Clinician on leave: Annual leave',
      oncancel,
      ondone,
      onclose: vi.fn(),
    },
  });
  return { oncancel, ondone, user: userEvent.setup() };
}

describe('SessionCancelForm', () => {
  it('cancels the whole clinic with the leave’s reason, saying who will need rebooking', async () => {
    const { oncancel, ondone, user } = renderForm();
    expect(screen.getByText(/2 patients will be cancelled by the hospital/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel clinic' }));
    expect(oncancel).toHaveBeenCalledWith({
      reason: 'Clinician on leave: Annual leave',
      slotIds: null,
    });
    expect(ondone).toHaveBeenCalledWith(2, false);
  });

  it('reduces the clinic by the slots chosen, and asks for some when none are', async () => {
    const { oncancel, ondone, user } = renderForm();
    await user.click(screen.getByLabelText(/Reduce it/));
    await user.click(screen.getByRole('button', { name: 'Take slots out' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Choose the slots to take out of the clinic',
    );
    expect(oncancel).not.toHaveBeenCalled();
    await user.click(screen.getByLabelText(/09:40/));
    await user.click(screen.getByLabelText(/09:20/));
    expect(screen.getByText(/1 patient will be cancelled/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Take slots out' }));
    expect(oncancel).toHaveBeenCalledWith({
      reason: 'Clinician on leave: Annual leave',
      slotIds: expect.arrayContaining(['ses-1-3', 'ses-1-2']),
    });
    expect(ondone).toHaveBeenCalledWith(1, true);
  });

  it('goes back from reducing to cancelling the whole clinic', async () => {
    const { oncancel, user } = renderForm();
    await user.click(screen.getByLabelText(/Reduce it/));
    await user.click(screen.getByLabelText(/Cancel the whole clinic/));
    expect(screen.queryByText('Slots to take out')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel clinic' }));
    expect(oncancel).toHaveBeenCalledWith(expect.objectContaining({ slotIds: null }));
  });

  it('shows the refusal in the co-ordinator’s words and keeps the form open', async () => {
    const { ondone, user } = renderForm({
      ok: false,
      reason: 'patients-attending',
      message:
        'The patient at 09:00 has already arrived or been seen: leave that slot in the clinic',
    });
    await user.click(screen.getByRole('button', { name: 'Cancel clinic' }));
    expect(screen.getByRole('alert')).toHaveTextContent('The patient at 09:00 has already arrived');
    expect(ondone).not.toHaveBeenCalled();
  });

  it('will not cancel without a reason', async () => {
    const { oncancel, user } = renderForm();
    await user.clear(screen.getByLabelText('Reason'));
    await user.click(screen.getByRole('button', { name: 'Cancel clinic' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Give the reason for cancelling the clinic',
    );
    expect(oncancel).not.toHaveBeenCalled();
  });
});
