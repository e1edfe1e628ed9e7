import * as v from 'valibot';
import {
  CLINIC_TYPES_NEEDED,
  PrioritySchema,
  type Referral,
  type Triage,
} from '../referrals/referral.ts';
import { defineMutator, reject, rttEventNow, type Change } from './mutator.ts';
import { triageLetterId } from '../letters/letter.ts';
import { letterChange } from '../letters/letter-change.ts';

const reasonText = v.pipe(
  v.string('Give the reason, for the letter to the referrer'),
  v.trim(),
  v.nonEmpty('Give the reason, for the letter to the referrer'),
  v.maxLength(1000),
);

export const ReferralTriageArgsSchema = v.object({
  referralId: v.pipe(v.string(), v.nonEmpty()),
  decision: v.variant('outcome', [
    v.object({
      outcome: v.literal('accept'),
      priority: PrioritySchema,
      clinicType: v.picklist(CLINIC_TYPES_NEEDED, 'Choose the clinic the patient needs'),
      clinicianId: v.pipe(
        v.string('Choose the consultant who will see the patient'),
        v.nonEmpty('Choose the consultant who will see the patient'),
      ),
    }),
    v.object({ outcome: v.literal('reject'), reason: reasonText }),
    v.object({
      outcome: v.literal('redirect'),
      reason: reasonText,
      redirectTo: v.pipe(
        v.string('Say where the referral is redirected to'),
        v.trim(),
        v.nonEmpty('Say where the referral is redirected to'),
        v.maxLength(200),
      ),
    }),
  ]),
});
export type ReferralTriageArgs = v.InferOutput<typeof ReferralTriageArgsSchema>;

/**
 * `referral.triage`: a clinician's decision on a new referral (issue 5). Accepting sets the
 * priority, clinic type and consultant and puts it on the outpatient waiting list; the clock
 * runs on from the day it was received. Rejecting ends the pathway (34: returned to the
 * referrer, no treatment here); redirecting hands it to another service (21: the clock
 * continues there). Both leave a reason for the letter to the referrer.
 */
export const referralTriage = defineMutator({
  name: 'referral.triage',
  args: ReferralTriageArgsSchema,
  async apply(state, args, ctx) {
    const referral = await state.get('referrals', args.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    if (referral.status !== 'awaiting-triage') {
      const by = referral.triage ? ` by ${referral.triage.by.name}` : '';
      return reject('already-triaged', `This referral has already been triaged${by}`);
    }
    const d = args.decision;
    const triage: Triage = {
      decision:
        d.outcome === 'accept' ? 'accepted' : d.outcome === 'reject' ? 'rejected' : 'redirected',
      at: ctx.now,
      by: ctx.actor,
      reason: d.outcome === 'accept' ? null : d.reason,
    };
    let row: Referral;
    if (d.outcome === 'accept') {
      if (!(await state.get('clinicians', d.clinicianId))) {
        return reject('unknown-clinician', 'Choose one of the department’s consultants');
      }
      row = {
        ...referral,
        status: 'waiting',
        priority: d.priority,
        clinicTypeNeeded: d.clinicType,
        clinicianId: d.clinicianId,
        triage,
      };
    } else if (d.outcome === 'reject') {
      row = {
        ...referral,
        status: 'rejected',
        triage,
        rttEvents: [
          ...referral.rttEvents,
          rttEventNow(ctx, '34', `Referral not accepted at triage: ${d.reason}`),
        ],
      };
    } else {
      row = {
        ...referral,
        status: 'redirected',
        triage: { ...triage, reason: `${d.reason} (redirected to ${d.redirectTo})` },
        rttEvents: [
          ...referral.rttEvents,
          rttEventNow(ctx, '21', `Referral redirected to ${d.redirectTo} at triage`),
        ],
      };
    }
    const changes: Change[] = [{ table: 'referrals', row }];
    // Not accepted: the referrer is told why, in a letter produced with the decision.
    if (d.outcome !== 'accept')
      changes.push(
        await letterChange(
          'triage-outcome-referrer',
          { ...ctx, state },
          { referral: row, triage: d, id: triageLetterId(row.id) },
        ),
      );
    return { ok: true, changes };
  },
});
