import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import type { ClinicSession, Clinician, Site } from '@clinicdesk/domain';
import type { WeekClinic } from '../../db/schedule-queries.ts';
import WeekGrid from './WeekGrid.svelte';

const sites = new Map<string, Site>([
  ['site-ktc', { id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' }],
]);
const clinicians = new Map<string, Clinician>([
  ['clin-1', { id: 'clin-1', name: 'Mr Adrian Whitcombe', grade: 'Consultant', specialty: '' }],
]);

function clinic(date: string, name: string, booked: number, available: number, cancel?: string) {
  const session: ClinicSession = {
    id: `ses-${date}-${name}`,
    templateId: null,
    name,
    clinicianId: 'clin-1',
    siteId: 'site-ktc',
    room: 'OPD 1',
    date,
    startTime: '09:00',
    endTime: '12:00',
    status: cancel ? 'cancelled' : 'open',
    cancellationReason: cancel ?? null,
    leaveId: null,
    changedBy: null,
    changedAt: null,
    cashedUp: null,
    reopenings: [],
  };
  return { session, booked, available } satisfies WeekClinic;
}

const MONDAY = '2026-11-23';

function renderGrid(clinics: WeekClinic[], show: 'clinician' | 'site' | 'both' = 'clinician') {
  render(WeekGrid, {
    props: { monday: MONDAY, clinics, show, sites, clinicians, today: '2026-11-24' },
  });
  return screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent?.trim());
}

describe('WeekGrid', () => {
  it('shows Monday to Friday, and the weekend only when a clinic falls on it', () => {
    const weekdays = renderGrid([clinic('2026-11-24', 'Whitcombe AM', 3, 10)]);
    expect(weekdays.map((d) => d?.split(' ')[0])).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
    ]);
    expect(weekdays[1]).toContain('24/11/2026');
    expect(weekdays[1]).toContain('Today');
  });

  it('adds Sunday for a Sunday clinic but not Saturday', () => {
    const days = renderGrid([clinic('2026-11-29', 'Waiting list initiative', 0, 8)]);
    expect(days.map((d) => d?.split(' ')[0])).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Sunday',
    ]);
  });

  it('shows each clinic with its time, a link to it, who runs it and how full it is', () => {
    renderGrid([clinic('2026-11-24', 'Whitcombe AM', 3, 10)], 'clinician');
    const tuesday = screen.getByRole('region', { name: /Tuesday/ });
    const link = within(tuesday).getByRole('link');
    expect(link).toHaveAttribute('href', '/clinics/ses-2026-11-24-Whitcombe AM');
    expect(link).toHaveTextContent('09:00–12:00');
    expect(tuesday).toHaveTextContent('Mr Adrian Whitcombe');
    expect(tuesday).not.toHaveTextContent('KTC');
    expect(tuesday).toHaveTextContent('3 of 10 booked');
    expect(
      within(screen.getByRole('region', { name: /Monday/ })).getByText('No clinics'),
    ).toBeTruthy();
  });

  it("names the site in a clinician's week, and strikes a cancelled clinic through with its reason", () => {
    renderGrid([clinic('2026-11-25', 'Whitcombe PM', 0, 7, 'Clinician on leave')], 'site');
    const wednesday = screen.getByRole('region', { name: /Wednesday/ });
    expect(wednesday).toHaveTextContent('KTC, OPD 1');
    expect(wednesday).not.toHaveTextContent('Whitcombe,');
    expect(within(wednesday).getByText('Whitcombe PM').tagName).toBe('S');
    expect(wednesday).toHaveTextContent('Cancelled Clinician on leave');
    expect(wednesday).not.toHaveTextContent('booked');
  });
});
