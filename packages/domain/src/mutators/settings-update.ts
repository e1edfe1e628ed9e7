import { DEFAULT_TRUST_SETTINGS, TrustSettingsFieldsSchema } from '../settings/trust-settings.ts';
import * as v from 'valibot';
import { defineMutator } from './mutator.ts';

const HISTORY_KEPT = 100;

/**
 * `settings.update`: a manager changes the Trust's agreed timescales and access policy
 * (issues 5 and 7). Each saved change is a new version, with who changed what from what.
 */
export const settingsUpdate = defineMutator({
  name: 'settings.update',
  // Only the settings named change: a screen that knows fewer settings cannot reset the rest.
  args: v.partial(TrustSettingsFieldsSchema),
  async apply(state, args, ctx) {
    const before =
      (await state.get('settings', DEFAULT_TRUST_SETTINGS.id)) ?? DEFAULT_TRUST_SETTINGS;
    const changed = Object.entries(args)
      .filter(
        ([field, to]) =>
          JSON.stringify(before[field as keyof typeof before]) !== JSON.stringify(to),
      )
      .map(([field, to]) => ({ field, from: before[field as keyof typeof before], to }));
    if (changed.length === 0) return { ok: true, changes: [] };
    const version = before.version + 1;
    const history = [...before.history, { version, at: ctx.now, by: ctx.actor, changed }].slice(
      -HISTORY_KEPT,
    );
    return {
      ok: true,
      changes: [
        {
          table: 'settings',
          row: { ...before, ...args, updatedAt: ctx.now, updatedBy: ctx.actor, version, history },
        },
      ],
    };
  },
});
