import { describe, expect, it } from 'vitest';
import { generateDepartment, TABLE_NAMES } from '@clinicdesk/domain';
import { queueAnEdit, useTestDevice } from './test-device.test-support.ts';
import { pruneOutsideWindow, useSiteScope } from './device-data.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 5, today: TODAY, referrals: 60 });
const db = useTestDevice(DEPT);

describe('the rolling window of clinics on a device', () => {
  it('drops clinics, slots and appointments over 8 weeks old, and keeps the rest and everything undated', async () => {
    const oldest = DEPT.clinicSessions.map((s) => s.date).sort()[0];
    expect(oldest! < '2026-09-29').toBe(true);
    const removed = await pruneOutsideWindow(db(), TODAY);
    expect(removed).toBeGreaterThan(0);
    const sessions = await db().rows('clinicSessions').toArray();
    expect(sessions.every((s) => s.date >= '2026-09-29')).toBe(true);
    expect((await db().rows('slots').toArray()).every((s) => s.date >= '2026-09-29')).toBe(true);
    expect(await db().rows('referrals').count()).toBe(DEPT.referrals.length);
    expect(await db().rows('patients').count()).toBe(DEPT.patients.length);
  });

  it('prunes once a day', async () => {
    await pruneOutsideWindow(db(), TODAY);
    expect(await pruneOutsideWindow(db(), TODAY)).toBe(0);
  });
});

describe('the sites a device holds', () => {
  it('drops the copy and starts afresh for another set of sites when nothing is waiting', async () => {
    expect(await useSiteScope(db(), ['site-ktc'])).toBe(true);
    await db().rows('sites').bulkPut(DEPT.sites);
    expect(await useSiteScope(db(), ['site-ktc'])).toBe(true);
    expect(await db().rows('sites').count()).toBe(3);
    expect(await useSiteScope(db(), ['site-alx'])).toBe(true);
    expect(await db().rows('sites').count()).toBe(0);
  });

  it('refuses to drop anything while someone’s edits are still waiting', async () => {
    await useSiteScope(db(), ['site-ktc', 'site-alx', 'site-wrh']);
    await db().transaction(
      'rw',
      TABLE_NAMES.map((t) => db().rows(t)),
      async () => {
        for (const table of TABLE_NAMES) await db().table(table).bulkPut(DEPT[table]);
      },
    );
    const patient = DEPT.patients[0]!;
    await queueAnEdit(db(), 'device/user', patient.id, TODAY);
    expect(await useSiteScope(db(), ['site-ktc'])).toBe(false);
    expect(await db().rows('patients').count()).toBe(DEPT.patients.length);
  });
});
