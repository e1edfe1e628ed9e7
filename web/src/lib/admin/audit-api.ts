import type { CalendarDate } from '@clinicdesk/domain';
import { requestServerJson, type Failure } from './server-json.ts';

/** One line of the audit trail, as the server sends it. */
export interface AuditEntry {
  id: number;
  /** When the server wrote it down: later than `happenedAt` for an edit synced from offline. */
  recordedAt: string;
  happenedAt: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  deviceId: string | null;
  action: string;
  outcome: string;
  entityTable: string | null;
  entityId: string | null;
  patientId: string | null;
  before: unknown;
  after: unknown;
  detail: string | null;
}

/** What to look for; blank filters are left out. `to` includes the whole of that day. */
export interface AuditQuery {
  patientId?: string;
  userId?: string;
  from?: CalendarDate;
  to?: CalendarDate;
  limit?: number;
}

export const AUDIT_OFFLINE = 'You are offline: searching the audit needs the network';

/** The address of an audit search, with only the filters that were filled in. */
export function auditSearchUrl(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const text = String(value ?? '').trim();
    if (text) params.set(name, text);
  }
  const search = params.toString();
  return search ? `/api/audit?${search}` : '/api/audit';
}

/** Searches the audit trail, newest first (managers only). */
export async function searchAudit(
  query: AuditQuery,
  fetchFn: typeof fetch = fetch,
): Promise<{ ok: true; events: AuditEntry[] } | Failure> {
  const answer = await requestServerJson<{ events: AuditEntry[] }>(
    fetchFn,
    auditSearchUrl(query),
    {},
    AUDIT_OFFLINE,
  );
  return answer.ok ? { ok: true, events: answer.body.events } : answer;
}
