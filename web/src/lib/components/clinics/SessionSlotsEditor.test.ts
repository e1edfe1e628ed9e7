import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Slot } from '@clinicdesk/domain';
import SessionSlotsEditor from './SessionSlotsEditor.svelte';

function slot(n: number, startTime: string, status: Slot['status']): Slot {
  return {
    id: `ses-1-${n}`,
    sessionId: 'ses-1',
    siteId: 'site-ktc',
    clinicianId: 'clin-1',
    date: '2026-12-01',
    startTime,
    minutes: 20,
    type: 'new',
    status,
    appointmentId: status === 'booked' ? `appt-${n}` : null,
    blockedReason: status === 'blocked' ? 'Taken out of this clinic' : null,
  };
}

const SLOTS = [slot(1, '09:00', 'booked'), slot(2, '09:20', 'free'), slot(3, '09:40', 'free')];
const user = userEvent.setup();

function renderEditor() {
  const save = vi.fn().mockResolvedValue({ ok: true, changes: [] });
  const ondone = vi.fn();
  render(SessionSlotsEditor, {
    props: { sessionId: 'ses-1', slots: SLOTS, endTime: '10:00', save, ondone, oncancel: vi.fn() },
  });
  return { save, ondone };
}

describe('SessionSlotsEditor', () => {
  it('lets only free slots be retyped or taken out', () => {
    renderEditor();
    const rows = within(screen.getByTestId('slot-editor')).getAllByRole('row').slice(1);
    expect(within(rows[0]!).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(rows[0]!).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('Booked');
    expect(within(rows[1]!).getByRole('combobox')).toBeInTheDocument();
    expect(within(rows[2]!).getByRole('checkbox')).toBeInTheDocument();
  });

  it('says when there is nothing to change, and queues nothing', async () => {
    const { save } = renderEditor();
    await user.click(screen.getByRole('button', { name: 'Save slot changes' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing to change yet');
    expect(save).not.toHaveBeenCalled();
  });

  it('retypes, takes out and adds slots at the end in one change', async () => {
    const { save, ondone } = renderEditor();
    await user.selectOptions(screen.getByLabelText('Type of the 09:20 slot'), 'two-week-wait');
    await user.click(screen.getByLabelText('Take out the 09:40 slot'));
    await user.click(screen.getByRole('button', { name: 'Add a slot at the end' }));
    expect(screen.getByText(/The clinic will end at/)).toHaveTextContent('10:20');
    await user.click(screen.getByRole('button', { name: 'Save slot changes' }));
    expect(save).toHaveBeenCalledExactlyOnceWith({
      sessionId: 'ses-1',
      retype: [{ slotId: 'ses-1-2', type: 'two-week-wait' }],
      remove: ['ses-1-3'],
      add: [{ type: 'new', minutes: 20 }],
    });
    expect(ondone).toHaveBeenCalledWith(
      'Slots changed: 1 slot retyped, 1 slot taken out and 1 slot added. The clinic now ends at 10:20.',
    );
  });

  it('shows a refusal in plain words', async () => {
    const { save, ondone } = renderEditor();
    save.mockResolvedValueOnce({
      ok: false,
      reason: 'slot-not-free',
      message: 'The 09:40 slot is booked: only a free slot can be changed',
    });
    await user.click(screen.getByLabelText('Take out the 09:40 slot'));
    await user.click(screen.getByRole('button', { name: 'Save slot changes' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The 09:40 slot is booked: only a free slot can be changed',
    );
    expect(ondone).not.toHaveBeenCalled();
  });
});
