import { describe, expect, it } from 'vitest';
import type { Slot, VacancyRow, VacancySummary } from '@clinicdesk/domain';
import { rowsBySite, toFillLabel, vacancyCsv } from './vacancy-view.ts';

const SLOT = { id: 'slot-1' } as Slot;
const row = (siteId: string, clinicianId: string, overrides: Partial<VacancyRow> = {}) => ({
  siteId,
  clinicianId,
  type: 'new' as const,
  available: 10,
  booked: 7,
  unbooked: 3,
  utilisation: 70,
  unbookedSoon: [SLOT, SLOT],
  ...overrides,
});
const SUMMARY: VacancySummary = {
  rows: [
    row('site-ktc', 'clin-1'),
    row('site-wrh', 'clin-1', { type: 'follow-up' }),
    row('site-wrh', 'clin-2', {
      available: 0,
      booked: 0,
      unbooked: 0,
      utilisation: null,
      unbookedSoon: [],
    }),
  ],
  totals: {
    available: 20,
    booked: 14,
    unbooked: 6,
    utilisation: 70,
    unbookedSoon: [SLOT, SLOT, SLOT, SLOT],
  },
};
const sites = new Map([
  ['site-ktc', { name: 'Kidderminster Treatment Centre' }],
  ['site-wrh', { name: '=Worcestershire Royal' }],
]);
const clinicians = new Map([['clin-1', { name: 'Mr Adrian Whitcombe' }]]);

describe('the vacancy summary view', () => {
  it('groups the rows under their site, keeping their order', () => {
    expect(
      rowsBySite(SUMMARY.rows).map((g) => [g.siteId, g.rows.map((r) => r.clinicianId)]),
    ).toEqual([
      ['site-ktc', ['clin-1']],
      ['site-wrh', ['clin-1', 'clin-2']],
    ]);
  });

  it('says how many slots to fill in the next 2 weeks', () => {
    expect(toFillLabel(3)).toBe('3 to fill in the next 2 weeks');
  });

  it('exports a line per site, clinician and slot type and a total line, safe for a spreadsheet', () => {
    const lines = vacancyCsv(SUMMARY, sites, clinicians)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      '"Site","Clinician","Slot type","Available","Booked","Unbooked","Utilisation %","Unbooked in the next 2 weeks"',
      '"Kidderminster Treatment Centre","Mr Adrian Whitcombe","New","10","7","3","70","2"',
      `"'=Worcestershire Royal","Mr Adrian Whitcombe","Follow-up","10","7","3","70","2"`,
      `"'=Worcestershire Royal","clin-2","New","0","0","0","","0"`,
      '"Total","","","20","14","6","70","4"',
    ]);
  });

  it('starts with a byte-order mark so that a spreadsheet reads it as UTF-8', () => {
    expect(vacancyCsv(SUMMARY, sites, clinicians).startsWith('\uFEFF')).toBe(true);
  });
});
