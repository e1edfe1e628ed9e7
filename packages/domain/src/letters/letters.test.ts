import { describe, expect, it } from 'vitest';
import { DEFAULT_LETTER_WORDING } from './default-wording.ts';
import { LETTER_KINDS, type LetterKind } from './letter.ts';
import { letterChange } from './letter-change.ts';
import {
  fieldsUsed,
  MERGE_FIELD_NAMES,
  mergeFieldsFor,
  renderLetter,
  sampleMergeData,
  wordingProblem,
} from './merge-fields.ts';
import {
  buildTables,
  CTX,
  readStateOver,
  rowOf,
  withChanges,
} from '../mutators/fixtures.test-support.ts';

describe('renderLetter', () => {
  it.each(LETTER_KINDS)(
    'fills every field of the default %s letter, leaving no braces',
    (kind: LetterKind) => {
      const merge = sampleMergeData(kind);
      const letter = renderLetter(DEFAULT_LETTER_WORDING[kind], merge);
      expect(letter.unknownFields).toEqual([]);
      expect(`${letter.subject}\n${letter.body}`).not.toMatch(/\{\{|\}\}/);
      for (const field of fieldsUsed(DEFAULT_LETTER_WORDING[kind].body)) {
        expect(letter.body).toContain(merge[field as keyof typeof merge]);
      }
    },
  );

  it.each(LETTER_KINDS)('accepts the default %s wording as a manager would save it', (kind) => {
    expect(wordingProblem(kind, DEFAULT_LETTER_WORDING[kind])).toBeNull();
  });

  it('fills a field with spaces inside its braces, every time it appears', () => {
    const letter = renderLetter(
      { subject: 'For {{ patient.name }}', body: '{{patient.name}} and {{patient.name}}' },
      { 'patient.name': 'Amelia Ashdown' },
    );
    expect(letter).toEqual({
      subject: 'For Amelia Ashdown',
      body: 'Amelia Ashdown and Amelia Ashdown',
      unknownFields: [],
    });
  });

  it('reports a field the merge data lacks and leaves it as written', () => {
    const letter = renderLetter(
      { subject: 'Hello', body: 'Dear {{patient.nmae}}, on {{tci.date}}' },
      { 'patient.name': 'Amelia Ashdown' },
    );
    expect(letter.unknownFields).toEqual(['patient.nmae', 'tci.date']);
    expect(letter.body).toBe('Dear {{patient.nmae}}, on {{tci.date}}');
  });

  it('does not take a field from the object prototype', () => {
    const letter = renderLetter({ subject: 'x', body: '{{toString}}' }, {});
    expect(letter.unknownFields).toEqual(['toString']);
  });

  it('lists the TCI letter’s own fields and the pre-operative instructions it gives', () => {
    expect(mergeFieldsFor('tci')).toEqual(
      expect.arrayContaining(['tci.date', 'preop.date', 'tci.procedure']),
    );
    expect(mergeFieldsFor('appointment-confirmation')).not.toContain('tci.date');
    const body = DEFAULT_LETTER_WORDING.tci.body;
    expect(body).toMatch(/do not eat/i);
    expect(body).toMatch(/Medicines:/);
    expect(body).toMatch(/Who to call/);
  });

  it('knows every field it lists', () => {
    for (const kind of LETTER_KINDS)
      for (const f of mergeFieldsFor(kind)) expect(MERGE_FIELD_NAMES).toContain(f);
  });
});

describe('wordingProblem', () => {
  it('names a field ClinicDesk does not know', () => {
    expect(
      wordingProblem('appointment-confirmation', {
        subject: 'Appointment',
        body: 'Dear {{patient.nmae}}',
      }),
    ).toBe(
      'The wording uses {{patient.nmae}}, which is not a merge field ClinicDesk knows: check its spelling against the list of merge fields',
    );
  });

  it('names a field this kind of letter has no value for', () => {
    expect(
      wordingProblem('appointment-confirmation', { subject: 'Come in on {{tci.date}}', body: 'x' }),
    ).toMatch(/\{\{tci\.date\}\}, which this kind of letter has no value for/);
  });
});

describe('letterChange', () => {
  it('snapshots the merge data: the letter stays as it was when the patient later moves', async () => {
    const tables = buildTables();
    const referral = rowOf(tables, 'referrals', 'ref-booked');
    const appointment = rowOf(tables, 'appointments', 'appt-booked');
    const change = await letterChange(
      'appointment-confirmation',
      { ...CTX, state: readStateOver(tables) },
      { referral, appointment },
    );
    const moved = withChanges(tables, [
      {
        table: 'patients',
        row: {
          ...rowOf(tables, 'patients', 'pat-oliver'),
          address: { line1: '1 New Street', town: 'Malvern', postcode: 'WR14 1AA' },
        },
      },
      change,
    ]);
    const stored = rowOf(moved, 'letters', 'letter-appointment-confirmation-appt-booked');
    expect(stored.merge['patient.address']).toBe('12 Orchard Way\nWorcester\nWR5 1DD');
    expect(renderLetter(stored, stored.merge).body).not.toContain('New Street');
  });

  it('records the kind, who produced it and when, the template version and the site', async () => {
    const tables = buildTables();
    const change = await letterChange(
      'tci',
      { ...CTX, state: readStateOver(tables) },
      {
        referral: rowOf(tables, 'referrals', 'ref-seen'),
        id: 'letter-tci-1',
        tci: { date: '2026-03-16', preopDate: '2026-03-09', procedure: 'Removal of 38 and 48' },
      },
    );
    expect(change).toEqual({
      table: 'letters',
      row: expect.objectContaining({
        id: 'letter-tci-1',
        kind: 'tci',
        patientId: 'pat-oliver',
        referralId: 'ref-seen',
        siteId: 'site-wrh',
        appointmentId: null,
        producedAt: CTX.now,
        producedBy: CTX.actor,
        templateVersion: 1,
        printedAt: null,
        printedBy: null,
      }),
    });
    const row = change.row as { merge: Record<string, string> };
    expect(row.merge).toMatchObject({
      'tci.date': '16/03/2026',
      'preop.date': '09/03/2026',
      'tci.procedure': 'Removal of 38 and 48',
      'patient.nhsNumber': '999 000 0026',
      today: '02/03/2026',
    });
  });

  it('uses the wording and version a manager saved', async () => {
    const tables = buildTables();
    tables.letterTemplates.push({
      id: 'appointment-cancellation',
      version: 4,
      subject: 'Cancelled',
      body: 'Dear {{patient.name}}, sorry.',
      updatedAt: CTX.now,
      updatedBy: CTX.actor,
    });
    const change = await letterChange(
      'appointment-cancellation',
      { ...CTX, state: readStateOver(tables) },
      {
        referral: rowOf(tables, 'referrals', 'ref-booked'),
        appointment: rowOf(tables, 'appointments', 'appt-booked'),
      },
    );
    expect(change.row).toMatchObject({ templateVersion: 4, body: 'Dear {{patient.name}}, sorry.' });
  });
});
