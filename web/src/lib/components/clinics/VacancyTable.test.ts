import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import type { Clinician, Site, Slot, VacancyRow, VacancySummary } from '@clinicdesk/domain';
import VacancyTable from './VacancyTable.svelte';

const sites = new Map<string, Site>([
  ['site-ktc', { id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' }],
  ['site-wrh', { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' }],
]);
const clinicians = new Map<string, Clinician>([
  ['clin-1', { id: 'clin-1', name: 'Mr Adrian Whitcombe', grade: 'Consultant', specialty: 'OMFS' }],
  ['clin-2', { id: 'clin-2', name: 'Ms Helen Okonjo', grade: 'Consultant', specialty: 'OMFS' }],
]);
const soon = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `slot-${i}` }) as Slot);
const row = (
  siteId: string,
  clinicianId: string,
  type: VacancyRow['type'],
  counts: [number, number],
  toFill = 0,
): VacancyRow => ({
  siteId,
  clinicianId,
  type,
  available: counts[0],
  booked: counts[1],
  unbooked: counts[0] - counts[1],
  utilisation: counts[0] ? Math.round((counts[1] / counts[0]) * 100) : null,
  unbookedSoon: soon(toFill),
});
const SUMMARY: VacancySummary = {
  rows: [
    row('site-ktc', 'clin-2', 'new', [12, 9], 3),
    row('site-wrh', 'clin-1', 'new', [20, 20]),
    row('site-wrh', 'clin-1', 'follow-up', [8, 2], 1),
  ],
  totals: { available: 40, booked: 31, unbooked: 9, utilisation: 78, unbookedSoon: soon(4) },
};

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('VacancyTable', () => {
  it('shows each site as a group of rows by clinician and slot type', () => {
    render(VacancyTable, { props: { summary: SUMMARY, sites, clinicians } });
    const groups = screen.getAllByRole('rowgroup').slice(1, -1);
    expect(groups).toHaveLength(2);
    expect(within(groups[0]!).getByRole('rowheader')).toHaveTextContent(
      'Kidderminster Treatment Centre',
    );
    expect(within(groups[1]!).getByRole('rowheader')).toHaveTextContent(
      'Worcestershire Royal Hospital',
    );
    expect(within(groups[1]!).getAllByTestId('vacancy-row')).toHaveLength(2);
  });

  it('gives available, booked, unbooked and utilisation, and flags the slots to fill soon', () => {
    render(VacancyTable, { props: { summary: SUMMARY, sites, clinicians } });
    const rows = screen.getAllByTestId('vacancy-row').map(cellsOf);
    expect(rows).toEqual([
      [
        'Ms Helen Okonjo',
        'New',
        'Available 12',
        'Booked 9',
        'Unbooked 3',
        'Utilisation 75%',
        '3 to fill in the next 2 weeks',
      ],
      [
        'Mr Adrian Whitcombe',
        'New',
        'Available 20',
        'Booked 20',
        'Unbooked 0',
        'Utilisation 100%',
        '',
      ],
      [
        'Mr Adrian Whitcombe',
        'Follow-up',
        'Available 8',
        'Booked 2',
        'Unbooked 6',
        'Utilisation 25%',
        '1 to fill in the next 2 weeks',
      ],
    ]);
  });

  it('ends with a totals row', () => {
    render(VacancyTable, { props: { summary: SUMMARY, sites, clinicians } });
    const totals = screen.getByTestId('vacancy-totals');
    expect(within(totals).getByRole('rowheader')).toHaveTextContent('Total');
    expect(cellsOf(totals)).toEqual([
      'Available 40',
      'Booked 31',
      'Unbooked 9',
      'Utilisation 78%',
      '4 to fill in the next 2 weeks',
    ]);
  });

  it('shows a dash, not 0%, when a row had no slots available', () => {
    const empty = { rows: [row('site-ktc', 'clin-1', 'urgent', [0, 0])], totals: SUMMARY.totals };
    render(VacancyTable, { props: { summary: empty, sites, clinicians } });
    expect(cellsOf(screen.getByTestId('vacancy-row'))[5]).toBe('Utilisation –');
  });

  it('says so, and shows no table, when no slots match', () => {
    const none = {
      rows: [],
      totals: { available: 0, booked: 0, unbooked: 0, utilisation: null, unbookedSoon: [] },
    };
    render(VacancyTable, { props: { summary: none, sites, clinicians } });
    expect(screen.getByText('No clinic slots match in these dates.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
