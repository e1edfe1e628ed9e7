import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  formatUkDate,
  testRangeNhsNumbers,
  type ImportPlan,
  type PullResponse,
} from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer, type SignedIn } from '../test-support.ts';

// Issue 9 on the server: a PAS extract is checked, then applied whole or not at all, through
// the real endpoints, and what it writes reaches devices through the normal pull.

type Server = Awaited<ReturnType<typeof createTestServer>>;
type Report = Omit<ImportPlan, 'writes'> & { digest: string; error?: string; applied?: true };
let server: Server;
let manager: SignedIn;

const numbers = testRangeNhsNumbers(700_000);
// Each test imports people of its own: the department is seeded once for the file.
let NHS1 = '';
let NHS2 = '';
beforeEach(() => {
  NHS1 = numbers.next().value as string;
  NHS2 = numbers.next().value as string;
});
const PATIENT_HEADER =
  'nhs_number,given_name,family_name,date_of_birth,address_line1,address_line2,town,postcode,phone,gp_practice';
const patientLine = (nhs: string, given = 'Jane', phone = '01905 763333') =>
  `${nhs},${given},Smith,23/04/1961,"12 Orchard Way, Flat 2",,Worcester,WR5 1DD,${phone},Orchard Surgery`;
const REFERRAL_HEADER =
  'pas_id,nhs_number,referral_date,source,referrer,reason,condition,priority,clinician_code,site_code';

beforeAll(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 40 });
  manager = await server.signIn('manager', ['site-ktc', 'site-alx', 'site-wrh']);
});
afterAll(() => server.close());

async function send(
  who: SignedIn,
  kind: string,
  body: string | Uint8Array,
  query: string,
): Promise<{ status: number; report: Report }> {
  const res = await who.request(`/api/import/${kind}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body,
  });
  return { status: res.status, report: (await res.json()) as Report };
}

const check = (kind: string, text: string, who = manager) => send(who, kind, text, 'mode=dry-run');

/** Checks a file, then imports it with the check's digest. */
async function checkAndImport(kind: string, text: string) {
  const dry = await check(kind, text);
  return send(manager, kind, text, `mode=apply&digest=${dry.report.digest}`);
}

const version = async () =>
  Number((await server.db.execute('SELECT MAX(version) AS v FROM rows')).rows[0]?.['v']);

async function pullAll(who: SignedIn) {
  const all: PullResponse['changes'] = [];
  for (let since = 0, more = true; more;) {
    const page = (await (
      await who.request(`/api/sync/pull?since=${since}&limit=5000`)
    ).json()) as PullResponse;
    all.push(...page.changes);
    since = page.cursor;
    more = page.hasMore;
  }
  return all;
}

describe('POST /api/import/:kind', () => {
  it('dry run: reports each row, refuses a bad NHS number in plain words, and writes nothing', async () => {
    const before = await version();
    const text = [PATIENT_HEADER, patientLine(NHS1), patientLine('999 000 0001')].join('\r\n');
    const { status, report } = await check('patients', text);
    expect(status).toBe(200);
    expect(report.counts).toEqual({ create: 1, update: 0, unchanged: 0, refused: 1 });
    expect(report.rows[1]).toEqual({
      row: 3,
      key: '999 000 0001',
      action: 'refused',
      reasons: ['the NHS number 999 000 0001 fails its check digit'],
    });
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await version()).toBe(before);
  });

  it('apply: refuses the whole file when one row is refused, and audits the refusal', async () => {
    const before = await version();
    const text = [PATIENT_HEADER, patientLine(NHS1), patientLine(NHS2, 'Ann', 'not a phone')].join(
      '\n',
    );
    const { status, report } = await checkAndImport('patients', text);
    expect(status).toBe(422);
    expect(report.error).toBe('Nothing was imported: some rows are refused');
    expect(await version()).toBe(before);
    expect(await server.rowsWhere('SELECT data FROM rows WHERE id = ?', [`pat-${NHS1}`])).toEqual(
      [],
    );
    const audit = await server.db.execute(
      "SELECT outcome, detail FROM audit_events WHERE action = 'import.patients'",
    );
    expect(audit.rows.map((r) => [r['outcome'], r['detail']])).toEqual([
      ['rejected', '1 created, 0 updated, 0 unchanged, 1 refused'],
    ]);
  });

  it('apply: writes every row in one go; importing the same file again changes nothing', async () => {
    const text = [PATIENT_HEADER, patientLine(NHS1), patientLine(NHS2, 'Ann', '')].join('\r\n');
    const first = await checkAndImport('patients', text);
    expect(first.status).toBe(200);
    expect(first.report).toMatchObject({ applied: true, counts: { create: 2 } });
    const [jane] = await server.rowsWhere('SELECT data FROM rows WHERE id = ?', [`pat-${NHS1}`]);
    expect(jane).toMatchObject({
      address: { line1: '12 Orchard Way, Flat 2' },
      phone: '01905 763333',
    });
    const after = await version();
    const again = await checkAndImport('patients', text);
    expect(again.report).toMatchObject({
      applied: true,
      counts: { unchanged: 2, create: 0, update: 0 },
    });
    expect(await version()).toBe(after);
    const audit = await server.db.execute(
      "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'import.patients' AND entity_id IS NOT NULL",
    );
    expect(Number(audit.rows[0]?.['n'])).toBe(2);
  });

  it('apply: refuses a plan that is not the one checked (the records changed since)', async () => {
    const text = [PATIENT_HEADER, patientLine(NHS1)].join('\n');
    const dry = await check('patients', text);
    await checkAndImport('patients', [PATIENT_HEADER, patientLine(NHS1, 'Janet')].join('\n'));
    const before = await version();
    const late = await send(manager, 'patients', text, `mode=apply&digest=${dry.report.digest}`);
    expect(late.status).toBe(409);
    expect(late.report.error).toMatch(/changed since the file was checked/);
    expect(await version()).toBe(before);
  });

  it('refuses a file that is not UTF-8, a missing column and an unknown kind', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${PATIENT_HEADER}\n`), 0xe9, 0x0a]);
    expect((await check('patients', latin1 as unknown as string)).status).toBe(400);
    const noPhone = await check('patients', 'nhs_number,given_name\n1,2');
    expect(noPhone.report.fileProblem).toMatch(/^The file has no family_name, date_of_birth/);
    expect((await check('wards', 'x')).status).toBe(404);
    expect((await send(manager, 'patients', 'x', 'mode=guess')).status).toBe(400);
  });

  it.each(['booking-coordinator', 'receptionist', 'clinician', 'administrator'] as const)(
    'is for managers only: a %s is refused',
    async (role) => {
      const other = await server.signIn(role, ['site-ktc']);
      expect((await check('patients', PATIENT_HEADER, other)).status).toBe(403);
    },
  );

  it('imported patients, pathways and bookings reach the devices of their site through the pull', async () => {
    await checkAndImport('patients', [PATIENT_HEADER, patientLine(NHS1)].join('\n'));
    const desk = await server.signIn('receptionist', ['site-ktc']);
    expect((await pullAll(desk)).some((c) => c.id === `pat-${NHS1}`)).toBe(false);

    const referral = `PAS-${NHS1},${NHS1},02/11/2026,gp,Dr Patel,"Pain, left jaw",tmj,routine,,KTC`;
    const imported = await checkAndImport('referrals', [REFERRAL_HEADER, referral].join('\n'));
    expect(imported.report).toMatchObject({ applied: true, counts: { create: 1 } });

    const [slot] = await server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'slots' AND site_id = 'site-ktc' AND json_extract(data, '$.status') = 'free'
         AND json_extract(data, '$.date') > '2026-11-24' ORDER BY json_extract(data, '$.date') LIMIT 1`,
    );
    const s = slot as { id: string; date: string; startTime: string; clinicianId: string };
    const appointment = `APPT-9,PAS-${NHS1},${formatUkDate(s.date)},${s.startTime},${s.clinicianId},KTC`;
    const booked = await checkAndImport(
      'appointments',
      ['pas_id,referral_pas_id,date,start_time,clinician_code,site_code', appointment].join('\n'),
    );
    expect(booked.report).toMatchObject({ applied: true, counts: { create: 1 } });

    const pulled = await pullAll(desk);
    const byId = new Map(pulled.map((c) => [c.id, c.row]));
    expect(byId.get(`pat-${NHS1}`)).toMatchObject({ familyName: 'Smith' });
    expect(byId.get(`ref-pas-pas-${NHS1}`)).toMatchObject({
      status: 'booked',
      clinicianId: s.clinicianId,
      rttEvents: [{ date: '2026-11-02', code: '10' }],
    });
    expect(byId.get(s.id)).toMatchObject({ status: 'booked', appointmentId: 'appt-pas-appt-9' });
    expect(byId.get('appt-pas-appt-9')).toMatchObject({ status: 'booked', date: s.date });
  });
});
