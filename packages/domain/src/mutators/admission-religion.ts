import * as v from 'valibot';
import { holdsPlace } from '../day-cases/day-case.ts';
import { Id } from './clinic-scheduling-args.ts';
import { defineMutator, reject } from './mutator.ts';

export const AdmissionReligionArgsSchema = v.object({
  admissionId: Id,
  /** As the patient gave it; '' when they gave none or preferred not to say. */
  religion: v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(100, 'Keep the religion or belief to 100 characters'),
  ),
  chaplaincyVisit: v.boolean('Say whether the patient agreed to the chaplaincy being told'),
});
export type AdmissionReligionArgs = v.InferOutput<typeof AdmissionReligionArgsSchema>;

/**
 * `admission.religion`: records the religion or belief a day-case patient gave and whether
 * they agreed to the chaplaincy being told they are in (issue 9). Consent needs something to
 * share; saying nothing removes what was recorded. Only admissions still to come or in today
 * take it: the list is for visiting patients while they are here.
 */
export const admissionReligion = defineMutator({
  name: 'admission.religion',
  args: AdmissionReligionArgsSchema,
  async apply(state, args, ctx) {
    const admission = await state.get('admissions', args.admissionId);
    if (!admission) return reject('unknown-admission', 'That TCI date is not on record');
    if (!holdsPlace(admission)) {
      return reject(
        'admission-not-held',
        'This TCI date was cancelled or missed: record religion on the patient’s new TCI date',
      );
    }
    if (args.chaplaincyVisit && args.religion === '') {
      return reject(
        'nothing-to-share',
        'Enter the religion or belief the patient wants the chaplaincy to know',
      );
    }
    return {
      ok: true,
      changes: [
        {
          table: 'admissions',
          row: {
            ...admission,
            religion:
              args.religion === ''
                ? null
                : {
                    religion: args.religion,
                    chaplaincyVisit: args.chaplaincyVisit,
                    recordedAt: ctx.now,
                    recordedBy: ctx.actor,
                  },
          },
        },
      ],
    };
  },
});
