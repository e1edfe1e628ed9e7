import { describe, expect, it } from 'vitest';
import { runMutation } from './registry.ts';
import { buildTables, CTX, readStateOver, type Tables } from './fixtures.test-support.ts';

/** The department with three sites, Amelia able to come at short notice to `siteIds`. */
function department(siteIds: string[]): Tables {
  const tables = buildTables();
  tables.sites = [
    { id: 'site-wrh', name: 'Worcestershire Royal Hospital', code: 'WRH' },
    { id: 'site-ag', name: 'Alexandra Hospital', code: 'AG' },
    { id: 'site-ktc', name: 'Kidderminster Treatment Centre', code: 'KTC' },
  ];
  tables.referrals = tables.referrals.map((r) =>
    r.id === 'ref-routine' ? { ...r, shortNotice: { siteIds, notedAt: '2026-02-01' } } : r,
  );
  return tables;
}

async function shortNoticeAfter(tables: Tables, siteIds: string[], held?: string[]) {
  const result = await runMutation(
    'referral.shortNotice',
    { referralId: 'ref-routine', siteIds },
    readStateOver(tables),
    held ? { ...CTX, siteIds: held } : CTX,
  );
  if (!result.ok) throw new Error(result.message);
  const row = result.changes.find((c) => c.table === 'referrals')?.row;
  return (row as { shortNotice: { siteIds: string[]; notedAt: string } | null }).shortNotice;
}

describe('referral.shortNotice', () => {
  it.each([
    // [noted before, editor works at, editor ticks, noted after]
    [['site-wrh', 'site-ktc'], ['site-wrh'], [], ['site-ktc']],
    [['site-ktc'], ['site-wrh'], ['site-wrh'], ['site-wrh', 'site-ktc']],
    [
      ['site-wrh', 'site-ag', 'site-ktc'],
      ['site-wrh', 'site-ag'],
      ['site-ag'],
      ['site-ag', 'site-ktc'],
    ],
    [['site-wrh'], ['site-wrh'], [], null],
  ])(
    'keeps the sites the editor does not work at (noted %j, editor at %j ticks %j)',
    async (before, held, ticked, after) => {
      const shortNotice = await shortNoticeAfter(department(before), ticked, held);
      expect(shortNotice?.siteIds ?? null).toEqual(after);
    },
  );

  it('replaces the whole list for an editor who works at every site', async () => {
    const all = ['site-wrh', 'site-ag', 'site-ktc'];
    const shortNotice = await shortNoticeAfter(department(['site-ktc']), ['site-ag'], all);
    expect(shortNotice).toEqual({ siteIds: ['site-ag'], notedAt: CTX.today });
  });

  it('refuses a site that is not on record, and changes nothing', async () => {
    const result = await runMutation(
      'referral.shortNotice',
      { referralId: 'ref-routine', siteIds: ['site-nowhere'] },
      readStateOver(department([])),
      CTX,
    );
    expect(result).toMatchObject({ ok: false, reason: 'unknown-site' });
  });
});
