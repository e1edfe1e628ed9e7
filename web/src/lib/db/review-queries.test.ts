import { describe, expect, it } from 'vitest';
import {
  addDays,
  generateDepartment,
  slotTypesForBooking,
  type Department,
  type Referral,
} from '@clinicdesk/domain';
import { AGREED, useTestDevice } from './test-device.test-support.ts';
import { openReviewCount, openReviews, policyOverrides } from './review-queries.ts';
import { mutate } from '../sync/outbox.ts';

const TODAY = '2026-11-24';
const CLOCK = { now: new Date('2026-11-24T09:00:00Z'), today: TODAY };
const DEPT: Department = generateDepartment({ seed: 4, today: TODAY, referrals: 600 });
const ALL = { rule: '', fromInstant: '', toInstant: '' } as const;
const db = useTestDevice(DEPT);

async function edit(name: string, args: unknown, clock = CLOCK) {
  const result = await mutate(db(), 'client-test', name, args, clock);
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
}

const waiting = DEPT.referrals.filter((r) => r.status === 'waiting' && r.priority !== null);

/** Two reasonable offers declined: the policy sends the pathway for review. */
async function declineTwice(referral: Referral, clock = CLOCK) {
  for (const n of [1, 2]) {
    await edit(
      'offer.record',
      {
        referralId: referral.id,
        offerId: `offer-${referral.id}-${n}`,
        method: 'telephone',
        dates: [addDays(TODAY, 28 + n * 7)],
        response: 'declined',
      },
      clock,
    );
  }
}

describe('the review worklist on a device', () => {
  it('holds a pathway once two reasonable offers are declined, and lets it go when decided', async () => {
    expect(await openReviews(db(), TODAY)).toEqual([]);
    const referral = waiting[0]!;
    await declineTwice(referral);
    const lines = await openReviews(db(), TODAY);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line!.referral.id).toBe(referral.id);
    expect(line!.review.kind).toBe('two-declined-offers');
    expect(line!.patient?.id).toBe(referral.patientId);
    expect(line!.clock.state).toBe('running');
    expect(await openReviewCount(db())).toBe(1);

    await edit('review.decide', {
      referralId: referral.id,
      reviewId: line!.review.id,
      decision: 'rebook',
      note: 'Patient now free in January',
    });
    expect(await openReviews(db(), TODAY)).toEqual([]);
    expect(await openReviewCount(db())).toBe(0);
  });

  it('lists the oldest review first, and drops a discharged pathway', async () => {
    const [first, second] = waiting;
    await declineTwice(second!, { ...CLOCK, now: new Date('2026-11-24T08:00:00Z') });
    await declineTwice(first!, { ...CLOCK, now: new Date('2026-11-24T10:00:00Z') });
    const lines = await openReviews(db(), TODAY);
    expect(lines.map((l) => l.referral.id)).toEqual([second!.id, first!.id]);

    await edit('review.decide', {
      referralId: second!.id,
      reviewId: lines[0]!.review.id,
      decision: 'discharge',
      note: 'Discussed with the GP',
    });
    expect((await openReviews(db(), TODAY)).map((l) => l.referral.id)).toEqual([first!.id]);
  });
});

describe('the overrides report on a device', () => {
  it('lists each warning gone past, newest first, with its patient, narrowed by rule and dates', async () => {
    expect(await policyOverrides(db(), ALL)).toEqual([]);
    const booked: string[] = [];
    for (const [i, referral] of waiting.slice(0, 2).entries()) {
      const types = slotTypesForBooking(referral);
      const slot = DEPT.slots.find(
        (s) =>
          s.status === 'free' &&
          types.includes(s.type) &&
          s.date > TODAY &&
          s.date < addDays(TODAY, 14) &&
          !booked.includes(s.id),
      )!;
      booked.push(slot.id);
      await edit(
        'appointment.book',
        {
          appointmentId: `appt-${i}`,
          referralId: referral.id,
          slotId: slot.id,
          overrides: AGREED,
        },
        { ...CLOCK, now: new Date(`2026-11-24T0${8 + i}:00:00Z`) },
      );
    }
    const lines = await policyOverrides(db(), ALL);
    const notice = lines.filter((l) => l.override.rule === 'reasonable-notice');
    expect(notice.map((l) => l.override.referralId)).toEqual([waiting[1]!.id, waiting[0]!.id]);
    const ats = lines.map((l) => l.override.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(lines.every((l) => l.patient?.id === l.override.patientId)).toBe(true);
    expect(notice[0]!.override.reason).toBe('Patient agreed to the sooner date');

    expect(
      (await policyOverrides(db(), { ...ALL, rule: 'reasonable-notice' })).map(
        (l) => l.override.rule,
      ),
    ).toEqual(['reasonable-notice', 'reasonable-notice']);
    const before9 = await policyOverrides(db(), { ...ALL, toInstant: '2026-11-24T08:30:00Z' });
    expect(before9.every((l) => l.override.referralId === waiting[0]!.id)).toBe(true);
    expect(before9.length).toBeGreaterThan(0);
    expect(await policyOverrides(db(), { ...ALL, fromInstant: '2026-11-25T00:00:00Z' })).toEqual(
      [],
    );
  });
});
