import * as v from 'valibot';
import { LetterKindSchema, LetterWordingSchema } from '../letters/letter.ts';
import { currentLetterTemplate } from '../letters/letter-change.ts';
import { wordingProblem } from '../letters/merge-fields.ts';
import { formatLondonDateTime } from '../calendar/calendar-date.ts';
import { defineMutator, reject } from './mutator.ts';

export const LetterPrintedArgsSchema = v.object({
  letterId: v.pipe(v.string(), v.nonEmpty()),
});
export type LetterPrintedArgs = v.InferOutput<typeof LetterPrintedArgsSchema>;

/**
 * `letter.printed`: a letter has been printed or downloaded to send (issue 7), so it leaves
 * the unsent letters list. The first printing is kept: printing again changes nothing.
 */
export const letterPrinted = defineMutator({
  name: 'letter.printed',
  args: LetterPrintedArgsSchema,
  async apply(state, args, ctx) {
    const letter = await state.get('letters', args.letterId);
    if (!letter) return reject('unknown-letter', 'That letter is not on record');
    if (letter.printedAt) return { ok: true, changes: [] };
    if (letter.withdrawnAt) {
      return reject(
        'letter-withdrawn',
        `This letter was withdrawn on ${formatLondonDateTime(letter.withdrawnAt)} (${letter.withdrawnReason ?? 'no reason given'}): it is not to be sent`,
      );
    }
    return {
      ok: true,
      changes: [{ table: 'letters', row: { ...letter, printedAt: ctx.now, printedBy: ctx.actor } }],
    };
  },
});

export const LetterTemplateSaveArgsSchema = v.object({
  kind: LetterKindSchema,
  ...LetterWordingSchema.entries,
});
export type LetterTemplateSaveArgs = v.InferOutput<typeof LetterTemplateSaveArgsSchema>;

/**
 * `letterTemplate.save`: a manager rewords a kind of letter (issue 7). Each save is a new
 * version; letters already produced keep the wording they were produced with. Wording with a
 * merge field the letter cannot fill is refused, naming the field.
 */
export const letterTemplateSave = defineMutator({
  name: 'letterTemplate.save',
  args: LetterTemplateSaveArgsSchema,
  async apply(state, args, ctx) {
    const problem = wordingProblem(args.kind, args);
    if (problem) return reject('unknown-merge-field', problem);
    const current = await currentLetterTemplate(state, args.kind);
    return {
      ok: true,
      changes: [
        {
          table: 'letterTemplates',
          row: {
            id: args.kind,
            version: current.version + 1,
            subject: args.subject,
            body: args.body,
            updatedAt: ctx.now,
            updatedBy: ctx.actor,
          },
        },
      ],
    };
  },
});
