import { describe, expect, it } from 'vitest';
import { addDays, generateDepartment, startOfWeek, type ClinicTemplate } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import {
  clinicsInWeek,
  generationPlan,
  templateChangePreview,
  templateList,
} from './schedule-queries.ts';
import { mutate } from '../sync/outbox.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 6, today: TODAY, referrals: 300 });
const CLIENT = 'device-1/user-1';
const CLOCK = { now: new Date('2026-11-24T10:00:00Z'), today: TODAY };
const db = useTestDevice(DEPT);

const sessionCount = () => db().rows('clinicSessions').count();

describe('the template list', () => {
  it('lists every template in the order of the week', async () => {
    const list = await templateList(db());
    expect(list).toHaveLength(DEPT.clinicTemplates.length);
    const keys = list.map((t) => `${t.weekday} ${t.startTime}`);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('generating clinics', () => {
  it('counts exactly the clinics sessions.generate makes, and none when it is run again', async () => {
    const ids = DEPT.clinicTemplates.slice(0, 4).map((t) => t.id);
    const args = { from: TODAY, weeks: 20 };
    const plan = await generationPlan(db(), ids, { ...args, today: TODAY });
    expect(plan.toMake).toBeGreaterThan(0);
    expect(plan.alreadyMade).toBeGreaterThan(0);
    const before = await sessionCount();
    const result = await mutate(
      db(),
      CLIENT,
      'sessions.generate',
      { templateIds: ids, ...args },
      CLOCK,
    );
    expect(result.ok).toBe(true);
    expect((await sessionCount()) - before).toBe(plan.toMake);
    const again = await generationPlan(db(), ids, { ...args, today: TODAY });
    expect(again).toEqual({
      toMake: 0,
      alreadyMade: plan.toMake + plan.alreadyMade,
      closed: plan.closed,
    });
  });

  it('skips bank holidays and starts no earlier than today', async () => {
    // Christmas Day 2026 is a Friday: a Friday template runs that week but not that day.
    const friday = DEPT.clinicTemplates.find((t) => t.weekday === 5)!;
    const plan = await generationPlan(db(), [friday.id], {
      from: '2026-12-21',
      weeks: 1,
      today: TODAY,
    });
    expect(plan).toEqual({ toMake: 0, alreadyMade: 0, closed: 1 });
    const past = await generationPlan(db(), [friday.id], {
      from: '2026-01-01',
      weeks: 1,
      today: TODAY,
    });
    expect(past.toMake + past.alreadyMade + past.closed).toBe(1);
  });
});

describe('the preview of a template change', () => {
  it('says which clinics a change rewrites and which it keeps, as template.save then does', async () => {
    const booked = DEPT.slots.find((s) => s.status === 'booked' && s.date > TODAY)!;
    const session = DEPT.clinicSessions.find((s) => s.id === booked.sessionId)!;
    const template = DEPT.clinicTemplates.find((t) => t.id === session.templateId)!;
    const changed: ClinicTemplate = { ...template, startTime: '10:00' };
    const plan = await templateChangePreview(db(), changed, TODAY);
    expect(plan.kept.map((k) => k.session.id)).toContain(session.id);
    expect(plan.kept.find((k) => k.session.id === session.id)!.reason).toMatch(/booked into it/);
    expect(plan.rewritten.length).toBeGreaterThan(0);
    expect(plan.rewritten.every((r) => r.session.startTime === '10:00')).toBe(true);
    expect([...plan.rewritten, ...plan.kept].every((e) => e.session.date > TODAY)).toBe(true);

    const result = await mutate(db(), CLIENT, 'template.save', changed, CLOCK);
    expect(result.ok).toBe(true);
    const rewritten = await db().rows('clinicSessions').get(plan.rewritten[0]!.session.id);
    expect(rewritten?.startTime).toBe('10:00');
    expect((await db().rows('clinicSessions').get(session.id))?.startTime).toBe(template.startTime);
  });

  it('withdraws clinics on days the template no longer runs', async () => {
    const template = DEPT.clinicTemplates[0]!;
    const changed: ClinicTemplate = {
      ...template,
      recurrence: { kind: 'alternate', anchor: addDays(startOfWeek(TODAY), 7) },
    };
    const plan = await templateChangePreview(db(), changed, TODAY);
    expect(plan.withdrawn.length).toBeGreaterThan(0);
    expect(plan.added).toHaveLength(0);
  });
});

describe('the week view', () => {
  const monday = startOfWeek(TODAY);

  it("shows one clinician's clinics that week, in order, with booked of available", async () => {
    const clinicianId = DEPT.clinicians[1]!.id;
    const week = await clinicsInWeek(db(), monday, { siteId: null, clinicianId });
    const expected = DEPT.clinicSessions.filter(
      (s) => s.clinicianId === clinicianId && s.date >= monday && s.date <= addDays(monday, 6),
    );
    expect(week.map((w) => w.session.id).sort()).toEqual(expected.map((s) => s.id).sort());
    const keys = week.map((w) => `${w.session.date} ${w.session.startTime}`);
    expect(keys).toEqual([...keys].sort());
    for (const w of week) {
      const slots = DEPT.slots.filter((s) => s.sessionId === w.session.id);
      expect(w.booked).toBe(slots.filter((s) => s.status === 'booked').length);
      expect(w.available).toBe(slots.filter((s) => s.status !== 'blocked').length);
    }
  });

  it("shows one site's clinics, or every site's", async () => {
    const all = await clinicsInWeek(db(), monday, { siteId: null, clinicianId: null });
    const ktc = await clinicsInWeek(db(), monday, { siteId: 'site-ktc', clinicianId: null });
    expect(ktc.length).toBeGreaterThan(0);
    expect(ktc.every((w) => w.session.siteId === 'site-ktc')).toBe(true);
    expect(all.length).toBeGreaterThan(ktc.length);
    expect(all.every((w) => w.session.date >= monday && w.session.date <= addDays(monday, 6))).toBe(
      true,
    );
  });
});
