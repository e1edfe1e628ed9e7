import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClinicDeskDatabase } from '../db/database.ts';
import { cachedTeam, refreshTeam, refreshTeamIfStale, taskHolders } from './team.ts';

// Issue 8: the team list a device keeps for assigning work offline.

const TEAM = [
  {
    id: 'u-colin',
    displayName: 'Colin Co-ordinator',
    role: 'booking-coordinator',
    siteIds: ['s1'],
  },
  { id: 'u-cleo', displayName: 'Dr Cleo Clinician', role: 'clinician', siteIds: ['s1'] },
  { id: 'u-rita', displayName: 'Rita Reception', role: 'receptionist', siteIds: ['s1'] },
  { id: 'u-mina', displayName: 'Mina Manager', role: 'manager', siteIds: ['s1'] },
];
const NOW = new Date('2026-11-24T09:00:00Z');
let db: ClinicDeskDatabase;
let calls = 0;

const answering =
  (body: unknown, status = 200): typeof fetch =>
  async () => {
    calls += 1;
    return new Response(JSON.stringify(body), { status });
  };
const offline: typeof fetch = async () => {
  calls += 1;
  throw new TypeError('Failed to fetch');
};

beforeEach(() => {
  db = new ClinicDeskDatabase(`team-${crypto.randomUUID()}`);
  calls = 0;
});
afterEach(() => db.delete());

describe('the cached team', () => {
  it('keeps the server’s list per user, and keeps it when offline', async () => {
    expect(await refreshTeam(db, 'u-colin', NOW, answering({ team: TEAM }))).toBe(true);
    expect((await cachedTeam(db, 'u-colin'))?.members).toHaveLength(4);
    expect(await cachedTeam(db, 'u-mina')).toBeNull();
    expect(await refreshTeam(db, 'u-colin', NOW, offline)).toBe(false);
    expect((await cachedTeam(db, 'u-colin'))?.fetchedAt).toBe(NOW.toISOString());
  });

  it('ignores an answer it cannot read or a refusal, rather than losing the list', async () => {
    await refreshTeam(db, 'u-colin', NOW, answering({ team: TEAM }));
    expect(await refreshTeam(db, 'u-colin', NOW, answering({ team: [{ id: 1 }] }))).toBe(false);
    expect(await refreshTeam(db, 'u-colin', NOW, answering({ error: 'x' }, 403))).toBe(false);
    expect((await cachedTeam(db, 'u-colin'))?.members).toHaveLength(4);
  });

  it('asks the server again only when the list is over an hour old', async () => {
    await refreshTeamIfStale(db, 'u-colin', NOW, answering({ team: TEAM }));
    await refreshTeamIfStale(
      db,
      'u-colin',
      new Date('2026-11-24T09:59:00Z'),
      answering({ team: TEAM }),
    );
    expect(calls).toBe(1);
    await refreshTeamIfStale(
      db,
      'u-colin',
      new Date('2026-11-24T10:01:00Z'),
      answering({ team: TEAM }),
    );
    expect(calls).toBe(2);
  });

  it('offers tasks only to those whose role finishes them: the booking office and managers', async () => {
    await refreshTeam(db, 'u-colin', NOW, answering({ team: TEAM }));
    expect(taskHolders(await cachedTeam(db, 'u-colin')).map((m) => m.id)).toEqual([
      'u-colin',
      'u-mina',
    ]);
  });
});
