import { beforeEach, describe, expect, it } from 'vitest';
import {
  addDays,
  generateDepartment,
  hasSlotStarted,
  PRIORITIES,
  type Slot,
} from '@clinicdesk/domain';
import { AGREED, useTestDevice } from './test-device.test-support.ts';
import { mutate } from '../sync/outbox.ts';
import {
  loadShortNoticeList,
  loadVacancies,
  slotsFreedSoon,
  slotToFill,
  type VacancyFilter,
} from './vacancy-queries.ts';

const TODAY = '2026-11-24';
const NOW = '2026-11-24T10:00:00.000Z';
const CLOCK = { today: TODAY, now: NOW };
const DEPT = generateDepartment({ seed: 9, today: TODAY, referrals: 800 });
const FOUR_WEEKS: VacancyFilter = {
  from: TODAY,
  to: addDays(TODAY, 28),
  siteId: null,
  clinicianId: null,
  type: null,
};
const db = useTestDevice(DEPT);

beforeEach(async () => {
  await db().deviceUsers.put({
    userId: 'user-1',
    username: 'reception',
    displayName: 'Rita Reception',
    role: 'receptionist',
    // Works at every site: a short-notice edit changes only the editor's own sites.
    siteIds: DEPT.sites.map((s) => s.id),
    pinSalt: new Uint8Array(),
    wrappedKey: new Uint8Array(),
    wrapIv: new Uint8Array(),
    failedPins: 0,
  });
});

const edit = (name: string, args: unknown) =>
  mutate(db(), 'device-1/user-1', name, args, { now: new Date(NOW), today: TODAY });

/** A free slot in a running clinic, not yet started, that someone on the waiting list suits. */
async function fillableSlot(withinDays: number): Promise<Slot> {
  for (const slot of DEPT.slots) {
    if (slot.status !== 'free' || slot.type !== 'new' || hasSlotStarted(slot, CLOCK)) continue;
    if (slot.date > addDays(TODAY, withinDays)) continue;
    const found = await slotToFill(db(), slot.id, CLOCK);
    if (found?.bookable && found.candidates.length >= 3) return slot;
  }
  throw new Error('the demo department has no fillable slot');
}

describe('the clinic vacancy summary on a device', () => {
  it('counts every slot of the running clinics in the dates, and nothing outside them', async () => {
    const { summary } = await loadVacancies(db(), FOUR_WEEKS, CLOCK);
    const open = new Set(DEPT.clinicSessions.filter((s) => s.status === 'open').map((s) => s.id));
    const inRange = DEPT.slots.filter(
      (s) =>
        s.date >= FOUR_WEEKS.from &&
        s.date <= FOUR_WEEKS.to &&
        s.status !== 'blocked' &&
        open.has(s.sessionId),
    );
    expect(summary.totals.available).toBe(inRange.length);
    expect(summary.totals.booked).toBe(inRange.filter((s) => s.status === 'booked').length);
    expect(summary.totals.booked + summary.totals.unbooked).toBe(summary.totals.available);
    expect(summary.rows.reduce((n, r) => n + r.available, 0)).toBe(summary.totals.available);
  });

  it('lists the unbooked slots of the next 2 weeks that have not started, soonest first', async () => {
    const { summary } = await loadVacancies(db(), FOUR_WEEKS, CLOCK);
    const soon = summary.totals.unbookedSoon;
    expect(soon.length).toBeGreaterThan(0);
    for (const slot of soon) {
      expect(slot.status).toBe('free');
      expect(slot.date <= addDays(TODAY, 14)).toBe(true);
      expect(hasSlotStarted(slot, CLOCK)).toBe(false);
    }
    const keys = soon.map((s) => `${s.date} ${s.startTime}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('narrows to one site, clinician and slot type, totals included', async () => {
    const slot = DEPT.slots.find((s) => s.date > TODAY && s.status === 'free')!;
    const filter = {
      ...FOUR_WEEKS,
      siteId: slot.siteId,
      clinicianId: slot.clinicianId,
      type: slot.type,
    };
    const { summary } = await loadVacancies(db(), filter, CLOCK);
    expect(summary.rows).toHaveLength(1);
    expect(summary.rows[0]).toMatchObject({
      siteId: slot.siteId,
      clinicianId: slot.clinicianId,
      type: slot.type,
    });
    expect(summary.totals.available).toBe(summary.rows[0]!.available);
  });

  it('drops the slots of a cancelled clinic from what is available', async () => {
    const before = (await loadVacancies(db(), FOUR_WEEKS, CLOCK)).summary.totals.available;
    const session = DEPT.clinicSessions.find(
      (s) => s.date > TODAY && s.date <= FOUR_WEEKS.to && s.status === 'open',
    )!;
    const its = DEPT.slots.filter((s) => s.sessionId === session.id && s.status !== 'blocked');
    await db()
      .rows('clinicSessions')
      .put({ ...session, status: 'cancelled' });
    const after = (await loadVacancies(db(), FOUR_WEEKS, CLOCK)).summary.totals.available;
    expect(after).toBe(before - its.length);
  });

  it('finds nothing when the dates are the wrong way round', async () => {
    const { summary } = await loadVacancies(
      db(),
      { ...FOUR_WEEKS, from: FOUR_WEEKS.to, to: TODAY },
      CLOCK,
    );
    expect(summary.rows).toEqual([]);
    expect(summary.totals.available).toBe(0);
  });
});

describe('filling an empty slot', () => {
  it('offers waiting patients the slot suits, with their details, in booking order', async () => {
    const slot = await fillableSlot(28);
    const found = (await slotToFill(db(), slot.id, CLOCK))!;
    expect(found.session?.id).toBe(slot.sessionId);
    for (const c of found.candidates) {
      expect(['waiting', 'follow-up']).toContain(c.referral.status);
      expect([null, slot.clinicianId]).toContain(c.referral.clinicianId);
      expect(c.patient?.id).toBe(c.referral.patientId);
    }
    const order = found.candidates.map(
      (c) =>
        `${PRIORITIES.indexOf(c.referral.priority!)} ${String(9999 - c.clock.daysWaited).padStart(4, '0')}`,
    );
    expect(order).toEqual([...order].sort());
  });

  it('puts a patient who can come at short notice to the site first when the slot is within 7 days', async () => {
    const slot = await fillableSlot(7);
    const last = (await slotToFill(db(), slot.id, CLOCK))!.candidates.at(-1)!;
    const result = await edit('referral.shortNotice', {
      referralId: last.referral.id,
      siteIds: [slot.siteId],
    });
    expect(result.ok).toBe(true);
    const first = (await slotToFill(db(), slot.id, CLOCK))!.candidates[0]!;
    expect(first.referral.id).toBe(last.referral.id);
    expect(first.shortNotice).toBe(true);
  });

  it('says a slot is no longer bookable once a patient is booked into it', async () => {
    const slot = await fillableSlot(28);
    const [candidate] = (await slotToFill(db(), slot.id, CLOCK))!.candidates;
    const result = await edit('appointment.book', {
      appointmentId: 'appt-test-1',
      referralId: candidate!.referral.id,
      slotId: slot.id,
      overrides: AGREED,
    });
    expect(result.ok).toBe(true);
    const after = (await slotToFill(db(), slot.id, CLOCK))!;
    expect(after.bookable).toBe(false);
    expect(after.slot.status).toBe('booked');
    expect(after.candidates).toEqual([]);
  });

  it('finds nothing for a slot that is not on the device', async () => {
    expect(await slotToFill(db(), 'slot-nowhere', CLOCK)).toBeUndefined();
  });
});

describe('the short-notice list', () => {
  it('lists only waiting patients who can come to the chosen site, in priority then wait order', async () => {
    const waiting = DEPT.referrals.filter((r) => r.status === 'waiting').slice(0, 4);
    const [wrh, ktc] = DEPT.sites;
    for (const [i, r] of waiting.entries())
      await edit('referral.shortNotice', {
        referralId: r.id,
        siteIds: i % 2 ? [wrh!.id] : [wrh!.id, ktc!.id],
      });
    const all = await loadShortNoticeList(db(), TODAY, null);
    expect(all.map((l) => l.referral.id).sort()).toEqual(waiting.map((r) => r.id).sort());
    expect(all.every((l) => l.patient?.id === l.referral.patientId)).toBe(true);
    const atKtc = await loadShortNoticeList(db(), TODAY, ktc!.id);
    expect(atKtc.map((l) => l.referral.id).sort()).toEqual([waiting[0]!.id, waiting[2]!.id].sort());
    await edit('referral.shortNotice', { referralId: waiting[0]!.id, siteIds: [] });
    expect(await loadShortNoticeList(db(), TODAY, null)).toHaveLength(3);
  });

  it('offers the free slots of the next 7 days in running clinics that have not started, soonest first', async () => {
    const { slots, sessions } = await slotsFreedSoon(db(), CLOCK, null);
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(slot.status).toBe('free');
      expect(slot.date <= addDays(TODAY, 7)).toBe(true);
      expect(hasSlotStarted(slot, CLOCK)).toBe(false);
      expect(sessions.get(slot.sessionId)?.status).toBe('open');
    }
    const keys = slots.map((s) => `${s.date} ${s.startTime}`);
    expect(keys).toEqual([...keys].sort());
    const site = slots[0]!.siteId;
    const atSite = await slotsFreedSoon(db(), CLOCK, site);
    expect(atSite.slots.length).toBeGreaterThan(0);
    expect(atSite.slots.every((s) => s.siteId === site)).toBe(true);
  });
});
