import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Clinician, ClinicSession, Site, Slot } from '@clinicdesk/domain';
import SlotsToFill from './SlotsToFill.svelte';

const sites = new Map<string, Site>([
  ['site-wrh', { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' }],
]);
const clinicians = new Map<string, Clinician>([
  ['clin-1', { id: 'clin-1', name: 'Mr Adrian Whitcombe', grade: 'Consultant', specialty: 'OMFS' }],
]);
const session = { id: 'ses-1', name: 'Jaw joint clinic' } as ClinicSession;
const sessions = new Map([[session.id, session]]);
const SLOT: Slot = {
  id: 'slot-7',
  sessionId: 'ses-1',
  siteId: 'site-wrh',
  clinicianId: 'clin-1',
  date: '2026-11-27',
  startTime: '10:40',
  minutes: 20,
  type: 'follow-up',
  status: 'free',
  appointmentId: null,
  blockedReason: null,
};

describe('SlotsToFill', () => {
  it('lists each slot with its date, time, clinic, clinician, site and type', () => {
    render(SlotsToFill, { props: { slots: [SLOT], sessions, sites, clinicians, empty: 'None' } });
    const [, body] = screen.getAllByRole('rowgroup');
    const cells = within(body!)
      .getAllByRole('cell')
      .slice(0, 6)
      .map((c) => c.textContent?.trim());
    expect(cells).toEqual([
      'Fri 27/11/2026',
      '10:40',
      'Jaw joint clinic',
      'Mr Adrian Whitcombe',
      'Worcestershire Royal Hospital',
      'Follow-up (20 min)',
    ]);
  });

  it('links each slot to the patients who could fill it', () => {
    render(SlotsToFill, { props: { slots: [SLOT], sessions, sites, clinicians, empty: 'None' } });
    expect(
      screen.getByRole('link', { name: 'Find patients for 27/11/2026 10:40' }),
    ).toHaveAttribute('href', '/clinics/slots/slot-7');
  });

  it('shows the first page of a long list, and more on request', async () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ ...SLOT, id: `slot-${i}` }));
    render(SlotsToFill, {
      props: { slots: many, sessions, sites, clinicians, empty: 'None', pageSize: 3 },
    });
    const links = () => screen.getAllByRole('link', { name: /^Find patients/ });
    expect(links()).toHaveLength(3);
    expect(screen.getByText('Showing 3 of 7')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show 3 more' }));
    await userEvent.click(screen.getByRole('button', { name: 'Show 1 more' }));
    expect(links()).toHaveLength(7);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says what it was told to when there is nothing to fill', () => {
    render(SlotsToFill, {
      props: { slots: [], sessions, sites, clinicians, empty: 'No unbooked slots soon.' },
    });
    expect(screen.getByText('No unbooked slots soon.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
