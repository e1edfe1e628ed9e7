import { describe, expect, it } from 'vitest';
import { createTestServer } from '../test-support.ts';
import { BASE, KTC, useFhirServer } from './fhir-api.test-support.ts';
import { expectValidFhir } from './fhir-schema.test-support.ts';

// Issue 9 through the real app: sign in, call the FHIR API, check every answer against the
// FHIR R4 JSON schema, the user's sites and the audit trail.

const fhir = useFhirServer();
const { get, search, searchAll, countRows } = fhir;

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
    const admin = await fhir.server.signIn('administrator', []);
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

  it('answers a failure of its own with a 500 OperationOutcome', async () => {
    const broken = await createTestServer();
    const user = await broken.signIn('clinician', [KTC]);
    broken.db.close();
    const res = await user.request(`${BASE}/Slot`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const body: unknown = await res.json();
    expectValidFhir(body);
    expect(body).toMatchObject({ issue: [{ severity: 'fatal', code: 'exception' }] });
    broken.close();
  });

  it('is read-only', async () => {
    const res = await fhir.coordinator.request(`${BASE}/Patient`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expectValidFhir(await res.json());
  });
});

describe('Patient', () => {
  it('is read by id, and the read is audited with who and which patient', async () => {
    const [patient] = await fhir.server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'patients' AND id IN (SELECT patient_id FROM patient_sites WHERE site_id = ?) LIMIT 1",
      [KTC],
    );
    const { status, body } = await get(fhir.reception, `Patient/${String(patient!['id'])}`);
    expect(status).toBe(200);
    expectValidFhir(body);
    expect(body).toMatchObject({
      id: patient!['id'],
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: patient!['nhsNumber'] }],
      birthDate: patient!['dateOfBirth'],
    });
    const audit = await fhir.server.db.execute({
      sql: "SELECT * FROM audit_events WHERE action = 'fhir.read' AND patient_id = ? AND user_id = ?",
      args: [String(patient!['id']), fhir.reception.userId],
    });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      outcome: 'viewed',
      entity_table: 'patients',
      device_id: fhir.reception.deviceId,
      detail: `GET ${BASE}/Patient/${String(patient!['id'])}`,
    });
  });

  it('is found by NHS number, with or without the system, and each search is audited', async () => {
    const [patient] = await fhir.server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'patients' LIMIT 1",
    );
    const nhs = String(patient!['nhsNumber']);
    for (const q of [`https://fhir.nhs.uk/Id/nhs-number|${nhs}`, nhs]) {
      const bundle = await search(fhir.coordinator, `Patient?identifier=${encodeURIComponent(q)}`);
      expect(bundle.total).toBe(1);
      expect(bundle.entry?.[0]?.resource.id).toBe(patient!['id']);
    }
    const other = await search(
      fhir.coordinator,
      `Patient?identifier=${encodeURIComponent(`urn:other|${nhs}`)}`,
    );
    expect(other.total).toBe(0);
    const audit = await fhir.server.db.execute({
      sql: "SELECT detail FROM audit_events WHERE action = 'fhir.search' AND user_id = ? AND patient_id = ?",
      args: [fhir.coordinator.userId, String(patient!['id'])],
    });
    expect(audit.rows).toHaveLength(2);
    const empty = await fhir.server.db.execute({
      sql: "SELECT detail FROM audit_events WHERE action = 'fhir.search' AND user_id = ? AND patient_id IS NULL",
      args: [fhir.coordinator.userId],
    });
    expect(empty.rows.map((r) => r['detail'])).toContain(
      `GET ${BASE}/Patient?identifier=${encodeURIComponent(`urn:other|${nhs}`)}`,
    );
  });

  it('is not found at a site the user does not work at (404, as if it did not exist)', async () => {
    const [elsewhere] = await fhir.server.rowsWhere(
      `SELECT data FROM rows WHERE tbl = 'patients' AND id NOT IN (SELECT patient_id FROM patient_sites WHERE site_id = ?)
         AND id IN (SELECT patient_id FROM patient_sites) LIMIT 1`,
      [KTC],
    );
    const id = String(elsewhere!['id']);
    expect((await get(fhir.coordinator, `Patient/${id}`)).status).toBe(200);
    const { status, body } = await get(fhir.reception, `Patient/${id}`);
    expect(status).toBe(404);
    expectValidFhir(body);
    expect(body).toMatchObject({ issue: [{ code: 'not-found' }] });
    expect((await search(fhir.reception, `Patient?_id=${id}`)).total).toBe(0);
  });

  it('pages through every patient of the user’s site, as many as the total says', async () => {
    const patients = await searchAll(fhir.reception, 'Patient?_count=200');
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
    const { status, body } = await get(fhir.coordinator, path);
    expect(status).toBe(400);
    expectValidFhir(body);
    expect(body).toMatchObject({
      issue: [{ severity: 'error', code: 'invalid', diagnostics: message }],
    });
  });

  it('answers 404 for a type or id it does not serve', async () => {
    expect((await get(fhir.coordinator, 'Observation')).status).toBe(404);
    expect((await get(fhir.coordinator, 'Slot/no-such-slot')).status).toBe(404);
  });
});
