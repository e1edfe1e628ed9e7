import { currentVersion, putRow } from '../db/rows.ts';
import { writeTransaction, type Database } from '../db/database.ts';

/**
 * A small world for one run of a multi-device simulation, its ids starting with `prefix`: one
 * clinic on 01/12/2026 with three free slots, and five patients waiting to be booked.
 */
export async function seedSimWorld(db: Database, prefix: string, siteId: string) {
  const session = {
    id: `${prefix}ses`,
    templateId: null,
    name: 'Sim clinic',
    clinicianId: 'clin-1',
    siteId,
    room: 'R1',
    date: '2026-12-01',
    startTime: '09:00',
    endTime: '10:00',
    status: 'open',
    cancellationReason: null,
  };
  const slots = [0, 1, 2].map((i) => ({
    id: `${prefix}slot${i}`,
    sessionId: session.id,
    siteId,
    clinicianId: 'clin-1',
    date: '2026-12-01',
    startTime: `09:${i}0`,
    minutes: 10,
    type: 'new',
    status: 'free',
    appointmentId: null,
  }));
  const patients = [0, 1, 2, 3, 4].map((i) => ({
    id: `${prefix}pat${i}`,
    nhsNumber: '9990000018',
    givenName: 'Sim',
    familyName: `Patient${i}`,
    dateOfBirth: '1980-01-01',
    address: { line1: '1 Sim Street', town: 'Worcester', postcode: 'WR1 1AA' },
    phone: '01632 960000',
    gpPractice: 'Orchard Surgery',
  }));
  const referrals = patients.map((p, i) => ({
    id: `${prefix}ref${i}`,
    patientId: p.id,
    receivedDate: '2026-10-01',
    source: 'gp',
    referrer: 'Dr Sim',
    reason: 'Sim',
    requestedPriority: 'routine',
    priority: 'routine',
    clinicianId: null,
    siteId,
    status: 'waiting',
    rttEvents: [{ date: '2026-10-01', code: '10', cause: 'Referral received' }],
  }));
  await writeTransaction(db, async (tx) => {
    let version = await currentVersion(tx);
    await putRow(tx, 'clinicSessions', session, ++version);
    for (const s of slots) await putRow(tx, 'slots', s, ++version);
    for (const p of patients) await putRow(tx, 'patients', p, ++version);
    for (const r of referrals) await putRow(tx, 'referrals', r, ++version);
  });
  return {
    slots: slots.map((s) => s.id),
    referrals: referrals.map((r) => r.id),
    patients: patients.map((p) => p.id),
  };
}
