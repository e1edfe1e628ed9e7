import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import {
  NEW_REFERRAL_FIELDS,
  type Patient,
  type Referral,
  type RttClock,
} from '@clinicdesk/domain';
import type { CandidateLine } from '../../db/vacancy-queries.ts';
import SlotCandidates from './SlotCandidates.svelte';

const clock = (weeksWaited: number, breached = false) =>
  ({ weeksWaited, daysWaited: weeksWaited * 7, breached }) as RttClock;

function line(
  n: number,
  overrides: Partial<Omit<CandidateLine, 'referral'>> & { referral?: Partial<Referral> } = {},
): CandidateLine {
  const patient: Patient = {
    id: `pat-${n}`,
    nhsNumber: `999000000${n}`,
    givenName: ['Amelia', 'Bilal', 'Cerys'][n - 1]!,
    familyName: ['Ashdown', 'Begum', 'Caddick'][n - 1]!,
    dateOfBirth: '1970-01-01',
    address: { line1: '1 High Street', town: 'Worcester', postcode: 'WR1 2AA' },
    phone: `01905 76${n}000`,
    gpPractice: 'Barbourne Surgery',
  };
  return {
    clock: clock(10 + n),
    shortNotice: false,
    displaced: false,
    patient,
    ...overrides,
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
      id: `ref-${n}`,
      patientId: patient.id,
      status: 'waiting',
      priority: 'routine',
      ...overrides.referral,
    },
  };
}

const LINES = [
  line(1, { shortNotice: true, clock: clock(3), referral: { priority: 'urgent' } }),
  line(2, { displaced: true, clock: clock(22, true) }),
  line(3),
];

function renderList(
  props: Partial<{ candidates: CandidateLine[]; canBook: boolean; busy: boolean }> = {},
) {
  const onbook = vi.fn();
  render(SlotCandidates, { props: { candidates: LINES, canBook: true, onbook, ...props } });
  return { onbook, user: userEvent.setup() };
}

describe('SlotCandidates', () => {
  it('shows each patient with priority, weeks waited, name, NHS number and phone', () => {
    renderList();
    const rows = screen.getAllByTestId('candidate');
    expect(rows).toHaveLength(3);
    const first = within(rows[0]!);
    expect(first.getByText('Urgent')).toBeInTheDocument();
    expect(rows[0]!.textContent).toContain('3 weeks');
    expect(first.getByRole('link', { name: 'ASHDOWN, Amelia' })).toHaveAttribute(
      'href',
      '/pathways/ref-1',
    );
    expect(rows[0]!.textContent).toContain('NHS 999 000 0001');
    expect(first.getByRole('link', { name: '01905 761000' })).toHaveAttribute(
      'href',
      'tel:01905761000',
    );
  });

  it('tags who can come at short notice, who was displaced and who is over 18 weeks', () => {
    renderList();
    const [first, second, third] = screen.getAllByTestId('candidate');
    expect(within(first!).getByText('Short notice')).toBeInTheDocument();
    expect(within(first!).queryByText('Displaced')).not.toBeInTheDocument();
    expect(within(second!).getByText('Displaced')).toBeInTheDocument();
    expect(within(second!).getByText('Over 18 weeks')).toBeInTheDocument();
    expect(within(third!).queryByText(/Short notice|Displaced|Over 18 weeks/)).toBeNull();
  });

  it('books the patient whose button is pressed', async () => {
    const { onbook, user } = renderList();
    await user.click(screen.getByRole('button', { name: 'Book into this slot for BEGUM, Bilal' }));
    expect(onbook).toHaveBeenCalledExactlyOnceWith(LINES[1]);
  });

  it('disables every button while a booking is being made', () => {
    renderList({ busy: true });
    const buttons = screen.getAllByRole('button', { name: /^Book into this slot/ });
    expect(buttons).toHaveLength(3);
    for (const b of buttons) expect(b).toBeDisabled();
  });

  it('offers no booking to a role that cannot book', () => {
    renderList({ canBook: false });
    expect(screen.getAllByTestId('candidate')).toHaveLength(3);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says nobody suits the slot when the list is empty', () => {
    renderList({ candidates: [] });
    expect(screen.getByText(/^Nobody on the waiting list/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
