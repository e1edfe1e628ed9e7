import { describe, expect, it } from 'vitest';
import {
  ALL_SITES,
  BASE,
  KTC,
  nextOf,
  useFhirServer,
  type Bundle,
  type Resource,
} from './fhir-api.test-support.ts';

// Issue 9 through the real app: clinics, slots and appointments as FHIR, searched, paged and
// scoped to the user's sites; every bundle checked against the FHIR R4 JSON schema.

const fhir = useFhirServer();
const { search, searchAll, countRows } = fhir;

const siteOf = (r: Resource, role = 'Location') =>
  (r['participant'] as { actor: { reference: string } }[] | undefined)
    ?.map((p) => p.actor.reference)
    .find((ref) => ref.startsWith(`${role}/`));

describe('Slot', () => {
  it('finds the free slots of a week at the user’s site, page by page, in start order', async () => {
    const slots = await searchAll(
      fhir.reception,
      'Slot?status=free&start=ge2026-12-01&start=lt2026-12-08&_count=25',
    );
    expect(slots.length).toBe(
      await countRows(
        "tbl = 'slots' AND site_id = ? AND json_extract(data, '$.status') = 'free' AND json_extract(data, '$.date') BETWEEN '2026-12-01' AND '2026-12-07'",
        [KTC],
      ),
    );
    expect(slots.length).toBeGreaterThan(25);
    const starts = slots.map((s) => String(s['start']));
    expect([...starts].sort()).toEqual(starts);
    for (const s of slots) expect(s['status']).toBe('free');
    expect(starts[0]! >= '2026-12-01' && starts.at(-1)! < '2026-12-08').toBe(true);
    expect(starts.every((start) => start.endsWith('+00:00'))).toBe(true);
  });

  it('gives summer slots London’s BST offset and compares instants across it', async () => {
    // 20/10/2026 is in BST: a 09:00 clinic starts at 08:00 UTC.
    const day = await searchAll(fhir.coordinator, 'Slot?start=2026-10-20&_count=200');
    const nine = day.filter((s) => s['start'] === '2026-10-20T09:00:00+01:00');
    expect(nine.length).toBeGreaterThan(0);
    const from = await searchAll(
      fhir.coordinator,
      'Slot?start=ge2026-10-20T08:00:00Z&start=lt2026-10-21',
    );
    expect(from.map((s) => s.id)).toEqual(expect.arrayContaining(nine.map((s) => s.id)));
    const after = await searchAll(
      fhir.coordinator,
      'Slot?start=gt2026-10-20T08:00:00Z&start=lt2026-10-21',
    );
    expect(after.filter((s) => nine.some((n) => n.id === s.id))).toEqual([]);
  });

  it('finds a clinic’s slots by its Schedule, and the Schedule is readable', async () => {
    const [slot] = (await search(fhir.reception, 'Slot?start=ge2026-12-01&_count=1')).entry ?? [];
    const schedule = (slot!.resource['schedule'] as { reference: string }).reference;
    const slots = await searchAll(fhir.reception, `Slot?schedule=${schedule}`);
    expect(slots.length).toBe(
      await countRows("tbl = 'slots' AND json_extract(data, '$.sessionId') = ?", [
        schedule.split('/')[1]!,
      ]),
    );
    const res = await fhir.reception.request(`${BASE}/${schedule}`);
    expect(res.status).toBe(200);
  });

  it('counts booked slots as busy; _count=0 sends the total alone', async () => {
    const busy = await search(
      fhir.coordinator,
      'Slot?status=busy&start=ge2026-12-01&start=lt2026-12-08&_count=0',
    );
    expect(busy.entry).toBeUndefined();
    expect(busy.total).toBe(
      await countRows(
        "tbl = 'slots' AND json_extract(data, '$.status') = 'booked' AND json_extract(data, '$.date') BETWEEN '2026-12-01' AND '2026-12-07'",
        [],
      ),
    );
    expect(busy.total).toBeGreaterThan(0);
  });
});

describe('Appointment', () => {
  it('finds a week’s booked appointments at the user’s site only', async () => {
    const appointments = await searchAll(
      fhir.reception,
      'Appointment?date=ge2026-12-01&date=le2026-12-07&status=booked',
    );
    expect(appointments.length).toBe(
      await countRows(
        "tbl = 'appointments' AND site_id = ? AND json_extract(data, '$.status') = 'booked' AND json_extract(data, '$.date') BETWEEN '2026-12-01' AND '2026-12-07'",
        [KTC],
      ),
    );
    expect(appointments.length).toBeGreaterThan(0);
    for (const a of appointments) {
      expect(a['status']).toBe('booked');
      expect(siteOf(a)).toBe(`Location/${KTC}`);
    }
  });

  it('finds a patient’s appointments, and audits the patient as viewed', async () => {
    const [appt] = await fhir.server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'appointments' AND json_extract(data, '$.status') = 'seen' LIMIT 1",
    );
    const patientId = String(appt!['patientId']);
    const found = await searchAll(fhir.coordinator, `Appointment?patient=Patient/${patientId}`);
    expect(found.length).toBe(
      await countRows("tbl = 'appointments' AND json_extract(data, '$.patientId') = ?", [
        patientId,
      ]),
    );
    expect(found.find((a) => a.id === appt!['id'])?.['status']).toBe('fulfilled');
    const audit = await fhir.server.db.execute({
      sql: "SELECT detail FROM audit_events WHERE action = 'fhir.search' AND entity_table = 'appointments' AND patient_id = ? AND user_id = ?",
      args: [patientId, fhir.coordinator.userId],
    });
    expect(audit.rows.map((r) => r['detail'])).toEqual([
      `GET ${BASE}/Appointment?patient=Patient/${patientId}`,
    ]);
  });

  it('finds a clinician’s appointments on a day, with a did-not-attend as noshow', async () => {
    const [dna] = await fhir.server.rowsWhere(
      "SELECT data FROM rows WHERE tbl = 'appointments' AND json_extract(data, '$.status') = 'did-not-attend' LIMIT 1",
    );
    const clinician = String(dna!['clinicianId']);
    const found = await searchAll(
      fhir.coordinator,
      `Appointment?practitioner=Practitioner/${clinician}&date=${String(dna!['date'])}`,
    );
    expect(found.map((a) => siteOf(a, 'Practitioner'))).toEqual(
      found.map(() => `Practitioner/${clinician}`),
    );
    expect(found.find((a) => a.id === dna!['id'])?.['status']).toBe('noshow');
  });
});

describe('Schedule, Practitioner and Location', () => {
  it('finds a clinician’s clinics at the user’s site', async () => {
    const schedules = await searchAll(
      fhir.reception,
      'Schedule?actor=Practitioner/clin-1&_count=200',
    );
    expect(schedules.length).toBe(
      await countRows(
        "tbl = 'clinicSessions' AND site_id = ? AND json_extract(data, '$.clinicianId') = 'clin-1'",
        [KTC],
      ),
    );
    for (const s of schedules) {
      expect(s['actor']).toEqual([
        { reference: 'Practitioner/clin-1' },
        { reference: `Location/${KTC}` },
      ]);
    }
  });

  it('finds a week’s clinics at a site by date', async () => {
    const week = await searchAll(
      fhir.coordinator,
      'Schedule?actor=Location/site-alx&date=ge2026-12-01&date=lt2026-12-08',
    );
    expect(week.length).toBe(
      await countRows(
        "tbl = 'clinicSessions' AND site_id = 'site-alx' AND json_extract(data, '$.date') BETWEEN '2026-12-01' AND '2026-12-07'",
      ),
    );
    expect(week.length).toBeGreaterThan(0);
    const outside = await search(fhir.reception, 'Schedule?actor=Location/site-alx');
    expect(outside.total).toBe(0);
  });

  it('lists every clinician, and only the sites the user works at', async () => {
    expect((await searchAll(fhir.reception, 'Practitioner')).length).toBe(10);
    expect((await searchAll(fhir.reception, 'Location')).map((l) => l.id)).toEqual([KTC]);
    expect((await searchAll(fhir.coordinator, 'Location')).map((l) => l.id).sort()).toEqual(
      [...ALL_SITES].sort(),
    );
  });

  it('sends at most 200 a page, whatever _count asks for', async () => {
    const page = await search(fhir.coordinator, 'Slot?_count=5000');
    expect(page.entry).toHaveLength(200);
    expect(nextOf(page)).toContain('_count=200');
  });

  it('links pages with https behind the Trust’s TLS proxy', async () => {
    const res = await fhir.coordinator.request(`http://desk.example${BASE}/Slot?_count=2`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    const page = (await res.json()) as Bundle;
    expect(page.link.map((l) => l.url)).toEqual([
      `https://desk.example${BASE}/Slot?_count=2`,
      expect.stringMatching(/^https:\/\/desk\.example\/api\/fhir\/r4\/Slot\?_count=2&_page=/),
    ]);
    expect(page.entry?.[0]?.fullUrl).toMatch(/^https:\/\/desk\.example\/api\/fhir\/r4\/Slot\//);
  });
});
