import type { ClinicSession } from '../clinics/clinic.ts';
import type { CaseNoteVolume } from './case-notes.ts';

/**
 * Where a volume stands for a clinic: already there, in the clinic site's library (to pull),
 * somewhere else (to chase), or missing.
 */
export type VolumeStatus = 'at-clinic' | 'in-library' | 'elsewhere' | 'missing';

/** A patient's notes for a clinic: the worst of their volumes, or none tracked at all. */
export type NotesStatus = VolumeStatus | 'not-tracked';

export const NOTES_STATUS_LABELS: Record<NotesStatus, string> = {
  'at-clinic': 'Notes at clinic',
  'in-library': 'Notes in library',
  elsewhere: 'Notes elsewhere',
  missing: 'Notes missing',
  'not-tracked': 'No notes tracked',
};

/**
 * Where one volume stands for a clinic (issue 8, notes pull list). Flagged (needing someone to
 * act beyond pulling from the shelf) when neither at that clinic nor in its site's library.
 */
export function volumeStatusFor(
  volume: CaseNoteVolume,
  session: Pick<ClinicSession, 'id' | 'siteId'>,
): VolumeStatus {
  const at = volume.location;
  if (at.kind === 'missing') return 'missing';
  if (at.kind === 'clinic' && at.sessionId === session.id) return 'at-clinic';
  if (at.kind === 'library' && at.siteId === session.siteId) return 'in-library';
  return 'elsewhere';
}

const SEVERITY: readonly NotesStatus[] = [
  'at-clinic',
  'in-library',
  'elsewhere',
  'not-tracked',
  'missing',
];

/**
 * A patient's notes for a clinic: the worst status of their volumes (every volume goes to
 * clinic), 'not-tracked' when they have none on record.
 */
export function notesStatusFor(
  volumes: readonly CaseNoteVolume[],
  session: Pick<ClinicSession, 'id' | 'siteId'>,
): NotesStatus {
  if (volumes.length === 0) return 'not-tracked';
  return volumes
    .map((v) => volumeStatusFor(v, session))
    .reduce((worst, s) => (SEVERITY.indexOf(s) > SEVERITY.indexOf(worst) ? s : worst));
}

/** True when a status needs someone to find the notes before clinic (the clinic list flag). */
export function isNotesFlagged(status: NotesStatus): boolean {
  return status === 'elsewhere' || status === 'missing' || status === 'not-tracked';
}
