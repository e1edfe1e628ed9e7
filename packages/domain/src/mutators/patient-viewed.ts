import * as v from 'valibot';
import { defineMutator, reject } from './mutator.ts';

export const PatientViewedArgsSchema = v.object({
  patientId: v.pipe(v.string(), v.nonEmpty()),
  screen: v.pipe(v.string(), v.maxLength(100)),
});

/**
 * `patient.viewed`: records that a user opened a patient's record (issue 3: every view of a
 * patient record is audited). It changes no rows; the server writes it to the audit trail
 * with the time it happened on the device, offline or not.
 */
export const patientViewed = defineMutator({
  name: 'patient.viewed',
  args: PatientViewedArgsSchema,
  async apply(state, args) {
    if (!(await state.get('patients', args.patientId))) {
      return reject('unknown-patient', 'That patient is not on record');
    }
    return { ok: true, changes: [] };
  },
});
