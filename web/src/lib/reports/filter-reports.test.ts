import { describe, expect, it } from 'vitest';
import type { FollowUpLine } from '$lib/db/follow-up-queries.ts';
import type { ChaplaincyRow, ReportList } from '$lib/db/day-case-queries.ts';
import { filterChaplaincy, filterDayCaseLists, filterFollowUps } from './filter-reports.ts';
import type { ReportFilterState } from './report-filter.ts';

const ANY: ReportFilterState = {
  from: '',
  to: '',
  siteId: null,
  clinicianId: null,
  priority: null,
};

function followUp(
  id: string,
  due: string | null,
  siteId: string,
  clinicianId: string | null,
  priority: string | null,
): FollowUpLine {
  return {
    referral: { id, followUpDueDate: due, siteId, clinicianId, priority },
    patient: undefined,
    state: 'overdue',
    booked: undefined,
    bookFrom: null,
  } as unknown as FollowUpLine;
}

const FOLLOW_UPS = [
  followUp('a', '2026-03-02', 'ktc', 'c-1', 'urgent'),
  followUp('b', '2026-03-20', 'ktc', 'c-2', 'routine'),
  followUp('c', '2026-04-10', 'wrh', 'c-1', 'routine'),
  followUp('d', null, 'wrh', null, null),
];

describe('filtering the waiting-for-review list', () => {
  it.each<[string, Partial<ReportFilterState>, string[]]>([
    ['no filter', {}, ['a', 'b', 'c', 'd']],
    ['due from', { from: '2026-03-10' }, ['b', 'c']],
    ['due by', { to: '2026-03-20' }, ['a', 'b']],
    ['due in a range', { from: '2026-03-03', to: '2026-04-01' }, ['b']],
    ['site', { siteId: 'wrh' }, ['c', 'd']],
    ['clinician', { clinicianId: 'c-1' }, ['a', 'c']],
    ['priority', { priority: 'routine' }, ['b', 'c']],
    ['site and clinician', { siteId: 'ktc', clinicianId: 'c-1' }, ['a']],
  ])('by %s', (_, filter, ids) => {
    expect(filterFollowUps(FOLLOW_UPS, { ...ANY, ...filter }).map((l) => l.referral.id)).toEqual(
      ids,
    );
  });
});

function dayCaseList(
  id: string,
  date: string,
  siteId: string,
  clinicianId: string,
  priorities: string[],
): ReportList {
  return {
    list: { id, date, siteId, clinicianId },
    use: {
      used: priorities.length,
      total: 6,
      remaining: 6 - priorities.length,
      unit: 'procedures',
    },
    patients: priorities.map((priority, i) => ({
      admission: { id: `${id}-${i}` },
      patient: undefined,
      referral: { dayCase: { priority } },
    })),
  } as unknown as ReportList;
}

const LISTS = [
  dayCaseList('l1', '2026-03-02', 'ktc', 's-1', ['P1', 'P3']),
  dayCaseList('l2', '2026-03-04', 'wrh', 's-2', ['P3']),
  dayCaseList('l3', '2026-03-09', 'wrh', 's-1', []),
];

describe('filtering day-case lists', () => {
  it.each<[string, Partial<ReportFilterState>, string[]]>([
    ['no filter', {}, ['l1', 'l2', 'l3']],
    ['dates', { from: '2026-03-03', to: '2026-03-08' }, ['l2']],
    ['site', { siteId: 'wrh' }, ['l2', 'l3']],
    ['surgeon', { clinicianId: 's-1' }, ['l1', 'l3']],
    ['surgical priority', { priority: 'P3' }, ['l1', 'l2']],
  ])('by %s', (_, filter, ids) => {
    expect(filterDayCaseLists(LISTS, { ...ANY, ...filter }).map((r) => r.list.id)).toEqual(ids);
  });

  it('keeps only the patients of the chosen priority, and the list’s whole capacity', () => {
    const [l1] = filterDayCaseLists(LISTS, { ...ANY, priority: 'P1' });
    expect(l1!.patients.map((p) => p.admission.id)).toEqual(['l1-0']);
    expect(l1!.use.used).toBe(2);
  });
});

function chaplaincy(id: string, tciDate: string, siteId: string, surgeon: string): ChaplaincyRow {
  return {
    admission: { id, tciDate, siteId },
    religion: 'Roman Catholic',
    patient: undefined,
    list: { clinicianId: surgeon },
  } as unknown as ChaplaincyRow;
}

describe('filtering the chaplaincy list', () => {
  const rows = [
    chaplaincy('x', '2026-03-02', 'ktc', 's-1'),
    chaplaincy('y', '2026-03-05', 'wrh', 's-2'),
  ];
  it.each<[string, Partial<ReportFilterState>, string[]]>([
    ['no filter', {}, ['x', 'y']],
    ['dates', { from: '2026-03-03' }, ['y']],
    ['site', { siteId: 'ktc' }, ['x']],
    ['surgeon', { clinicianId: 's-2' }, ['y']],
  ])('by %s', (_, filter, ids) => {
    expect(filterChaplaincy(rows, { ...ANY, ...filter }).map((r) => r.admission.id)).toEqual(ids);
  });
});
