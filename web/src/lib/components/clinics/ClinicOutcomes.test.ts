import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import {
  NEW_REFERRAL_FIELDS,
  type Appointment,
  type ClinicSession,
  type MutatorResult,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import type { ClinicOutcomeLine } from '$lib/db/outcome-queries.ts';
import ClinicOutcomes from './ClinicOutcomes.svelte';

const SESSION: ClinicSession = {
  id: 'ses-1',
  templateId: null,
  name: 'Whitcombe AM OMFS',
  clinicianId: 'clin-1',
  siteId: 'site-wrh',
  room: 'OPD 1',
  date: '2026-03-09',
  startTime: '09:00',
  endTime: '12:00',
  status: 'open',
  cancellationReason: null,
  leaveId: null,
  changedBy: null,
  changedAt: null,
  cashedUp: null,
  reopenings: [],
};

function line(
  id: string,
  startTime: string,
  familyName: string,
  status: Appointment['status'],
  unfinished: string | null,
): ClinicOutcomeLine {
  const patient = {
    id: `pat-${id}`,
    nhsNumber: '9990000018',
    givenName: 'Amelia',
    familyName,
    dateOfBirth: '1961-04-23',
    address: { line1: '1 Way', town: 'Worcester', postcode: 'WR5 1DD' },
    phone: '01632 960123',
    gpPractice: 'Orchard Surgery',
  } as Patient;
  const referral = {
    ...NEW_REFERRAL_FIELDS,
    id: `ref-${id}`,
    patientId: patient.id,
    receivedDate: '2026-01-05',
    source: 'gp',
    referrer: 'Dr Gosling',
    reason: 'Wisdom teeth',
    requestedPriority: 'routine',
    priority: 'routine',
    clinicianId: 'clin-1',
    siteId: 'site-wrh',
    condition: 'third-molars',
    status: status === 'seen' ? 'seen' : 'booked',
    rttEvents: [{ date: '2026-01-05', code: '10', cause: 'Referral received' }],
  } as Referral;
  const appointment = {
    id: `appt-${id}`,
    slotId: `slot-${id}`,
    sessionId: SESSION.id,
    referralId: referral.id,
    patientId: patient.id,
    siteId: 'site-wrh',
    clinicianId: 'clin-1',
    date: SESSION.date,
    startTime,
    kind: 'new',
    status,
    bookedAt: '2026-02-01T09:00:00.000Z',
    cancelledAt: null,
    cancellationReason: null,
    outcome: null,
  } as Appointment;
  return {
    appointment,
    patient,
    referral,
    awaiting: unfinished === 'attended, no outcome recorded',
    unfinished,
  };
}

const LINES = [
  line('a', '09:00', 'Ashdown', 'seen', 'attended, no outcome recorded'),
  line('b', '09:20', 'Bramley', 'booked', 'attendance not recorded'),
];

function renderPanel(
  props: Partial<{
    session: ClinicSession;
    oncashup: () => Promise<MutatorResult>;
    onoutcome: () => Promise<MutatorResult>;
  }> = {},
) {
  const onoutcome = vi.fn(
    props.onoutcome ?? (async (): Promise<MutatorResult> => ({ ok: true, changes: [] })),
  );
  const oncashup = vi.fn(
    props.oncashup ??
      (async (): Promise<MutatorResult> => ({
        ok: false,
        reason: 'unfinished-patients',
        message: 'This clinic cannot be cashed up yet: 2 patients are not finished: …',
      })),
  );
  render(ClinicOutcomes, {
    props: {
      session: props.session ?? SESSION,
      lines: LINES,
      today: '2026-03-09',
      followUpWindowWeeks: 6,
      mayRecord: true,
      mayCashUp: true,
      mayReopen: false,
      onoutcome,
      oncashup,
      onreopen: vi.fn(),
    },
  });
  return { onoutcome, oncashup, user: userEvent.setup() };
}

describe('ClinicOutcomes', () => {
  it('lists the clinic’s patients with what each still needs', () => {
    renderPanel();
    const rows = screen.getAllByTestId('outcome-line');
    expect(rows[0]).toHaveTextContent('ASHDOWN, Amelia');
    expect(rows[0]).toHaveTextContent('Needs an outcome');
    expect(rows[1]).toHaveTextContent('Attendance not recorded');
    expect(screen.getByText(/1 attended, 0 with an outcome/)).toBeInTheDocument();
  });

  it('shows the unfinished patients when the clinic cannot be cashed up', async () => {
    const { oncashup, user } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Cash up clinic' }));
    expect(oncashup).toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This clinic cannot be cashed up yet');
    const items = within(screen.getByTestId('unfinished')).getAllByRole('listitem');
    expect(items.map((i) => i.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '09:00 ASHDOWN, Amelia: attended, no outcome recorded',
      '09:20 BRAMLEY, Amelia: attendance not recorded',
    ]);
  });

  it('opens the outcome form for an attended patient and prompts booking a follow-up due soon', async () => {
    const { onoutcome, user } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Record outcome' }));
    await user.selectOptions(screen.getByLabelText('RTT status'), '20');
    await user.click(screen.getByRole('button', { name: 'Save outcome' }));
    expect(onoutcome).toHaveBeenCalledWith(LINES[0], {
      code: '20',
      next: { step: 'follow-up', inWeeks: 6 },
      note: '',
    });
    expect(screen.getByRole('link', { name: 'Book the follow-up' })).toHaveAttribute(
      'href',
      '/waiting-list/ref-a/book',
    );
    expect(screen.getByRole('link', { name: 'Print the letter to the GP' })).toHaveAttribute(
      'href',
      '/letters/letter-outcome-appt-a',
    );
  });

  it('says who cashed the clinic up and offers no edits afterwards', () => {
    renderPanel({
      session: {
        ...SESSION,
        cashedUp: { at: '2026-03-09T17:30:00.000Z', by: { userId: 'u', name: 'Rita Reception' } },
      },
    });
    expect(screen.getByTestId('cashed-up')).toHaveTextContent(
      'Cashed up by Rita Reception, 09/03/2026 17:30',
    );
    expect(screen.queryByRole('button', { name: 'Record outcome' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cash up clinic' })).toBeNull();
  });
});
