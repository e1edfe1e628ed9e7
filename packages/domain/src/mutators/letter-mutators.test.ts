import { describe, expect, it } from 'vitest';
import { runMutation } from './registry.ts';
import { canMakeMutation, ROLES } from '../access/roles.ts';
import { renderLetter } from '../letters/merge-fields.ts';
import type { Letter } from '../letters/letter.ts';
import type { MutatorResult } from './mutator.ts';
import {
  buildTables,
  CTX,
  readStateOver,
  rowOf,
  withChanges,
  type Tables,
  AGREED,
} from './fixtures.test-support.ts';

async function run(name: string, args: unknown, tables: Tables) {
  return runMutation(name, args, readStateOver(tables), CTX);
}

function lettersOf(result: MutatorResult): Letter[] {
  if (!result.ok) throw new Error(result.message);
  return result.changes.flatMap((c) => (c.table === 'letters' ? [c.row] : []));
}

describe('letters produced by booking, cancelling and triage', () => {
  it('writes a confirmation letter with the booking, to the patient, at the clinic’s site', async () => {
    const tables = buildTables();
    const result = await run(
      'appointment.book',
      {
        appointmentId: 'appt-new',
        referralId: 'ref-routine',
        slotId: 'slot-new-free',
        overrides: AGREED,
      },
      tables,
    );
    const [letter] = lettersOf(result);
    expect(letter).toMatchObject({
      id: 'letter-booked-appt-new',
      kind: 'appointment-confirmation',
      patientId: 'pat-amelia',
      referralId: 'ref-routine',
      appointmentId: 'appt-new',
      siteId: 'site-wrh',
      producedBy: CTX.actor,
      printedAt: null,
    });
    const text = renderLetter(letter!, letter!.merge);
    expect(text.subject).toBe('Your appointment on 09/03/2026 at 09:00');
    expect(text.body).toContain('Dear Amelia Ashdown,');
    expect(text.body).toContain('Clinic: Whitcombe AM OMFS, OPD WRH 1');
    expect(text.body).toContain('Hospital: Worcestershire Royal Hospital');
    expect(text.body).toContain('Consultant: Mr Adrian Whitcombe');
  });

  it('writes a cancellation letter with the reason when an appointment is cancelled', async () => {
    const result = await run(
      'appointment.cancel',
      { appointmentId: 'appt-booked', by: 'hospital', reason: 'The consultant is unwell' },
      buildTables(),
    );
    const [letter] = lettersOf(result);
    expect(letter).toMatchObject({
      id: 'letter-cancelled-appt-booked',
      kind: 'appointment-cancellation',
      patientId: 'pat-oliver',
      appointmentId: 'appt-booked',
    });
    expect(renderLetter(letter!, letter!.merge).body).toContain(
      'on 09/03/2026 at 10:20 at Worcestershire Royal Hospital has been cancelled.\n\nReason: The consultant is unwell',
    );
  });

  it('writes a change letter, naming the cancelled appointment, when a displaced patient is rebooked', async () => {
    const tables = buildTables();
    const cancelled = await run(
      'session.cancel',
      { sessionId: 'ses-open', reason: 'Consultant on leave' },
      tables,
    );
    if (!cancelled.ok) throw new Error(cancelled.message);
    const after = withChanges(tables, cancelled.changes);
    expect(rowOf(after, 'referrals', 'ref-booked').openRebookId).toBeTruthy();

    const rebooked = await run(
      'appointment.book',
      {
        appointmentId: 'appt-again',
        referralId: 'ref-booked',
        slotId: 'slot-summer-free',
        overrides: AGREED,
      },
      after,
    );
    const [letter] = lettersOf(rebooked);
    expect(letter).toMatchObject({ id: 'letter-booked-appt-again', kind: 'appointment-change' });
    const text = renderLetter(letter!, letter!.merge);
    expect(text.subject).toBe('Your appointment has changed: now 15/07/2026 at 09:00');
    expect(text.body).toContain('cancel your appointment on 09/03/2026 at 10:20');
  });

  it('writes no letter when a referral is accepted at triage', async () => {
    const result = await run(
      'referral.triage',
      {
        referralId: 'ref-awaiting-triage',
        decision: { outcome: 'accept', priority: 'soon', clinicType: 'new', clinicianId: 'clin-1' },
      },
      buildTables(),
    );
    expect(lettersOf(result)).toEqual([]);
  });

  it.each([
    {
      decision: { outcome: 'reject', reason: 'Suitable for primary dental care' },
      says: 'we are unable to accept it',
    },
    {
      decision: { outcome: 'redirect', reason: 'Skin lesion', redirectTo: 'Dermatology' },
      says: 'we have passed it on to Dermatology',
    },
  ])(
    'writes to the referrer when a referral is not accepted ($decision.outcome)',
    async ({ decision, says }) => {
      const result = await run(
        'referral.triage',
        { referralId: 'ref-awaiting-triage', decision },
        buildTables(),
      );
      const [letter] = lettersOf(result);
      expect(letter).toMatchObject({
        id: 'letter-triage-ref-awaiting-triage',
        kind: 'triage-outcome-referrer',
        appointmentId: null,
      });
      const body = renderLetter(letter!, letter!.merge).body;
      expect(body).toContain('Dear Dr Gosling,');
      expect(body).toContain(`Casey Coordinator has reviewed it and ${says}`);
      expect(body).toContain(`for this reason: ${decision.reason}.`);
    },
  );
});

describe('letter.printed', () => {
  async function withLetter() {
    const tables = buildTables();
    const booked = await run(
      'appointment.book',
      {
        appointmentId: 'appt-new',
        referralId: 'ref-routine',
        slotId: 'slot-new-free',
        overrides: AGREED,
      },
      tables,
    );
    if (!booked.ok) throw new Error(booked.message);
    return withChanges(tables, booked.changes);
  }

  it('records who printed the letter and when, taking it off the unsent list', async () => {
    const tables = await withLetter();
    const result = await run('letter.printed', { letterId: 'letter-booked-appt-new' }, tables);
    const [letter] = lettersOf(result);
    expect(letter).toMatchObject({ printedAt: CTX.now, printedBy: CTX.actor });
  });

  it('keeps the first printing when the letter is printed again', async () => {
    const tables = await withLetter();
    const first = await run('letter.printed', { letterId: 'letter-booked-appt-new' }, tables);
    if (!first.ok) throw new Error(first.message);
    const again = await run(
      'letter.printed',
      { letterId: 'letter-booked-appt-new' },
      withChanges(tables, first.changes),
    );
    expect(again).toEqual({ ok: true, changes: [] });
  });

  it('refuses a letter that is not on record', async () => {
    expect(await run('letter.printed', { letterId: 'letter-nope' }, buildTables())).toEqual({
      ok: false,
      reason: 'unknown-letter',
      message: 'That letter is not on record',
    });
  });
});

describe('letterTemplate.save', () => {
  const wording = {
    kind: 'appointment-confirmation',
    subject: 'See you on {{appointment.date}}',
    body: 'Dear {{patient.name}},\n\nPlease come at {{appointment.time}}.',
  };

  it('saves a manager’s wording as version 2, then 3, and later letters use it', async () => {
    let tables = buildTables();
    for (const version of [2, 3]) {
      const result = await run('letterTemplate.save', wording, tables);
      if (!result.ok) throw new Error(result.message);
      expect(result.changes).toEqual([
        {
          table: 'letterTemplates',
          row: {
            id: 'appointment-confirmation',
            version,
            subject: wording.subject,
            body: wording.body,
            updatedAt: CTX.now,
            updatedBy: CTX.actor,
          },
        },
      ]);
      tables = withChanges(tables, result.changes);
    }
    const booked = await run(
      'appointment.book',
      {
        appointmentId: 'appt-new',
        referralId: 'ref-routine',
        slotId: 'slot-new-free',
        overrides: AGREED,
      },
      tables,
    );
    const [letter] = lettersOf(booked);
    expect(letter).toMatchObject({ templateVersion: 3, subject: wording.subject });
    expect(renderLetter(letter!, letter!.merge).body).toBe(
      'Dear Amelia Ashdown,\n\nPlease come at 09:00.',
    );
  });

  it('refuses wording with a merge field it does not know, naming the field', async () => {
    const result = await run(
      'letterTemplate.save',
      { ...wording, body: 'Dear {{patient.fullName}}' },
      buildTables(),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'unknown-merge-field',
      message: expect.stringContaining('{{patient.fullName}}'),
    });
  });

  it('refuses an empty subject', async () => {
    const result = await run('letterTemplate.save', { ...wording, subject: '  ' }, buildTables());
    expect(result).toEqual({
      ok: false,
      reason: 'invalid-args',
      message: 'Enter a subject line',
    });
  });

  it('is a manager’s edit; printing is the desk’s and the office’s', () => {
    expect(ROLES.filter((r) => canMakeMutation(r, 'letterTemplate.save'))).toEqual(['manager']);
    expect(ROLES.filter((r) => canMakeMutation(r, 'letter.printed'))).toEqual([
      'receptionist',
      'booking-coordinator',
      'medical-secretary',
      'manager',
    ]);
  });
});
