import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MutatorResult, Referral, Site } from '@clinicdesk/domain';
import ShortNoticeForm from './ShortNoticeForm.svelte';

const SITES: Site[] = [
  { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' },
  { id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' },
  { id: 'site-ag', name: 'Alexandra Hospital', code: 'AH' },
];
const applied: MutatorResult = { ok: true, changes: [] };

function renderForm(
  shortNotice: Referral['shortNotice'],
  onsave = vi.fn(async (_siteIds: string[]): Promise<MutatorResult> => applied),
) {
  const view = render(ShortNoticeForm, { props: { shortNotice, sites: SITES, onsave } });
  return { ...view, onsave, user: userEvent.setup() };
}

const box = (name: string) => screen.getByRole('checkbox', { name: new RegExp(name) });

describe('ShortNoticeForm', () => {
  it('says the patient is not on the short-notice list, with no site ticked', () => {
    renderForm(null);
    expect(screen.getByTestId('short-notice-state')).toHaveTextContent(
      'Not on the short-notice list.',
    );
    for (const site of SITES) expect(box(site.name)).not.toBeChecked();
  });

  it('says which sites the patient can come to and since when, with those ticked', () => {
    renderForm({ siteIds: ['site-ktc', 'site-wrh'], notedAt: '2026-11-02' });
    expect(screen.getByTestId('short-notice-state')).toHaveTextContent(
      'Can come at short notice to WRH, KTC since 02/11/2026.',
    );
    expect(box('Worcestershire')).toBeChecked();
    expect(box('Kidderminster')).toBeChecked();
    expect(box('Alexandra')).not.toBeChecked();
  });

  it('saves the ticked sites in the order they are listed', async () => {
    const { onsave, user } = renderForm(null);
    await user.click(box('Alexandra'));
    await user.click(box('Worcestershire'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith(['site-wrh', 'site-ag']);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Saved: can come at short notice to WRH, AH',
    );
  });

  it('takes the patient off the list when every site is unticked', async () => {
    const { onsave, user } = renderForm({ siteIds: ['site-ktc'], notedAt: '2026-11-02' });
    await user.click(box('Kidderminster'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith([]);
    expect(screen.getByRole('status')).toHaveTextContent('Saved: taken off the short-notice list');
  });

  it('says the other sites are kept when every site here is unticked', async () => {
    const { onsave, user } = renderForm({
      siteIds: ['site-ktc', 'site-far'],
      notedAt: '2026-11-02',
    });
    await user.click(box('Kidderminster'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onsave).toHaveBeenCalledExactlyOnceWith([]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Saved: not at short notice to the sites here; 1 other site kept',
    );
  });

  it('shows why a save was refused', async () => {
    const onsave = vi.fn(async (): Promise<MutatorResult> => ({
      ok: false,
      reason: 'unknown-site',
      message: 'Choose sites from the list',
    }));
    const { user } = renderForm(null, onsave);
    await user.click(box('Worcestershire'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose sites from the list');
  });

  it('names sites not held on this device as other sites, and says saving keeps them', () => {
    renderForm({ siteIds: ['site-wrh', 'site-far', 'site-farther'], notedAt: '2026-11-02' });
    expect(screen.getByTestId('short-notice-state')).toHaveTextContent(
      'Can come at short notice to WRH and 2 other sites since 02/11/2026.',
    );
    expect(
      screen.getByText(
        /Saving here changes only the sites above: the other sites, not held on this device, are kept/,
      ),
    ).toBeInTheDocument();
  });

  it('follows the saved state when it changes on this or another device', async () => {
    const { rerender } = renderForm(null);
    await rerender({ shortNotice: { siteIds: ['site-ag'], notedAt: '2026-11-24' } });
    expect(screen.getByTestId('short-notice-state')).toHaveTextContent(
      'Can come at short notice to AH since 24/11/2026.',
    );
    expect(box('Alexandra')).toBeChecked();
  });
});
