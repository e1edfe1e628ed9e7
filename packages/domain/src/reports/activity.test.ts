import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { APPOINTMENT_STATUSES, type Appointment } from '../booking/appointment.ts';
import type { ClinicSession, Slot } from '../clinics/clinic.ts';
import type { Referral } from '../referrals/referral.ts';
import {
  appointmentsInReport,
  attendanceClass,
  dnaRates,
  outpatientActivity,
  referralsAgainstBookings,
  type ReportFilter,
} from './activity.ts';

const TODAY = '2026-03-11';
const ALL: ReportFilter = {
  from: '2026-03-02',
  to: '2026-03-15',
  siteId: null,
  clinicianId: null,
  priority: null,
};

let n = 0;
function appt(fields: Partial<Appointment>): Appointment {
  n += 1;
  return {
    id: `a${n}`,
    slotId: 'slot-new',
    sessionId: 'sess-mon',
    referralId: 'ref-routine',
    patientId: `p${n}`,
    siteId: 'site-wrh',
    clinicianId: 'clin-1',
    date: '2026-03-09',
    startTime: '09:00',
    kind: 'new',
    status: 'seen',
    bookedAt: '2026-02-20T10:00:00.000Z',
    cancelledAt: null,
    cancellationReason: null,
    outcome: null,
    ...fields,
  };
}

const SLOTS = new Map<string, Pick<Slot, 'type'>>([
  ['slot-new', { type: 'new' }],
  ['slot-fu', { type: 'follow-up' }],
]);
const SESSIONS = new Map<string, Pick<ClinicSession, 'templateId' | 'name'>>([
  ['sess-mon', { templateId: 'tpl-mon', name: 'Monday AM OMFS' }],
  ['sess-mon-2', { templateId: 'tpl-mon', name: 'Monday AM OMFS' }],
  ['sess-extra', { templateId: null, name: 'Extra Saturday clinic' }],
]);

describe('DNA rates', () => {
  it('divides did-not-attend by every appointment whose attendance is known', () => {
    const rates = dnaRates(
      [
        appt({ status: 'seen' }),
        appt({ status: 'seen' }),
        appt({ status: 'did-not-attend' }),
        appt({ status: 'could-not-wait' }),
      ],
      SLOTS,
      SESSIONS,
      TODAY,
    );
    expect(rates.total).toEqual({
      attended: 2,
      didNotAttend: 1,
      couldNotWait: 1,
      notRecorded: 0,
      dnaRate: 25,
    });
  });

  it('leaves out cancelled and future appointments, and counts unmarked past ones apart', () => {
    const rates = dnaRates(
      [
        appt({ status: 'did-not-attend' }),
        appt({ status: 'cancelled-by-patient' }),
        appt({ status: 'cancelled-by-hospital' }),
        appt({ status: 'booked', date: '2026-03-12' }),
        appt({ status: 'booked', date: '2026-03-10' }),
      ],
      SLOTS,
      SESSIONS,
      TODAY,
    );
    expect(rates.total.didNotAttend).toBe(1);
    expect(rates.total.notRecorded).toBe(1);
    // Only the DNA's attendance is known: 1 of 1.
    expect(rates.total.dnaRate).toBe(100);
  });

  it('groups every week of a clinic together, a clinic with no template by its name, and by clinician and slot type', () => {
    const rates = dnaRates(
      [
        appt({ sessionId: 'sess-mon', status: 'did-not-attend' }),
        appt({ sessionId: 'sess-mon-2', status: 'seen' }),
        appt({ sessionId: 'sess-extra', status: 'seen', clinicianId: 'clin-2', slotId: 'slot-fu' }),
      ],
      SLOTS,
      SESSIONS,
      TODAY,
    );
    expect(rates.byClinic.map((r) => [r.key, r.label, r.dnaRate])).toEqual([
      ['tpl-mon', 'Monday AM OMFS', 50],
      ['Extra Saturday clinic@site-wrh', 'Extra Saturday clinic', 0],
    ]);
    expect(rates.byClinician.map((r) => [r.key, r.dnaRate])).toEqual([
      ['clin-1', 50],
      ['clin-2', 0],
    ]);
    expect(rates.bySlotType.map((r) => [r.key, r.dnaRate])).toEqual([
      ['new', 50],
      ['follow-up', 0],
    ]);
  });

  it('has no rate, rather than 0%, when no attendance is known', () => {
    const rates = dnaRates([appt({ status: 'booked' })], SLOTS, SESSIONS, TODAY);
    expect(rates.total.dnaRate).toBeNull();
    expect(dnaRates([], SLOTS, SESSIONS, TODAY).byClinic).toEqual([]);
  });

  it('counts every past, uncancelled appointment exactly once, whatever the statuses', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom(...APPOINTMENT_STATUSES),
            date: fc.constantFrom('2026-03-09', '2026-03-11', '2026-03-13'),
          }),
          { maxLength: 40 },
        ),
        (specs) => {
          const rates = dnaRates(specs.map(appt), SLOTS, SESSIONS, TODAY);
          const t = rates.total;
          const counted = specs.filter(
            (s) => s.date <= TODAY && attendanceClass(s.status) !== 'cancelled',
          ).length;
          expect(t.attended + t.didNotAttend + t.couldNotWait + t.notRecorded).toBe(counted);
          if (t.dnaRate !== null) {
            expect(t.dnaRate).toBeGreaterThanOrEqual(0);
            expect(t.dnaRate).toBeLessThanOrEqual(100);
          }
          const byClinician = rates.byClinician.reduce((sum, r) => sum + r.didNotAttend, 0);
          expect(byClinician).toBe(t.didNotAttend);
        },
      ),
    );
  });
});

describe('report filters', () => {
  const referrals = new Map<string, Pick<Referral, 'priority'>>([
    ['ref-routine', { priority: 'routine' }],
    ['ref-urgent', { priority: 'urgent' }],
  ]);
  const list = [
    appt({ date: '2026-03-01' }),
    appt({ date: '2026-03-02' }),
    appt({ date: '2026-03-15', siteId: 'site-ktc' }),
    appt({ date: '2026-03-16' }),
    appt({ date: '2026-03-05', clinicianId: 'clin-2', referralId: 'ref-urgent' }),
  ];

  it('keeps both ends of the date range', () => {
    expect(appointmentsInReport(list, referrals, ALL).map((a) => a.date)).toEqual([
      '2026-03-02',
      '2026-03-15',
      '2026-03-05',
    ]);
  });

  it('filters by site, clinician and the pathway priority', () => {
    expect(appointmentsInReport(list, referrals, { ...ALL, siteId: 'site-ktc' })).toHaveLength(1);
    expect(appointmentsInReport(list, referrals, { ...ALL, clinicianId: 'clin-2' })).toHaveLength(
      1,
    );
    expect(
      appointmentsInReport(list, referrals, { ...ALL, priority: 'urgent' }).map((a) => a.date),
    ).toEqual(['2026-03-05']);
  });
});

describe('outpatient activity', () => {
  it('counts attendances only and gives follow-ups per new patient', () => {
    const activity = outpatientActivity([
      appt({ kind: 'new' }),
      appt({ kind: 'new' }),
      appt({ kind: 'follow-up' }),
      appt({ kind: 'follow-up' }),
      appt({ kind: 'follow-up' }),
      appt({ kind: 'follow-up', status: 'did-not-attend' }),
      appt({ kind: 'new', status: 'booked' }),
      appt({ kind: 'follow-up', clinicianId: 'clin-2' }),
    ]);
    expect(activity.total).toEqual({
      clinicianId: null,
      newAttended: 2,
      followUpAttended: 4,
      followUpsPerNew: 2,
    });
    expect(activity.byClinician).toEqual([
      { clinicianId: 'clin-1', newAttended: 2, followUpAttended: 3, followUpsPerNew: 1.5 },
      { clinicianId: 'clin-2', newAttended: 0, followUpAttended: 1, followUpsPerNew: null },
    ]);
  });
});

describe('referrals received against bookings', () => {
  const referral = (receivedDate: string, priority: Referral['priority'] = 'routine') => ({
    receivedDate,
    siteId: 'site-wrh',
    clinicianId: 'clin-1',
    priority,
  });

  it('buckets by Monday-to-Sunday week, counting a booking in the week it was made', () => {
    const weeks = referralsAgainstBookings(
      [
        referral('2026-03-02'),
        referral('2026-03-08'),
        referral('2026-03-09'),
        referral('2026-03-20'),
      ],
      [
        // Sunday 08/03 at 23:30 London time is still that week (GMT in March).
        appt({ bookedAt: '2026-03-08T23:30:00.000Z' }),
        appt({ bookedAt: '2026-03-10T09:00:00.000Z' }),
        appt({ bookedAt: '2026-03-10T09:00:00.000Z', kind: 'follow-up' }),
      ],
      new Map(),
      ALL,
    );
    expect(weeks).toEqual([
      { weekStart: '2026-03-02', received: 2, booked: 1 },
      { weekStart: '2026-03-09', received: 1, booked: 1 },
    ]);
  });

  it('uses London time for a booking made just after midnight in summer time', () => {
    const weeks = referralsAgainstBookings(
      [],
      // 23:30 UTC on Sunday 28/06 is 00:30 on Monday 29/06 in London.
      [appt({ bookedAt: '2026-06-28T23:30:00.000Z' })],
      new Map(),
      { ...ALL, from: '2026-06-22', to: '2026-07-05' },
    );
    expect(weeks.map((w) => w.booked)).toEqual([0, 1]);
  });

  it('starts with the week holding the first day and filters by priority', () => {
    const weeks = referralsAgainstBookings(
      [referral('2026-03-04', 'urgent'), referral('2026-03-05')],
      [appt({ bookedAt: '2026-03-05T10:00:00.000Z', referralId: 'ref-urgent' })],
      new Map([['ref-urgent', { priority: 'urgent' as const }]]),
      { ...ALL, from: '2026-03-04', to: '2026-03-06', priority: 'urgent' },
    );
    expect(weeks).toEqual([{ weekStart: '2026-03-02', received: 1, booked: 1 }]);
  });
});
