import { describe, it, expect } from 'vitest';
import { buildTables, rowOf } from '../mutators/fixtures.test-support.ts';
import type { Referral, RttCode } from '../referrals/referral.ts';
import { nextStepOf, pathwayStage, triageDueDate, validationItems } from './pathway.ts';

const TODAY = '2026-03-02';
const tables = buildTables();
const ref = (id: string, patch: Partial<Referral> = {}): Referral => ({
  ...rowOf(tables, 'referrals', id),
  ...patch,
});
const ev = (date: string, code: RttCode) => ({ date, code, cause: '' });
const keys = (r: Referral, today = TODAY) =>
  validationItems(r, tables.appointments, today).map((i) => i.key);

describe('triageDueDate', () => {
  it('gives three working days by default, skipping weekends', () => {
    expect(triageDueDate({ receivedDate: '2026-11-20' }, { triageWorkingDays: 3 })).toBe(
      '2026-11-25',
    );
  });
  it('follows the Trust’s setting and skips bank holidays', () => {
    expect(triageDueDate({ receivedDate: '2026-12-23' }, { triageWorkingDays: 2 })).toBe(
      '2026-12-29',
    );
  });
});

describe('nextStepOf', () => {
  it('names the list a waiting or untriaged pathway is on', () => {
    expect(nextStepOf(ref('ref-routine'), tables.appointments, TODAY)).toEqual({
      kind: 'list',
      list: 'waiting',
    });
    expect(nextStepOf(ref('ref-awaiting-triage'), tables.appointments, TODAY)).toEqual({
      kind: 'list',
      list: 'triage',
    });
  });

  it('prefers a booked appointment still to come', () => {
    expect(nextStepOf(ref('ref-booked'), tables.appointments, TODAY)).toMatchObject({
      kind: 'appointment',
      appointment: { id: 'appt-booked' },
    });
  });

  it('puts a booked appointment already past on the attendance worklist', () => {
    expect(nextStepOf(ref('ref-booked'), tables.appointments, '2026-04-01')).toEqual({
      kind: 'worklist',
      worklist: 'attendance',
    });
  });

  it('answers null for a pathway that says booked with nothing booked', () => {
    const orphan = ref('ref-routine', { status: 'booked' });
    expect(nextStepOf(orphan, tables.appointments, TODAY)).toBeNull();
    expect(keys(orphan)).toContain('no-next-step');
  });

  it('uses a TCI date still to come, and the day-case list without one', () => {
    expect(
      nextStepOf(ref('ref-routine', { status: 'day-case', tciDate: '2026-03-20' }), [], TODAY),
    ).toEqual({ kind: 'tci', date: '2026-03-20' });
    expect(nextStepOf(ref('ref-routine', { status: 'day-case' }), [], TODAY)).toEqual({
      kind: 'list',
      list: 'day-case',
    });
  });

  it('needs no next step for a closed pathway', () => {
    expect(nextStepOf(ref('ref-discharged'), tables.appointments, TODAY)).toBeNull();
    expect(keys(ref('ref-discharged'))).toEqual([]);
    expect(pathwayStage(ref('ref-discharged'))).toBe('closed');
  });
});

describe('validationItems', () => {
  it('lists nothing for a pathway in good order', () => {
    expect(keys(ref('ref-routine'))).toEqual([]);
  });

  it('lists each clock problem in words', () => {
    const r = ref('ref-routine', {
      rttEvents: [ev('2025-12-01', '10'), ev('2025-12-20', '10'), ev('2025-12-10', '20')],
    });
    const items = validationItems(r, tables.appointments, TODAY);
    expect(items.map((i) => i.key)).toEqual([
      'clock:events-out-of-order',
      'clock:clock-already-running',
    ]);
    expect(items[1]?.reason).toContain('added twice');
  });

  it('flags a two-week wait not seen within 14 days, and not before', () => {
    const r = ref('ref-2ww'); // received 26/02/2026
    expect(keys(r, '2026-03-12')).not.toContain('two-week-wait-not-seen');
    expect(keys(r, '2026-03-13')).toContain('two-week-wait-not-seen');
    const seen = ref('ref-2ww', {
      status: 'follow-up',
      followUpDueDate: '2026-06-01',
      rttEvents: [ev('2026-02-26', '10'), ev('2026-03-05', '20')],
    });
    expect(keys(seen, '2026-03-20')).not.toContain('two-week-wait-not-seen');
  });

  it('flags a follow-up past its due date with nothing booked', () => {
    const r = ref('ref-soon', { status: 'follow-up', followUpDueDate: '2026-02-20' });
    expect(keys(r)).toContain('follow-up-overdue:2026-02-20');
    expect(keys({ ...r, followUpDueDate: '2026-03-20' })).toEqual([]);
  });

  it('flags a TCI date in the past with no outcome', () => {
    expect(keys(ref('ref-soon', { status: 'day-case', tciDate: '2026-02-27' }))).toContain(
      'tci-past:2026-02-27',
    );
  });

  it('flags a running clock with the patient seen and no outcome recorded', () => {
    const r = ref('ref-soon', { rttEvents: [ev('2026-01-12', '10'), ev('2026-02-23', '20')] });
    expect(keys({ ...r, status: 'seen' })).toContain('clock-running-outcome');
  });

  it('flags activity after a clock that ended with a decision not to treat', () => {
    const r = ref('ref-booked', {
      status: 'follow-up',
      followUpDueDate: '2026-06-01',
      rttEvents: [ev('2025-11-17', '10'), ev('2026-01-05', '34')],
    });
    expect(keys(r)).toContain('activity-after-stop');
    const treated = { ...r, rttEvents: [ev('2025-11-17', '10'), ev('2026-01-05', '30')] };
    expect(keys(treated)).not.toContain('activity-after-stop');
  });
});
