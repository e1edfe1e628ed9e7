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
