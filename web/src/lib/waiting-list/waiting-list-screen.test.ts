import { describe, expect, it } from 'vitest';
import { generateDepartment, prioritiseWaitingList } from '@clinicdesk/domain';
import { waitingListScreen } from './waiting-list-screen.ts';

const TODAY = '2026-11-24';
const WHOLE = prioritiseWaitingList(
  generateDepartment({ seed: 5, today: TODAY, referrals: 300 }).referrals,
  TODAY,
);
const FIRST = WHOLE.slice(0, 50);
const base = {
  first: FIRST,
  wholeRead: false,
  filtered: [],
  narrowed: false,
  searching: false,
  shown: 50,
};

describe('the waiting list screen while the whole list is read (issue 10)', () => {
  it('shows the first screen, with no total yet and nothing more to show', () => {
    expect(waitingListScreen(base)).toEqual({
      kind: 'lines',
      visible: FIRST,
      total: null,
      more: false,
    });
  });

  it('never says nobody matches before the whole list has answered', () => {
    for (const first of [null, [], FIRST])
      for (const narrowed of [false, true])
        expect(waitingListScreen({ ...base, first, narrowed }).kind).not.toBe('nobody');
  });

  it('says it is opening when a filter is set or the first screen is not read yet', () => {
    expect(waitingListScreen({ ...base, narrowed: true }).kind).toBe('opening');
    expect(waitingListScreen({ ...base, first: null }).kind).toBe('opening');
    // No line is certain from the oldest pathways alone: the whole list decides.
    expect(waitingListScreen({ ...base, first: [] }).kind).toBe('opening');
  });
});

describe('the waiting list screen once the whole list is read', () => {
  const read = { ...base, wholeRead: true, filtered: WHOLE };

  it('shows a page of the list with its total and more to show', () => {
    expect(waitingListScreen(read)).toEqual({
      kind: 'lines',
      visible: WHOLE.slice(0, 50),
      total: WHOLE.length,
      more: WHOLE.length > 50,
    });
  });

  it('says nobody matches when the filter leaves nobody', () => {
    expect(waitingListScreen({ ...read, filtered: [], narrowed: true }).kind).toBe('nobody');
  });

  it('says it is searching while a search opens the patients', () => {
    expect(waitingListScreen({ ...read, searching: true }).kind).toBe('searching');
  });
});
