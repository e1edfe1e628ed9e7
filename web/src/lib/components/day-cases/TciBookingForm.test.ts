import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Clinician, DayCaseList, MutatorResult, Site } from '@clinicdesk/domain';
import type { ListWithUse } from '$lib/db/day-case-queries.ts';
import TciBookingForm from './TciBookingForm.svelte';

const applied: MutatorResult = { ok: true, changes: [] };

function option(id: string, date: string, remaining: number, fits = remaining > 0): ListWithUse {
  const list: DayCaseList = {
    id,
    date,
    siteId: 'site-wrh',
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
  return { list, use: { unit: 'procedures', total: 6, used: 6 - remaining, remaining }, fits };
}

const LISTS = [option('dcl-full', '2026-12-01', 0), option('dcl-room', '2026-12-08', 2)];
const SITES = new Map<string, Site>([
  ['site-wrh', { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' }],
]);
const CLINICIANS = new Map<string, Clinician>([
  ['clin-1', { id: 'clin-1', name: 'Mr Adrian Whitcombe', grade: 'Consultant', specialty: 'OMFS' }],
]);

function renderForm({
  preOpToBook = false,
  onbook = vi.fn(async (): Promise<MutatorResult> => applied),
  lists = LISTS,
} = {}) {
  const ondone = vi.fn();
  const onclose = vi.fn();
  render(TciBookingForm, {
    props: {
      who: 'ASHDOWN, Amelia',
      procedure: 'Removal of lower third molars',
      minutes: 60,
      preOpToBook,
      lists,
      sites: SITES,
      clinicians: CLINICIANS,
      onbook,
      ondone,
      onclose,
    },
  });
  return { onbook, ondone, onclose, user: userEvent.setup() };
}

const submit = () => screen.getByRole('button', { name: 'Book TCI' });
const roomy = () => screen.getByRole('radio', { name: /08\/12\/2026/ });

describe('TciBookingForm', () => {
  it('shows each list with the room it has left, and a full list cannot be chosen', () => {
    renderForm();
    expect(
      screen.getByRole('form', { name: 'Book a TCI date for ASHDOWN, Amelia' }),
    ).toBeInTheDocument();
    expect(roomy().closest('label')).toHaveTextContent('2 of 6 procedures left');
    const full = screen.getByRole('radio', { name: /01\/12\/2026/ });
    expect(full).toBeDisabled();
    expect(full.closest('label')).toHaveTextContent('no room');
  });

  it('asks for a list, and books nothing, when none is chosen', async () => {
    const { onbook, user } = renderForm();
    await user.click(submit());
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a day-case list with room');
    expect(onbook).not.toHaveBeenCalled();
  });

  it('books the chosen list with no pre-operative date when none is needed', async () => {
    const { onbook, ondone, user } = renderForm();
    expect(screen.queryByLabelText('Pre-operative assessment date')).not.toBeInTheDocument();
    await user.click(roomy());
    await user.click(submit());
    expect(onbook).toHaveBeenCalledExactlyOnceWith('dcl-room', null);
    expect(ondone).toHaveBeenCalledWith(LISTS[1]);
  });

  it('needs a pre-operative assessment date before the TCI when one is to book', async () => {
    const { onbook, ondone, user } = renderForm({ preOpToBook: true });
    await user.click(roomy());
    await user.click(submit());
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Give the date of the pre-operative assessment, before the TCI date',
    );
    const preOp = screen.getByLabelText('Pre-operative assessment date');
    await user.type(preOp, '08/12/2026');
    await user.tab();
    await user.click(submit());
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The pre-operative assessment must be before the TCI date (08/12/2026)',
    );
    expect(onbook).not.toHaveBeenCalled();
    await user.clear(preOp);
    await user.type(preOp, '01/12/2026');
    await user.tab();
    await user.click(submit());
    expect(onbook).toHaveBeenCalledExactlyOnceWith('dcl-room', '2026-12-01');
    expect(ondone).toHaveBeenCalledOnce();
  });

  it('shows why the booking was refused (the list filled on another device) and stays open', async () => {
    const onbook = vi.fn(async (): Promise<MutatorResult> => ({
      ok: false,
      reason: 'list-full',
      message:
        'The day-case list on 08/12/2026 is full (6 of 6 procedures booked): choose another list',
    }));
    const { ondone, user } = renderForm({ onbook });
    await user.click(roomy());
    await user.click(submit());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'is full (6 of 6 procedures booked)',
    );
    expect(ondone).not.toHaveBeenCalled();
    expect(submit()).toBeEnabled();
  });

  it('says when no list is open, and offers no booking', () => {
    renderForm({ lists: [] });
    expect(screen.getByText(/No day-case lists are open from today/)).toBeInTheDocument();
    expect(submit()).toBeDisabled();
  });
});
