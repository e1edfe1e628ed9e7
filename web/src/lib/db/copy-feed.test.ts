import { describe, expect, it } from 'vitest';
import {
  addDays,
  createRandom,
  DEVICE_WINDOW_DAYS_BACK,
  generateDepartment,
  isInDeviceWindow,
  londonDateOf,
  NEW_REFERRAL_FIELDS,
  TABLE_NAMES,
  type Department,
  type RowChange,
} from '@clinicdesk/domain';
import { deviceClock } from '../sync/device-clock.ts';
import { pendingEdits } from '../sync/outbox.ts';
import { pagingServer } from '../sync/paging-server.test-support.ts';
import { syncOnce } from '../sync/sync-client.ts';
import { feedFromCopy } from './copy-feed.ts';
import { keptPatientNames, keptPtl, loadPtl, patientIndex } from './kept-lists.ts';
import { queueAnEdit, useTestDevice } from './test-device.test-support.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 11, today: TODAY, referrals: 150 });
const EMPTY = Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as Department;
const CLIENT = 'device-a/user-1';
/** The PTL is kept for the device's own day (the copy offers no other). */
const PTL_DAY = londonDateOf(new Date());

const db = useTestDevice(EMPTY);

/**
 * What a server sends a new device: every row of the department inside the device's window
 * (older clinics, slots and appointments stay on the server) in a shuffled order (tables
 * interleaved, as versions fall), then, as if edited on the server while the copy ran, some
 * rows again (patients renamed, appointments cancelled, referrals discharged) and some deleted.
 */
function serverRows(seed: number): RowChange[] {
  const random = createRandom(seed);
  const windowStart = addDays(deviceClock().today, -DEVICE_WINDOW_DAYS_BACK);
  const rows = TABLE_NAMES.flatMap((table) =>
    (DEPT[table] as { id: string }[])
      .filter((row) => isInDeviceWindow(table, row, windowStart))
      .map((row) => ({ table, id: row.id, row: { ...row } })),
  );
  for (let i = rows.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const later: { table: RowChange['table']; id: string; row: Record<string, unknown> | null }[] =
    [];
  for (let n = 0; n < 40; n++) {
    const patient = random.pick(DEPT.patients);
    const appointment = random.pick(
      DEPT.appointments.filter((a) => isInDeviceWindow('appointments', a, windowStart)),
    );
    const referral = random.pick(DEPT.referrals);
    later.push(
      random.chance(0.5)
        ? { table: 'patients', id: patient.id, row: { ...patient, familyName: `Renamed${n}` } }
        : {
            table: 'appointments',
            id: appointment.id,
            row: {
              ...appointment,
              status: 'cancelled-by-hospital',
              cancelledAt: '2026-11-23T10:00:00Z',
              cancellationReason: 'Clinician on leave',
            },
          },
      random.chance(0.3)
        ? { table: 'referrals', id: referral.id, row: null }
        : { table: 'referrals', id: referral.id, row: { ...referral, status: 'discharged' } },
    );
  }
  // Some referrals as stored before their newer fields existed: the device fills them in.
  for (const c of rows)
    if (c.table === 'referrals' && random.chance(0.3)) {
      const { condition: _condition, ...older } = c.row as Record<string, unknown>;
      for (const field of Object.keys(NEW_REFERRAL_FIELDS)) delete older[field];
      c.row = older as typeof c.row;
    }
  return [...rows, ...later].map((c, i) => ({ ...c, version: i + 1 }));
}

async function firstCopy(server: typeof fetch, pageSize = 97) {
  const outcome = await syncOnce({
    db: db(),
    clientId: CLIENT,
    fetch: server,
    pageSize,
    feedCopy: () => feedFromCopy(db(), { ptlFor: PTL_DAY }),
  });
  expect(outcome).toMatchObject({ kind: 'synced' });
}

describe('a first copy feeding the lists kept in memory (issue 10)', () => {
  it.each([11, 12, 13])(
    'leaves the names and the PTL as they would be read afresh, without reading them (copy %i)',
    async (seed) => {
      const rows = serverRows(seed);
      expect(new Set(rows.map((r) => r.id)).size).toBeLessThan(rows.length);
      // Pages of 97 and 400: tables of under 50 rows a page are told of by key, larger by range.
      await firstCopy(pagingServer(rows), seed === 13 ? 400 : 97);
      // Nobody asked for them: they are held only because the copy offered them.
      const names = keptPatientNames(db()).current;
      const ptl = keptPtl(db(), PTL_DAY).current;
      expect(names).toBeDefined();
      expect(ptl).toBeDefined();
      expect(names).toEqual(await patientIndex(db()));
      expect(ptl).toEqual(await loadPtl(db(), PTL_DAY));
      expect(ptl!.length).toBeGreaterThan(50);
    },
  );

  it('follows later changes as a list read whole would', async () => {
    await firstCopy(pagingServer(serverRows(21)));
    const names = keptPatientNames(db());
    const seen: unknown[] = [];
    const stop = names.subscribe((value) => seen.push(value));
    const patient = DEPT.patients[3]!;
    await db()
      .rows('patients')
      .put({ ...patient, familyName: 'Aardvark' });
    await names.settled();
    stop();
    expect(names.current).toEqual(await patientIndex(db()));
    expect(names.current!.get(patient.id)).toMatchObject({ familyName: 'Aardvark', rank: 0 });
  });

  it('offers no PTL for a day gone by while it copied (the new day’s may be on show)', async () => {
    const yesterday = addDays(PTL_DAY, -1);
    const outcome = await syncOnce({
      db: db(),
      clientId: CLIENT,
      fetch: pagingServer(serverRows(51)),
      pageSize: 400,
      feedCopy: () => feedFromCopy(db(), { ptlFor: yesterday }),
    });
    expect(outcome).toMatchObject({ kind: 'synced' });
    expect(keptPtl(db(), yesterday).current).toBeUndefined();
    expect(keptPatientNames(db()).current).toEqual(await patientIndex(db()));
  });

  it('offers nothing when an edit is queued while it copies, and keeps the edit', async () => {
    const rows = serverRows(31);
    await firstCopy(
      pagingServer(rows, async (_url, page) => {
        if (page !== 2) return;
        const copied = await db().rows('patients').toCollection().first();
        await queueAnEdit(db(), CLIENT, copied!.id, TODAY);
      }),
    );
    expect(keptPatientNames(db()).current).toBeUndefined();
    expect(keptPtl(db(), PTL_DAY).current).toBeUndefined();
    expect(await pendingEdits(db())).toHaveLength(1);
  });

  it('offers nothing when anything else writes to a table it gathers while it copies', async () => {
    const rows = serverRows(41);
    await firstCopy(
      pagingServer(rows, async (_url, page) => {
        // As another tab, or a prune, would: a write that queues no edit.
        if (page === 3)
          await db()
            .rows('referrals')
            .put({ ...DEPT.referrals[0]!, id: 'written-elsewhere' });
      }),
    );
    expect(keptPatientNames(db()).current).toBeUndefined();
    expect(keptPtl(db(), PTL_DAY).current).toBeUndefined();
  });

  it('is not made for a device holding edits of its own', async () => {
    const patient = DEPT.patients[0]!;
    await db().rows('patients').put(patient);
    await queueAnEdit(db(), CLIENT, patient.id, TODAY);
    expect(await feedFromCopy(db(), { ptlFor: TODAY })).toBeNull();
  });
});
