import { DEFAULT_TRUST_SETTINGS, TrustSettingsFieldsSchema } from '../settings/trust-settings.ts';
import { defineMutator } from './mutator.ts';

/** `settings.update`: a manager changes the Trust's agreed timescales (issue 5). */
export const settingsUpdate = defineMutator({
  name: 'settings.update',
  args: TrustSettingsFieldsSchema,
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
