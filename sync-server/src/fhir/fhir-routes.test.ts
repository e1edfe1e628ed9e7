import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer, type SignedIn } from '../test-support.ts';
import { expectValidBundle, expectValidFhir } from './fhir-schema.test-support.ts';

// Issue 9 through the real app: sign in, call the FHIR API, check every answer against the
// FHIR R4 JSON schema, the user's sites and the audit trail.

type Server = Awaited<ReturnType<typeof createTestServer>>;
type Resource = { resourceType: string; id: string } & Record<string, unknown>;
interface Bundle {
  resourceType: 'Bundle';
  total: number;
  link: { relation: string; url: string }[];
  entry?: { fullUrl: string; resource: Resource }[];
}

const BASE = '/api/fhir/r4';
const KTC = 'site-ktc';
const ALL_SITES = ['site-ktc', 'site-alx', 'site-wrh'];
let server: Server;
let reception: SignedIn;
let coordinator: SignedIn;

beforeAll(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 600 });
  reception = await server.signIn('receptionist', [KTC]);
  coordinator = await server.signIn('booking-coordinator', ALL_SITES);
}, 60_000);
afterAll(() => server.close());

async function get(user: SignedIn | undefined, path: string) {
  const url = path.startsWith('http') ? path : `http://localhost${BASE}/${path}`;
  const res = user ? await user.request(url) : await server.app.request(url);
  expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function search(user: SignedIn, path: string): Promise<Bundle> {
  const { status, body } = await get(user, path);
  expect(status, JSON.stringify(body)).toBe(200);
  expectValidBundle(body as unknown as Bundle);
  return body as unknown as Bundle;
}

/** Follows `next` links to the end; checks that the pages add up to the total. */
async function searchAll(user: SignedIn, path: string): Promise<Resource[]> {
  const first = await search(user, path);
  const found = (first.entry ?? []).map((e) => e.resource);
  let page = first;
  for (let next = nextOf(page); next; next = nextOf(page)) {
    page = await search(user, next);
    expect(page.total).toBe(first.total);
    found.push(...(page.entry ?? []).map((e) => e.resource));
  }
  expect(found.length).toBe(first.total);
  expect(new Set(found.map((r) => r.id)).size).toBe(found.length);
  return found;
}
const nextOf = (b: Bundle) => b.link.find((l) => l.relation === 'next')?.url;

async function countRows(sql: string, args: (string | number)[]) {
  const rs = await server.db.execute({ sql: `SELECT COUNT(*) AS n FROM rows WHERE ${sql}`, args });
  return Number(rs.rows[0]?.['n']);
}

describe('signing in', () => {
  it('answers 401 with an OperationOutcome when nobody is signed in', async () => {
    const { status, body } = await get(undefined, 'Patient');
    expect(status).toBe(401);
    expectValidFhir(body);
    expect(body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'login', diagnostics: 'Sign in to continue' }],
    });
  });

  it('answers 403 to an administrator, who holds no patient data', async () => {
    const admin = await server.signIn('administrator', []);
    const { status, body } = await get(admin, 'Slot');
    expect(status).toBe(403);
    expectValidFhir(body);
    expect(body).toMatchObject({ issue: [{ code: 'forbidden' }] });
  });

  it('shows its CapabilityStatement to anyone: it holds no data', async () => {
    const { status, body } = await get(undefined, 'metadata');
    expect(status).toBe(200);
    expectValidFhir(body);
    expect(body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    const slot = (
      body['rest'] as { resource: { type: string; searchParam: { name: string }[] }[] }[]
    )[0]!.resource.find((r) => r.type === 'Slot');
    expect(slot?.searchParam.map((p) => p.name)).toEqual([
      '_id',
      'status',
      'start',
      'schedule',
      '_count',
    ]);
  });

  it('is read-only', async () => {
    const res = await coordinator.request(`${BASE}/Patient`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expectValidFhir(await res.json());
  });
});

describe('Patient', () => {
  it('is read by id, and the read is audited with who and which patient', async () => {
    const [patient] = await server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'patients' AND id IN (SELECT patient_id FROM patient_sites WHERE site_id = ?) LIMIT 1",
      [KTC],
    );
    const { status, body } = await get(reception, `Patient/${String(patient!['id'])}`);
    expect(status).toBe(200);
    expectValidFhir(body);
    expect(body).toMatchObject({
      id: patient!['id'],
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: patient!['nhsNumber'] }],
      birthDate: patient!['dateOfBirth'],
    });
    const audit = await server.db.execute({
      sql: "SELECT * FROM audit_events WHERE action = 'fhir.read' AND patient_id = ? AND user_id = ?",
      args: [String(patient!['id']), reception.userId],
    });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      outcome: 'viewed',
      entity_table: 'patients',
      device_id: reception.deviceId,
      detail: `GET ${BASE}/Patient/${String(patient!['id'])}`,
    });
  });

  it('is found by NHS number, with or without the system, and each search is audited', async () => {
    const [patient] = await server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'patients' LIMIT 1",
    );
    const nhs = String(patient!['nhsNumber']);
    for (const q of [`https://fhir.nhs.uk/Id/nhs-number|${nhs}`, nhs]) {
      const bundle = await search(coordinator, `Patient?identifier=${encodeURIComponent(q)}`);
      expect(bundle.total).toBe(1);
      expect(bundle.entry?.[0]?.resource.id).toBe(patient!['id']);
    }
    const other = await search(
      coordinator,
      `Patient?identifier=${encodeURIComponent(`urn:other|${nhs}`)}`,
    );
    expect(other.total).toBe(0);
    const audit = await server.db.execute({
      sql: "SELECT detail FROM audit_events WHERE action = 'fhir.search' AND user_id = ? AND patient_id = ?",
      args: [coordinator.userId, String(patient!['id'])],
    });
    expect(audit.rows).toHaveLength(2);
    const empty = await server.db.execute({
      sql: "SELECT detail FROM audit_events WHERE action = 'fhir.search' AND user_id = ? AND patient_id IS NULL",
      args: [coordinator.userId],
    });
    expect(empty.rows.map((r) => r['detail'])).toContain(
      `GET ${BASE}/Patient?identifier=${encodeURIComponent(`urn:other|${nhs}`)}`,
    );
  });

  it('is not found at a site the user does not work at (404, as if it did not exist)', async () => {
    const [elsewhere] = await server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'patients' AND id NOT IN (SELECT patient_id FROM patient_sites WHERE site_id = ?)
         AND id IN (SELECT patient_id FROM patient_sites) LIMIT 1`,
      [KTC],
    );
    const id = String(elsewhere!['id']);
    expect((await get(coordinator, `Patient/${id}`)).status).toBe(200);
    const { status, body } = await get(reception, `Patient/${id}`);
    expect(status).toBe(404);
    expectValidFhir(body);
    expect(body).toMatchObject({ issue: [{ code: 'not-found' }] });
    expect((await search(reception, `Patient?_id=${id}`)).total).toBe(0);
  });

  it('pages through every patient of the user’s site, as many as the total says', async () => {
    const patients = await searchAll(reception, 'Patient?_count=200');
    expect(patients.length).toBe(
      await countRows(
        "tbl = 'patients' AND id IN (SELECT patient_id FROM patient_sites WHERE site_id = ?)",
        [KTC],
      ),
    );
  });
});

describe('search errors', () => {
  it.each([
    ['Patient?family=Smith', 'Patient cannot be searched by family: use _id, identifier, _count'],
    ['Slot?start=01/12/2026', '01/12/2026 is not a FHIR date, like ge2026-12-01'],
    [
      'Slot?status=open',
      'status must be one of free, busy, busy-unavailable, busy-tentative, entered-in-error',
    ],
    [
      'Appointment?patient=Practitioner/clin-1',
      'Practitioner/clin-1 is not a reference to a Patient, like Patient/123',
    ],
    [
      'Slot?_page=not-a-cursor',
      'The page link is not valid: run the search again from its first page',
    ],
    ['Slot?_count=ten', '_count must be a whole number'],
    ['Slot?_format=xml', 'This server answers in JSON only'],
  ])('%s answers 400: %s', async (path, message) => {
    const { status, body } = await get(coordinator, path);
    expect(status).toBe(400);
    expectValidFhir(body);
    expect(body).toMatchObject({
      issue: [{ severity: 'error', code: 'invalid', diagnostics: message }],
    });
  });

  it('answers 404 for a type or id it does not serve', async () => {
    expect((await get(coordinator, 'Observation')).status).toBe(404);
    expect((await get(coordinator, 'Slot/no-such-slot')).status).toBe(404);
  });
});
