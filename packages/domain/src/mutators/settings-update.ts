import { DEFAULT_TRUST_SETTINGS, TrustSettingsFieldsSchema } from '../settings/trust-settings.ts';
import * as v from 'valibot';
import { defineMutator } from './mutator.ts';

/** `settings.update`: a manager changes the Trust's agreed timescales (issue 5). */
export const settingsUpdate = defineMutator({
  name: 'settings.update',
  // Only the settings named change: a screen that knows fewer settings cannot reset the rest.
  args: v.partial(TrustSettingsFieldsSchema),
  async apply(state, args, ctx) {
    const before =
      (await state.get('settings', DEFAULT_TRUST_SETTINGS.id)) ?? DEFAULT_TRUST_SETTINGS;
    return {
      ok: true,
      changes: [
        {
          table: 'settings',
          row: { ...before, ...args, updatedAt: ctx.now, updatedBy: ctx.actor },
        },
      ],
    };
  },
});
