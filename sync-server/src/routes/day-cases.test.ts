import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PullResponse } from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

// Issue 7 on the server: the last place on a day-case list goes to the first booking applied,
// whichever device sent it, and the list and its admissions reach the site's devices.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';
const LIST_DAY = '2027-01-06';

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 1000 });
});
afterEach(() => server.close());

async function dayCasesAtKtc(): Promise<string[]> {
  const rs = await server.db.execute({
    sql: `SELECT id FROM rows WHERE tbl = 'referrals' AND site_id = ? AND json_extract(data, '$.status') = 'day-case'
            AND json_array_length(data, '$.dayCase.unavailable') = 0 ORDER BY id LIMIT 2`,
    args: [KTC],
  });
  return rs.rows.map((r) => String(r['id']));
}

const book = (admissionId: string, referralId: string) => ({
  admissionId,
  referralId,
  listId: 'dcl-matrix-one-place',
  preOpDate: '2026-12-30',
});

describe('the last place on a day-case list', () => {
  it('goes to the first booking applied; the second device is refused in the co-ordinator’s words', async () => {
    const first = await server.signIn('booking-coordinator', [KTC]);
    const second = await server.signIn('medical-secretary', [KTC]);
    expect(
      await first.edit('daycase.list.add', {
        id: 'dcl-matrix-one-place',
        date: LIST_DAY,
        siteId: KTC,
        clinicianId: 'clin-1',
        name: 'Short list',
        capacity: { kind: 'procedures', count: 1 },
      }),
    ).toMatchObject({ status: 'applied' });
    const [one, two] = await dayCasesAtKtc();
    expect(two).toBeDefined();
    expect(await first.edit('admission.book', book('adm-first', one!))).toMatchObject({
      status: 'applied',
    });
    expect(await second.edit('admission.book', book('adm-second', two!))).toMatchObject({
      status: 'rejected',
      reason: 'list-full',
      message:
        'The day-case list on 06/01/2027 is full (1 of 1 procedures booked): choose another list',
    });

    const desk = await server.signIn('receptionist', [KTC]);
    const all: PullResponse['changes'] = [];
    for (let since = 0, more = true; more;) {
      const next = (await (
        await desk.request(`/api/sync/pull?since=${since}&limit=5000`)
      ).json()) as PullResponse;
      all.push(...next.changes);
      since = next.cursor;
      more = next.hasMore;
    }
    expect(all.filter((c) => c.table === 'admissions').map((c) => c.id)).toEqual(['adm-first']);
    expect(all.some((c) => c.table === 'dayCaseLists' && c.id === 'dcl-matrix-one-place')).toBe(
      true,
    );
    const referral = all.find((c) => c.table === 'referrals' && c.id === one)!;
    expect(referral.row).toMatchObject({ tciDate: LIST_DAY });
  });
});

describe('a whole day-case list cancelled (surgeon on leave)', () => {
  it('cancels every TCI on it in one edit, puts each pathway back on the day-case list, and the list takes no more', async () => {
    const coordinator = await server.signIn('booking-coordinator', [KTC]);
    expect(
      await coordinator.edit('daycase.list.add', {
        id: 'dcl-leave',
        date: LIST_DAY,
        siteId: KTC,
        clinicianId: 'clin-1',
        name: 'Leave list',
        capacity: { kind: 'procedures', count: 4 },
      }),
    ).toMatchObject({ status: 'applied' });
    const [one, two] = await dayCasesAtKtc();
    for (const [id, referralId] of [
      ['adm-a', one!],
      ['adm-b', two!],
    ] as const)
      expect(
        await coordinator.edit('admission.book', {
          ...book(id, referralId),
          listId: 'dcl-leave',
        }),
      ).toMatchObject({ status: 'applied' });
    expect(
      await coordinator.edit('daycase.list.cancel', {
        listId: 'dcl-leave',
        reason: 'Annual leave',
      }),
    ).toMatchObject({ status: 'applied' });

    const rows = await server.rowsWhere(
      "SELECT data FROM rows WHERE (tbl = 'admissions' AND id IN ('adm-a', 'adm-b')) OR (tbl = 'referrals' AND id IN (?, ?)) OR (tbl = 'dayCaseLists' AND id = 'dcl-leave')",
      [one!, two!],
    );
    const byId = new Map(rows.map((r) => [r['id'], r]));
    expect(byId.get('dcl-leave')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Annual leave',
    });
    for (const id of ['adm-a', 'adm-b'])
      expect(byId.get(id)).toMatchObject({
        status: 'cancelled-by-hospital',
        cancellationReason: 'Annual leave',
      });
    for (const id of [one!, two!])
      expect(byId.get(id)).toMatchObject({ status: 'day-case', tciDate: null });
    expect(
      await coordinator.edit('admission.book', { ...book('adm-c', one!), listId: 'dcl-leave' }),
    ).toMatchObject({ status: 'rejected', reason: 'list-cancelled' });
  });
});

async function pullAll(user: Awaited<ReturnType<Server['signIn']>>, from = 0) {
  const all: PullResponse['changes'] = [];
  let since = from;
  for (let more = true; more;) {
    const next = (await (
      await user.request(`/api/sync/pull?since=${since}&limit=5000`)
    ).json()) as PullResponse;
    all.push(...next.changes);
    since = next.cursor;
    more = next.hasMore;
  }
  return Object.assign(all, { cursor: since });
}

describe('religion for the chaplaincy (issue 9)', () => {
  it('reaches co-ordinators and managers, never the desk or the clinician, and the server keeps it', async () => {
    const coordinator = await server.signIn('booking-coordinator', [KTC]);
    await coordinator.edit('daycase.list.add', {
      id: 'dcl-chaplaincy',
      date: LIST_DAY,
      siteId: KTC,
      clinicianId: 'clin-1',
      name: 'Chaplaincy test list',
      capacity: { kind: 'procedures', count: 4 },
    });
    const [one] = await dayCasesAtKtc();
    expect(
      await coordinator.edit('admission.book', {
        ...book('adm-faith', one!),
        listId: 'dcl-chaplaincy',
      }),
    ).toMatchObject({ status: 'applied' });
    // Desks already caught up get the religion from the newest changes the server keeps in
    // memory (the change tail), not from the database: it is left out for them there too.
    const caughtUp = await Promise.all(
      (['receptionist', 'booking-coordinator'] as const).map(async (role) => {
        const user = await server.signIn(role, [KTC]);
        return { role, user, cursor: (await pullAll(user)).cursor };
      }),
    );
    expect(
      await coordinator.edit('admission.religion', {
        admissionId: 'adm-faith',
        religion: 'Roman Catholic',
        chaplaincyVisit: true,
      }),
    ).toMatchObject({ status: 'applied' });
    const religionOf = async (role: Parameters<Server['signIn']>[0]) => {
      const all = await pullAll(await server.signIn(role, [KTC]));
      const row = all.find((c) => c.table === 'admissions' && c.id === 'adm-faith')!.row as {
        religion: { religion: string } | null;
      };
      return row.religion?.religion ?? null;
    };
    for (const { role, user, cursor } of caughtUp) {
      const change = (await pullAll(user, cursor)).find((c) => c.id === 'adm-faith')!;
      const row = change.row as { religion: { religion: string } | null };
      expect(row.religion?.religion ?? null, role).toBe(
        role === 'receptionist' ? null : 'Roman Catholic',
      );
    }
    expect(await religionOf('booking-coordinator')).toBe('Roman Catholic');
    expect(await religionOf('manager')).toBe('Roman Catholic');
    expect(await religionOf('receptionist')).toBeNull();
    expect(await religionOf('clinician')).toBeNull();
    expect(await religionOf('medical-secretary')).toBeNull();

    // A secretary's edit of the admission (made from a copy without it) does not wipe it.
    const secretary = await server.signIn('medical-secretary', [KTC]);
    expect(
      await secretary.edit('admission.cancel', {
        admissionId: 'adm-faith',
        by: 'patient',
        onTheDay: false,
        reason: 'Unwell',
      }),
    ).toMatchObject({ status: 'applied' });
    const [stored] = await server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'admissions' AND id = ?",
      ['adm-faith'],
    );
    expect(stored).toMatchObject({
      status: 'cancelled-by-patient',
      religion: { religion: 'Roman Catholic', chaplaincyVisit: true },
    });
    // Five whole pulls of the demo department.
  }, 60_000);
});
