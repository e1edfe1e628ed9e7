import { describe, expect, it } from 'vitest';
import {
  canUseSlotForNewPatient,
  hasSlotStarted,
  slotTypesForNewPatient,
  slotTypesForReferral,
} from './slot-rules.ts';

describe('slot types for a first appointment', () => {
  it.each([
    ['two-week-wait', ['two-week-wait', 'urgent', 'new']],
    ['urgent', ['urgent', 'new']],
    ['soon', ['new']],
    ['routine', ['new']],
  ] as const)('a %s referral may use %j slots', (priority, types) => {
    expect(slotTypesForNewPatient(priority)).toEqual(types);
  });

  it('never uses a follow-up or procedure slot for a first appointment', () => {
    for (const priority of ['two-week-wait', 'urgent', 'soon', 'routine'] as const) {
      expect(canUseSlotForNewPatient(priority, 'follow-up')).toBe(false);
      expect(canUseSlotForNewPatient(priority, 'procedure')).toBe(false);
    }
  });
});

describe('a slot has started by the hospital clock (Europe/London)', () => {
  it.each([
    {
      why: 'an earlier day',
      slot: { date: '2026-11-23', startTime: '16:00' },
      now: '2026-11-24T08:00:00Z',
      started: true,
    },
    {
      why: 'a later day',
      slot: { date: '2026-11-25', startTime: '09:00' },
      now: '2026-11-24T23:00:00Z',
      started: false,
    },
    {
      why: 'earlier today (GMT)',
      slot: { date: '2026-11-24', startTime: '09:00' },
      now: '2026-11-24T09:30:00Z',
      started: true,
    },
    {
      why: 'later today (GMT)',
      slot: { date: '2026-11-24', startTime: '10:00' },
      now: '2026-11-24T09:30:00Z',
      started: false,
    },
    {
      why: 'at its start time',
      slot: { date: '2026-11-24', startTime: '09:30' },
      now: '2026-11-24T09:30:00Z',
      started: true,
    },
    {
      why: 'in summer: 08:30 UTC is 09:30 BST',
      slot: { date: '2026-07-01', startTime: '09:00' },
      now: '2026-07-01T08:30:00Z',
      started: true,
    },
    {
      why: 'in summer: 07:30 UTC is 08:30 BST',
      slot: { date: '2026-07-01', startTime: '09:00' },
      now: '2026-07-01T07:30:00Z',
      started: false,
    },
  ])('$why → $started', ({ slot, now, started }) => {
    // In each case the London day is the UTC day of `now`.
    expect(hasSlotStarted(slot, { today: now.slice(0, 10), now })).toBe(started);
  });
});

describe('slotTypesForReferral', () => {
  it('sends a see-and-treat referral to procedure slots whatever its priority', () => {
    for (const priority of ['two-week-wait', 'urgent', 'soon', 'routine'] as const)
      expect(slotTypesForReferral({ priority, clinicTypeNeeded: 'procedure' })).toEqual([
        'procedure',
      ]);
  });
  it('follows the priority for a clinic appointment', () => {
    expect(slotTypesForReferral({ priority: 'urgent', clinicTypeNeeded: 'urgent' })).toEqual([
      'urgent',
      'new',
    ]);
    expect(slotTypesForReferral({ priority: 'routine', clinicTypeNeeded: null })).toEqual(['new']);
  });
});
