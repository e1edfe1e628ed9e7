import { describe, it, expect } from 'vitest';
import {
  NEW_REFERRAL_FIELDS,
  type Priority,
  type Referral,
  type ReferralStatus,
  type RttCode,
  type RttEvent,
} from '../referrals/referral.ts';
import { isOnOutpatientWaitingList, prioritiseWaitingList } from './prioritise-waiting-list.ts';

const TODAY = '2026-03-02';

const ev = (date: string, code: RttCode): RttEvent => ({ date, code, cause: '' });

function referral(
  id: string,
  priority: Priority | null,
  received: string,
  status: ReferralStatus = 'waiting',
  rttEvents: RttEvent[] = [ev(received, '10')],
): Referral {
  return {
    ...NEW_REFERRAL_FIELDS,
    condition: 'third-molars',
    id,
    patientId: `pat-${id}`,
    receivedDate: received,
    source: 'gp',
    referrer: 'Dr Gosling',
    reason: 'Impacted lower third molar',
    requestedPriority: priority ?? 'routine',
    priority,
    clinicianId: null,
    siteId: 'site-wrh',
    status,
    rttEvents,
  };
}

const ids = (referrals: readonly Referral[]) =>
  prioritiseWaitingList(referrals, TODAY).map((e) => e.referral.id);

describe('isOnOutpatientWaitingList', () => {
  it.each<{ status: ReferralStatus; priority: Priority | null; listed: boolean }>([
    { status: 'waiting', priority: 'routine', listed: true },
    { status: 'waiting', priority: 'two-week-wait', listed: true },
    { status: 'waiting', priority: null, listed: false },
    { status: 'awaiting-triage', priority: null, listed: false },
    { status: 'awaiting-triage', priority: 'urgent', listed: false },
    { status: 'booked', priority: 'urgent', listed: false },
    { status: 'seen', priority: 'soon', listed: false },
    { status: 'discharged', priority: 'routine', listed: false },
  ])('a $status referral with priority $priority is listed: $listed', (c) => {
    expect(isOnOutpatientWaitingList(referral('r', c.priority, '2026-01-05', c.status))).toBe(
      c.listed,
    );
  });
});

describe('prioritiseWaitingList', () => {
  it('lists only waiting referrals that have a priority', () => {
    const referrals = [
      referral('waiting', 'routine', '2026-01-05'),
      referral('untriaged', null, '2025-06-01', 'awaiting-triage'),
      referral('no-priority', null, '2025-06-01', 'waiting'),
      referral('booked', 'two-week-wait', '2026-02-20', 'booked'),
      referral('seen', 'urgent', '2025-12-01', 'seen'),
      referral('discharged', 'routine', '2025-05-01', 'discharged'),
    ];
    expect(ids(referrals)).toEqual(['waiting']);
  });

  it('puts clinical priority before time waited: two-week wait, urgent, soon, routine', () => {
    const referrals = [
      referral('routine-long', 'routine', '2025-04-01'),
      referral('soon-long', 'soon', '2025-10-01'),
      referral('two-week-new', 'two-week-wait', '2026-02-28'),
      referral('urgent-new', 'urgent', '2026-02-25'),
    ];
    expect(ids(referrals)).toEqual(['two-week-new', 'urgent-new', 'soon-long', 'routine-long']);
  });

  it.each<{ priority: Priority }>([
    { priority: 'two-week-wait' },
    { priority: 'urgent' },
    { priority: 'soon' },
    { priority: 'routine' },
  ])('books $priority referrals in turn: the longest wait first', ({ priority }) => {
    const referrals = [
      referral('middle', priority, '2026-01-05'),
      referral('newest', priority, '2026-02-27'),
      referral('oldest', priority, '2025-09-15'),
    ];
    expect(ids(referrals)).toEqual(['oldest', 'middle', 'newest']);
  });

  it('counts a referral rebooked after a first-appointment DNA from its new clock start', () => {
    const referrals = [
      // Received first, but the DNA nullified that clock; it restarted on 2025-11-03.
      referral('dna-rebooked', 'routine', '2025-06-02', 'waiting', [
        ev('2025-06-02', '10'),
        ev('2025-11-01', '33'),
        ev('2025-11-03', '10'),
      ]),
      referral('received-october', 'routine', '2025-10-06'),
      referral('received-december', 'routine', '2025-12-01'),
    ];
    const list = prioritiseWaitingList(referrals, TODAY);
    expect(list.map((e) => e.referral.id)).toEqual([
      'received-october',
      'dna-rebooked',
      'received-december',
    ]);
    expect(list[1]?.clock).toMatchObject({ state: 'running', clockStart: '2025-11-03' });
  });

  it.each([
    { received: '2026-03-02', days: 0, weeks: 0 },
    { received: '2026-02-23', days: 7, weeks: 1 },
    { received: '2025-10-27', days: 126, weeks: 18 },
  ])('gives each entry its RTT clock as of today ($received → $days days)', (c) => {
    const [entry] = prioritiseWaitingList([referral('r', 'routine', c.received)], TODAY);
    expect(entry?.clock).toMatchObject({
      state: 'running',
      clockStart: c.received,
      daysWaited: c.days,
      weeksWaited: c.weeks,
    });
  });

  it('orders referrals with the same priority and clock start by id, so every device agrees', () => {
    const referrals = [
      referral('ref-c', 'soon', '2026-01-05'),
      referral('ref-a', 'soon', '2026-01-05'),
      referral('ref-b', 'soon', '2026-01-05'),
    ];
    expect(ids(referrals)).toEqual(['ref-a', 'ref-b', 'ref-c']);
  });

  it('leaves the list it was given in its own order', () => {
    const referrals = [
      referral('newest', 'routine', '2026-02-27'),
      referral('oldest', 'routine', '2025-09-15'),
    ];
    prioritiseWaitingList(referrals, TODAY);
    expect(referrals.map((r) => r.id)).toEqual(['newest', 'oldest']);
  });

  it('gives an empty list for no referrals', () => {
    expect(prioritiseWaitingList([], TODAY)).toEqual([]);
  });
});
