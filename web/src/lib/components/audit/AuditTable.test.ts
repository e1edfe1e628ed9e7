import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import type { AuditEntry } from '../../admin/audit-api.ts';
import AuditTable from './AuditTable.svelte';

function entry(fields: Partial<AuditEntry>): AuditEntry {
  return {
    id: 1,
    recordedAt: '2026-07-01T08:30:00Z',
    happenedAt: '2026-07-01T08:30:00Z',
    userId: 'user-1',
    username: 'amelia.ashdown',
    role: 'booking-coordinator',
    deviceId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    action: 'appointment.book',
    outcome: 'applied',
    entityTable: 'appointments',
    entityId: 'appt-9',
    patientId: 'pat-42',
    before: null,
    after: null,
    detail: null,
    ...fields,
  };
}

const renderTable = (...events: AuditEntry[]) => render(AuditTable, { props: { events } });

describe('AuditTable', () => {
  it.each([
    ['2026-07-01T08:30:00Z', '01/07/2026 09:30'],
    ['2026-01-15T08:30:00Z', '15/01/2026 08:30'],
  ])('shows %s as %s, London time', (happenedAt, shown) => {
    renderTable(entry({ happenedAt, recordedAt: happenedAt }));
    expect(screen.getByText(shown)).toBeInTheDocument();
    expect(screen.queryByText(/recorded later/)).not.toBeInTheDocument();
  });

  it('shows when an edit made offline was recorded, once it is more than a minute later', () => {
    renderTable(
      entry({ id: 1, happenedAt: '2026-07-01T08:30:00Z', recordedAt: '2026-07-01T10:05:00Z' }),
      entry({ id: 2, happenedAt: '2026-07-01T08:40:00Z', recordedAt: '2026-07-01T08:40:50Z' }),
    );
    expect(
      screen.getByText('Recorded 01/07/2026 11:05 (recorded later, synced from offline)'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/recorded later/)).toHaveLength(1);
  });

  it('says who, on which device, did what to which record', () => {
    renderTable(entry({ detail: 'slot already taken', outcome: 'rejected' }));
    const row = within(screen.getAllByRole('row')[1]!);
    expect(row.getByText('amelia.ashdown')).toBeInTheDocument();
    expect(row.getByText('Booking co-ordinator')).toBeInTheDocument();
    expect(row.getByText('0f8fad5b')).toBeInTheDocument();
    expect(row.getByText('appointment.book')).toBeInTheDocument();
    expect(row.getByText('slot already taken')).toBeInTheDocument();
    expect(row.getByText('Rejected')).toHaveClass('tag', 'tag--red');
    expect(row.getByText('appointments/appt-9')).toBeInTheDocument();
    expect(row.getByText('pat-42')).toBeInTheDocument();
  });

  it('lists only the fields that changed between before and after', () => {
    renderTable(
      entry({
        action: 'user.change',
        before: { displayName: 'Bilal Khan', role: 'receptionist', siteIds: ['site-wrh'] },
        after: {
          displayName: 'Bilal Khan',
          role: 'medical-secretary',
          siteIds: ['site-alx', 'site-wrh'],
        },
      }),
    );
    const changes = screen.getAllByRole('listitem').map((li) => li.textContent?.trim());
    expect(changes).toEqual([
      'role: receptionist → medical-secretary',
      'siteIds: site-wrh → site-alx, site-wrh',
    ]);
    expect(screen.getByText('Before and after')).toBeInTheDocument();
  });

  it('shows every field of a new record as changed from nothing', () => {
    renderTable(entry({ after: { status: 'booked', cancelledAt: null } }));
    expect(screen.getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      'status: (none) → booked',
    ]);
  });

  it('offers no before and after when nothing was recorded', () => {
    renderTable(entry({ outcome: 'viewed', before: null, after: null }));
    expect(screen.queryByText('Before and after')).not.toBeInTheDocument();
  });
});
