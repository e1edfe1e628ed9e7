import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ManagedUser, NewUserInput, UserChange } from '../../admin/users-api.ts';
import UserForm from './UserForm.svelte';

type Save = (fields: NewUserInput | UserChange) => Promise<{ ok: boolean; message?: string }>;

const bilal: ManagedUser = {
  id: 'user-2',
  username: 'bilal.khan',
  displayName: 'Bilal Khan',
  role: 'receptionist',
  siteIds: ['site-wrh'],
  mustChangePassword: false,
  disabled: false,
};

function renderForm(user?: ManagedUser, onsave = vi.fn<Save>(async () => ({ ok: true }))) {
  const oncancel = vi.fn();
  render(UserForm, { props: { user, onsave, oncancel } });
  return { onsave, oncancel, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: 'Save' });

/** Fills in a whole new account, then lets a test undo one part of it. */
async function fillNewUser(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Username'), ' Amelia.Ashdown ');
  await user.type(screen.getByLabelText('Name'), 'Amelia Ashdown');
  await user.click(screen.getByLabelText('Booking co-ordinator'));
  await user.click(screen.getByLabelText('Worcestershire Royal Hospital'));
  await user.click(screen.getByLabelText('Kidderminster Treatment Centre'));
  await user.type(screen.getByLabelText('First password'), 'correct horse battery');
}

describe('UserForm', () => {
  it('creates an account with the fields given, the username tidied', async () => {
    const { onsave, user } = renderForm();
    await fillNewUser(user);
    await user.click(save());
    expect(onsave).toHaveBeenCalledExactlyOnceWith({
      username: 'amelia.ashdown',
      displayName: 'Amelia Ashdown',
      role: 'booking-coordinator',
      siteIds: ['site-ktc', 'site-wrh'],
      password: 'correct horse battery',
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refuses a password shorter than 12 characters', async () => {
    const { onsave, user } = renderForm();
    await fillNewUser(user);
    await user.clear(screen.getByLabelText('First password'));
    await user.type(screen.getByLabelText('First password'), 'short');
    await user.click(save());
    expect(screen.getByLabelText('First password')).toHaveAccessibleDescription(
      expect.stringContaining('Use at least 12 characters for the password'),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('There is a problem');
    expect(onsave).not.toHaveBeenCalled();
  });

  it('asks for the person’s name when it is missing', async () => {
    const { onsave, user } = renderForm();
    await fillNewUser(user);
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), '   ');
    await user.click(save());
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
      expect.stringContaining('Enter the person’s name'),
    );
    expect(onsave).not.toHaveBeenCalled();
  });

  it('asks for at least one site when the role works with patients', async () => {
    const { onsave, user } = renderForm();
    await fillNewUser(user);
    await user.click(screen.getByLabelText('Worcestershire Royal Hospital'));
    await user.click(screen.getByLabelText('Kidderminster Treatment Centre'));
    await user.click(save());
    expect(
      within(screen.getByRole('group', { name: 'Sites' })).getByText('Choose at least one site'),
    ).toBeInTheDocument();
    expect(onsave).not.toHaveBeenCalled();
  });

  it('lets an administrator have no site', async () => {
    const { onsave, user } = renderForm();
    await fillNewUser(user);
    await user.click(screen.getByLabelText('Worcestershire Royal Hospital'));
    await user.click(screen.getByLabelText('Kidderminster Treatment Centre'));
    await user.click(screen.getByLabelText('Administrator'));
    await user.click(save());
    expect(onsave).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ role: 'administrator', siteIds: [] }),
    );
  });

  it('asks for everything missing from an empty form, and saves nothing', async () => {
    const { onsave, user } = renderForm();
    await user.click(save());
    const summary = screen.getByRole('alert');
    for (const message of [
      'Enter a username',
      'Enter the person’s name',
      'Choose a role',
      'Choose at least one site',
      'Enter a first password for them to sign in with',
    ]) {
      expect(within(summary).getByRole('link', { name: message })).toBeInTheDocument();
    }
    expect(onsave).not.toHaveBeenCalled();
  });

  it('shows why the server refused the account and lets the person try again', async () => {
    const onsave = vi.fn<Save>(async () => ({
      ok: false,
      message: 'The username amelia.ashdown is taken',
    }));
    const { user } = renderForm(undefined, onsave);
    await fillNewUser(user);
    await user.click(save());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The username amelia.ashdown is taken',
    );
    expect(save()).toBeEnabled();
  });

  it('changes only what was changed, sites in the Trust’s order, keeping the password when reset is left blank', async () => {
    const { onsave, user } = renderForm(bilal);
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Medical secretary'));
    await user.click(screen.getByLabelText('Alexandra Hospital, Redditch'));
    await user.click(save());
    expect(onsave).toHaveBeenCalledExactlyOnceWith({
      role: 'medical-secretary',
      siteIds: ['site-alx', 'site-wrh'],
    });
  });

  it('resets the password when a new one is given', async () => {
    const { onsave, user } = renderForm(bilal);
    await user.type(screen.getByLabelText('Reset password (optional)'), 'a fresh start, please');
    await user.click(save());
    expect(onsave).toHaveBeenCalledExactlyOnceWith({ password: 'a fresh start, please' });
  });

  it('refuses a reset password shorter than 12 characters', async () => {
    const { onsave, user } = renderForm(bilal);
    await user.type(screen.getByLabelText('Reset password (optional)'), 'too short');
    await user.click(save());
    expect(screen.getByLabelText('Reset password (optional)')).toHaveAccessibleDescription(
      expect.stringContaining('Use at least 12 characters for the password'),
    );
    expect(onsave).not.toHaveBeenCalled();
  });

  it('says nothing has changed rather than saving an empty change', async () => {
    const { onsave, user } = renderForm(bilal);
    await user.click(save());
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing has changed');
    expect(onsave).not.toHaveBeenCalled();
  });

  it('cancels without saving', async () => {
    const { onsave, oncancel, user } = renderForm(bilal);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(oncancel).toHaveBeenCalledOnce();
    expect(onsave).not.toHaveBeenCalled();
  });
});
