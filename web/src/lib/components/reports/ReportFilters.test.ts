import { describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ReportFilters from './ReportFilters.svelte';
import { SURGICAL_PRIORITY_CHOICES, type ReportFilterState } from '$lib/reports/report-filter.ts';

const sites = new Map([
  ['site-ktc', { id: 'site-ktc', name: 'Kidderminster Treatment Centre' }],
  ['site-wrh', { id: 'site-wrh', name: 'Worcestershire Royal' }],
]);
const clinicians = new Map([['clin-1', { id: 'clin-1', name: 'Mr Adrian Whitcombe' }]]);
const FILTER: ReportFilterState = {
  from: '2026-03-01',
  to: '2026-03-31',
  siteId: null,
  clinicianId: null,
  priority: null,
};

function renderFilters(props: Record<string, unknown> = {}) {
  const onchange = vi.fn();
  render(ReportFilters, {
    props: { id: 'r', filter: FILTER, sites, clinicians, onchange, ...props },
  });
  return onchange;
}

describe('the report filter bar', () => {
  it('hands back the whole filter with the site, clinician and priority chosen', async () => {
    const user = userEvent.setup();
    const onchange = renderFilters();
    await user.selectOptions(screen.getByLabelText('Site'), 'site-wrh');
    expect(onchange).toHaveBeenLastCalledWith({ ...FILTER, siteId: 'site-wrh' });
    await user.selectOptions(screen.getByLabelText('Clinician'), 'clin-1');
    expect(onchange).toHaveBeenLastCalledWith({ ...FILTER, clinicianId: 'clin-1' });
    await user.selectOptions(screen.getByLabelText('Priority'), 'urgent');
    expect(onchange).toHaveBeenLastCalledWith({ ...FILTER, priority: 'urgent' });
  });

  it('takes a date typed dd/mm/yyyy and refuses one that is not a date', async () => {
    const user = userEvent.setup();
    const onchange = renderFilters();
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '02/03/2026');
    await user.tab();
    expect(onchange).toHaveBeenLastCalledWith({ ...FILTER, from: '2026-03-02' });
    onchange.mockClear();
    await user.clear(from);
    await user.type(from, '31/02/2026');
    await user.tab();
    expect(onchange).not.toHaveBeenCalled();
    expect(screen.getByText('Enter a real date, like 24/11/2026')).toBeInTheDocument();
  });

  it('lets the dates be left blank when the report allows any day', async () => {
    const user = userEvent.setup();
    const onchange = renderFilters({ optionalDates: true });
    await user.clear(screen.getByLabelText('To'));
    await user.tab();
    expect(onchange).toHaveBeenLastCalledWith({ ...FILTER, to: '' });
  });

  it('leaves out a filter that means nothing here and says why', () => {
    renderFilters({ notUsed: { priority: 'Slots have no clinical priority.' } });
    expect(screen.queryByLabelText('Priority')).toBeNull();
    expect(screen.getByText('Slots have no clinical priority.')).toBeInTheDocument();
    expect(screen.getByTestId('r-printed-filters').textContent).toMatch(
      /^From 01\/03\/2026 to 31\/03\/2026 · All sites · All clinicians · printed /,
    );
  });

  it('offers the report’s own priorities, and states the chosen filters for the print', () => {
    renderFilters({
      filter: { ...FILTER, siteId: 'site-ktc', priority: 'P2' },
      priorities: SURGICAL_PRIORITY_CHOICES,
      priorityLabel: 'Surgical priority',
      clinicianLabel: 'Surgeon',
    });
    expect(screen.getByLabelText('Surgical priority')).toHaveValue('P2');
    expect(screen.getByRole('option', { name: 'All surgeons' })).toBeInTheDocument();
    expect(screen.getByTestId('r-printed-filters').textContent).toContain(
      'Kidderminster Treatment Centre · All clinicians ·',
    );
    expect(screen.getByTestId('r-printed-filters').textContent).toContain('P2 – within 1 month');
  });

  it('clears every filter in one step, and offers it only once something is chosen', async () => {
    const user = userEvent.setup();
    renderFilters();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
    cleanup();
    const onchange = renderFilters({ filter: { ...FILTER, clinicianId: 'clin-1' } });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onchange).toHaveBeenLastCalledWith({
      from: '',
      to: '',
      siteId: null,
      clinicianId: null,
      priority: null,
    });
  });

  it('says so when the range ends before it starts', () => {
    renderFilters({ filter: { ...FILTER, from: '2026-04-01' } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The first day must be on or before the last day.',
    );
  });
});
