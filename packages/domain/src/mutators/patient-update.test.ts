import { describe, expect, it } from 'vitest';
import type { Patient } from '../patients/patient.ts';
import { formatHlc } from '../sync/hlc.ts';
import type { ReadState } from './mutator.ts';
import { runMutation } from './registry.ts';

const NOW = '2026-11-24T10:00:00.000Z';
const T0 = Date.parse(NOW);
const BASE: Patient = {
  id: 'pat-1',
  nhsNumber: '9990000018',
  givenName: 'Amelia',
  familyName: 'Ashdown',
  dateOfBirth: '1970-05-01',
  address: { line1: '1 Mill Lane', town: 'Worcester', postcode: 'WR1 1AA' },
  phone: '01632 960001',
  gpPractice: 'Orchard Surgery',
};

function stateOf(patient: Patient): ReadState {
  return {
    get: async (table, id) =>
      table === 'patients' && id === patient.id ? (patient as never) : undefined,
    findPatientByNhsNumber: async () => undefined,
    referralsOfPatient: async () => [],
    slotsOfSession: async () => [],
    sessionsOfTemplate: async () => [],
    appointmentsOfReferral: async () => [],
    leaveOfClinician: async () => [],
    waitingReferrals: async () => [],
    admissionsOfList: async () => [],
    admissionsOfReferral: async () => [],
    caseNotesOfPatient: async () => [],
    openTasksOf: async () => [],
  };
}

async function update(
  patient: Patient,
  changes: Record<string, unknown>,
  wall: number,
  node: string,
): Promise<Patient> {
  const result = await runMutation(
    'patient.update',
    { patientId: patient.id, changes, hlc: formatHlc({ wall, counter: 0, node }) },
    stateOf(patient),
    { today: '2026-11-24', now: NOW, actor: { userId: 'u1', name: 'Test User' } },
  );
  if (!result.ok) throw new Error(result.message);
  return result.changes[0]?.row as Patient;
}

describe('patient.update: contact fields merge per field, last writer wins by clock', () => {
  it('gives the same record whichever order two devices’ edits arrive in', async () => {
    const a = { changes: { phone: '07700 900111' }, wall: T0 - 60_000, node: 'device-a' };
    const b = {
      changes: { phone: '07700 900222', gpPractice: 'Abbey Lane Surgery' },
      wall: T0 - 30_000,
      node: 'device-b',
    };
    const ab = await update(
      await update(BASE, a.changes, a.wall, a.node),
      b.changes,
      b.wall,
      b.node,
    );
    const ba = await update(
      await update(BASE, b.changes, b.wall, b.node),
      a.changes,
      a.wall,
      a.node,
    );
    for (const r of [ab, ba]) {
      expect(r.phone).toBe('07700 900222');
      expect(r.gpPractice).toBe('Abbey Lane Surgery');
    }
    expect(ab.fieldClocks).toEqual(ba.fieldClocks);
  });

  it('keeps the value that lost in the record’s history, visible', async () => {
    const later = await update(BASE, { phone: '07700 900222' }, T0 - 30_000, 'device-b');
    const earlierArrivingLate = await update(
      later,
      { phone: '07700 900111' },
      T0 - 60_000,
      'device-a',
    );
    expect(earlierArrivingLate.phone).toBe('07700 900222');
    expect(earlierArrivingLate.history).toEqual([
      expect.objectContaining({ field: 'phone', value: '01632 960001', outcome: 'replaced' }),
      expect.objectContaining({ field: 'phone', value: '07700 900111', outcome: 'overwritten' }),
    ]);
  });

  it('leaves other fields alone: an edit of the address does not undo a later phone change', async () => {
    const phone = await update(BASE, { phone: '07700 900333' }, T0 - 10_000, 'device-b');
    const address = await update(
      phone,
      { address: { line1: '2 Elm Grove', town: 'Evesham', postcode: 'WR11 4AB' } },
      T0 - 50_000,
      'device-a',
    );
    expect(address.phone).toBe('07700 900333');
    expect(address.address.line1).toBe('2 Elm Grove');
  });

  it('refuses a device clock more than five minutes ahead of the server', async () => {
    const result = await runMutation(
      'patient.update',
      {
        patientId: 'pat-1',
        changes: { phone: '07700 900444' },
        hlc: formatHlc({ wall: T0 + 6 * 60_000, counter: 0, node: 'fast' }),
      },
      stateOf(BASE),
      { today: '2026-11-24', now: NOW, actor: { userId: 'u1', name: 'Test User' } },
    );
    expect(result).toMatchObject({ ok: false, reason: 'clock-ahead' });
  });

  it.each([
    [{ phone: 'call me' }, 'phone number'],
    [{}, 'at least one'],
    [{ address: { line1: '', town: 'Worcester', postcode: 'WR1 1AA' } }, 'first line of address'],
    [{ nhsNumber: '9990000018' }, 'at least one'],
  ])('refuses %j with words about %s', async (changes, words) => {
    const result = await runMutation(
      'patient.update',
      { patientId: 'pat-1', changes, hlc: formatHlc({ wall: T0, counter: 0, node: 'n' }) },
      stateOf(BASE),
      { today: '2026-11-24', now: NOW, actor: { userId: 'u1', name: 'Test User' } },
    );
    expect(result).toMatchObject({ ok: false, reason: 'invalid-args' });
    expect(result.ok ? '' : result.message.toLowerCase()).toContain(words.toLowerCase());
  });
});
