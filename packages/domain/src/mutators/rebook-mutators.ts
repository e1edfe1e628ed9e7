import * as v from 'valibot';
import { CALL_OUTCOMES } from '../clinics/rebook.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import { defineMutator, reject } from './mutator.ts';

/** `rebook.call`: the co-ordinator's call to a displaced patient, whatever came of it (issue 6). */
export const rebookCall = defineMutator({
  name: 'rebook.call',
  args: v.object({
    rebookId: Id,
    outcome: v.picklist(CALL_OUTCOMES, 'Say how the call went'),
    note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
  }),
  async apply(state, args, ctx) {
    const rebook = await state.get('rebooks', args.rebookId);
    if (!rebook) return reject('unknown-rebook', 'That patient is not on the Rebook worklist');
    const call = { at: ctx.now, outcome: args.outcome, note: args.note, by: ctx.actor };
    return {
      ok: true,
      changes: [{ table: 'rebooks', row: { ...rebook, calls: [...rebook.calls, call] } }],
    };
  },
});

/**
 * `rebook.return`: takes a displaced patient off the Rebook worklist without a new date,
 * deliberately and with a reason; their pathway stays on its waiting list (issue 6).
 */
export const rebookReturn = defineMutator({
  name: 'rebook.return',
  args: v.object({
    rebookId: Id,
    reason: text('Give the reason for putting the patient back on the waiting list', 500),
  }),
  async apply(state, args, ctx) {
    const rebook = await state.get('rebooks', args.rebookId);
    if (!rebook) return reject('unknown-rebook', 'That patient is not on the Rebook worklist');
    if (rebook.status !== 'open') {
      return reject(
        'rebook-closed',
        rebook.status === 'rebooked'
          ? 'This patient has already been rebooked'
          : 'This patient has already been put back on the waiting list',
      );
    }
    const referral = await state.get('referrals', rebook.referralId);
    return {
      ok: true,
      changes: [
        {
          table: 'rebooks',
          row: {
            ...rebook,
            status: 'returned',
            closedAt: ctx.now,
            closedBy: ctx.actor,
            closedReason: args.reason,
          },
        },
        ...(referral && referral.openRebookId === rebook.id
          ? [{ table: 'referrals' as const, row: { ...referral, openRebookId: null } }]
          : []),
      ],
    };
  },
});

/**
 * `referral.shortNotice`: the patient can come at short notice, to these sites (none: they
 * cannot), so that a slot freed in the next few days is offered to them first (issue 6).
 * The editor decides only for the sites they work at (their device shows no others): sites
 * noted by colleagues elsewhere are kept.
 */
export const referralShortNotice = defineMutator({
  name: 'referral.shortNotice',
  args: v.object({ referralId: Id, siteIds: v.pipe(v.array(Id), v.maxLength(20)) }),
  async apply(state, args, ctx) {
    const referral = await state.get('referrals', args.referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    for (const siteId of args.siteIds) {
      if (!(await state.get('sites', siteId)))
        return reject('unknown-site', 'Choose sites from the list');
    }
    const held = ctx.siteIds;
    const elsewhere = held
      ? (referral.shortNotice?.siteIds ?? []).filter((id) => !held.includes(id))
      : [];
    const siteIds = [...new Set([...args.siteIds, ...elsewhere])];
    const shortNotice = siteIds.length > 0 ? { siteIds, notedAt: ctx.today } : null;
    return { ok: true, changes: [{ table: 'referrals', row: { ...referral, shortNotice } }] };
  },
});
