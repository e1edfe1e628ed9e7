import { describe, expect, it } from 'vitest';
import type { ClinicSession, Recurrence, TemplateChangePlan } from '@clinicdesk/domain';
import {
  describeChangePlan,
  describeRecurrence,
  describeValidity,
  listInWords,
} from './schedule-words.ts';

describe('schedule words', () => {
  it.each<[Recurrence, string]>([
    [{ kind: 'weekly' }, 'Every Tuesday'],
    [
      { kind: 'alternate', anchor: '2026-12-01' },
      'Alternate Tuesdays, counting from the week of 01/12/2026',
    ],
    [{ kind: 'monthly', weeks: [3, 1] }, '1st and 3rd Tuesday of the month'],
    [{ kind: 'monthly', weeks: [5] }, '5th Tuesday of the month'],
  ])('says %o as %s', (recurrence, words) => {
    expect(describeRecurrence({ weekday: 2, recurrence })).toBe(words);
  });

  it.each([
    ['2026-12-01', '2027-03-31', '01/12/2026 to 31/03/2027'],
    ['2026-12-01', null, 'From 01/12/2026'],
    [null, '2027-03-31', 'Until 31/03/2027'],
    [null, null, 'No end date'],
  ])('says the dates %s–%s as %s', (from, to, words) => {
    expect(describeValidity(from, to)).toBe(words);
  });

  it('lists in words', () => {
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('says what a template change does before and after saving', () => {
    const session = { id: 's' } as ClinicSession;
    const plan: TemplateChangePlan = {
      rewritten: [
        { session, slots: [] },
        { session, slots: [] },
      ],
      withdrawn: [session],
      added: [],
      kept: [{ session, reason: 'it is cancelled' }],
    };
    expect(describeChangePlan(plan, 'will')).toBe(
      'Saving will change clinics from tomorrow on: 2 clinics rewritten and 1 clinic withdrawn (cancelled, no one was booked). 1 clinic will stay as it was.',
    );
    expect(describeChangePlan({ ...plan, rewritten: [], withdrawn: [] }, 'did')).toBe(
      'No clinics from tomorrow on changed. 1 clinic stayed as it was.',
    );
  });
});
