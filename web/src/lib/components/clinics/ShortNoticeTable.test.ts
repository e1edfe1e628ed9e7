import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { NEW_REFERRAL_FIELDS, type RttClock, type Site } from '@clinicdesk/domain';
import type { ShortNoticeLine } from '../../db/vacancy-queries.ts';
import ShortNoticeTable from './ShortNoticeTable.svelte';

const sites = new Map<string, Site>([
  ['site-wrh', { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' }],
  ['site-ktc', { id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' }],
]);
const LINE: ShortNoticeLine = {
  referral: {
    ...NEW_REFERRAL_FIELDS,
    receivedDate: '2026-06-01',
    source: 'gp',
    referrer: 'Dr Price',
    reason: 'Impacted lower wisdom tooth',
    requestedPriority: 'routine',
    clinicianId: null,
    siteId: 'site-wrh',
    rttEvents: [],
    condition: 'other',
    id: 'ref-9',
    patientId: 'pat-9',
    status: 'waiting',
    priority: 'soon',
    shortNotice: { siteIds: ['site-ktc', 'site-wrh'], notedAt: '2026-11-01' },
  },
  clock: { weeksWaited: 19, daysWaited: 133, breached: true } as RttClock,
  patient: {
    id: 'pat-9',
    nhsNumber: '9990000009',
    givenName: 'Dafydd',
    familyName: 'Evans',
    dateOfBirth: '1961-05-04',
    address: { line1: '2 Foregate Street', town: 'Worcester', postcode: 'WR1 1DB' },
    phone: '07700 900123',
    gpPractice: 'St John’s Surgery',
  },
};

describe('ShortNoticeTable', () => {
  it('shows priority, wait, name linked to the pathway, NHS number, phone and sites', () => {
    render(ShortNoticeTable, { props: { lines: [LINE], sites } });
    const row = screen.getByTestId('short-notice-patient');
    expect(within(row).getByText('Soon')).toBeInTheDocument();
    expect(row.textContent).toContain('19 weeks');
    expect(within(row).getByText('Over 18 weeks')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'EVANS, Dafydd' })).toHaveAttribute(
      'href',
      '/pathways/ref-9',
    );
    expect(row.textContent).toContain('NHS 999 000 0009');
    expect(within(row).getByRole('link', { name: '07700 900123' })).toHaveAttribute(
      'href',
      'tel:07700900123',
    );
    expect(within(row).getAllByRole('cell').at(-1)).toHaveTextContent('KTC, WRH');
  });

  it('says nobody can come at short notice when the list is empty', () => {
    render(ShortNoticeTable, { props: { lines: [], sites } });
    expect(screen.getByText(/^Nobody on the waiting list has said/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
