import { describe, expect, it } from 'vitest';
import { generateDepartment } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import { clinicOutcomes } from './outcome-queries.ts';

const TODAY = '2026-11-24';
const DEPT = generateDepartment({ seed: 8, today: TODAY, referrals: 500 });
const db = useTestDevice(DEPT);

/** A past clinic with an attended patient whose pathway still awaits its outcome. */
function clinicAwaitingAnOutcome() {
  const referral = DEPT.referrals.find((r) => r.status === 'seen')!;
  const appointment = DEPT.appointments.find(
    (a) => a.referralId === referral.id && a.status === 'seen',
  )!;
  return { referral, appointment };
}

describe('a clinic’s outcomes', () => {
  it('marks the attended patient awaiting an outcome as unfinished, and the rest by the cash-up rule', async () => {
    const { appointment } = clinicAwaitingAnOutcome();
    const lines = await clinicOutcomes(db(), appointment.sessionId);
    const mine = lines.find((l) => l.appointment.id === appointment.id)!;
    expect(mine).toMatchObject({ awaiting: true, unfinished: 'attended, no outcome recorded' });
    expect(mine.patient?.id).toBe(appointment.patientId);
    expect(lines.map((l) => l.appointment.startTime)).toEqual(
      lines.map((l) => l.appointment.startTime).sort(),
    );
    for (const line of lines) {
      expect(line.appointment.status.startsWith('cancelled')).toBe(false);
      if (line.appointment.status === 'did-not-attend') expect(line.unfinished).toBeNull();
    }
  });

  it('counts an attendance finished once its outcome is on the appointment', async () => {
    const { appointment } = clinicAwaitingAnOutcome();
    await db()
      .rows('appointments')
      .put({
        ...appointment,
        outcome: {
          at: `${TODAY}T10:00:00.000Z`,
          by: { userId: 'u', name: 'Mr Adrian Whitcombe' },
          code: '34',
          summary: 'Discharged',
        },
      });
    const lines = await clinicOutcomes(db(), appointment.sessionId);
    expect(lines.find((l) => l.appointment.id === appointment.id)).toMatchObject({
      awaiting: false,
      unfinished: null,
    });
  });

  it('lists booked patients whose attendance was never recorded', async () => {
    const booked = DEPT.appointments.find((a) => a.status === 'booked')!;
    const lines = await clinicOutcomes(db(), booked.sessionId);
    expect(lines.find((l) => l.appointment.id === booked.id)?.unfinished).toBe(
      'attendance not recorded',
    );
  });
});
