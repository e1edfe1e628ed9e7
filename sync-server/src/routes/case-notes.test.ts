import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNoteBarcode, type CaseNoteVolume, type PullResponse } from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

// Issue 8 on the server: tracking goes through the real push path; two devices scanning one
// volume keep both movements, and the newer scan decides where it is, whatever arrives first.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';
const WRH = 'site-wrh';

// One department for the file (seeding is the slow part); each test takes its own volume.
beforeAll(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 300 });
}, 60_000);
afterAll(() => server.close());

async function aVolume(nth: number): Promise<CaseNoteVolume> {
  const [row] = await server.rowsWhere(
    "SELECT data FROM rows WHERE tbl = 'caseNotes' AND json_extract(data, '$.location.kind') = 'library' ORDER BY id LIMIT 1 OFFSET ?",
    [nth],
  );
  return row as unknown as CaseNoteVolume;
}

async function aClinicAt(siteId: string): Promise<string> {
  const [row] = await server.rowsWhere(
    "SELECT data FROM rows WHERE tbl = 'clinicSessions' AND site_id = ? AND json_extract(data, '$.date') > '2026-11-24' AND json_extract(data, '$.status') = 'open' ORDER BY id LIMIT 1",
    [siteId],
  );
  return String(row!['id']);
}

async function volumeNow(id: string): Promise<CaseNoteVolume> {
  const [row] = await server.rowsWhere("SELECT data FROM rows WHERE tbl = 'caseNotes' AND id = ?", [
    id,
  ]);
  return row as unknown as CaseNoteVolume;
}

describe('two devices tracking the same volume', () => {
  it('keeps both movements in time order, and the newer scan wins though it arrived first', async () => {
    const volume = await aVolume(0);
    const clinic = await aClinicAt(KTC);
    const desk = await server.signIn('receptionist', [KTC]);
    const secretary = await server.signIn('medical-secretary', [WRH]);
    // The desk scanned into the clinic at 09:30 while offline; the secretary took the notes at
    // 09:40 and her edit reached the server first.
    expect(
      await secretary.edit('caseNotes.track', {
        barcode: volume.barcode,
        to: { kind: 'secretary', name: 'Mrs Jean Ward', siteId: WRH },
        at: '2026-11-24T09:40:00.000Z',
      }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await desk.edit('caseNotes.track', {
        barcode: volume.barcode,
        to: { kind: 'clinic', sessionId: clinic },
        at: '2026-11-24T09:30:00.000Z',
      }),
    ).toMatchObject({ status: 'applied' });

    const stored = await volumeNow(volume.id);
    expect(stored.location).toMatchObject({ kind: 'secretary', label: 'Secretary: Mrs Jean Ward' });
    expect(stored.history.slice(-2).map((m) => [m.to.kind, m.by.name, m.at])).toEqual([
      ['clinic', expect.stringMatching(/^receptionist/), '2026-11-24T09:30:00.000Z'],
      ['secretary', expect.stringMatching(/^medical-secretary/), '2026-11-24T09:40:00.000Z'],
    ]);
    expect(stored.history.at(-1)!.from).toMatchObject({ kind: 'clinic', sessionId: clinic });

    // A later scan, arriving last, moves it on.
    expect(
      await desk.edit('caseNotes.track', {
        barcode: volume.barcode,
        to: { kind: 'library', siteId: KTC },
        at: '2026-11-24T09:50:00.000Z',
      }),
    ).toMatchObject({ status: 'applied' });
    expect((await volumeNow(volume.id)).location).toMatchObject({ kind: 'library', siteId: KTC });
  });

  it('refuses an unknown barcode in the clerk’s words, writing nothing', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    const unknown = caseNoteBarcode(99_999_999);
    expect(
      await desk.edit('caseNotes.track', {
        barcode: unknown,
        to: { kind: 'library', siteId: KTC },
      }),
    ).toMatchObject({
      status: 'rejected',
      reason: 'unknown-barcode',
      message: `No case-notes volume has the barcode ${unknown}: check the number, or add the volume to the patient first`,
    });
  });
});

describe('case-notes volumes', () => {
  it('numbers a new volume after the patient’s others, and every site’s devices receive it', async () => {
    const volume = await aVolume(5);
    const before = await server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'caseNotes' AND json_extract(data, '$.patientId') = ?",
      [volume.patientId],
    );
    const secretary = await server.signIn('medical-secretary', [WRH]);
    const barcode = caseNoteBarcode(40_000_001);
    expect(
      await secretary.edit('caseNotes.create', {
        patientId: volume.patientId,
        barcode,
        siteId: WRH,
      }),
    ).toMatchObject({ status: 'applied' });
    const created = await volumeNow(`notes-${barcode}`);
    expect(created).toMatchObject({ patientId: volume.patientId, volume: before.length + 1 });

    // Department-wide: a device at any site holds it, so a volume arriving there can be scanned.
    const elsewhere = await server.signIn('receptionist', ['site-alx']);
    const ids: string[] = [];
    for (let since = 0, more = true; more;) {
      const page = (await (
        await elsewhere.request(`/api/sync/pull?since=${since}&limit=5000`)
      ).json()) as PullResponse;
      ids.push(...page.changes.filter((c) => c.table === 'caseNotes').map((c) => c.id));
      since = page.cursor;
      more = page.hasMore;
    }
    expect(ids).toContain(`notes-${barcode}`);
  });
});
