import type { SyncStatus } from './sync-status.svelte.ts';

/**
 * Records every view of a patient's record on a screen (issue 3), offline too: it syncs like an
 * edit. Call from a component's script; records again only when the patient shown changes.
 */
export function auditPatientView(
  sync: Pick<SyncStatus, 'edit'>,
  patientId: () => string | undefined,
  screen: string,
): void {
  let viewed = '';
  $effect(() => {
    const id = patientId();
    if (id && id !== viewed) {
      viewed = id;
      void sync.edit('patient.viewed', { patientId: id, screen });
    }
  });
}

/**
 * Records a view of each patient on a screen that lists several (a printed clinic list): each
 * patient once while the screen is open, and any patient who joins the list later.
 */
export function auditPatientViews(
  sync: Pick<SyncStatus, 'edit'>,
  patientIds: () => readonly string[],
  screen: string,
): void {
  // Bookkeeping, not state: nothing on screen depends on it.
  const viewed: Record<string, true> = {};
  $effect(() => {
    for (const id of patientIds()) {
      if (viewed[id]) continue;
      viewed[id] = true;
      void sync.edit('patient.viewed', { patientId: id, screen });
    }
  });
}
