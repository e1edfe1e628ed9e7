import type { ImportKind, ImportPlan } from '@clinicdesk/domain';
import { requestServerJson, type Failure } from './server-json.ts';

/** The server's answer to a check or an import: each row's plan, and the digest to import with. */
export type ImportReport = Omit<ImportPlan, 'writes'> & { digest: string; applied?: true };

export const IMPORT_OFFLINE = 'You are offline: importing a file needs the network';

/**
 * Sends a PAS extract to the server: `dry-run` checks it and changes nothing, `apply` imports
 * it whole, only if its plan is still the one checked (the digest). Managers only.
 */
export async function sendImport(
  kind: ImportKind,
  file: Blob,
  mode: { dryRun: true } | { digest: string },
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true; report: ImportReport } | Failure> {
  const query =
    'digest' in mode ? `mode=apply&digest=${encodeURIComponent(mode.digest)}` : 'mode=dry-run';
  const answer = await requestServerJson<ImportReport>(
    fetchFn,
    `/api/import/${kind}?${query}`,
    { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: file },
    IMPORT_OFFLINE,
  );
  return answer.ok ? { ok: true, report: answer.body } : answer;
}
