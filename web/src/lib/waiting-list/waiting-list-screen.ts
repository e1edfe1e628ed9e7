import type { WaitingListEntry } from '@clinicdesk/domain';

/** What the waiting list page shows. */
export type WaitingListScreen =
  | { kind: 'opening' }
  | { kind: 'searching' }
  | { kind: 'nobody' }
  /** `total` is null while only the first screen is known. */
  | { kind: 'lines'; visible: WaitingListEntry[]; total: number | null; more: boolean };

/**
 * The waiting list's screen (issue 10). Until the whole list has been read, its first screen
 * (`waitingFirstScreen`) stands in for it when nothing filters it, with no total yet; a filter or
 * a search waits for the whole list. "Nobody matches" is said only once the whole list has
 * answered: never while it is still being read.
 */
export function waitingListScreen(input: {
  /** The first screen, or null until it has been read. */
  first: readonly WaitingListEntry[] | null;
  /** Whether the whole list has been read and answers the current question. */
  wholeRead: boolean;
  /** The whole list with the priority filter and the search applied. */
  filtered: readonly WaitingListEntry[];
  /** A priority or a search narrows the list. */
  narrowed: boolean;
  /** A search is waiting for the patients it looks through. */
  searching: boolean;
  shown: number;
}): WaitingListScreen {
  const { first, wholeRead, filtered, narrowed, searching, shown } = input;
  if (searching) return { kind: 'searching' };
  if (!wholeRead) {
    return !narrowed && first && first.length > 0
      ? { kind: 'lines', visible: first.slice(0, shown), total: null, more: false }
      : { kind: 'opening' };
  }
  if (filtered.length === 0) return { kind: 'nobody' };
  return {
    kind: 'lines',
    visible: filtered.slice(0, shown),
    total: filtered.length,
    more: shown < filtered.length,
  };
}
