import { describe, expect, it } from 'vitest';
import {
  describeReportFilter,
  isRangeBackwards,
  readReportFilter,
  reportFilterQuery,
  SURGICAL_PRIORITY_CHOICES,
  type ReportFilterState,
} from './report-filter.ts';

const RULES = { from: '2026-03-01', to: '2026-03-31' } as const;
const read = (query: string, rules: Parameters<typeof readReportFilter>[1] = RULES) =>
  readReportFilter(new URLSearchParams(query), rules);

describe('a report filter in the address', () => {
  it('reads every filter the address gives', () => {
    expect(read('from=2026-02-01&to=2026-02-28&site=ktc&clinician=c-1&priority=urgent')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      siteId: 'ktc',
      clinicianId: 'c-1',
      priority: 'urgent',
    });
  });

  it('falls back to the report’s dates when none are given or they are not dates', () => {
    expect(read('from=31/02/2026&to=')).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('ignores a priority the report does not know', () => {
    expect(read('priority=P1').priority).toBeNull();
    expect(read('priority=P1', { ...RULES, priorities: SURGICAL_PRIORITY_CHOICES }).priority).toBe(
      'P1',
    );
  });

  it('never takes a filter the report does not use from the address', () => {
    expect(read('site=ktc&priority=urgent', { ...RULES, unused: ['priority'] })).toMatchObject({
      siteId: 'ktc',
      priority: null,
    });
  });

  it('comes back the same from its own query, with the page’s settings after it', () => {
    const filter: ReportFilterState = {
      from: '2026-02-01',
      to: '',
      siteId: 'ktc',
      clinicianId: null,
      priority: 'two-week-wait',
    };
    const query = reportFilterQuery(filter, { show: 'all', type: null });
    expect(query).toBe('from=2026-02-01&site=ktc&priority=two-week-wait&show=all');
    expect(read(query, { from: '', to: '' })).toEqual(filter);
  });

  it('knows a range that ends before it starts', () => {
    expect(isRangeBackwards({ from: '2026-03-02', to: '2026-03-01' })).toBe(true);
    expect(isRangeBackwards({ from: '2026-03-02', to: '' })).toBe(false);
  });
});

describe('the filters in words for the printed heading', () => {
  const names = {
    sites: new Map([['ktc', { name: 'Kidderminster' }]]),
    clinicians: new Map([['c-1', { name: 'Mr Patel' }]]),
  };

  it('names each chosen filter', () => {
    expect(
      describeReportFilter(
        {
          from: '2026-03-01',
          to: '2026-03-31',
          siteId: 'ktc',
          clinicianId: 'c-1',
          priority: 'urgent',
        },
        names,
      ),
    ).toBe('From 01/03/2026 to 31/03/2026 · Kidderminster · Mr Patel · Urgent');
  });

  it('says "all" for filters not chosen and leaves out those the report does not use', () => {
    expect(
      describeReportFilter(
        { from: '', to: '', siteId: null, clinicianId: null, priority: null },
        names,
        ['priority'],
      ),
    ).toBe('Any date · All sites · All clinicians');
  });
});
