import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult } from '@clinicdesk/domain';
import ClosuresPanel from './ClosuresPanel.svelte';

const applied: MutatorResult = { ok: true, changes: [] };
const CLOSURES = [
  { date: '2027-01-04', reason: 'Estates work' },
  { date: '2026-12-29', reason: 'Trust training day' },
];
type Save = (closures: typeof CLOSURES) => Promise<MutatorResult>;

function renderPanel(onsave = vi.fn<Save>(async () => applied)) {
  render(ClosuresPanel, { props: { closures: CLOSURES, mayChange: true, onsave } });
  return { onsave, user: userEvent.setup() };
}

describe('ClosuresPanel', () => {
  it('lists the closures by date, dd/mm/yyyy', () => {
    renderPanel();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('29/12/2026Trust training day'),
      expect.stringContaining('04/01/2027Estates work'),
    ]);
  });

  it('adds a closure to the whole list', async () => {
    const { onsave, user } = renderPanel();
    await user.type(screen.getByLabelText('Date'), '02/01/2027');
    await user.tab();
    await user.type(screen.getByLabelText('Reason'), 'Power cut');
    await user.click(screen.getByRole('button', { name: 'Add closure' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith([
      ...CLOSURES,
      { date: '2027-01-02', reason: 'Power cut' },
    ]);
  });

  it('refuses a day that is already a closure', async () => {
    const { onsave, user } = renderPanel();
    await user.type(screen.getByLabelText('Date'), '29/12/2026');
    await user.tab();
    await user.type(screen.getByLabelText('Reason'), 'Again');
    await user.click(screen.getByRole('button', { name: 'Add closure' }));
    expect(screen.getByRole('alert')).toHaveTextContent('29/12/2026 is already a closure');
    expect(onsave).not.toHaveBeenCalled();
  });

  it('removes a closure, keeping the others', async () => {
    const { onsave, user } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Remove the closure on 04/01/2027' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith([CLOSURES[1]]);
  });
});
