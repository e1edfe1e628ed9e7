import { describe, it, expect } from 'vitest';
import { generateDepartment } from '../demo/generate-department.ts';
import { buildTables, rowOf } from '../mutators/fixtures.test-support.ts';
import type { Appointment } from '../booking/appointment.ts';
import { byTriageOrder, ptlRows, ptlSummary } from './ptl.ts';

const TODAY = '2026-03-02';
const byReferral = (appointments: readonly Appointment[]) => {
  const map = new Map<string, Appointment[]>();
  for (const a of appointments) map.set(a.referralId, [...(map.get(a.referralId) ?? []), a]);
  return map;
};

describe('ptlRows', () => {
  const tables = buildTables();
  const rows = ptlRows(tables.referrals, byReferral(tables.appointments), TODAY, {
    breachWarningWeeks: 4,
  });
  const row = (id: string) => rows.find((r) => r.referralId === id);

  it('lists every open pathway and no closed one', () => {
    expect(row('ref-discharged')).toBeUndefined();
    expect(rows).toHaveLength(tables.referrals.length - 1);
  });

  it('shows the next booked appointment', () => {
    expect(row('ref-booked')).toMatchObject({
      nextKind: 'appointment',
      nextDate: rowOf(tables, 'appointments', 'appt-booked').date,
    });
  });

  it('marks breached (over 126 days), about to breach within the warning, and neither', () => {
    // ref-routine: received 01/12/2025, 91 days by 02/03/2026; 18-week date 06/04/2026.
    expect(row('ref-routine')).toMatchObject({ weeks: 13, breached: false, aboutToBreach: false });
    const five = ptlRows(tables.referrals, new Map(), TODAY, { breachWarningWeeks: 5 });
    expect(five.find((r) => r.referralId === 'ref-routine')?.aboutToBreach).toBe(true);
    const later = ptlRows(tables.referrals, new Map(), '2026-04-07', { breachWarningWeeks: 4 });
    expect(later.find((r) => r.referralId === 'ref-routine')).toMatchObject({
      breached: true,
      aboutToBreach: false,
    });
  });
});

describe('ptlSummary', () => {
  it('counts each running clock once, in its band, and the share within 18 weeks', () => {
    const dept = generateDepartment({ seed: 3, today: TODAY, referrals: 2000 });
    const rows = ptlRows(dept.referrals, new Map(), TODAY, { breachWarningWeeks: 4 });
    const summary = ptlSummary(rows);
    const running = rows.filter((r) => r.weeks !== null);
    expect(summary.running).toBe(running.length);
    expect(summary.bands.reduce((n, b) => n + b.total, 0)).toBe(running.length);
    expect(summary.within18).toBe(running.filter((r) => r.weeks! <= 18).length);
    expect(summary.within18Share).toBeCloseTo(summary.within18 / summary.running);
    expect(summary.bands.at(-1)!.total).toBe(running.filter((r) => r.weeks! > 52).length);
  });
});

describe('the triage queue’s order', () => {
  it('puts two-week waits first, then the rest, each oldest first, whatever order they come in', () => {
    const refs = [
      { id: 'r4', requestedPriority: 'routine' as const, receivedDate: '2026-11-01' },
      { id: 'r2', requestedPriority: 'two-week-wait' as const, receivedDate: '2026-11-20' },
      { id: 'r3', requestedPriority: 'urgent' as const, receivedDate: '2026-10-01' },
      { id: 'r1', requestedPriority: 'two-week-wait' as const, receivedDate: '2026-11-20' },
      { id: 'r0', requestedPriority: 'two-week-wait' as const, receivedDate: '2026-11-02' },
    ];
    for (const start of [refs, [...refs].reverse()]) {
      expect([...start].sort(byTriageOrder).map((r) => r.id)).toEqual([
        'r0',
        'r1',
        'r2',
        'r3',
        'r4',
      ]);
    }
  });
});
