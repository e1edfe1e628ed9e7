import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import GenerateClinicsForm from './GenerateClinicsForm.svelte';

const user = userEvent.setup();

function renderForm(plans: { toMake: number; alreadyMade: number; closed: number }[]) {
  const count = vi.fn();
  for (const plan of plans) count.mockResolvedValueOnce(plan);
  const generate = vi.fn().mockResolvedValue({ ok: true, changes: [] });
  render(GenerateClinicsForm, {
    props: { templateIds: ['tpl-1', 'tpl-2'], ticked: true, today: '2026-11-24', count, generate },
  });
  return { count, generate };
}

describe('GenerateClinicsForm', () => {
  it('generates 12 weeks from today by default and says how many clinics it made', async () => {
    const { generate } = renderForm([{ toMake: 22, alreadyMade: 2, closed: 1 }]);
    expect(screen.getByText(/2 ticked templates/)).toBeInTheDocument();
    expect(screen.getByText('24/11/2026 to 15/02/2027')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Generate clinics' }));
    expect(generate).toHaveBeenCalledExactlyOnceWith({
      templateIds: ['tpl-1', 'tpl-2'],
      from: '2026-11-24',
      weeks: 12,
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Made 22 clinics from 24/11/2026 to 15/02/2027. 2 clinics were already there and left as they were. 1 day skipped for bank holidays or Trust closures. Running it again makes no duplicates.',
    );
  });

  it('says so when every clinic was already made', async () => {
    renderForm([{ toMake: 0, alreadyMade: 24, closed: 0 }]);
    await user.click(screen.getByRole('button', { name: 'Generate clinics' }));
    expect(screen.getByRole('status')).toHaveTextContent(
      'No new clinics: every clinic in those weeks was already in the diary. Running it again makes no duplicates.',
    );
  });

  it('refuses a number of weeks outside 1 to 52', async () => {
    const { generate } = renderForm([]);
    const weeks = screen.getByLabelText('Weeks ahead');
    await user.clear(weeks);
    await user.type(weeks, '60');
    await user.click(screen.getByRole('button', { name: 'Generate clinics' }));
    expect(screen.getByText('Generate at most 52 weeks at a time')).toBeInTheDocument();
    expect(generate).not.toHaveBeenCalled();
  });
});
