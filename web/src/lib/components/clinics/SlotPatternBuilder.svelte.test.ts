import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SlotPatternBuilder, { patternRow } from './SlotPatternBuilder.svelte';

function rowsShown() {
  const table = screen.getByTestId('slot-pattern');
  const [, body] = within(table).getAllByRole('rowgroup');
  return within(body!)
    .getAllByRole('row')
    .map((row) => {
      const cells = within(row).getAllByRole('cell');
      const type = within(cells[1]!).getByRole('combobox') as HTMLSelectElement;
      const minutes = within(cells[2]!).getByRole('spinbutton') as HTMLInputElement;
      return `${cells[0]!.textContent?.trim()} ${type.value} ${minutes.value}`;
    });
}

function renderBuilder(props: Partial<{ startTime: string; errors: Record<string, string> }> = {}) {
  // Reactive, as the form's own rows are (the builder binds to them).
  const rows = $state([
    patternRow('urgent', 20),
    patternRow('new', 30),
    patternRow('follow-up', 15),
  ]);
  return render(SlotPatternBuilder, {
    props: {
      rows,
      startTime: '09:00',
      ...props,
    },
  });
}

describe('SlotPatternBuilder', () => {
  it("shows each slot's start time and when the clinic ends", () => {
    renderBuilder();
    expect(rowsShown()).toEqual(['09:00 urgent 20', '09:20 new 30', '09:50 follow-up 15']);
    expect(screen.getByRole('status')).toHaveTextContent(
      '3 slots, 65 minutes. The clinic ends at 10:05.',
    );
  });

  it('moves slots up and down and recalculates the times', async () => {
    renderBuilder();
    await userEvent.click(screen.getByRole('button', { name: '↑ Move slot 3 up' }));
    expect(rowsShown()).toEqual(['09:00 urgent 20', '09:20 follow-up 15', '09:35 new 30']);
    await userEvent.click(screen.getByRole('button', { name: '↓ Move slot 1 down' }));
    expect(rowsShown()).toEqual(['09:00 follow-up 15', '09:15 urgent 20', '09:35 new 30']);
    expect(screen.getByRole('button', { name: '↑ Move slot 1 up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '↓ Move slot 3 down' })).toBeDisabled();
  });

  it('adds a slot like the last one and removes slots', async () => {
    renderBuilder();
    await userEvent.click(screen.getByRole('button', { name: 'Add a slot' }));
    expect(rowsShown().at(-1)).toBe('10:05 follow-up 15');
    await userEvent.click(screen.getByRole('button', { name: 'Remove slot 1' }));
    expect(rowsShown()).toEqual(['09:00 new 30', '09:30 follow-up 15', '09:45 follow-up 15']);
    expect(screen.getByRole('status')).toHaveTextContent('ends at 10:00');
  });

  it('follows changed lengths and types, and stops the times at an empty length', async () => {
    renderBuilder();
    const minutes = screen.getByRole('spinbutton', { name: 'Slot 2 minutes' });
    await userEvent.clear(minutes);
    expect(rowsShown()).toEqual(['09:00 urgent 20', '09:20 new ', '— follow-up 15']);
    expect(screen.getByRole('status')).not.toHaveTextContent('ends at');
    await userEvent.type(minutes, '45');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Slot 2 type' }),
      'two-week-wait',
    );
    expect(rowsShown()).toEqual([
      '09:00 urgent 20',
      '09:20 two-week-wait 45',
      '10:05 follow-up 15',
    ]);
  });

  it('shows no times without a real start time, and each error beside its slot', () => {
    renderBuilder({
      startTime: '9',
      errors: {
        slotPattern: 'Add at least one slot',
        'slotPattern.1.minutes': 'A slot must be at least 5 minutes',
      },
    });
    expect(rowsShown().map((r) => r.slice(0, 1))).toEqual(['—', '—', '—']);
    expect(screen.getByRole('alert')).toHaveTextContent('Add at least one slot');
    const second = screen.getAllByRole('row')[2]!;
    expect(second).toHaveTextContent('A slot must be at least 5 minutes');
  });
});
