import { beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_TYPES, UK_CORE_PROFILES } from './fhir-resource.ts';
import { KTC, useFhirServer, type Resource } from './fhir-api.test-support.ts';
import { profileProblems } from './ukcore-profile.test-support.ts';

// Issue 9: what the API sends meets the UK Core profile it claims. Every search answer in the
// FHIR tests is checked (fhir-schema.test-support.ts); this file makes sure each resource type,
// each appointment status and a cancelled clinic are among them. (No slot is blocked in the demo
// department: ukcore-profile.test.ts checks a blocked slot from the mapper.)

const fhir = useFhirServer();

// The demo department has no one in the building and no cancelled clinic yet: the desk checks a
// patient in and the co-ordinator cancels a clinic with bookings, through the real push path.
beforeAll(async () => {
  const [today] = await fhir.server.rowsWhere(
    `SELECT data FROM rows WHERE tbl = 'appointments' AND site_id = ? AND json_extract(data, '$.date') = '2026-11-24'
       AND json_extract(data, '$.status') = 'booked' LIMIT 1`,
    [KTC],
  );
  const desk = await fhir.server.signIn('receptionist', [KTC]);
  expect(await desk.edit('appointment.arrive', { appointmentId: today!['id'] })).toMatchObject({
    status: 'applied',
  });
  const [later] = await fhir.server.rowsWhere(
    `SELECT data FROM rows WHERE tbl = 'appointments' AND site_id = ? AND json_extract(data, '$.date') > '2026-12-01'
       AND json_extract(data, '$.status') = 'booked' LIMIT 1`,
    [KTC],
  );
  const reason = { sessionId: later!['sessionId'], reason: 'Consultant on leave' };
  expect(await fhir.coordinator.edit('session.cancel', reason)).toMatchObject({
    status: 'applied',
  });
}, 30_000);

async function sent(path: string): Promise<Resource[]> {
  const bundle = await fhir.search(fhir.coordinator, path);
  return (bundle.entry ?? []).map((e) => e.resource);
}

function expectMeetsClaim(resources: Resource[], type: keyof typeof UK_CORE_PROFILES) {
  expect(resources.length).toBeGreaterThan(0);
  for (const r of resources) {
    expect((r['meta'] as { profile: string[] }).profile).toEqual([UK_CORE_PROFILES[type]]);
    expect(profileProblems(r)).toEqual([]);
  }
}

describe('UK Core profiles', () => {
  it.each(RESOURCE_TYPES)('every %s on the first page meets its UK Core profile', async (type) => {
    expectMeetsClaim(await sent(`${type}?_count=100`), type);
  });

  it.each(['booked', 'arrived', 'fulfilled', 'noshow', 'cancelled'])(
    'an Appointment that is %s meets UKCore-Appointment',
    async (status) => {
      expectMeetsClaim(await sent(`Appointment?status=${status}&_count=20`), 'Appointment');
    },
  );

  it('a cancelled clinic’s Schedule meets UKCore-Schedule', async () => {
    const schedules = await sent('Schedule?date=ge2026-12-01&_count=200');
    expectMeetsClaim(
      schedules.filter((s) => s['active'] === false),
      'Schedule',
    );
  });

  it.each(['free', 'busy'])('a Slot that is %s meets UKCore-Slot', async (status) => {
    expectMeetsClaim(await sent(`Slot?status=${status}&_count=20`), 'Slot');
  });
});
