import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import StorageWarning from './StorageWarning.svelte';

const region = () => screen.queryByRole('region', { name: 'Storage on this device' });

beforeEach(() => sessionStorage.clear());

describe('StorageWarning', () => {
  it('tells the receptionist that unsent changes may be cleared when storage is not persistent', () => {
    render(StorageWarning, { props: { persistent: false } });
    expect(region()).toHaveTextContent(
      "This browser may clear ClinicDesk's data from this device when it runs short of space, and with it any changes not yet sent to the server.",
    );
    expect(region()).toHaveTextContent('Install ClinicDesk to the home screen');
    expect(region()).toHaveTextContent('sync often');
  });

  it.each([
    { persistent: true, why: 'the browser keeps the data' },
    { persistent: null, why: 'the browser cannot say' },
  ])('says nothing when $why', ({ persistent }) => {
    render(StorageWarning, { props: { persistent } });
    expect(region()).toBeNull();
  });

  it('goes when dismissed and stays away for the rest of the browsing session', async () => {
    const first = render(StorageWarning, { props: { persistent: false } });
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(region()).toBeNull();
    first.unmount();

    render(StorageWarning, { props: { persistent: false } });
    expect(region()).toBeNull();
  });
});
