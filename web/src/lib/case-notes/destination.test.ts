import { afterEach, describe, expect, it } from 'vitest';
import {
  destinationOf,
  rememberChoice,
  rememberedChoice,
  type DestinationChoice,
} from './destination.ts';

const CHOICE: DestinationChoice = {
  kind: 'clinic',
  date: '2026-11-25',
  sessionId: 'ses-1',
  siteId: 'site-ktc',
  name: '',
};

afterEach(() => sessionStorage.clear());

describe('the tracking screen’s destination', () => {
  it.each<[string, Partial<DestinationChoice>, unknown]>([
    ['a chosen clinic', {}, { kind: 'clinic', sessionId: 'ses-1' }],
    ['no clinic yet', { sessionId: '' }, 'Choose the clinic the notes are going to'],
    ['a library', { kind: 'library' }, { kind: 'library', siteId: 'site-ktc' }],
    ['a secretary without a name', { kind: 'secretary', name: ' ' }, 'Give the secretary’s name'],
    ['a named person', { kind: 'person', name: ' Dr Lee ' }, { kind: 'person', name: 'Dr Lee' }],
  ])('sends %s', (_, change, expected) => {
    expect(destinationOf({ ...CHOICE, ...change })).toEqual(expected);
  });

  it('remembers the choice for the session, but not a clinic of a day gone by', () => {
    const fallback = { ...CHOICE, sessionId: '', date: '2026-11-27' };
    expect(rememberedChoice(fallback, '2026-11-25')).toEqual(fallback);
    rememberChoice(CHOICE);
    expect(rememberedChoice(fallback, '2026-11-25')).toEqual(CHOICE);
    expect(rememberedChoice(fallback, '2026-11-26')).toEqual({
      ...CHOICE,
      date: '2026-11-27',
      sessionId: '',
    });
  });
});
