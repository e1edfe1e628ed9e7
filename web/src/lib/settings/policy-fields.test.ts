import { describe, expect, it } from 'vitest';
import { formatSettingsValue, settingsFieldLabel } from './policy-fields.ts';

describe('the settings change history in words', () => {
  it.each<[unknown, string]>([
    [21, '21'],
    [undefined, 'not set'],
    [[], 'none'],
    [
      [
        { date: '2026-12-29', reason: 'Trust training day' },
        { date: '2027-01-04', reason: 'Estates work' },
      ],
      '29/12/2026 (Trust training day); 04/01/2027 (Estates work)',
    ],
  ])('shows %j as “%s”', (value, words) => {
    expect(formatSettingsValue(value)).toBe(words);
  });

  it('names a field in words, and an unknown one as it is', () => {
    expect(settingsFieldLabel('reasonableNoticeDays')).toBe('Days of reasonable notice');
    expect(settingsFieldLabel('somethingNew')).toBe('somethingNew');
  });
});
