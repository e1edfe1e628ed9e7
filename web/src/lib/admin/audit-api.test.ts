import { describe, expect, it, vi } from 'vitest';
import { auditSearchUrl, searchAudit, type AuditEntry, type AuditQuery } from './audit-api.ts';

const signIn: AuditEntry = {
  id: 7,
  recordedAt: '2026-07-01T08:30:00Z',
  happenedAt: '2026-07-01T08:30:00Z',
  userId: 'user-1',
  username: 'amelia.ashdown',
  role: 'manager',
  deviceId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  action: 'auth.sign-in',
  outcome: 'signed-in',
  entityTable: null,
  entityId: null,
  patientId: null,
  before: null,
  after: null,
  detail: null,
};

describe('audit-api', () => {
  it.each<{ query: AuditQuery; url: string }>([
    { query: {}, url: '/api/audit' },
    { query: { patientId: 'pat-42' }, url: '/api/audit?patientId=pat-42' },
    { query: { userId: 'user-1', limit: 200 }, url: '/api/audit?userId=user-1&limit=200' },
    {
      query: { patientId: '  ', userId: '', from: '2026-07-01', to: '2026-07-31' },
      url: '/api/audit?from=2026-07-01&to=2026-07-31',
    },
    { query: { patientId: ' pat 42&x=1 ' }, url: '/api/audit?patientId=pat+42%26x%3D1' },
  ])('asks for $url when the filters are $query', ({ query, url }) => {
    expect(auditSearchUrl(query)).toBe(url);
  });

  it('searches with the session cookie and gives back the events', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () => Response.json({ events: [signIn] }));
    expect(await searchAudit({ userId: 'user-1', from: '2026-07-01' }, fetchFn)).toEqual({
      ok: true,
      events: [signIn],
    });
    expect(fetchFn).toHaveBeenCalledWith(
      '/api/audit?userId=user-1&from=2026-07-01',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
  });

  it('gives the server’s words when it refuses the search', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () =>
      Response.json({ error: 'Your role does not allow this' }, { status: 403 }),
    );
    expect(await searchAudit({}, fetchFn)).toEqual({
      ok: false,
      message: 'Your role does not allow this',
    });
  });

  it('says the network is needed when the device is offline', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await searchAudit({}, fetchFn)).toEqual({
      ok: false,
      message: 'You are offline: searching the audit needs the network',
    });
  });
});
