import { describe, it, expect } from 'vitest';
import { MUTATORS, runMutation } from './registry.ts';
import { buildTables, CTX, readStateOver } from './fixtures.test-support.ts';

describe('runMutation', () => {
  it('knows every mutator by its own name', () => {
    expect(Object.keys(MUTATORS).sort()).toEqual([
      'admission.book',
      'admission.cancel',
      'admission.outcome',
      'admission.religion',
      'appointment.arrive',
      'appointment.attendance',
      'appointment.book',
      'appointment.cancel',
      'appointment.progress',
      'appointment.undoDna',
      'appointment.walkIn',
      'caseNotes.create',
      'caseNotes.missing',
      'caseNotes.track',
      'contact.close',
      'contact.log',
      'daycase.list.add',
      'daycase.list.cancel',
      'daycase.update',
      'leave.record',
      'letter.printed',
      'letterTemplate.save',
      'offer.record',
      'pathway.outcome',
      'pathway.validate',
      'patient.update',
      'patient.viewed',
      'patient.vulnerable',
      'rebook.call',
      'rebook.return',
      'referral.add',
      'referral.shortNotice',
      'referral.triage',
      'review.decide',
      'session.add',
      'session.cancel',
      'session.cashUp',
      'session.reopen',
      'session.runningLate',
      'session.slots',
      'sessions.generate',
      'settings.update',
      'task.add',
      'task.assign',
      'task.done',
      'task.reassignAll',
      'template.save',
    ]);
    for (const [name, mutator] of Object.entries(MUTATORS)) expect(mutator.name).toBe(name);
  });

  it.each(['appointment.move', '', 'Appointment.Book', 'toString', '__proto__'])(
    'refuses a change it does not know (%j) as unknown-mutation, asking for an update',
    async (name) => {
      const result = await runMutation(name, {}, readStateOver(buildTables()), CTX);
      expect(result).toEqual({
        ok: false,
        reason: 'unknown-mutation',
        message: `ClinicDesk does not know the change "${name}": update the app`,
      });
    },
  );
});
