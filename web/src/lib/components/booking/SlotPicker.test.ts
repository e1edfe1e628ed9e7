import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Clinician, Site, Slot } from '@clinicdesk/domain';
import SlotPicker from './SlotPicker.svelte';

const sites = new Map<string, Site>([
  ['site-wrh', { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' }],
  ['site-ktc', { id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' }],
]);

const clinicians = new Map<string, Clinician>([
  [
    'clin-1',
    {
      id: 'clin-1',
      name: 'Mr Adrian Whitcombe',
      grade: 'Consultant',
      specialty: 'Oral and Maxillofacial Surgery',
    },
  ],
  [
    'clin-2',
    {
      id: 'clin-2',
      name: 'Ms Helen Okonjo',
      grade: 'Consultant',
      specialty: 'Oral and Maxillofacial Surgery',
    },
  ],
]);

function slot(id: string, date: string, startTime: string, siteId: string, clinicianId: string) {
  const s: Slot = {
    id,
    sessionId: `ses-${date}-${siteId}`,
    siteId,
    clinicianId,
    date,
    startTime,
    minutes: 20,
    type: 'new',
    status: 'free',
    appointmentId: null,
    blockedReason: null,
  };
  return s;
}

const SLOTS = [
  slot('slot-a', '2026-12-01', '09:20', 'site-wrh', 'clin-1'),
  slot('slot-b', '2026-12-04', '14:10', 'site-ktc', 'clin-2'),
];

function renderPicker(props: {
  slots?: Slot[];
  busy?: boolean;
  loading?: boolean;
  onbook?: (s: Slot) => void;
}) {
  return render(SlotPicker, {
    props: { slots: SLOTS, sites, clinicians, onbook: vi.fn(), ...props },
  });
}

function bodyRows() {
  const [, body] = screen.getAllByRole('rowgroup');
  return within(body!).getAllByRole('row');
}

describe('SlotPicker', () => {
  it('lists each slot with its day, date, time, site, clinician and type', () => {
    renderPicker({});
    const cells = bodyRows().map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(0, 5)
        .map((cell) => cell.textContent?.trim()),
    );
    expect(cells).toEqual([
      [
        'Tue 01/12/2026',
        '09:20',
        'Worcestershire Royal Hospital',
        'Mr Adrian Whitcombe',
        'New (20 min)',
      ],
      [
        'Fri 04/12/2026',
        '14:10',
        'Kidderminster Treatment Centre',
        'Ms Helen Okonjo',
        'New (20 min)',
      ],
    ]);
  });

  it('books the slot whose Book button is pressed', async () => {
    const onbook = vi.fn();
    renderPicker({ onbook });
    await userEvent.click(screen.getByRole('button', { name: 'Book 04/12/2026 14:10' }));
    expect(onbook).toHaveBeenCalledExactlyOnceWith(SLOTS[1]);
  });

  it('ignores a second tap while a booking is being made, and says the buttons are unavailable', async () => {
    const onbook = vi.fn();
    const { rerender } = renderPicker({ busy: true, onbook });
    const buttons = screen.getAllByRole('button', { name: /^Book/ });
    expect(buttons).toHaveLength(2);
    for (const button of buttons) expect(button).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(buttons[0]!);
    expect(onbook).not.toHaveBeenCalled();
    await rerender({ busy: false });
    for (const button of buttons) expect(button).toHaveAttribute('aria-disabled', 'false');
    await userEvent.click(buttons[0]!);
    expect(onbook).toHaveBeenCalledExactlyOnceWith(SLOTS[0]);
  });

  it('leaves a name blank rather than showing an id when the site or clinician is unknown', () => {
    renderPicker({ slots: [slot('slot-c', '2026-12-01', '09:20', 'site-x', 'clin-x')] });
    const cells = within(bodyRows()[0]!).getAllByRole('cell');
    expect(cells[2]).toHaveTextContent(/^$/);
    expect(cells[3]).toHaveTextContent(/^$/);
  });

  it('says there are no free slots, and shows no table, when the list is empty', () => {
    renderPicker({ slots: [] });
    expect(screen.getByText(/^No free slots of the right type/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says it is still looking, not that there are none, until the search has answered', () => {
    renderPicker({ slots: [], loading: true });
    expect(screen.getByRole('status')).toHaveTextContent('Finding free slots');
    expect(screen.queryByText(/No free slots/)).not.toBeInTheDocument();
  });
});
