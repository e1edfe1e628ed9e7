import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

// Issue 6: a patient's short-notice sites are per site. A co-ordinator who works at one site
// saves the choice for that site only; what a colleague noted for another site is kept.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';
const WRH = 'site-wrh';

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 200 });
});
afterEach(() => server.close());

async function shortNoticeOf(referralId: string) {
  const [row] = await server.rowsWhere(`SELECT data FROM rows WHERE tbl = 'referrals' AND id = ?`, [
    referralId,
  ]);
  return row?.['shortNotice'] as { siteIds: string[] } | null;
}

describe('short-notice sites through the push path', () => {
  it('keeps the sites a one-site co-ordinator does not work at when they save', async () => {
    const [waiting] = await server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'referrals' AND site_id = ? AND json_extract(data, '$.status') = 'waiting' LIMIT 1`,
      [KTC],
    );
    const referralId = String(waiting!['id']);
    const everywhere = await server.signIn('booking-coordinator', [KTC, WRH, 'site-alx']);
    const ktcOnly = await server.signIn('booking-coordinator', [KTC]);

    expect(
      await everywhere.edit('referral.shortNotice', { referralId, siteIds: [KTC, WRH] }),
    ).toMatchObject({ status: 'applied' });
    // The KTC co-ordinator's device shows only KTC: they untick it and save.
    expect(await ktcOnly.edit('referral.shortNotice', { referralId, siteIds: [] })).toMatchObject({
      status: 'applied',
    });
    expect((await shortNoticeOf(referralId))?.siteIds).toEqual([WRH]);

    // A co-ordinator at every site decides for all of them: unticking everything clears it.
    expect(
      await everywhere.edit('referral.shortNotice', { referralId, siteIds: [] }),
    ).toMatchObject({ status: 'applied' });
    expect(await shortNoticeOf(referralId)).toBeNull();
  });
});
