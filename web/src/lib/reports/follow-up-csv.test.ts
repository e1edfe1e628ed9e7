import { describe, expect, it } from 'vitest';
import type { FollowUpLine } from '$lib/db/follow-up-queries.ts';
import { followUpCsv } from './follow-up-csv.ts';

const LINE = {
  referral: {
    id: 'ref-1',
    followUpDueDate: '2026-11-20',
    siteId: 'site-ktc',
    clinicianId: 'clin-1',
    priority: 'two-week-wait',
  },
  patient: { givenName: 'Ruby', familyName: 'Ashdown', nhsNumber: '9990002150' },
  state: 'booked',
  booked: { date: '2027-01-13', startTime: '15:40' },
  bookFrom: null,
} as unknown as FollowUpLine;

describe('the waiting-for-review list as CSV', () => {
  it('gives each line its due date, state, patient, priority, site, clinician and booking', () => {
    const csv = followUpCsv(
      [LINE],
      new Map([['site-ktc', { name: 'Kidderminster Treatment Centre' }]]),
      new Map([['clin-1', { name: 'Dr Nadia Petrova' }]]),
    );
    expect(csv.trimEnd().split('\r\n')[1]).toBe(
      '"20/11/2026","Booked","ASHDOWN, Ruby","999 000 2150","Two-week wait",' +
        '"Kidderminster Treatment Centre","Dr Nadia Petrova","13/01/2027 15:40"',
    );
  });

  it('leaves the due date and booking blank when there are none', () => {
    const line = {
      ...LINE,
      referral: { ...LINE.referral, followUpDueDate: null },
      state: 'no-date',
      booked: undefined,
    } as unknown as FollowUpLine;
    const row = followUpCsv([line], new Map(), new Map()).trimEnd().split('\r\n')[1];
    expect(row).toMatch(/^"","No due date",/);
    // An unknown clinician is blank and an unknown site keeps its code, never a wrong name.
    expect(row!.endsWith('"site-ktc","",""')).toBe(true);
  });
});
