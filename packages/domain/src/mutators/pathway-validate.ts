import * as v from 'valibot';
import { defineMutator, reject } from './mutator.ts';

export const PathwayValidateArgsSchema = v.object({
  referralId: v.pipe(v.string(), v.nonEmpty()),
  key: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
  comment: v.pipe(
    v.string('Say what you checked and found'),
    v.trim(),
    v.nonEmpty('Say what you checked and found'),
    v.maxLength(1000),
  ),
});

/**
 * `pathway.validate`: a person has looked at a validation item and says what they found. The
 * comment is added to the pathway's validation history, never replacing an earlier one.
 */
export const pathwayValidate = defineMutator({
  name: 'pathway.validate',
  args: PathwayValidateArgsSchema,
  async apply(state, args, ctx) {
    const referral = await state.get('referrals', args.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    const validation = { key: args.key, comment: args.comment, at: ctx.now, by: ctx.actor };
    return {
      ok: true,
      changes: [
        {
          table: 'referrals',
          row: { ...referral, validations: [...referral.validations, validation] },
        },
      ],
    };
  },
});
