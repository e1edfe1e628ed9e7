import { describe, expect, it } from 'vitest';
import { addDays, generateDepartment, type ReportFilter } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import { loadActivityReport } from './report-queries.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 11, today: TODAY, referrals: 600 });
const EIGHT_WEEKS: ReportFilter = {
  from: addDays(TODAY, -55),
  to: TODAY,
  siteId: null,
  clinicianId: null,
  priority: null,
};
const db = useTestDevice(DEPT);

describe('the activity report on the device', () => {
  it('counts every recorded attendance in the range, and none outside it', async () => {
    const report = await loadActivityReport(db(), EIGHT_WEEKS, TODAY, 4);
    const inRange = DEPT.appointments.filter((a) => a.date >= EIGHT_WEEKS.from && a.date <= TODAY);
    const dna = inRange.filter((a) => a.status === 'did-not-attend').length;
    const seen = inRange.filter((a) => a.status === 'seen').length;
    expect(seen).toBeGreaterThan(0);
    expect(report.dna.total.didNotAttend).toBe(dna);
    expect(report.dna.total.attended).toBe(seen);
    expect(report.activity.total.newAttended + report.activity.total.followUpAttended).toBe(seen);
    expect(report.weeks).toHaveLength(9);
  });

  it('narrows every figure to one site', async () => {
    const site = DEPT.sites[0]!.id;
    const report = await loadActivityReport(db(), { ...EIGHT_WEEKS, siteId: site }, TODAY, 4);
    const all = await loadActivityReport(db(), EIGHT_WEEKS, TODAY, 4);
    const atSite = DEPT.appointments.filter(
      (a) => a.siteId === site && a.date >= EIGHT_WEEKS.from && a.date <= TODAY,
    );
    expect(report.dna.total.didNotAttend).toBe(
      atSite.filter((a) => a.status === 'did-not-attend').length,
    );
    expect(report.dna.total.didNotAttend).toBeLessThanOrEqual(all.dna.total.didNotAttend);
    const received = (r: typeof report) => r.weeks.reduce((n, w) => n + w.received, 0);
    expect(received(report)).toBe(
      DEPT.referrals.filter(
        (r) => r.siteId === site && r.receivedDate >= EIGHT_WEEKS.from && r.receivedDate <= TODAY,
      ).length,
    );
    expect(received(report)).toBeLessThan(received(all));
  });

  it('gives today’s open clocks whatever the dates chosen', async () => {
    const lastYear = { ...EIGHT_WEEKS, from: '2025-01-06', to: '2025-02-02' };
    const report = await loadActivityReport(db(), lastYear, TODAY, 4);
    expect(report.dna.total.attended).toBe(0);
    expect(report.rtt.running).toBeGreaterThan(0);
    expect(report.heldFrom! > lastYear.to).toBe(true);
  });
});
