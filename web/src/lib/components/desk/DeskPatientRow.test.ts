import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Appointment, Letter, MutatorResult } from '@clinicdesk/domain';
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

function show(
  appointment: Appointment,
  dnaLetter?: Letter,
  answer: (args: unknown) => MutatorResult = () => ({ ok: true, changes: [] }),
) {
  const edit = vi.fn(async (_name: string, args: unknown): Promise<MutatorResult> => answer(args));
  render(DeskPatientRow, {
    line: { appointment, patient: undefined, dnaLetter },
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

  it('takes back a did-not-attend on the day with a reason, saying when the GP letter has gone', async () => {
    const letter = {
      id: 'letter-dna-appt-1',
      printedAt: '2026-03-02T10:05:00.000Z',
      withdrawnAt: null,
    } as Letter;
    const edit = show({ ...BOOKED, status: 'did-not-attend' }, letter, (args) =>
      (args as { reason: string }).reason.trim()
        ? { ok: true, changes: [] }
        : {
            ok: false,
            reason: 'invalid-args',
            message: 'Say why the did-not-attend is being taken back',
          },
    );
    expect(screen.queryByRole('button', { name: 'Arrived' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Undo did not attend…' }));
    expect(
      screen.getByText(/printed on 02\/03\/2026 10:05.*tell the practice/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Take back did not attend' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Say why the did-not-attend is being taken back',
    );
    await userEvent.type(screen.getByLabelText('Why (for the record)'), 'Arrived late');
    await userEvent.click(screen.getByRole('button', { name: 'Take back did not attend' }));
    expect(edit).toHaveBeenLastCalledWith('appointment.undoDna', {
      appointmentId: 'appt-1',
      reason: 'Arrived late',
    });
    expect(screen.queryByLabelText('Why (for the record)')).toBeNull();
  });

  it('does not offer to take back a did-not-attend of another day', () => {
    show({ ...BOOKED, status: 'did-not-attend', date: '2026-02-27' });
    expect(screen.queryByRole('button', { name: 'Undo did not attend…' })).toBeNull();
  });
});
