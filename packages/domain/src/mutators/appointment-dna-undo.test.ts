import { describe, expect, it } from 'vitest';
import { dnaLetterId } from '../letters/letter.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import { isDnaUndoableAtDesk, printedDnaLetterWarning } from './appointment-dna-undo.ts';
import { deskTables, refused } from './desk.test-support.ts';
import { CTX, editTables as edit, rowOf, type Tables } from './fixtures.test-support.ts';

// Hazard H18: a did-not-attend recorded in error (the patient came late, the wrong line was
// tapped) is taken back on the day, and everything the DNA did is undone with it.

const REASON = 'Arrived 15 minutes late; the clinician will see her';

/** Today's clinic with its 09:00 first appointment and 11:00 follow-up marked DNA at 11:15. */
async function afterDna(appointmentId = 'appt-today-first'): Promise<Tables> {
  const later = { ...CTX, now: '2026-03-02T11:15:00.000Z' };
  const { result, tables } = await edit(
    deskTables(),
    'appointment.attendance',
    { appointmentId, attendance: 'did-not-attend' },
    later,
  );
  expect(result.ok).toBe(true);
  return tables;
}

describe('appointment.undoDna', () => {
  it('takes back a first-appointment DNA: booked again, the clock running from its first start, the review and the GP letter withdrawn', async () => {
    const before = JSON.parse(
      JSON.stringify(rowOf(deskTables(), 'referrals', 'ref-today-first')),
    ) as ReturnType<typeof rowOf<'referrals'>>;
    const tables = await afterDna();
    expect(rttClock(rowOf(tables, 'referrals', 'ref-today-first').rttEvents, CTX.today).state).toBe(
      'nullified',
    );

    const { result, tables: after } = await edit(tables, 'appointment.undoDna', {
      appointmentId: 'appt-today-first',
      reason: REASON,
    });
    expect(result.ok).toBe(true);
    expect(rowOf(after, 'appointments', 'appt-today-first').status).toBe('booked');
    const referral = rowOf(after, 'referrals', 'ref-today-first');
    expect(referral.status).toBe('booked');
    expect(referral.rttEvents).toEqual(before.rttEvents);
    expect(referral.reviews).toEqual(before.reviews);
    expect(rttClock(referral.rttEvents, CTX.today)).toMatchObject({
      state: 'running',
      clockStart: rttClock(before.rttEvents, CTX.today).clockStart,
    });
    expect(rowOf(after, 'letters', dnaLetterId('appt-today-first'))).toMatchObject({
      printedAt: null,
      withdrawnAt: CTX.now,
      withdrawnBy: CTX.actor,
      withdrawnReason: `Did-not-attend taken back: ${REASON}`,
    });
    // The patient can now be checked in as usual.
    const arrived = await edit(after, 'appointment.arrive', { appointmentId: 'appt-today-first' });
    expect(arrived.result.ok).toBe(true);
  });

  it('takes back a follow-up DNA with no RTT effect', async () => {
    const tables = await afterDna('appt-today-follow-up');
    const events = rowOf(tables, 'referrals', 'ref-today-follow-up').rttEvents;
    const { result, tables: after } = await edit(tables, 'appointment.undoDna', {
      appointmentId: 'appt-today-follow-up',
      reason: REASON,
    });
    expect(result.ok).toBe(true);
    expect(rowOf(after, 'appointments', 'appt-today-follow-up').status).toBe('booked');
    expect(rowOf(after, 'referrals', 'ref-today-follow-up')).toMatchObject({
      status: 'follow-up',
      rttEvents: events,
    });
  });

  it('keeps a GP letter already printed, and the desk is told to let the practice know', async () => {
    const tables = await afterDna();
    const letter = rowOf(tables, 'letters', dnaLetterId('appt-today-first'));
    letter.printedAt = '2026-03-02T11:20:00.000Z';
    const { result, tables: after } = await edit(tables, 'appointment.undoDna', {
      appointmentId: 'appt-today-first',
      reason: REASON,
    });
    expect(result.ok && result.changes.map((c) => c.table)).toEqual(['appointments', 'referrals']);
    const kept = rowOf(after, 'letters', dnaLetterId('appt-today-first'));
    expect(kept.withdrawnAt).toBeNull();
    expect(printedDnaLetterWarning(kept)).toMatch(
      /printed on 02\/03\/2026 11:20.*tell the practice/,
    );
  });

  it('will not print a withdrawn letter', async () => {
    const { tables } = await edit(await afterDna(), 'appointment.undoDna', {
      appointmentId: 'appt-today-first',
      reason: REASON,
    });
    const { result } = await edit(tables, 'letter.printed', {
      letterId: dnaLetterId('appt-today-first'),
    });
    refused(result, 'letter-withdrawn');
    if (!result.ok) expect(result.message).toContain(REASON);
  });

  it('needs a reason, in words', async () => {
    const { result } = await edit(await afterDna(), 'appointment.undoDna', {
      appointmentId: 'appt-today-first',
      reason: '   ',
    });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok)
      expect(result.message).toMatch(/Say why the did-not-attend is being taken back/);
  });

  it('refuses an appointment not recorded as did not attend', async () => {
    const { result } = await edit(deskTables(), 'appointment.undoDna', {
      appointmentId: 'appt-today-first',
      reason: REASON,
    });
    refused(result, 'not-dna');
  });

  it('refuses once a clinician has decided the review the DNA raised', async () => {
    const tables = await afterDna();
    const review = rowOf(tables, 'referrals', 'ref-today-first').reviews.at(-1)!;
    review.decision = 'discharge';
    const { result } = await edit(tables, 'appointment.undoDna', {
      appointmentId: 'appt-today-first',
      reason: REASON,
    });
    refused(result, 'dna-reviewed');
  });

  it('refuses when the pathway has moved on: the patient booked again since', async () => {
    const tables = await afterDna();
    const referral = rowOf(tables, 'referrals', 'ref-today-first');
    referral.status = 'booked';
    referral.rttEvents.push({
      date: CTX.today,
      code: '10',
      cause: 'Rebooked after did not attend',
      recordedBy: CTX.actor,
    });
    const { result } = await edit(tables, 'appointment.undoDna', {
      appointmentId: 'appt-today-first',
      reason: REASON,
    });
    refused(result, 'pathway-moved-on');
  });

  it('refuses on a later day, and once the clinic is cashed up', async () => {
    const tables = await afterDna();
    const tomorrow = { ...CTX, today: '2026-03-03', now: '2026-03-03T09:00:00.000Z' };
    refused(
      (
        await edit(
          tables,
          'appointment.undoDna',
          { appointmentId: 'appt-today-first', reason: REASON },
          tomorrow,
        )
      ).result,
      'not-today',
    );
    rowOf(tables, 'clinicSessions', 'ses-today').cashedUp = { at: CTX.now, by: CTX.actor };
    refused(
      (
        await edit(tables, 'appointment.undoDna', {
          appointmentId: 'appt-today-first',
          reason: REASON,
        })
      ).result,
      'clinic-cashed-up',
    );
  });
});

describe('isDnaUndoableAtDesk: what the desk offers (the mutator applies the same rule)', () => {
  const TODAY = '2026-03-02';
  it.each([
    { status: 'did-not-attend', date: TODAY, offered: true },
    { status: 'did-not-attend', date: '2026-03-01', offered: false },
    { status: 'did-not-attend', date: '2026-03-03', offered: false },
    { status: 'booked', date: TODAY, offered: false },
    { status: 'arrived', date: TODAY, offered: false },
    { status: 'seen', date: TODAY, offered: false },
    { status: 'could-not-wait', date: TODAY, offered: false },
    { status: 'cancelled-by-hospital', date: TODAY, offered: false },
  ] as const)('$status on $date: offered $offered', ({ status, date, offered }) => {
    expect(isDnaUndoableAtDesk({ status, date }, TODAY)).toBe(offered);
  });
});
