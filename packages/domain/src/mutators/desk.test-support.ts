import { expect } from 'vitest';
import type { Appointment } from '../booking/appointment.ts';
import type { ClinicSession, Slot } from '../clinics/clinic.ts';
import { buildTables, CTX, isPlainEnglish, rowOf, type Tables } from './fixtures.test-support.ts';
import type { MutatorResult } from './mutator.ts';

/** The fixture department plus a clinic today (2 March, 09:00–12:00, now 10:15) with two patients booked. */
export function deskTables(): Tables {
  const tables = buildTables();
  const today: ClinicSession = {
    ...rowOf(tables, 'clinicSessions', 'ses-open'),
    id: 'ses-today',
    date: CTX.today,
  };
  const slot = (
    id: string,
    startTime: string,
    type: Slot['type'],
    appointmentId: string,
  ): Slot => ({
    ...rowOf(tables, 'slots', 'slot-new-booked'),
    id,
    sessionId: today.id,
    date: CTX.today,
    startTime,
    type,
    appointmentId,
  });
  const first = slot('slot-today-09', '09:00', 'new', 'appt-today-first');
  const followUp = slot('slot-today-11', '11:00', 'follow-up', 'appt-today-follow-up');
  const appointment = (id: string, s: Slot, referralId: string, kind: Appointment['kind']) => ({
    ...rowOf(tables, 'appointments', 'appt-booked'),
    id,
    slotId: s.id,
    sessionId: today.id,
    referralId,
    date: CTX.today,
    startTime: s.startTime,
    kind,
  });
  tables.clinicSessions.push(today);
  tables.slots.push(first, followUp);
  tables.referrals.push(
    { ...rowOf(tables, 'referrals', 'ref-booked'), id: 'ref-today-first' },
    { ...rowOf(tables, 'referrals', 'ref-seen'), id: 'ref-today-follow-up', status: 'follow-up' },
  );
  tables.appointments.push(
    appointment('appt-today-first', first, 'ref-today-first', 'new'),
    appointment('appt-today-follow-up', followUp, 'ref-today-follow-up', 'follow-up'),
  );
  return tables;
}

export function refused(result: MutatorResult, reason: string) {
  expect(result).toMatchObject({ ok: false, reason });
  if (!result.ok) expect(isPlainEnglish(result.message)).toBe(true);
}
