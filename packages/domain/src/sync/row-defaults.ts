import { NEW_REFERRAL_FIELDS } from '../referrals/referral.ts';
import { DEFAULT_TRUST_SETTINGS } from '../settings/trust-settings.ts';
import type { RowOf, TableName } from './tables.ts';

/**
 * The value of every field added to a table after its first rows were written (issues 5–8).
 * A row stored before a field existed reads as if it had the field's default, so rules never
 * meet `undefined` where their types promise a value (rows are read as stored, unparsed).
 */
const ROW_DEFAULTS: Partial<Record<TableName, Record<string, unknown>>> = {
  referrals: { condition: 'other', ...NEW_REFERRAL_FIELDS },
  clinicTemplates: { recurrence: { kind: 'weekly' }, validFrom: null, validTo: null },
  clinicSessions: {
    leaveId: null,
    changedBy: null,
    changedAt: null,
    cashedUp: null,
    reopenings: [],
    runningLate: null,
  },
  slots: { blockedReason: null },
  admissions: { religion: null },
  dayCaseLists: { cancelledAt: null, cancelledBy: null, cancellationReason: null },
  letters: { withdrawnAt: null, withdrawnBy: null, withdrawnReason: null },
  appointments: { outcome: null, arrivedAt: null, waitEndedAt: null, walkIn: false },
  settings: (() => {
    const { id: _id, updatedAt: _at, updatedBy: _by, ...rest } = DEFAULT_TRUST_SETTINGS;
    return rest;
  })(),
};

/** A stored row with any field it predates filled with the field's default. */
export function withRowDefaults<T extends TableName>(table: T, row: RowOf<T>): RowOf<T> {
  const defaults = ROW_DEFAULTS[table];
  if (!defaults) return row;
  for (const key in defaults) {
    if (!(key in row)) return { ...defaults, ...row } as RowOf<T>;
  }
  return row;
}
