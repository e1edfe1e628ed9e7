import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import {
  NEW_REFERRAL_FIELDS,
  nhsCheckDigit,
  rttClock,
  type Patient,
  type Priority,
  type Referral,
} from '@clinicdesk/domain';
import type { WaitingListLine } from '../../db/queries.ts';
import WaitingListTable from './WaitingListTable.svelte';

const TODAY = '2026-11-24';

/** A test-range NHS number (999 prefix) with its modulus-11 check digit. */
function nhsNumber(firstNine: string): string {
  const check = nhsCheckDigit(firstNine);
  if (check === undefined) throw new Error(`${firstNine} has no check digit`);
  return `${firstNine}${check}`;
}

function patient(id: string, givenName: string, familyName: string, firstNine: string): Patient {
  return {
    id,
    nhsNumber: nhsNumber(firstNine),
    givenName,
    familyName,
    dateOfBirth: '1961-04-23',
    address: { line1: '12 Orchard Way', town: 'Worcester', postcode: 'WR5 1DD' },
    phone: '01632 960123',
    gpPractice: 'Orchard Surgery',
  };
}

function line(
  id: string,
  priority: Priority,
  received: string,
  who: Patient | undefined,
): WaitingListLine {
  const referral: Referral & { priority: Priority } = {
    ...NEW_REFERRAL_FIELDS,
    condition: 'third-molars',
    id,
    patientId: who?.id ?? 'pat-missing',
    receivedDate: received,
    source: 'gp',
    referrer: 'Dr Hartley',
    reason: 'Impacted lower third molar, recurrent pericoronitis',
    requestedPriority: priority,
    priority,
    clinicianId: null,
    siteId: 'site-wrh',
    status: 'waiting',
    rttEvents: [{ date: received, code: '10', cause: 'Referral received' }],
  };
  return { referral, clock: rttClock(referral.rttEvents, TODAY), patient: who };
}

const amelia = patient('pat-1', 'Amelia', 'Ashdown', '999000189');
const oliver = patient('pat-2', 'Oliver', 'Bramley', '999000197');
const priya = patient('pat-3', 'Priya', 'Chauhan', '999000201');

/** Routine over 18 weeks, urgent recent, soon exactly 18 weeks: deliberately not sorted. */
const LINES = [
  line('ref-10', 'routine', '2026-05-01', amelia),
  line('ref-2', 'urgent', '2026-11-10', oliver),
  line('ref-7', 'soon', '2026-07-21', priya),
];

function bodyRows() {
  const [, body] = screen.getAllByRole('rowgroup');
  return within(body!).getAllByRole('row');
}

describe('WaitingListTable', () => {
  it('shows the rows in the order it is given, without re-sorting them', () => {
    render(WaitingListTable, { props: { lines: LINES } });
    expect(bodyRows().map((row) => within(row).getByRole('strong').textContent)).toEqual([
      'ASHDOWN, Amelia',
      'BRAMLEY, Oliver',
      'CHAUHAN, Priya',
    ]);
  });

  it('shows the patient as SURNAME, Given with the NHS number in 3-3-4 groups', () => {
    render(WaitingListTable, { props: { lines: LINES } });
    const first = bodyRows()[0]!;
    expect(within(first).getByRole('strong')).toHaveTextContent(/^ASHDOWN, Amelia$/);
    expect(within(first).getByText('NHS 999 000 1898')).toBeInTheDocument();
  });

  it('shows the clock start as dd/mm/yyyy and the weeks waited', () => {
    render(WaitingListTable, { props: { lines: LINES } });
    const cells = within(bodyRows()[1]!).getAllByRole('cell');
    expect(cells[3]).toHaveTextContent('10/11/2026');
    expect(cells[4]).toHaveTextContent(/^2$/);
  });

  it('shows the priority of each referral', () => {
    render(WaitingListTable, { props: { lines: LINES } });
    expect(bodyRows().map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Routine',
      'Urgent',
      'Soon',
    ]);
  });

  it('tags a referral "Over 18 weeks" only when its clock has breached', () => {
    expect(LINES.map((l) => l.clock.breached)).toEqual([true, false, false]);
    render(WaitingListTable, { props: { lines: LINES } });
    const [breached, recent, onTheDay] = bodyRows();
    expect(within(breached!).getByText('Over 18 weeks')).toBeInTheDocument();
    expect(within(recent!).queryByText('Over 18 weeks')).not.toBeInTheDocument();
    expect(within(onTheDay!).queryByText('Over 18 weeks')).not.toBeInTheDocument();
  });

  it('links each Book button to the booking page for its referral', () => {
    render(WaitingListTable, { props: { lines: LINES } });
    expect(
      screen.getAllByRole('link', { name: /^Book/ }).map((a) => a.getAttribute('href')),
    ).toEqual([
      '/waiting-list/ref-10/book',
      '/waiting-list/ref-2/book',
      '/waiting-list/ref-7/book',
    ]);
  });

  it('names the patient in the Book link for screen readers', () => {
    render(WaitingListTable, { props: { lines: LINES } });
    expect(screen.getByRole('link', { name: 'Book BRAMLEY, Oliver' })).toHaveAttribute(
      'href',
      '/waiting-list/ref-2/book',
    );
  });

  it('says so when the patient is not on this device, and still offers to book', () => {
    render(WaitingListTable, {
      props: { lines: [line('ref-9', 'routine', '2026-10-01', undefined)] },
    });
    const row = bodyRows()[0]!;
    expect(within(row).getByText('Patient details not on this device')).toBeInTheDocument();
    expect(within(row).queryByText(/^NHS/)).not.toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /^Book/ })).toHaveAttribute(
      'href',
      '/waiting-list/ref-9/book',
    );
  });

  it('shows an empty body for an empty list', () => {
    render(WaitingListTable, { props: { lines: [] } });
    const [, body] = screen.getAllByRole('rowgroup');
    expect(within(body!).queryAllByRole('row')).toEqual([]);
  });
});
