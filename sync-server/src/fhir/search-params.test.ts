import { describe, expect, it } from 'vitest';
import { parseDateValue, parseReference, parseTokens, SearchError } from './search-params.ts';

describe('parseDateValue', () => {
  it.each([
    ['ge2026-12-01', [{ op: '>=', key: '2026-12-01T00:00' }]],
    ['lt2026-12-08', [{ op: '<', key: '2026-12-08T00:00' }]],
    ['gt2026-12-01', [{ op: '>=', key: '2026-12-02T00:00' }]],
    ['le2026-12-07', [{ op: '<', key: '2026-12-08T00:00' }]],
    [
      '2026-12-01',
      [
        { op: '>=', key: '2026-12-01T00:00' },
        { op: '<', key: '2026-12-02T00:00' },
      ],
    ],
    [
      'eq2026-12',
      [
        { op: '>=', key: '2026-12-01T00:00' },
        { op: '<', key: '2027-01-01T00:00' },
      ],
    ],
    ['ge2026', [{ op: '>=', key: '2026-01-01T00:00' }]],
    // A summer instant in UTC is an hour later on London's clocks.
    ['ge2026-06-01T08:00:00Z', [{ op: '>=', key: '2026-06-01T09:00' }]],
    ['lt2026-06-01T09:30:00+01:00', [{ op: '<', key: '2026-06-01T09:30' }]],
  ])('%s means %j', (raw, bounds) => {
    expect(parseDateValue(raw)).toEqual(bounds);
  });

  it.each([
    'ge01/12/2026',
    'ge2026-12-01T09:00',
    'sa2026-12-01',
    'ne2026-12-01',
    'ge2026-13-01',
    '',
  ])('refuses %j', (raw) => {
    expect(() => parseDateValue(raw)).toThrow(SearchError);
  });
});

describe('parseReference', () => {
  it.each([
    ['Patient/pat-1', 'pat-1'],
    ['pat-1', 'pat-1'],
    ['https://desk.example/api/fhir/r4/Patient/pat-1', 'pat-1'],
  ])('reads %s as the id %s', (raw, id) => {
    expect(parseReference(raw, 'Patient')).toBe(id);
  });

  it.each(['Practitioner/clin-1', 'Patient/a,Patient/b', 'Patient/a b'])('refuses %s', (raw) => {
    expect(() => parseReference(raw, 'Patient')).toThrow(SearchError);
  });
});

describe('parseTokens', () => {
  it('reads a comma list of allowed codes and refuses others', () => {
    expect(parseTokens('free,busy', ['free', 'busy'], 'status')).toEqual(['free', 'busy']);
    expect(() => parseTokens('open', ['free', 'busy'], 'status')).toThrow(
      'status must be one of free, busy',
    );
  });
});
