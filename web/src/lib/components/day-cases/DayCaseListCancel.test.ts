import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { DayCaseList, MutatorResult } from '@clinicdesk/domain';
import DayCaseListCancel from './DayCaseListCancel.svelte';

const LIST: DayCaseList = {
  id: 'dcl-1',
  date: '2027-01-06',
  siteId: 'site-ktc',
  clinicianId: 'clin-1',
  name: 'Whitcombe day-case list',
  capacity: { kind: 'procedures', count: 6 },
  status: 'open',
  addedAt: '2026-11-01T09:00:00.000Z',
  addedBy: { userId: 'u', name: 'Casey' },
  cancelledAt: null,
  cancelledBy: null,
  cancellationReason: null,
};

describe('cancelling a whole day-case list', () => {
  it('says what happens to the patients booked, starts from the leave’s reason, and sends the reason given', async () => {
    const edit = vi.fn(async (_name: string, args: unknown): Promise<MutatorResult> =>
      (args as { reason: string }).reason.trim()
        ? { ok: true, changes: [] }
        : { ok: false, reason: 'invalid-args', message: 'Give the reason for cancelling the list' },
    );
    const onclose = vi.fn();
    const ondone = vi.fn();
    render(DayCaseListCancel, {
      list: LIST,
      booked: 3,
      suggestedReason: 'Surgeon on leave: Conference',
      sync: { edit },
      ondone,
      onclose,
    });
    expect(
      screen.getByText(/TCI dates of the 3 patients booked on it are cancelled/),
    ).toBeVisible();
    const reason = screen.getByLabelText(
      'Reason for cancelling Whitcombe day-case list on 06/01/2027',
    );
    expect(reason).toHaveValue('Surgeon on leave: Conference');

    await userEvent.clear(reason);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the list' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Give the reason for cancelling the list');

    await userEvent.type(reason, 'Theatre closed for maintenance');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the list' }));
    expect(edit).toHaveBeenLastCalledWith('daycase.list.cancel', {
      listId: 'dcl-1',
      reason: 'Theatre closed for maintenance',
    });
    expect(ondone).toHaveBeenCalledWith(
      'Whitcombe day-case list on 06/01/2027 is cancelled: its 3 patients are back on the day-case waiting list to rebook.',
    );
    expect(onclose).toHaveBeenCalledOnce();
  });
});
