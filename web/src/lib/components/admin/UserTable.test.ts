import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ManagedUser } from '../../admin/users-api.ts';
import UserTable from './UserTable.svelte';

const bilal: ManagedUser = {
  id: 'user-2',
  username: 'bilal.khan',
  displayName: 'Bilal Khan',
  role: 'booking-coordinator',
  siteIds: ['site-wrh', 'site-alx'],
  mustChangePassword: true,
  disabled: false,
};
const carys: ManagedUser = {
  id: 'user-3',
  username: 'carys.evans',
  displayName: 'Carys Evans',
  role: 'administrator',
  siteIds: [],
  mustChangePassword: false,
  disabled: true,
};

function renderTable() {
  const callbacks = { onedit: vi.fn(), ondisable: vi.fn(), onenable: vi.fn() };
  render(UserTable, { props: { users: [bilal, carys], ...callbacks } });
  return { ...callbacks, user: userEvent.setup() };
}

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(name) });

describe('UserTable', () => {
  it('shows each person’s role, sites and status', () => {
    renderTable();
    const row = within(rowOf('Bilal Khan'));
    expect(row.getByText('Booking co-ordinator')).toBeInTheDocument();
    expect(row.getByText('Worcestershire Royal Hospital')).toBeInTheDocument();
    expect(row.getByText('Alexandra Hospital, Redditch')).toBeInTheDocument();
    expect(row.getByText('Must change password')).toBeInTheDocument();
    expect(row.queryByText('Disabled')).not.toBeInTheDocument();
    const disabled = within(rowOf('Carys Evans'));
    expect(disabled.getByText('Disabled')).toBeInTheDocument();
    expect(disabled.getByText('None')).toBeInTheDocument();
  });

  it('offers to disable an active account and to enable a disabled one', async () => {
    const { ondisable, onenable, onedit, user } = renderTable();
    await user.click(screen.getByRole('button', { name: 'Disable Bilal Khan' }));
    expect(ondisable).toHaveBeenCalledExactlyOnceWith(bilal);
    await user.click(screen.getByRole('button', { name: 'Enable Carys Evans' }));
    expect(onenable).toHaveBeenCalledExactlyOnceWith(carys);
    await user.click(screen.getByRole('button', { name: 'Edit Carys Evans' }));
    expect(onedit).toHaveBeenCalledExactlyOnceWith(carys);
    expect(screen.queryByRole('button', { name: 'Enable Bilal Khan' })).not.toBeInTheDocument();
  });
});
