import { beforeAll, describe, it, expect } from 'vitest';
import * as v from 'valibot';
import { addDays, startOfWeek } from '../calendar/calendar-date.ts';
import { isValidNhsNumber } from '../patients/nhs-number.ts';
import { REFERRAL_STATUSES } from '../referrals/referral.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { TABLE_NAMES, TABLE_SCHEMAS } from '../sync/tables.ts';
import { generateDepartment, type Department } from './generate-department.ts';

const TODAY = '2026-03-04'; // a Wednesday: clinics yesterday, today and tomorrow
const REFERRALS = 3000;

let dept: Department;
beforeAll(() => {
  dept = generateDepartment({ seed: 20261124, today: TODAY, referrals: REFERRALS });
});

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

describe('generateDepartment', () => {
  it('gives the same department for the same seed and day', () => {
    const again = generateDepartment({ seed: 20261124, today: TODAY, referrals: REFERRALS });
    expect(again).toEqual(dept);
  });

  it('gives a different department for a different seed', () => {
    const other = generateDepartment({ seed: 7, today: TODAY, referrals: 200 });
    const same = generateDepartment({ seed: 20261124, today: TODAY, referrals: 200 });
    expect(other.patients).not.toEqual(same.patients);
  });

  it.each([0, 1, 3, 50, 501])('makes exactly %i referral pathways when asked', (count) => {
    const small = generateDepartment({ seed: 1, today: TODAY, referrals: count });
    expect(small.referrals).toHaveLength(count);
    expect(small.patients).toHaveLength(count);
  });

  it(`makes exactly ${REFERRALS} referrals, one patient each`, () => {
    expect(dept.referrals).toHaveLength(REFERRALS);
    expect(dept.patients).toHaveLength(REFERRALS);
    expect(new Set(dept.referrals.map((r) => r.id)).size).toBe(REFERRALS);
    expect(new Set(dept.referrals.map((r) => r.patientId))).toEqual(
      new Set(dept.patients.map((p) => p.id)),
    );
  });

  it('has 3 sites and 10 clinicians', () => {
    expect(dept.sites).toHaveLength(3);
    expect(dept.clinicians).toHaveLength(10);
  });

  it('runs 60 clinics a week from 8 weeks back to 12 weeks ahead', () => {
    const thisMonday = startOfWeek(TODAY);
    const perWeek = countBy(dept.clinicSessions, (s) => startOfWeek(s.date));
    const weeks = [...perWeek.keys()].sort();
    expect(weeks).toHaveLength(21);
    expect(weeks[0]).toBe(addDays(thisMonday, -8 * 7));
    expect(weeks.at(-1)).toBe(addDays(thisMonday, 12 * 7));
    for (const week of weeks) expect(perWeek.get(week), week).toBe(60);
  });

  it('never gives a clinician two clinics at the same time', () => {
    const starts = countBy(dept.clinicSessions, (s) => `${s.clinicianId} ${s.date} ${s.startTime}`);
    expect([...starts.values()].every((n) => n === 1)).toBe(true);
  });

  it.each(TABLE_NAMES)('makes every %s row pass its table schema', (table) => {
    const schema = TABLE_SCHEMAS[table];
    const bad = (dept[table] as unknown[]).filter((row) => !v.is(schema, row));
    expect(bad).toEqual([]);
  });

  it('uses only valid, distinct NHS numbers from the 999 test range', () => {
    const numbers = dept.patients.map((p) => p.nhsNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(n).toMatch(/^\d{10}$/);
      expect(Number(n)).toBeGreaterThanOrEqual(9_990_000_000);
      expect(Number(n)).toBeLessThanOrEqual(9_999_999_999);
      expect(isValidNhsNumber(n), n).toBe(true);
    }
  });

  it('has referrals in every status', () => {
    const statuses = countBy(dept.referrals, (r) => r.status);
    for (const status of REFERRAL_STATUSES)
      expect(statuses.get(status) ?? 0, status).toBeGreaterThan(0);
  });

  it('gives every waiting referral a priority, and none to those awaiting triage', () => {
    for (const r of dept.referrals) {
      if (r.status === 'waiting') expect(r.priority, r.id).not.toBeNull();
      if (r.status === 'awaiting-triage') expect(r.priority, r.id).toBeNull();
    }
  });

  it('points every booked slot at an appointment that points back', () => {
    const appointments = new Map(dept.appointments.map((a) => [a.id, a]));
    for (const slot of dept.slots) {
      if (slot.status !== 'booked') {
        expect(slot.appointmentId, slot.id).toBeNull();
        continue;
      }
      const appointment = appointments.get(slot.appointmentId ?? '');
      expect(appointment?.slotId, slot.id).toBe(slot.id);
    }
  });

  it('puts every appointment in a booked slot that names it, with the slot’s day, time and place', () => {
    const slots = new Map(dept.slots.map((s) => [s.id, s]));
    for (const a of dept.appointments) {
      const slot = slots.get(a.slotId);
      expect(slot, a.id).toMatchObject({
        status: 'booked',
        appointmentId: a.id,
        sessionId: a.sessionId,
        date: a.date,
        startTime: a.startTime,
        siteId: a.siteId,
        clinicianId: a.clinicianId,
      });
    }
  });

  it('never double-books a slot', () => {
    const perSlot = countBy(dept.appointments, (a) => a.slotId);
    expect([...perSlot.entries()].filter(([, n]) => n > 1)).toEqual([]);
  });

  it('books first appointments only into new or urgent slots that suit the priority', () => {
    const slots = new Map(dept.slots.map((s) => [s.id, s]));
    const referrals = new Map(dept.referrals.map((r) => [r.id, r]));
    for (const a of dept.appointments.filter((x) => x.kind === 'new')) {
      const type = slots.get(a.slotId)?.type;
      const priority = referrals.get(a.referralId)?.priority;
      expect(['new', 'urgent'], a.id).toContain(type);
      if (type === 'urgent') expect(['two-week-wait', 'urgent'], a.id).toContain(priority);
    }
  });

  it('books appointments from today on, and has seen or missed ones only in the past', () => {
    for (const a of dept.appointments) {
      if (a.status === 'booked') expect(a.date >= TODAY, `${a.id} on ${a.date}`).toBe(true);
      if (a.status === 'seen' || a.status === 'did-not-attend') {
        expect(a.date < TODAY, `${a.id} on ${a.date}`).toBe(true);
      }
    }
  });

  it('matches each referral status to its first appointment', () => {
    const firsts = countBy(
      dept.appointments.filter((a) => a.kind === 'new'),
      (a) => a.referralId,
    );
    const firstStatus = new Map(
      dept.appointments.filter((a) => a.kind === 'new').map((a) => [a.referralId, a.status]),
    );
    for (const r of dept.referrals) {
      expect(firsts.get(r.id) ?? 0, r.id).toBeLessThanOrEqual(1);
      const status = firstStatus.get(r.id);
      if (r.status === 'booked') expect(status, r.id).toBe('booked');
      if (r.status === 'seen' || r.status === 'discharged') expect(status, r.id).toBe('seen');
      if (r.status === 'awaiting-triage') expect(status, r.id).toBeUndefined();
      if (r.status === 'waiting') expect([undefined, 'did-not-attend'], r.id).toContain(status);
    }
  });

  it('gives follow-ups only to patients on the follow-up list, after their first appointment', () => {
    const referrals = new Map(dept.referrals.map((r) => [r.id, r]));
    const firstDate = new Map(
      dept.appointments.filter((a) => a.kind === 'new').map((a) => [a.referralId, a.date]),
    );
    for (const a of dept.appointments.filter((x) => x.kind === 'follow-up')) {
      expect(referrals.get(a.referralId)?.status, a.id).toBe('follow-up');
      expect(a.date > (firstDate.get(a.referralId) ?? '9999-12-31'), a.id).toBe(true);
    }
  });

  it('records no RTT event after today, and every pathway reads without a problem', () => {
    for (const r of dept.referrals) {
      expect(r.rttEvents[0], r.id).toMatchObject({ date: r.receivedDate, code: '10' });
      for (const e of r.rttEvents)
        expect(e.date <= TODAY, `${r.id} ${e.code} on ${e.date}`).toBe(true);
      expect(rttClock(r.rttEvents, TODAY).problems, r.id).toEqual([]);
    }
  });

  it('has a running clock for every waiting referral, restarted after a DNA', () => {
    for (const r of dept.referrals.filter((x) => x.status === 'waiting')) {
      expect(rttClock(r.rttEvents, TODAY).state, r.id).toBe('running');
    }
  });

  it('books no appointment before its referral was received or after today', () => {
    const received = new Map(dept.referrals.map((r) => [r.id, r.receivedDate]));
    for (const a of dept.appointments) {
      const bookedOn = a.bookedAt.slice(0, 10);
      expect(bookedOn <= TODAY, `${a.id} booked ${bookedOn}`).toBe(true);
      expect(bookedOn >= (received.get(a.referralId) ?? ''), `${a.id} booked ${bookedOn}`).toBe(
        true,
      );
      expect(bookedOn <= a.date, `${a.id} booked ${bookedOn}`).toBe(true);
    }
  });

  it.each(['2026-03-02', '2026-03-03', '2026-03-07', '2026-03-29', '2026-10-25'])(
    'keeps RTT events and bookings out of the future whatever the day (%s)',
    (today) => {
      const d = generateDepartment({ seed: 20261124, today, referrals: REFERRALS });
      const events = d.referrals.flatMap((r) => r.rttEvents).filter((e) => e.date > today);
      const bookings = d.appointments.filter((a) => a.bookedAt.slice(0, 10) > today);
      expect(events).toEqual([]);
      expect(bookings).toEqual([]);
    },
  );

  it('gives every day-case pathway its details and each site a day-case list a week', () => {
    const dayCases = dept.referrals.filter((r) => r.status === 'day-case');
    expect(dayCases.length).toBeGreaterThan(20);
    expect(dayCases.every((r) => r.dayCase && r.dayCase.decisionDate <= TODAY)).toBe(true);
    expect(dept.referrals.filter((r) => r.status !== 'day-case' && r.dayCase)).toEqual([]);
    expect(dept.dayCaseLists.length).toBeGreaterThanOrEqual(15);
    expect(
      dept.dayCaseLists.every((l) => l.date >= TODAY && l.capacity.kind === 'procedures'),
    ).toBe(true);
    expect(new Set(dept.dayCaseLists.map((l) => l.siteId)).size).toBe(3);
  });

  it.each([
    ['a weekday', TODAY],
    ['a Saturday (waiting-list initiative clinics)', '2026-03-07'],
  ])(
    'has clinics today at every site with patients booked for the reception desk, on %s',
    (_, day) => {
      const d = day === TODAY ? dept : generateDepartment({ seed: 3, today: day, referrals: 300 });
      for (const site of d.sites) {
        const sessions = d.clinicSessions.filter((s) => s.date === day && s.siteId === site.id);
        expect(sessions.length).toBeGreaterThan(0);
        const booked = d.appointments.filter(
          (a) => a.date === day && a.siteId === site.id && a.status === 'booked',
        );
        expect(booked.length).toBeGreaterThanOrEqual(3);
      }
    },
  );
});
