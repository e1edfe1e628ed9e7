import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { generateDepartment, ptlRows, ptlSummary } from '@clinicdesk/domain';
import PtlChart from './PtlChart.svelte';

const TODAY = '2026-11-24';

describe('PtlChart', () => {
  const dept = generateDepartment({ seed: 2, today: TODAY, referrals: 1500 });
  const summary = ptlSummary(ptlRows(dept.referrals, new Map(), TODAY, { breachWarningWeeks: 4 }));

  it('gives the numbers behind every bar as a table, for screen readers and for checking', () => {
    render(PtlChart, { summary });
    const table = screen.getByRole('table', {
      name: 'Open RTT clocks by weeks waited and priority',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(summary.bands.length);
    const totals = rows.map((r) => Number(within(r).getAllByRole('cell').at(-1)!.textContent));
    expect(totals).toEqual(summary.bands.map((b) => b.total));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(summary.running);
  });

  it('states the share within 18 weeks against the 92% standard', () => {
    render(PtlChart, { summary });
    const share = Math.round((summary.within18 / summary.running) * 1000) / 10;
    expect(screen.getByTestId('within-18').textContent).toBe(`${share}% within 18 weeks`);
  });
});
