import type { CalendarDate, NotesDestination } from '@clinicdesk/domain';

/** What the clerk chose on the tracking screen; kept while they scan volume after volume. */
export interface DestinationChoice {
  kind: NotesDestination['kind'];
  /** The day whose clinics are offered (tomorrow's, for pulling notes the day before). */
  date: CalendarDate;
  sessionId: string;
  siteId: string;
  name: string;
}

export const DESTINATION_KINDS: { kind: NotesDestination['kind']; label: string }[] = [
  { kind: 'clinic', label: 'A clinic' },
  { kind: 'library', label: 'Medical records library' },
  { kind: 'secretary', label: 'A secretary' },
  { kind: 'person', label: 'A named person' },
];

/** The destination to send with each scan, or what is still to choose, in the clerk's words. */
export function destinationOf(choice: DestinationChoice): NotesDestination | string {
  switch (choice.kind) {
    case 'clinic':
      return choice.sessionId
        ? { kind: 'clinic', sessionId: choice.sessionId }
        : 'Choose the clinic the notes are going to';
    case 'library':
      return choice.siteId
        ? { kind: 'library', siteId: choice.siteId }
        : 'Choose the site whose library the notes are going to';
    case 'secretary':
      return choice.name.trim()
        ? { kind: 'secretary', name: choice.name.trim(), siteId: choice.siteId || null }
        : 'Give the secretary’s name';
    case 'person':
      return choice.name.trim()
        ? { kind: 'person', name: choice.name.trim() }
        : 'Give the name of the person taking the notes';
  }
}

const KEY = 'clinicdesk.caseNotes.destination';

/**
 * The destination chosen earlier in this browsing session, if any; a clinic of a day gone by
 * is forgotten, so that a tab left open overnight does not send notes to yesterday's clinic.
 */
export function rememberedChoice(
  fallback: DestinationChoice,
  today: CalendarDate,
): DestinationChoice {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as DestinationChoice | null;
    if (!saved) return fallback;
    return saved.date < today
      ? { ...fallback, ...saved, date: fallback.date, sessionId: '' }
      : { ...fallback, ...saved };
  } catch {
    return fallback;
  }
}

/** Keeps the destination for this browsing session (not on disk beyond the tab). */
export function rememberChoice(choice: DestinationChoice): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(choice));
  } catch {
    // Private browsing may refuse storage: the choice then lasts while the page is open.
  }
}
