import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer } from '../test-support.ts';

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 200 });
});
afterEach(() => server.close());

interface Event {
  action: string;
  outcome: string;
  happenedAt: string;
  recordedAt: string;
  username: string;
  entityTable: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('searching the audit trail', () => {
  it('finds a patient’s views and changes, with the device’s time, who, and before and after', async () => {
    const desk = await server.signIn('receptionist', ['site-ktc', 'site-alx', 'site-wrh']);
    const manager = await server.signIn('manager', ['site-ktc']);
    const appt = await server.db.execute(
      "SELECT id, json_extract(data, '$.patientId') AS patient FROM rows WHERE tbl = 'appointments' AND json_extract(data, '$.status') = 'booked' AND json_extract(data, '$.date') > '2026-11-25' LIMIT 1",
    );
    const appointmentId = String(appt.rows[0]?.['id']);
    const patientId = String(appt.rows[0]?.['patient']);
    const offlineAt = '2026-11-23T15:30:00.000Z';
    await desk.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({
        protocolVersion: 1,
        clientId: desk.clientId,
        mutations: [
          {
            id: 'm1',
            clientId: desk.clientId,
            seq: 1,
            name: 'patient.viewed',
            args: { patientId, screen: 'Clinic' },
            at: offlineAt,
          },
          {
            id: 'm2',
            clientId: desk.clientId,
            seq: 2,
            name: 'appointment.cancel',
            args: { appointmentId, by: 'patient', reason: 'Moving away' },
            at: offlineAt,
          },
        ],
      }),
    });
    const res = await manager.request(
      `/api/audit?patientId=${patientId}&from=2026-11-23&to=2026-11-23`,
    );
    expect(res.status).toBe(200);
    const { events } = (await res.json()) as { events: Event[] };
    // The cancellation's appointment and its letter to the patient (issue 7), and the view.
    expect(events.map((e) => e.outcome).sort()).toEqual([
      'applied',
      'applied',
      'applied',
      'viewed',
    ]);
    expect(events.map((e) => e.entityTable)).toContain('letters');
    for (const e of events)
      expect(e).toMatchObject({ happenedAt: offlineAt, recordedAt: '2026-11-24T10:00:00.000Z' });
    const cancelled = events.find((e) => e.entityTable === 'appointments');
    expect(cancelled?.before).toMatchObject({ status: 'booked' });
    expect(cancelled?.after).toMatchObject({
      status: 'cancelled-by-patient',
      cancellationReason: 'Moving away',
    });
  });

  it('reads dates as London days: an event at 23:30 UTC in summer belongs to the next day', async () => {
    const desk = await server.signIn('receptionist', ['site-ktc', 'site-alx', 'site-wrh']);
    const manager = await server.signIn('manager', ['site-ktc']);
    const patient = await server.db.execute("SELECT id FROM rows WHERE tbl = 'patients' LIMIT 1");
    const patientId = String(patient.rows[0]?.['id']);
    await desk.request('/api/sync/push', {
      method: 'POST',
      body: JSON.stringify({
        protocolVersion: 1,
        clientId: desk.clientId,
        mutations: [
          {
            id: 'm1',
            clientId: desk.clientId,
            seq: 1,
            name: 'patient.viewed',
            args: { patientId, screen: 'x' },
            at: '2026-07-01T23:30:00.000Z',
          },
        ],
      }),
    });
    const on = async (day: string) =>
      (
        (await (
          await manager.request(`/api/audit?patientId=${patientId}&from=${day}&to=${day}`)
        ).json()) as { events: Event[] }
      ).events.length;
    expect(await on('2026-07-02')).toBe(1);
    expect(await on('2026-07-01')).toBe(0);
  });

  it('finds a user’s events by username as well as by id', async () => {
    const desk = await server.signIn('receptionist', ['site-ktc'], 'rita.desk');
    const manager = await server.signIn('manager', ['site-ktc']);
    const byName = (await (await manager.request('/api/audit?userId=rita.desk')).json()) as {
      events: Event[];
    };
    const byId = (await (await manager.request(`/api/audit?userId=${desk.userId}`)).json()) as {
      events: Event[];
    };
    expect(byName.events.map((e) => e.action)).toEqual(['sign-in']);
    expect(byId.events).toEqual(byName.events);
  });

  it('refuses a malformed search with 400', async () => {
    const manager = await server.signIn('manager', ['site-ktc']);
    expect((await manager.request('/api/audit?from=31/12/2026')).status).toBe(400);
    expect((await manager.request('/api/audit?limit=5000')).status).toBe(400);
  });
});
