import { describe, expect, it } from 'vitest';
import { canSeeReligion, ROLES, rowForRole } from '@clinicdesk/domain';
import type { RawChange } from '../db/rows.ts';
import { pullBody } from './pull-body.ts';

const admission = {
  id: 'adm-1',
  listId: 'list-1',
  religion: { religion: 'Quaker', chaplaincyConsent: true },
  note: 'Prefers a morning list — “first on”',
};
const slot = { id: 'slot-1', siteId: 'site-a', date: '2026-12-07', status: 'free' };

function page(changes: RawChange[]) {
  return { changes, cursor: 9, hasMore: false, total: changes.length, lastSeq: 4 };
}

describe('a pull’s answer as bytes (issue 10)', () => {
  it('is the JSON of the page, with religion left out for every role that may not see it', () => {
    for (const role of ROLES) {
      const changes: RawChange[] = [
        { table: 'slots', id: slot.id, version: 7, data: JSON.stringify(slot) },
        { table: 'admissions', id: admission.id, version: 8, data: JSON.stringify(admission) },
        { table: 'slots', id: 'slot-gone', version: 9, data: null },
      ];
      const parsed: unknown = JSON.parse(Buffer.from(pullBody(page(changes), role)).toString());
      expect(parsed, role).toEqual({
        changes: [
          { table: 'slots', id: slot.id, version: 7, row: slot },
          {
            table: 'admissions',
            id: admission.id,
            version: 8,
            row: rowForRole('admissions', admission as never, role),
          },
          { table: 'slots', id: 'slot-gone', version: 9, row: null },
        ],
        cursor: 9,
        hasMore: false,
        total: 3,
        lastSeq: 4,
      });
      const sent = (parsed as { changes: { row: typeof admission }[] }).changes[1]!.row;
      expect(sent.religion === null, role).toBe(!canSeeReligion(role));
    }
  });

  it('encodes a change from the tail once, and keeps the redacted bytes apart from the whole', () => {
    const change: RawChange = {
      table: 'admissions',
      id: admission.id,
      version: 8,
      data: JSON.stringify(admission),
      wire: {},
    };
    const seeing = ROLES.find(canSeeReligion)!;
    const notSeeing = ROLES.find((r) => !canSeeReligion(r))!;
    pullBody(page([change]), seeing);
    const whole = change.wire!.whole;
    pullBody(page([change]), notSeeing);
    expect(change.wire!.whole).toBe(whole);
    expect(Buffer.from(change.wire!.redacted!).toString()).not.toContain('Quaker');
    const again = Buffer.from(pullBody(page([change]), notSeeing)).toString();
    expect(again).not.toContain('Quaker');
    expect(Buffer.from(pullBody(page([change]), seeing)).toString()).toContain('Quaker');
  });

  it('says afresh when the device must start again', () => {
    const body = pullBody({ ...page([]), cursor: 0, afresh: true }, 'receptionist');
    expect(JSON.parse(Buffer.from(body).toString())).toEqual({
      changes: [],
      cursor: 0,
      hasMore: false,
      total: 0,
      lastSeq: 4,
      afresh: true,
    });
  });
});
