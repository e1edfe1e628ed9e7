import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Appointment, MutatorResult } from '@clinicdesk/domain';
import DeskPatientRow from './DeskPatientRow.svelte';

const TODAY = '2026-03-02';
const NOW = '2026-03-02T10:15:00.000Z';
const BOOKED: Appointment = {
  id: 'appt-1',
  slotId: 'slot-1',
  sessionId: 'ses-1',
  referralId: 'ref-1',
  patientId: 'pat-1',
  siteId: 'site-ktc',
  clinicianId: 'clin-1',
  date: TODAY,
  startTime: '09:00',
  kind: 'new',
  status: 'booked',
  bookedAt: '2026-02-01T09:00:00.000Z',
  cancelledAt: null,
  cancellationReason: null,
  outcome: null,
};

function show(appointment: Appointment) {
  const edit = vi.fn(async (_name: string, _args: unknown): Promise<MutatorResult> => ({
    ok: true,
    changes: [],
  }));
  render(DeskPatientRow, {
    line: { appointment, patient: undefined },
    now: NOW,
    today: TODAY,
    edit,
    contactHlc: async () => 'hlc',
  });
  return edit;
}

describe('a patient’s line at the desk', () => {
  it('offers Did not attend once the appointment time has passed', async () => {
    const edit = show(BOOKED);
    await userEvent.click(screen.getByRole('button', { name: 'Did not attend' }));
    expect(edit).toHaveBeenCalledWith('appointment.attendance', {
      appointmentId: 'appt-1',
      attendance: 'did-not-attend',
    });
  });

  it('does not offer Did not attend before the appointment time', () => {
    show({ ...BOOKED, startTime: '11:00' });
    expect(screen.getByRole('button', { name: 'Arrived' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Did not attend' })).toBeNull();
  });

  it('shows how long an arrived patient has waited, and moves them to the clinician in one tap', async () => {
    const edit = show({ ...BOOKED, status: 'arrived', arrivedAt: '2026-03-02T09:52:00.000Z' });
    expect(screen.getByTestId('desk-wait')).toHaveTextContent('waiting 23 min');
    expect(screen.queryByRole('button', { name: 'Did not attend' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'With clinician' }));
    expect(edit).toHaveBeenCalledWith('appointment.progress', {
      appointmentId: 'appt-1',
      to: 'with-clinician',
    });
  });
});
