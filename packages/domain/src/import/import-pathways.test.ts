import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatUkDate } from '../calendar/calendar-date.ts';
import { rttClock } from '../rtt/rtt-clock.ts';
import type { Referral } from '../referrals/referral.ts';
import { PATIENT_COLUMNS } from './import-patients.ts';
import { REFERRAL_COLUMNS } from './import-referrals.ts';
import { TEMPLATE_COLUMNS } from './import-templates.ts';
import { APPOINTMENT_COLUMNS } from './import-appointments.ts';
import { applied, csv, department, freshNhsNumbers, plan, TODAY } from './import.test-support.ts';
import type { ImportTables } from './import-state.ts';

const [NHS] = freshNhsNumbers(1) as [string];
const patientsFile = csv(PATIENT_COLUMNS, [
  [NHS, 'Jane', 'Smith', '23/04/1961', '12 Orchard Way', '', 'Worcester', 'WR5 1DD', '', ''],
]);
type Cols<C extends readonly string[]> = Partial<Record<C[number], string>>;
const referralRow = (over: Cols<typeof REFERRAL_COLUMNS> = {}) => {
  const base: Record<string, string> = {
    pas_id: 'R1001',
    nhs_number: NHS,
    referral_date: '05/01/2026',
    source: 'gp',
    referrer: 'Dr Patel',
    reason: 'Impacted lower wisdom teeth',
    condition: 'third-molars',
    priority: 'routine',
    clinician_code: 'clin-2',
    site_code: 'WRH',
    ...over,
  };
  return REFERRAL_COLUMNS.map((c) => base[c]!);
};
const referrals = (...rows: string[][]) => csv(REFERRAL_COLUMNS, rows);

function withPatient(): ImportTables {
  return applied('patients', patientsFile, department());
}

describe('planReferralsImport', () => {
  it('opens a pathway whose RTT clock starts on the referral date', () => {
    const p = plan('referrals', referrals(referralRow()), withPatient());
    expect(p.counts.create).toBe(1);
    const referral = p.writes[0]!.row as Referral;
    expect(referral).toMatchObject({
      id: 'ref-pas-r1001',
      patientId: `pat-${NHS}`,
      status: 'waiting',
      priority: 'routine',
      clinicianId: 'clin-2',
      siteId: 'site-wrh',
    });
    expect(rttClock(referral.rttEvents, TODAY)).toMatchObject({
      state: 'running',
      clockStart: '2026-01-05',
    });
  });

  it('leaves a pathway with no priority awaiting triage, and one with no clinician without one', () => {
    const p = plan(
      'referrals',
      referrals(referralRow({ priority: '', clinician_code: '' })),
      withPatient(),
    );
    expect(p.writes[0]?.row).toMatchObject({
      status: 'awaiting-triage',
      priority: null,
      clinicianId: null,
    });
  });

  it.each([
    [
      { clinician_code: 'clin-99' },
      'the clinician code clin-99 is not a clinician ClinicDesk knows',
    ],
    [{ site_code: 'XYZ' }, 'the site code XYZ is not one of KTC, ALX, WRH'],
    [{ referral_date: '31/02/2026' }, 'the referral date 31/02/2026 is not a real date'],
    [{ referral_date: '01/04/2026' }, 'the referral date 01/04/2026 is in the future'],
    [{ nhs_number: '9990000001' }, 'the NHS number 999 000 0001 fails its check digit'],
    [
      { nhs_number: '9990000018' },
      'no patient has the NHS number 999 000 0018: import the patients file first',
    ],
    [
      { priority: 'asap' },
      'the priority "asap" is not one of two-week-wait, urgent, soon, routine',
    ],
    [
      { pas_id: 'R 1' },
      'the PAS referral id "R 1" may hold only letters, digits, - _ and /, up to 40',
    ],
  ])('refuses %o', (over, reason) => {
    const tables = withPatient();
    if ('nhs_number' in over && over.nhs_number === '9990000018')
      tables.patients = tables.patients.filter((p) => p.nhsNumber !== '9990000018');
    const p = plan('referrals', referrals(referralRow(over)), tables);
    expect(p.rows[0]).toMatchObject({ action: 'refused', reasons: [reason] });
  });

  it('updates the referrer and reason of an imported pathway, and lists them', () => {
    const tables = applied('referrals', referrals(referralRow()), withPatient());
    const p = plan(
      'referrals',
      referrals(referralRow({ referrer: 'Dr Jones', reason: 'Pain' })),
      tables,
    );
    expect(p.rows[0]).toMatchObject({ action: 'update', changes: ['referrer', 'reason'] });
  });

  it('refuses to move the clock start of a pathway already in ClinicDesk (hazard H2)', () => {
    const tables = applied('referrals', referrals(referralRow()), withPatient());
    const p = plan('referrals', referrals(referralRow({ referral_date: '06/01/2026' })), tables);
    expect(p.rows[0]).toMatchObject({
      action: 'refused',
      reasons: [
        'the clock started on 05/01/2026 in ClinicDesk, not 06/01/2026: correct it on the pathway, not by import',
      ],
    });
  });

  it('refuses a wrong header, naming the missing column', () => {
    const text = csv(['pas_id', 'nhs_number'], [['R1', NHS]]);
    expect(plan('referrals', text, withPatient()).fileProblem).toMatch(
      /^The file has no referral_date, source, /,
    );
  });
});

const templateRow = (over: Cols<typeof TEMPLATE_COLUMNS> = {}) => {
  const base: Record<string, string> = {
    pas_id: 'C77',
    name: 'Okonjo Thursday PM',
    clinician_code: 'clin-2',
    site_code: 'KTC',
    room: 'OPD 4',
    weekday: 'Thursday',
    start_time: '13:30',
    slot_pattern: 'new:20; new:20; follow-up:15',
    recurrence: 'alternate 05/03/2026',
    valid_from: '01/03/2026',
    valid_to: '',
    ...over,
  };
  return TEMPLATE_COLUMNS.map((c) => base[c]!);
};
const templates = (...rows: string[][]) => csv(TEMPLATE_COLUMNS, rows);

describe('planTemplatesImport', () => {
  it('creates a template with its slot pattern and recurrence', () => {
    const p = plan('templates', templates(templateRow()), department());
    expect(p.writes[0]?.row).toMatchObject({
      id: 'tpl-pas-c77',
      weekday: 4,
      slotPattern: [
        { type: 'new', minutes: 20 },
        { type: 'new', minutes: 20 },
        { type: 'follow-up', minutes: 15 },
      ],
      recurrence: { kind: 'alternate', anchor: '2026-03-05' },
      validFrom: '2026-03-01',
      validTo: null,
    });
  });

  it.each([
    [{ weekday: 'Funday' }, 'the weekday "Funday" is not a day of the week, like Monday'],
    [{ start_time: '25:00' }, 'the start time "25:00" is not a time like 09:30'],
    [
      { slot_pattern: 'new:20;lunch:30' },
      'the slot "lunch:30" is not a slot type (new, follow-up, urgent, two-week-wait, procedure) and 5 to 240 minutes, like new:20',
    ],
    [
      { recurrence: 'fortnightly' },
      'the recurrence "fortnightly" is not weekly, alternate dd/mm/yyyy or monthly 1,3',
    ],
    [
      { recurrence: 'alternate 06/03/2026' },
      "the alternate-week anchor 06/03/2026 is not on the clinic's weekday",
    ],
    [{ valid_to: '01/02/2026' }, 'the clinic ends (01/02/2026) before it starts (01/03/2026)'],
  ])('refuses %o', (over, reason) => {
    expect(plan('templates', templates(templateRow(over)), department()).rows[0]).toMatchObject({
      action: 'refused',
      reasons: [reason],
    });
  });

  it('updates a template with no clinics yet, but sends changes to a running one to the Templates screen (H11)', () => {
    const tables = applied('templates', templates(templateRow()), department());
    expect(
      plan('templates', templates(templateRow({ room: 'OPD 5' })), tables).rows[0],
    ).toMatchObject({
      action: 'update',
      changes: ['room'],
    });
    const running = {
      ...tables,
      clinicSessions: [
        ...tables.clinicSessions,
        { ...tables.clinicSessions[0]!, id: 'x', templateId: 'tpl-pas-c77' },
      ],
    };
    expect(
      plan('templates', templates(templateRow({ room: 'OPD 5' })), running).rows[0],
    ).toMatchObject({
      action: 'refused',
      reasons: [
        'clinics have been generated from Okonjo Thursday PM: change its room on the Templates screen',
      ],
    });
  });
});

describe('planAppointmentsImport', () => {
  const setUp = () => {
    const tables = applied('referrals', referrals(referralRow()), withPatient());
    const sessionOpen = new Set(
      tables.clinicSessions.filter((s) => s.status === 'open').map((s) => s.id),
    );
    const slot = tables.slots.find(
      (s) => s.date > TODAY && s.status === 'free' && sessionOpen.has(s.sessionId),
    )!;
    const site = tables.sites.find((s) => s.id === slot.siteId)!;
    const row = (over: Cols<typeof APPOINTMENT_COLUMNS> = {}) => {
      const base: Record<string, string> = {
        pas_id: 'A5001',
        referral_pas_id: 'R1001',
        date: formatUkDate(slot.date),
        start_time: slot.startTime,
        clinician_code: slot.clinicianId,
        site_code: site.code,
        ...over,
      };
      return APPOINTMENT_COLUMNS.map((c) => base[c]!);
    };
    return { tables, slot, row, file: (...rows: string[][]) => csv(APPOINTMENT_COLUMNS, rows) };
  };

  it('books the pathway into the slot: appointment, slot and pathway written together', () => {
    const { tables, slot, row, file } = setUp();
    const p = plan('appointments', file(row()), tables);
    expect(p.writes.map((w) => [w.table, w.row.id])).toEqual([
      ['appointments', 'appt-pas-a5001'],
      ['slots', slot.id],
      ['referrals', 'ref-pas-r1001'],
    ]);
    expect(p.writes[1]?.row).toMatchObject({ status: 'booked', appointmentId: 'appt-pas-a5001' });
    expect(p.writes[2]?.row).toMatchObject({ status: 'booked', siteId: slot.siteId });
  });

  it('refuses a slot that does not exist, a past date, and a second booking of one slot', () => {
    const { tables, slot, row, file } = setUp();
    const p = plan(
      'appointments',
      file(
        row({ start_time: '07:05' }),
        row({ date: '02/02/2026' }),
        row(),
        row({ pas_id: 'A5002' }),
      ),
      tables,
    );
    expect(p.rows.map((r) => r.action)).toEqual(['refused', 'refused', 'create', 'refused']);
    expect(p.rows[0]).toMatchObject({
      reasons: [expect.stringContaining(`has no clinic slot at`)],
    });
    expect(p.rows[1]).toMatchObject({
      reasons: [expect.stringContaining('02/02/2026 is in the past')],
    });
    expect(p.rows[3]).toMatchObject({ reasons: ['row 4 books the same slot'] });
    expect(p.writes).toEqual([]);
    void slot;
  });

  it('refuses a pathway still awaiting triage', () => {
    const tables = applied(
      'referrals',
      referrals(referralRow({ pas_id: 'R2', priority: '' })),
      withPatient(),
    );
    const { row, file } = setUp();
    const p = plan('appointments', file(row({ referral_pas_id: 'R2' })), tables);
    expect(p.rows[0]).toMatchObject({ reasons: ['the pathway has not been triaged yet'] });
  });

  it('re-importing the same appointment changes nothing', () => {
    const { tables, row, file } = setUp();
    const after = applied('appointments', file(row()), tables);
    expect(plan('appointments', file(row()), after).rows[0]).toMatchObject({ action: 'unchanged' });
  });
});

describe('re-importing every applied file', () => {
  it('plans no change (property over referral and template rows)', () => {
    const base = withPatient();
    const referralArb = fc.record({
      pas_id: fc.constantFrom('R1', 'R2', 'R3', 'R/4'),
      priority: fc.constantFrom('', 'routine', 'urgent'),
      clinician_code: fc.constantFrom('', 'clin-1', 'CLIN-3'),
      site_code: fc.constantFrom('KTC', 'alx', 'WRH'),
      reason: fc.constantFrom('Pain, swelling', 'Lump "left side"', 'Line one\nline two'),
    });
    const templateArb = fc.record({
      pas_id: fc.constantFrom('C1', 'C2', 'C3'),
      weekday: fc.constantFrom('Mon', 'tuesday', 'FRIDAY'),
      recurrence: fc.constantFrom('', 'weekly', 'monthly 3,1', 'Monthly 2'),
      slot_pattern: fc.constantFrom('new:20', 'urgent:30;follow-up:15;'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(referralArb, { selector: (r) => r.pas_id, minLength: 1, maxLength: 4 }),
        fc.uniqueArray(templateArb, { selector: (r) => r.pas_id, minLength: 1, maxLength: 3 }),
        (refs, tpls) => {
          const refFile = referrals(...refs.map((r) => referralRow(r)));
          const tplFile = templates(
            ...tpls.map((t) => templateRow({ ...t, recurrence: t.recurrence })),
          );
          const after = applied('templates', tplFile, applied('referrals', refFile, base));
          for (const [kind, text] of [
            ['referrals', refFile],
            ['templates', tplFile],
          ] as const) {
            const again = plan(kind, text, after);
            expect(again.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
            expect(again.writes).toEqual([]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
