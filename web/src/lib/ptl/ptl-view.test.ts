import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, isEmptyFilter, MAX_FILTER_WEEKS, parseMinWeeks } from './ptl-view.ts';

describe('the PTL’s “waited at least (weeks)” filter as typed', () => {
  it('takes whole weeks from 0 to the most, with spaces around them', () => {
    expect(parseMinWeeks('')).toEqual({ minWeeks: '', error: null });
    expect(parseMinWeeks('   ')).toEqual({ minWeeks: '', error: null });
    for (let weeks = 0; weeks <= MAX_FILTER_WEEKS; weeks++) {
      expect(parseMinWeeks(` ${weeks} `)).toEqual({ minWeeks: weeks, error: null });
    }
    expect(parseMinWeeks('052')).toEqual({ minWeeks: 52, error: null });
  });

  it('applies no minimum, and says why, for anything else', () => {
    for (const typed of ['-7', '201', '3.5', '1e2', 'twelve', '12 weeks', '+5', '0x10', '9999']) {
      const { minWeeks, error } = parseMinWeeks(typed);
      expect(minWeeks, typed).toBe('');
      expect(error, typed).toBe(
        'Enter whole weeks from 0 to 200: no minimum wait is applied until then',
      );
    }
  });
});

describe('an empty PTL filter', () => {
  it('is the empty filter alone: any one field set makes it a filter', () => {
    expect(isEmptyFilter({ ...EMPTY_FILTER })).toBe(true);
    expect(isEmptyFilter({ ...EMPTY_FILTER, minWeeks: null })).toBe(true);
    const set = {
      priority: 'urgent',
      stage: 'waiting',
      siteId: 's',
      clinicianId: 'c',
      flag: 'breached',
      minWeeks: 0,
      treatByOnOrBefore: '2026-12-01',
      nextOnOrBefore: '2026-12-01',
      comment: 'x',
      text: 'x',
    } as const;
    for (const [k, v] of Object.entries(set)) {
      expect(isEmptyFilter({ ...EMPTY_FILTER, [k]: v }), k).toBe(false);
    }
  });
});
