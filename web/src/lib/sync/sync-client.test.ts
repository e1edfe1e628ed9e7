import { describe, expect, it } from 'vitest';
import Dexie, { type ObservabilitySet } from 'dexie';
import { generateDepartment, TABLE_NAMES, type Mutation, type RowChange } from '@clinicdesk/domain';
import { changedKeysOf } from '../db/kept.ts';
import { queueAnEdit, useTestDevice } from '../db/test-device.test-support.ts';
import { mutate, pendingEdits, recordDecisions } from './outbox.ts';
import { nextHlc } from './device-hlc.ts';
import { pagingServer } from './paging-server.test-support.ts';
import { syncOnce } from './sync-client.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 3, today: TODAY, referrals: 20 });
const PATIENT = DEPT.patients[0]!;
const CLIENT = 'device-a/user-1';

const db = useTestDevice(DEPT);

async function view(times: number) {
  for (let i = 0; i < times; i++) await queueAnEdit(db(), CLIENT, PATIENT.id, TODAY);
}

/**
 * The server's side of the push contract (sync-server apply-push.ts), at HTTP level: a seq
 * already decided is answered again, a gap answers 409 unless the push starts at `heldFrom`.
 * `lastSeq` starts where the server's database left this device.
 */
function serverAt(lastSeq: number, options: { alwaysGap?: boolean; rows?: RowChange[] } = {}) {
  const pushes: { seqs: number[]; heldFrom: number | undefined }[] = [];
  const pulls: number[] = [];
  const rows = options.rows ?? [];
  const fetchFn = (async (input: string, init?: RequestInit) => {
    if (!input.startsWith('/api/sync/push')) {
      const since = Number(new URL(input, 'http://desk').searchParams.get('since'));
      pulls.push(since);
      const changes = rows.filter((r) => r.version > since);
      const cursor = changes.at(-1)?.version ?? since;
      if (since > rows.length)
        return Response.json({
          cursor: 0,
          hasMore: true,
          total: 0,
          lastSeq,
          changes: [],
          afresh: true,
        });
      return Response.json({ cursor, hasMore: false, total: changes.length, lastSeq, changes });
    }
    const body = JSON.parse(String(init?.body)) as { mutations: Mutation[]; heldFrom?: number };
    const seqs = body.mutations.map((m) => m.seq);
    pushes.push({ seqs, heldFrom: body.heldFrom });
    const first = seqs.find((s) => s > lastSeq);
    if (options.alwaysGap || (first && first !== lastSeq + 1 && first !== body.heldFrom))
      return Response.json({ error: 'gap', lastSeq }, { status: 409 });
    const afresh = first !== undefined && first > lastSeq + 1;
    lastSeq = Math.max(lastSeq, ...seqs);
    const results = body.mutations.map((m) => ({ id: m.id, seq: m.seq, status: 'applied' }));
    return Response.json({ lastSeq, results, ...(afresh ? { afresh: true } : {}) });
  }) as typeof fetch;
  return { fetch: fetchFn, pushes, pulls };
}

describe('push after the server has lost decided edits (restored from a backup)', () => {
  it('says from which seq it holds its edits, so that the server takes them without a 409', async () => {
    await view(3);
    expect(await syncOnce({ db: db(), clientId: CLIENT, fetch: serverAt(0).fetch })).toMatchObject({
      kind: 'synced',
      pushed: 3,
    });
    expect(await pendingEdits(db())).toEqual([]);
    await view(2);

    const restored = serverAt(1);
    const outcome = await syncOnce({ db: db(), clientId: CLIENT, fetch: restored.fetch });
    expect(outcome).toMatchObject({ kind: 'synced', pushed: 2 });
    expect(restored.pushes).toEqual([{ seqs: [4, 5], heldFrom: 4 }]);
    expect(await pendingEdits(db())).toEqual([]);
    // Told that the server lost edits, the device copies the data afresh from the start.
    expect(restored.pulls).toEqual([0]);
  });

  it('on a 409 sends again, once, every edit it holds after the server’s lastSeq, decided or not', async () => {
    await view(3);
    // The server decided 1 and 2, then lost them; the device heard but has not pulled since.
    await recordDecisions(db(), CLIENT, [
      { id: `${CLIENT}:1`, seq: 1, status: 'applied' },
      { id: `${CLIENT}:2`, seq: 2, status: 'applied' },
    ]);
    const restored = serverAt(0);
    const outcome = await syncOnce({ db: db(), clientId: CLIENT, fetch: restored.fetch });
    expect(outcome).toMatchObject({ kind: 'synced', pushed: 3 });
    expect(restored.pushes).toEqual([
      { seqs: [3], heldFrom: 1 },
      { seqs: [1, 2, 3], heldFrom: 1 },
    ]);
    expect(await pendingEdits(db())).toEqual([]);
  });

  it('sends from after a break in what it holds: a rejected edit has left the queue', async () => {
    await view(4);
    await recordDecisions(db(), CLIENT, [
      { id: `${CLIENT}:1`, seq: 1, status: 'applied' },
      { id: `${CLIENT}:2`, seq: 2, status: 'rejected', reason: 'r', message: 'm' },
    ]);
    // Keep 1 queued, as a page of a pull that is not the last would, and let 2 leave for the
    // conflicts list.
    await db().outbox.where('[clientId+seq]').equals([CLIENT, 2]).delete();
    const restored = serverAt(0);
    expect(await syncOnce({ db: db(), clientId: CLIENT, fetch: restored.fetch })).toMatchObject({
      kind: 'synced',
    });
    expect(restored.pushes).toEqual([{ seqs: [3, 4], heldFrom: 3 }]);
  });

  it('drops rows the server no longer has and copies afresh, keeping queued edits, when its cursor is past the server’s versions', async () => {
    const rows: RowChange[] = TABLE_NAMES.flatMap((table) =>
      DEPT[table].map((row) => ({ table, id: row.id, version: 0, row: { ...row } })),
    ).map((change, i) => ({ ...change, version: i + 1 }));
    const appointment = DEPT.appointments[0]!;
    await db()
      .rows('appointments')
      .put({ ...appointment, id: 'appt-from-lost-history' });
    await db().meta.put({ key: 'cursor', value: rows.length + 50 });
    // Another user's edit on this device: not pushed now, but rebased on the fresh copy.
    const otherUser = 'device-a/user-2';
    const changes = { phone: '07700 900123' };
    const queued = await mutate(
      db(),
      otherUser,
      'patient.update',
      { patientId: PATIENT.id, changes, hlc: await nextHlc(db(), otherUser) },
      { now: new Date(), today: TODAY },
    );
    expect(queued.ok).toBe(true);

    const restored = serverAt(0, { rows });
    expect(await syncOnce({ db: db(), clientId: CLIENT, fetch: restored.fetch })).toMatchObject({
      kind: 'synced',
    });
    expect(restored.pulls).toEqual([rows.length + 50, 0]);
    expect(await db().rows('appointments').get('appt-from-lost-history')).toBeUndefined();
    expect(await db().rows('appointments').get(appointment.id)).toEqual(appointment);
    expect(await db().rows('patients').get(PATIENT.id)).toMatchObject(changes);
    expect((await pendingEdits(db())).map((e) => e.clientId)).toEqual([otherUser]);
    expect(await db().meta.get('cursor')).toEqual({ key: 'cursor', value: rows.length });
  });

  it('stops after one resend and keeps every edit when the server still refuses', async () => {
    await view(2);
    const refusing = serverAt(0, { alwaysGap: true });
    const outcome = await syncOnce({ db: db(), clientId: CLIENT, fetch: refusing.fetch });
    expect(outcome.kind).toBe('failed');
    expect(refusing.pushes).toHaveLength(2);
    expect((await pendingEdits(db())).map((e) => e.seq)).toEqual([1, 2]);
  });
});

describe('a device catching up page by page', () => {
  it('tells the server what the page before left, and reports its progress from it', async () => {
    const rows: RowChange[] = (['clinicians', 'sites', 'clinicTemplates'] as const)
      .flatMap((table) => DEPT[table].map((row) => ({ table, id: row.id, version: 0, row })))
      .map((change, i) => ({ ...change, version: i + 1 }));
    const told: (string | null)[] = [];
    const fetchFn = pagingServer(rows, (url) => void told.push(url.searchParams.get('remaining')));
    const progress: [number, number][] = [];
    const outcome = await syncOnce({
      db: db(),
      clientId: CLIENT,
      fetch: fetchFn,
      pageSize: 5,
      onProgress: (received, total) => progress.push([received, total]),
    });
    expect(outcome).toMatchObject({ kind: 'synced' });
    const pages = Math.ceil(rows.length / 5);
    // The first page is counted by the server; each next one carries what the one before left.
    expect(told).toEqual([
      null,
      ...Array.from({ length: pages - 1 }, (_x, i) => `${rows.length - 5 * (i + 1)}`),
    ]);
    expect(progress.at(-1)).toEqual([rows.length, rows.length]);
    expect(progress.every(([, total]) => total === rows.length)).toBe(true);
  });
});

describe('a pull of a few changes (ADR 0012)', () => {
  /** Syncs once against a server sending `count` changed referrals, saying `total` are left. */
  async function keysNamed(count: number, total: number) {
    const changes: RowChange[] = Array.from({ length: count }, (_x, i) => ({
      table: 'referrals' as const,
      id: `pulled-${i}`,
      version: 100 + i,
      row: { ...DEPT.referrals[0]!, id: `pulled-${i}` },
    }));
    const fetchFn = (async () =>
      Response.json({
        cursor: 100 + count,
        hasMore: false,
        total,
        lastSeq: 0,
        changes,
      })) as typeof fetch;
    const seen: ObservabilitySet[] = [];
    const listener = (parts: ObservabilitySet) => seen.push(parts);
    Dexie.on.storagemutated.subscribe(listener);
    try {
      expect(await syncOnce({ db: db(), clientId: CLIENT, fetch: fetchFn })).toMatchObject({
        kind: 'synced',
      });
    } finally {
      Dexie.on.storagemutated.unsubscribe(listener);
    }
    const named = seen.map((parts) => changedKeysOf(parts, db().name, ['referrals']));
    return named.find((n) => n !== null);
  }

  it('names each row it writes to the lists kept in memory, after the first copy', async () => {
    await db().meta.put({ key: 'cursor', value: 99 });
    const named = await keysNamed(120, 120);
    expect(named).not.toBe('all');
    expect((named as Map<string, Set<string>>).get('referrals')?.size).toBe(120);
  });

  it('names the whole table for a first copy and for a long catch-up', async () => {
    expect(await keysNamed(120, 120)).toBe('all');
    await db().meta.put({ key: 'cursor', value: 99 });
    expect(await keysNamed(120, 5_000)).toBe('all');
  });
});
