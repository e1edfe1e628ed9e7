import { describe, expect, it } from 'vitest';
import {
  appointmentInSlot,
  formatPatientName,
  generateDepartment,
  TABLE_NAMES,
  type Referral,
  type RowChange,
  type RowOf,
  type Slot,
  type TableName,
} from '@clinicdesk/domain';
import { readMeta } from '../db/database.ts';
import { mutate, pendingEdits, rebase, recordDecisions } from './outbox.ts';
import { AGREED, useTestDevice } from '../db/test-device.test-support.ts';

const TODAY = '2026-11-24';
const CLOCK = { now: new Date('2026-11-24T08:00:00Z'), today: TODAY };
const CLIENT = 'device-a';
const DEPT = generateDepartment({ seed: 1, today: TODAY, referrals: 200 });

const openSessions = new Set(
  DEPT.clinicSessions.filter((s) => s.status === 'open').map((s) => s.id),
);
const waitingRoutine = DEPT.referrals.filter(
  (r) => r.status === 'waiting' && r.priority === 'routine',
);
const futureNew = (status: Slot['status']) =>
  DEPT.slots.filter(
    (s) =>
      s.status === status && s.type === 'new' && s.date > TODAY && openSessions.has(s.sessionId),
  );

/** The referral and slot the device books; another pair for other people's bookings. */
const REFERRAL = waitingRoutine[0]!;
const OTHER_REFERRAL = waitingRoutine[1]!;
const SLOT = futureNew('free')[0]!;
const OTHER_SLOT = futureNew('free')[1]!;
const TAKEN_SLOT = futureNew('booked')[0]!;
const PATIENT = DEPT.patients.find((p) => p.id === REFERRAL.patientId)!;

const db = useTestDevice(DEPT);

function book(referralId: string, slotId: string, appointmentId = `appt-${slotId}-local`) {
  return mutate(
    db(),
    CLIENT,
    'appointment.book',
    { appointmentId, referralId, slotId, overrides: AGREED },
    CLOCK,
  );
}

function row<T extends TableName>(table: T, id: string) {
  return db().rows(table).get(id);
}

function serverRow<T extends TableName>(table: T, value: RowOf<T>): RowChange {
  return { table, id: value.id, version: 1, row: { ...value } };
}

/** The rows the server sends when someone else's booking of `slot` has been applied. */
function serverBooking(referral: Referral, slot: Slot, appointmentId: string): RowChange[] {
  const appointment = appointmentInSlot(slot, referral, {
    id: appointmentId,
    kind: 'new',
    status: 'booked',
    bookedAt: '2026-11-24T07:55:00.000Z',
  });
  return [
    serverRow('appointments', appointment),
    serverRow('slots', { ...slot, status: 'booked', appointmentId }),
    serverRow('referrals', { ...referral, status: 'booked' }),
  ];
}

/** Every row on the device, table by table, for checking that nothing else moved. */
async function everything() {
  const all: Record<string, unknown[]> = {};
  for (const table of [...TABLE_NAMES, 'outbox', 'rejections', 'meta'])
    all[table] = await db().table(table).toArray();
  return all;
}

describe('mutate', () => {
  it('writes the booking and queues it as seq 1 in one go', async () => {
    const result = await book(REFERRAL.id, SLOT.id, 'appt-local-1');
    expect(result.ok).toBe(true);

    expect(await row('appointments', 'appt-local-1')).toMatchObject({
      slotId: SLOT.id,
      referralId: REFERRAL.id,
      patientId: REFERRAL.patientId,
      status: 'booked',
      bookedAt: CLOCK.now.toISOString(),
    });
    expect(await row('slots', SLOT.id)).toEqual({
      ...SLOT,
      status: 'booked',
      appointmentId: 'appt-local-1',
    });
    expect(await row('referrals', REFERRAL.id)).toEqual({
      ...REFERRAL,
      status: 'booked',
      // The booking is the patient's accepted offer (issue 7).
      offers: [expect.objectContaining({ response: 'accepted', dates: [SLOT.date] })],
    });

    const queued = await pendingEdits(db());
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      id: `${CLIENT}:1`,
      clientId: CLIENT,
      seq: 1,
      name: 'appointment.book',
      args: {
        appointmentId: 'appt-local-1',
        referralId: REFERRAL.id,
        slotId: SLOT.id,
        overrides: AGREED,
      },
      at: CLOCK.now.toISOString(),
    });
    const undo = queued[0]!.undo;
    expect(undo.slice(0, 3)).toEqual([
      { table: 'appointments', id: 'appt-local-1', before: null },
      { table: 'slots', id: SLOT.id, before: SLOT },
      { table: 'referrals', id: REFERRAL.id, before: REFERRAL },
    ]);
    // Then the overrides of the access policy's warnings and the confirmation letter the
    // booking produced (issue 7): new rows, gone again on undo.
    for (const u of undo.slice(3, -1)) {
      expect(u).toMatchObject({ table: 'policyOverrides', before: null });
    }
    expect(undo.at(-1)).toEqual({
      table: 'letters',
      id: 'letter-booked-appt-local-1',
      before: null,
    });
    expect(await readMeta(db(), `lastSeq:${CLIENT}`, 0)).toBe(1);
  });

  it('shows no edit it could not queue: a failed queue write undoes the booking too', async () => {
    // A stray entry holds seq 1, so queuing the next edit (seq 1) breaks its transaction.
    await db().outbox.add({
      id: 'stray',
      clientId: CLIENT,
      seq: 1,
      name: 'x',
      args: {},
      at: '',
      undo: [],
    });
    const before = await everything();
    await expect(book(REFERRAL.id, SLOT.id)).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await everything()).toEqual(before);
  });

  it('returns the rule’s refusal, queues nothing and changes nothing, for a slot already booked', async () => {
    const before = await everything();
    const result = await book(REFERRAL.id, TAKEN_SLOT.id);
    expect(result).toEqual({
      ok: false,
      reason: 'slot-taken',
      message: expect.stringMatching(/has just been booked for another patient/),
    });
    expect(await everything()).toEqual(before);
  });

  it('numbers edits 1, 2, 3 in order, skipping nothing for a refused one', async () => {
    expect((await book(REFERRAL.id, SLOT.id)).ok).toBe(true);
    expect((await book(OTHER_REFERRAL.id, TAKEN_SLOT.id)).ok).toBe(false);
    expect((await book(OTHER_REFERRAL.id, OTHER_SLOT.id)).ok).toBe(true);
    expect((await book(waitingRoutine[2]!.id, futureNew('free')[2]!.id)).ok).toBe(true);
    expect((await pendingEdits(db())).map((e) => [e.seq, e.id])).toEqual([
      [1, `${CLIENT}:1`],
      [2, `${CLIENT}:2`],
      [3, `${CLIENT}:3`],
    ]);
  });

  it('stamps every queued edit with a hybrid logical clock that only moves forward', async () => {
    await book(REFERRAL.id, SLOT.id);
    await book(OTHER_REFERRAL.id, OTHER_SLOT.id);
    const clocks = (await pendingEdits(db())).map((e) => e.hlc ?? '');
    expect(clocks.every((h) => h.endsWith(`:${CLIENT}`))).toBe(true);
    expect(clocks[1]! > clocks[0]!).toBe(true);
  });

  it('never reuses a seq after its edit has left the queue', async () => {
    await book(REFERRAL.id, SLOT.id, 'appt-local-1');
    await recordDecisions(db(), CLIENT, [{ id: `${CLIENT}:1`, seq: 1, status: 'applied' }]);
    const applied = serverBooking(REFERRAL, SLOT, 'appt-local-1');
    await rebase(db(), applied, { caughtUp: true, clock: CLOCK });
    expect(await pendingEdits(db())).toEqual([]);

    await book(OTHER_REFERRAL.id, OTHER_SLOT.id);
    expect((await pendingEdits(db())).map((e) => e.seq)).toEqual([2]);
  });
});

describe('rebase', () => {
  it('undoes an edit the server rejected and keeps it, described, for a person to read', async () => {
    await book(REFERRAL.id, SLOT.id, 'appt-local-1');
    const message = `The ${SLOT.startTime} slot has just been booked for another patient`;
    await recordDecisions(db(), CLIENT, [
      { id: `${CLIENT}:1`, seq: 1, status: 'rejected', reason: 'slot-taken', message },
    ]);
    await rebase(db(), [], { caughtUp: true, clock: CLOCK });

    expect(await row('slots', SLOT.id)).toEqual(SLOT);
    expect(await row('referrals', REFERRAL.id)).toEqual(REFERRAL);
    expect(await row('appointments', 'appt-local-1')).toBeUndefined();
    expect(await pendingEdits(db())).toEqual([]);

    const rejected = await db().rejections.toArray();
    expect(rejected).toEqual([
      {
        id: `${CLIENT}:1`,
        name: 'appointment.book',
        args: {
          appointmentId: 'appt-local-1',
          referralId: REFERRAL.id,
          slotId: SLOT.id,
          overrides: AGREED,
        },
        at: CLOCK.now.toISOString(),
        reason: 'slot-taken',
        message,
        summary: expect.stringContaining(formatPatientName(PATIENT)),
      },
    ]);
    expect(rejected[0]!.summary).toContain(SLOT.startTime);
  });

  it('writes the server’s changes underneath a booking still waiting, and keeps it queued', async () => {
    await book(REFERRAL.id, SLOT.id, 'appt-local-1');
    const newPhone = { ...PATIENT, phone: '01632 960999' };
    await rebase(
      db(),
      [serverRow('patients', newPhone), ...serverBooking(OTHER_REFERRAL, OTHER_SLOT, 'appt-srv')],
      { caughtUp: true, clock: CLOCK, cursor: 42 },
    );

    expect(await row('patients', PATIENT.id)).toEqual(newPhone);
    expect(await row('slots', OTHER_SLOT.id)).toMatchObject({ appointmentId: 'appt-srv' });
    expect(await row('referrals', OTHER_REFERRAL.id)).toMatchObject({ status: 'booked' });
    expect(await row('appointments', 'appt-srv')).toMatchObject({ referralId: OTHER_REFERRAL.id });

    expect(await row('slots', SLOT.id)).toMatchObject({ appointmentId: 'appt-local-1' });
    expect(await row('referrals', REFERRAL.id)).toMatchObject({ status: 'booked' });
    expect(await row('appointments', 'appt-local-1')).toMatchObject({ status: 'booked' });

    const queued = await pendingEdits(db());
    expect(queued.map((e) => [e.seq, e.decided])).toEqual([[1, undefined]]);
    // The appointment, the slot and the pathway, its letter, and any access-policy override recorded.
    expect(queued[0]!.undo.map((u) => u.table)).toEqual(
      expect.arrayContaining(['appointments', 'slots', 'referrals', 'letters']),
    );
    expect(await readMeta(db(), 'cursor', 0)).toBe(42);
  });

  it('writes a page’s tables and deletions together, or none of the page if one row cannot be stored', async () => {
    const existing = DEPT.appointments[0]!;
    expect(await row('appointments', existing.id)).toBeDefined();
    const newPhone = { ...PATIENT, phone: '01632 960999' };
    const page = [
      serverRow('patients', newPhone),
      { table: 'appointments', id: existing.id, version: 2, row: null } satisfies RowChange,
      ...serverBooking(OTHER_REFERRAL, OTHER_SLOT, 'appt-srv'),
    ];
    // One row without a key: IndexedDB refuses it, and the page's other tables with it.
    const unstorable = { table: 'slots', id: 'x', version: 3, row: { ...SLOT, id: undefined } };
    await expect(
      rebase(db(), [...page, unstorable as unknown as RowChange], {
        caughtUp: true,
        clock: CLOCK,
        cursor: 7,
      }),
    ).rejects.toThrow();
    expect(await row('patients', PATIENT.id)).toEqual(PATIENT);
    expect(await row('appointments', existing.id)).toBeDefined();
    expect(await row('appointments', 'appt-srv')).toBeUndefined();
    expect(await readMeta(db(), 'cursor', 0)).toBe(0);

    await rebase(db(), page, { caughtUp: true, clock: CLOCK, cursor: 7 });
    expect(await row('patients', PATIENT.id)).toEqual(newPhone);
    expect(await row('appointments', existing.id)).toBeUndefined();
    expect(await row('appointments', 'appt-srv')).toMatchObject({ referralId: OTHER_REFERRAL.id });
    expect(await row('slots', OTHER_SLOT.id)).toMatchObject({ appointmentId: 'appt-srv' });
    expect(await readMeta(db(), 'cursor', 0)).toBe(7);
  });

  it('undoes a rebased edit back to the server’s row, not the row it first replaced', async () => {
    await book(REFERRAL.id, SLOT.id, 'appt-local-1');
    const retriaged = { ...REFERRAL, referrer: 'Dr Newname' };
    await rebase(db(), [serverRow('referrals', retriaged)], { caughtUp: true, clock: CLOCK });
    expect(await row('referrals', REFERRAL.id)).toMatchObject({
      ...retriaged,
      status: 'booked',
      offers: [expect.objectContaining({ response: 'accepted' })],
    });

    await recordDecisions(db(), CLIENT, [
      { id: `${CLIENT}:1`, seq: 1, status: 'rejected', reason: 'slot-taken', message: 'Taken' },
    ]);
    await rebase(db(), [], { caughtUp: true, clock: CLOCK });
    expect(await row('referrals', REFERRAL.id)).toEqual(retriaged);
  });

  it('keeps an applied edit, still shown, until the server’s rows have caught up with it', async () => {
    await book(REFERRAL.id, SLOT.id, 'appt-local-1');
    await recordDecisions(db(), CLIENT, [{ id: `${CLIENT}:1`, seq: 1, status: 'applied' }]);

    await rebase(db(), [], { caughtUp: false, clock: CLOCK });
    expect((await pendingEdits(db())).map((e) => e.decided)).toEqual([{ status: 'applied' }]);
    expect(await row('slots', SLOT.id)).toMatchObject({ appointmentId: 'appt-local-1' });
    expect(await row('referrals', REFERRAL.id)).toMatchObject({ status: 'booked' });

    await rebase(db(), serverBooking(REFERRAL, SLOT, 'appt-local-1'), {
      caughtUp: true,
      clock: CLOCK,
    });
    expect(await pendingEdits(db())).toEqual([]);
    expect(await db().rejections.count()).toBe(0);
    expect(await row('slots', SLOT.id)).toMatchObject({ appointmentId: 'appt-local-1' });
    expect(await row('referrals', REFERRAL.id)).toMatchObject({ status: 'booked' });
    expect(await row('appointments', 'appt-local-1')).toMatchObject({ status: 'booked' });
  });

  it('shows the server’s booking when it took the same slot, and leaves the local one for the server to decide', async () => {
    await book(REFERRAL.id, SLOT.id, 'appt-local-1');
    const theirs = serverBooking(OTHER_REFERRAL, SLOT, 'appt-srv');
    await rebase(db(), theirs, { caughtUp: true, clock: CLOCK });

    expect(await row('slots', SLOT.id)).toEqual({
      ...SLOT,
      status: 'booked',
      appointmentId: 'appt-srv',
    });
    expect(await row('appointments', 'appt-srv')).toEqual(theirs[0]!.row);
    expect(await row('referrals', OTHER_REFERRAL.id)).toEqual(theirs[2]!.row);
    expect(await row('appointments', 'appt-local-1')).toBeUndefined();
    expect(await row('referrals', REFERRAL.id)).toEqual(REFERRAL);

    const queued = await pendingEdits(db());
    expect(queued).toMatchObject([
      {
        seq: 1,
        name: 'appointment.book',
        args: {
          appointmentId: 'appt-local-1',
          referralId: REFERRAL.id,
          slotId: SLOT.id,
          overrides: AGREED,
        },
        undo: [],
      },
    ]);
    expect(queued[0]!.decided).toBeUndefined();

    // When the server refuses it, the server's booking must survive the rebase that follows.
    await recordDecisions(db(), CLIENT, [
      { id: `${CLIENT}:1`, seq: 1, status: 'rejected', reason: 'slot-taken', message: 'Taken' },
    ]);
    await rebase(db(), [], { caughtUp: true, clock: CLOCK });
    expect(await row('slots', SLOT.id)).toMatchObject({ appointmentId: 'appt-srv' });
    expect(await row('appointments', 'appt-srv')).toEqual(theirs[0]!.row);
    expect(await row('referrals', REFERRAL.id)).toEqual(REFERRAL);
    expect(await db().rejections.count()).toBe(1);
    expect(await pendingEdits(db())).toEqual([]);
  });
});
