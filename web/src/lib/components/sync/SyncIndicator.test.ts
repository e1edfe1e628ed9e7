import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SyncIndicator from './SyncIndicator.svelte';

type Props = {
  online: boolean;
  pending: number;
  syncing: boolean;
  problem: string | null;
  synced?: boolean;
  onsync?: () => void;
};

const settled: Props = { online: true, pending: 0, syncing: false, problem: null, synced: true };

function renderIndicator(props: Partial<Props>) {
  return render(SyncIndicator, { props: { ...settled, ...props } });
}

describe('SyncIndicator', () => {
  it.each<{ props: Partial<Props>; words: string }>([
    { props: { online: false, pending: 2 }, words: 'Offline – 2 changes waiting to sync' },
    { props: { online: false, pending: 0 }, words: 'Offline – all changes saved on this device' },
    { props: { online: true, pending: 0 }, words: 'Online – all changes saved' },
    { props: { online: true, pending: 1 }, words: 'Online – 1 change waiting to sync' },
    { props: { online: true, pending: 3, syncing: true }, words: 'Syncing…' },
    {
      props: { online: true, pending: 1, problem: 'the server did not answer' },
      words: 'Sync problem – the server did not answer',
    },
  ])('says "$words"', ({ props, words }) => {
    renderIndicator(props);
    expect(screen.getByRole('status')).toHaveTextContent(words);
  });

  it('is a polite live region, so a screen reader hears the sync state change', () => {
    renderIndicator({});
    expect(screen.getByRole('status')).toHaveAttribute('aria-live', 'polite');
  });

  it('announces a new state in the same live region when the props change', async () => {
    const { rerender } = renderIndicator({ online: true, pending: 0 });
    await rerender({ ...settled, online: false, pending: 2 });
    expect(screen.getByRole('status')).toHaveTextContent('Offline – 2 changes waiting to sync');
  });

  it('calls onsync when "Sync now" is pressed', async () => {
    const onsync = vi.fn();
    renderIndicator({ pending: 1, onsync });
    await userEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(onsync).toHaveBeenCalledOnce();
  });

  it('offers no "Sync now" while offline', () => {
    renderIndicator({ online: false, pending: 2, onsync: vi.fn() });
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
  });

  it('offers no "Sync now" while a sync is already running', () => {
    renderIndicator({ syncing: true, onsync: vi.fn() });
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
  });

  it('offers no "Sync now" when nothing can start a sync', () => {
    renderIndicator({ pending: 1 });
    expect(screen.queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
  });
});
