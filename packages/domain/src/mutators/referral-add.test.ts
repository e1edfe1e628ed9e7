import { describe, it, expect } from 'vitest';
import { NEW_REFERRAL_FIELDS } from '../referrals/referral.ts';
import { runMutation } from './registry.ts';
import {
  AMELIA,
  buildTables,
  CTX,
  deepCopy,
  isPlainEnglish,
  readStateOver,
  type Tables,
} from './fixtures.test-support.ts';

/** An invented new patient, NHS test range, not yet on record. */
const newPatient = () => ({
  id: 'pat-new',
  nhsNumber: '999 000 0034',
  givenName: 'George',
  familyName: 'Cotterill',
  dateOfBirth: '1978-09-02',
  address: { line1: '4 Mill Lane', town: 'Kidderminster', postcode: 'DY10 2AB' },
  phone: '07700 900456',
  gpPractice: 'Hopfield Health Centre',
});

const letter = (patient: object, overrides: object = {}) => ({
  referralId: 'ref-new',
  patient,
  receivedDate: '2026-02-27',
  source: 'gp',
  referrer: 'Dr Fairbairn',
  reason: 'Suspicious ulcer, lateral border of tongue',
  requestedPriority: 'two-week-wait',
  siteId: 'site-wrh',
  condition: 'oral-lesion',
  ...overrides,
});

async function add(args: unknown, tables: Tables = buildTables()) {
  return runMutation('referral.add', args, readStateOver(tables), CTX);
}

const expectedReferral = (patientId: string, receivedDate = '2026-02-27') => ({
  id: 'ref-new',
  patientId,
  receivedDate,
  source: 'gp',
  referrer: 'Dr Fairbairn',
  reason: 'Suspicious ulcer, lateral border of tongue',
  requestedPriority: 'two-week-wait',
  priority: null,
  clinicianId: null,
  siteId: 'site-wrh',
  status: 'awaiting-triage',
  rttEvents: [
    { date: receivedDate, code: '10', cause: 'Referral received', recordedBy: CTX.actor },
  ],
  condition: 'oral-lesion',
  ...NEW_REFERRAL_FIELDS,
});

describe('referral.add', () => {
  it('adds a new patient and their referral, starting the RTT clock (code 10) on the day received', async () => {
    const result = await add(letter({ newPatient: newPatient() }));
    expect(result).toEqual({
      ok: true,
      changes: [
        { table: 'patients', row: { ...newPatient(), nhsNumber: '9990000034' } },
        { table: 'referrals', row: expectedReferral('pat-new') },
      ],
    });
  });

  it('adds a referral for a patient already on record without touching the patient', async () => {
    const result = await add(letter({ existingPatientId: AMELIA.id }));
    expect(result).toEqual({
      ok: true,
      changes: [{ table: 'referrals', row: expectedReferral(AMELIA.id) }],
    });
  });

  it('waits for triage: no priority is set from the requested one', async () => {
    const result = await add(letter({ existingPatientId: AMELIA.id }));
    expect(result.ok && result.changes[0]?.row).toMatchObject({
      status: 'awaiting-triage',
      requestedPriority: 'two-week-wait',
      priority: null,
    });
  });

  it.each([
    { why: 'received today', receivedDate: CTX.today },
    { why: 'received a year ago', receivedDate: '2025-03-02' },
  ])('accepts a referral $why, clock starting that day', async ({ receivedDate }) => {
    const result = await add(letter({ existingPatientId: AMELIA.id }, { receivedDate }));
    expect(result).toEqual({
      ok: true,
      changes: [{ table: 'referrals', row: expectedReferral(AMELIA.id, receivedDate) }],
    });
  });

  it.each([
    { why: 'tomorrow', receivedDate: '2026-03-03' },
    { why: 'next year', receivedDate: '2027-01-01' },
  ])('refuses a referral received in the future ($why)', async ({ receivedDate }) => {
    const result = await add(letter({ existingPatientId: AMELIA.id }, { receivedDate }));
    expect(result).toEqual({
      ok: false,
      reason: 'received-in-future',
      message: 'The date received cannot be after today (02/03/2026)',
    });
  });

  it('refuses a referral id that is already on record', async () => {
    const result = await add(
      letter({ existingPatientId: AMELIA.id }, { referralId: 'ref-routine' }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'duplicate-id',
      message: 'This referral has already been added',
    });
  });

  it('refuses a new patient whose record id is already taken, rather than overwrite them', async () => {
    const result = await add(letter({ newPatient: { ...newPatient(), id: AMELIA.id } }));
    expect(result).toMatchObject({ ok: false, reason: 'duplicate-id' });
  });

  it('refuses a new patient whose NHS number belongs to someone else, naming them', async () => {
    const result = await add(
      letter({ newPatient: { ...newPatient(), nhsNumber: '999-000-0018' } }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'nhs-number-in-use',
      message:
        'NHS number 999 000 0018 already belongs to Amelia Ashdown: choose the existing patient',
    });
  });

  it('refuses an existing patient who is not on record', async () => {
    const result = await add(letter({ existingPatientId: 'pat-nope' }));
    expect(result).toEqual({
      ok: false,
      reason: 'unknown-patient',
      message: 'That patient is not on record',
    });
  });

  it.each([
    {
      why: 'an NHS number with a wrong check digit',
      nhsNumber: '999 000 0035',
      says: 'This is not a valid NHS number: check the digits (the last digit does not match)',
    },
    {
      why: 'an NHS number whose check would be 10',
      nhsNumber: '999 000 0000',
      says: 'This is not a valid NHS number: check the digits (the last digit does not match)',
    },
    {
      why: 'an NHS number with nine digits',
      nhsNumber: '999 000 003',
      says: 'An NHS number has 10 digits; this has 9',
    },
  ])('refuses a new patient with $why as invalid-args', async ({ nhsNumber, says }) => {
    const result = await add(letter({ newPatient: { ...newPatient(), nhsNumber } }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid-args' });
    if (result.ok) return;
    // The person's words only: no program names for fields.
    expect(result.message).toBe(says);
  });

  it.each([
    { why: 'no patient at all', args: letter({}), names: 'patient' },
    {
      why: 'an empty reason',
      args: letter({ existingPatientId: AMELIA.id }, { reason: '  ' }),
      names: 'Enter the reason for referral',
    },
    {
      why: 'an empty referrer',
      args: letter({ existingPatientId: AMELIA.id }, { referrer: '' }),
      names: 'Enter the referrer',
    },
    {
      why: 'a received date that does not exist',
      args: letter({ existingPatientId: AMELIA.id }, { receivedDate: '2026-02-29' }),
      names: 'Enter a real date',
    },
    {
      why: 'an unknown priority',
      args: letter({ existingPatientId: AMELIA.id }, { requestedPriority: 'asap' }),
      names: 'Choose a priority',
    },
    {
      why: 'an unknown source',
      args: letter({ existingPatientId: AMELIA.id }, { source: 'pharmacy' }),
      names: 'Choose where the referral came from',
    },
    {
      why: 'a new patient without a first name',
      args: letter({ newPatient: { ...newPatient(), givenName: '' } }),
      names: "Enter the patient's first name",
    },
  ])('refuses $why as invalid-args, naming the problem', async ({ args, names }) => {
    const result = await add(args);
    expect(result).toMatchObject({ ok: false, reason: 'invalid-args' });
    if (!result.ok) expect(result.message).toContain(names);
  });

  it('says every refusal of its own in plain English', async () => {
    const refusals = await Promise.all([
      add(letter({ existingPatientId: AMELIA.id }, { receivedDate: '2026-03-03' })),
      add(letter({ existingPatientId: AMELIA.id }, { referralId: 'ref-routine' })),
      add(letter({ newPatient: { ...newPatient(), nhsNumber: AMELIA.nhsNumber } })),
      add(letter({ existingPatientId: 'pat-nope' })),
    ]);
    for (const r of refusals) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(isPlainEnglish(r.message), r.message).toBe(true);
    }
  });

  it.each([
    { why: 'a new patient', args: letter({ newPatient: newPatient() }) },
    { why: 'an existing patient', args: letter({ existingPatientId: AMELIA.id }) },
    {
      why: 'an NHS number clash',
      args: letter({ newPatient: { ...newPatient(), nhsNumber: AMELIA.nhsNumber } }),
    },
  ])('never changes the state it reads or its arguments ($why)', async ({ args }) => {
    const tables = buildTables();
    const before = deepCopy(tables);
    const argsBefore = deepCopy(args);
    await add(args, tables);
    expect(tables).toEqual(before);
    expect(args).toEqual(argsBefore);
  });
});
