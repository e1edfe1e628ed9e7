import { describe, expect, it } from 'vitest';
import { addDays, generateDepartment, PRIORITIES, type Department } from '@clinicdesk/domain';
import { AGREED, useTestDevice } from './test-device.test-support.ts';
import { leaveWithClinics, proposeSlots, rebookWorklist } from './rebook-queries.ts';
import { mutate } from '../sync/outbox.ts';

const TODAY = '2026-11-24';
const CLOCK = { now: new Date('2026-11-24T09:00:00Z'), today: TODAY };
const DEPT: Department = generateDepartment({ seed: 4, today: TODAY, referrals: 600 });
const db = useTestDevice(DEPT);

/** A clinician's future clinics with bookings, busiest first. */
function busyClinics(clinicianId: string) {
  return DEPT.clinicSessions
    .filter((s) => s.clinicianId === clinicianId && s.date > '2026-11-30')
    .map((s) => ({
      session: s,
      booked: DEPT.slots.filter((x) => x.sessionId === s.id && x.status === 'booked').length,
    }))
    .filter((x) => x.booked > 0);
}

async function edit(name: string, args: unknown) {
  const result = await mutate(db(), 'client-test', name, args, CLOCK);
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
}

describe('leave and its clinics on a device', () => {
  it('lists the clinician’s open clinics inside the leave, and moves them to “cancelled” as they are cancelled', async () => {
    const clinicianId = DEPT.clinicians[0]!.id;
    const [first, second] = busyClinics(clinicianId);
    await edit('leave.record', {
      id: 'leave-1',
      clinicianId,
      from: first!.session.date,
      to: second!.session.date,
      reason: 'Conference',
      shortNoticeReason: 'Invited speaker',
      shortNoticeAgreedBy: 'Mina Manager',
    });
    let [line] = await leaveWithClinics(db(), TODAY);
    const expected = DEPT.clinicSessions
      .filter(
        (s) =>
          s.clinicianId === clinicianId &&
          s.date >= first!.session.date &&
          s.date <= second!.session.date,
      )
      .map((s) => s.id)
      .sort();
    expect(line!.affected.map((a) => a.session.id).sort()).toEqual(expected);
    expect(line!.affected.find((a) => a.session.id === first!.session.id)!.booked).toBe(
      first!.booked,
    );
    await edit('session.cancel', {
      sessionId: first!.session.id,
      reason: 'Clinician on leave',
      leaveId: 'leave-1',
    });
    [line] = await leaveWithClinics(db(), TODAY);
    expect(line!.affected.map((a) => a.session.id)).not.toContain(first!.session.id);
    expect(line!.cancelled.map((s) => s.id)).toEqual([first!.session.id]);
  });
});

describe('day-case lists in a surgeon’s leave', () => {
  it('lists the surgeon’s open lists inside the leave with who is booked, and cancelling one empties it', async () => {
    // The surgeon's first list over a week away, with two patients booked onto it here.
    const list = DEPT.dayCaseLists.find((l) => l.date > addDays(TODAY, 7) && l.status === 'open')!;
    const waiting = DEPT.referrals.filter(
      (r) =>
        r.status === 'day-case' && r.dayCase && r.dayCase.unavailable.length === 0 && !r.tciDate,
    );
    for (const [i, r] of waiting.slice(0, 2).entries())
      await edit('admission.book', {
        admissionId: `adm-leave-${i}`,
        referralId: r.id,
        listId: list.id,
        preOpDate: addDays(list.date, -7),
      });
    await edit('leave.record', {
      id: 'leave-dc',
      clinicianId: list.clinicianId,
      from: list.date,
      to: list.date,
      reason: 'Conference',
      shortNoticeReason: 'Booked late by the deanery',
      shortNoticeAgreedBy: 'Service manager',
    });
    let [line] = (await leaveWithClinics(db(), TODAY)).filter((l) => l.leave.id === 'leave-dc');
    expect(line!.dayCaseLists).toEqual([{ list, booked: 2 }]);

    await edit('daycase.list.cancel', { listId: list.id, reason: 'Surgeon at a conference' });
    [line] = (await leaveWithClinics(db(), TODAY)).filter((l) => l.leave.id === 'leave-dc');
    expect(line!.dayCaseLists).toEqual([]);
    const left = await db().rows('admissions').where('listId').equals(list.id).toArray();
    expect(left.filter((a) => a.status === 'booked')).toEqual([]);
  });
});

describe('the Rebook worklist on a device', () => {
  it('holds every displaced patient, most urgent then longest waiting first, until rebooked', async () => {
    const clinicianId = DEPT.clinicians[1]!.id;
    const clinics = busyClinics(clinicianId).slice(0, 3);
    for (const { session } of clinics) {
      await edit('session.cancel', { sessionId: session.id, reason: 'Clinician off sick' });
    }
    const displaced = clinics.reduce((n, c) => n + c.booked, 0);
    const lines = await rebookWorklist(db(), TODAY);
    expect(lines).toHaveLength(displaced);
    const rank = lines.map((l) => [PRIORITIES.indexOf(l.priority), -l.clock.daysWaited]);
    const sorted = [...rank].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(rank).toEqual(sorted);
    expect(lines.every((l) => l.patient && l.session?.status === 'cancelled')).toBe(true);

    // The earliest suitable slot, never in a cancelled clinic, and booking it clears the row.
    const line = lines[0]!;
    const proposals = await proposeSlots(db(), line.referral!, line.rebook, {
      today: TODAY,
      now: CLOCK.now.toISOString(),
    });
    expect(proposals.length).toBeGreaterThan(0);
    const dates = proposals.map((p) => p.slot.date);
    expect(dates).toEqual([...dates].sort());
    expect(proposals.every((p) => p.session.status === 'open' && p.slot.status === 'free')).toBe(
      true,
    );
    await edit('appointment.book', {
      appointmentId: 'appt-rebooked',
      referralId: line.rebook.referralId,
      slotId: proposals[0]!.slot.id,
      overrides: AGREED,
    });
    const after = await rebookWorklist(db(), TODAY);
    expect(after).toHaveLength(displaced - 1);
    expect(after.map((l) => l.rebook.id)).not.toContain(line.rebook.id);
  });
});
