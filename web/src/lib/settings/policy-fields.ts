import {
  ACCESS_POLICY_DEFAULTS,
  DEFAULT_TRUST_SETTINGS,
  formatUkDate,
  type TrustSettingsFields,
} from '@clinicdesk/domain';

export type PolicyField =
  | 'reasonableNoticeDays'
  | 'secondOfferWithinWeeks'
  | 'twoWeekWaitDays'
  | 'followUpBookingWindowWeeks'
  | 'leaveNoticeWeeks';

export interface PolicyFieldSpec {
  field: PolicyField;
  label: string;
  unit: 'days' | 'weeks';
  min: number;
  max: number;
  /** The default and where it comes from, shown as a hint. */
  hint: string;
}

/** The access-policy numbers a manager may change, with their bounds (as the mutator's). */
export const POLICY_FIELDS: readonly PolicyFieldSpec[] = [
  {
    field: 'reasonableNoticeDays',
    label: 'Days of notice that make an offer reasonable',
    unit: 'days',
    min: 0,
    max: 90,
    hint: `National default ${ACCESS_POLICY_DEFAULTS.reasonableNoticeDays} days (3 weeks)`,
  },
  {
    field: 'secondOfferWithinWeeks',
    label: 'Weeks after a declined offer by which the next offer should fall',
    unit: 'weeks',
    min: 1,
    max: 26,
    hint: `National default ${ACCESS_POLICY_DEFAULTS.secondOfferWithinWeeks} weeks`,
  },
  {
    field: 'twoWeekWaitDays',
    label: 'Days from referral to a two-week-wait first appointment',
    unit: 'days',
    min: 1,
    max: 28,
    hint: `National default ${ACCESS_POLICY_DEFAULTS.twoWeekWaitDays} days`,
  },
  {
    field: 'followUpBookingWindowWeeks',
    label: 'Weeks before a follow-up is due from which it is booked',
    unit: 'weeks',
    min: 1,
    max: 52,
    hint: `National default ${ACCESS_POLICY_DEFAULTS.followUpBookingWindowWeeks} weeks`,
  },
  {
    field: 'leaveNoticeWeeks',
    label: 'Weeks of notice a clinician gives for leave (less is short notice)',
    unit: 'weeks',
    min: 0,
    max: 26,
    hint: `Trust default ${DEFAULT_TRUST_SETTINGS.leaveNoticeWeeks} weeks`,
  },
];

const FIELD_LABELS: Record<keyof TrustSettingsFields, string> = {
  triageWorkingDays: 'Working days to triage',
  breachWarningWeeks: 'Weeks of breach warning',
  leaveNoticeWeeks: 'Weeks of notice for leave',
  reasonableNoticeDays: 'Days of reasonable notice',
  secondOfferWithinWeeks: 'Weeks for a second offer',
  twoWeekWaitDays: 'Days for a two-week wait',
  followUpBookingWindowWeeks: 'Weeks of the follow-up booking window',
  closures: 'Trust closures',
};

/** A settings field's name in words, for the change history. */
export function settingsFieldLabel(field: string): string {
  return FIELD_LABELS[field as keyof TrustSettingsFields] ?? field;
}

function isClosure(value: unknown): value is { date: string; reason: string } {
  return typeof value === 'object' && value !== null && 'date' in value && 'reason' in value;
}

/** A settings value as a person reads it: closures as their dates, numbers as they are. */
export function formatSettingsValue(value: unknown): string {
  if (value === undefined || value === null) return 'not set';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((c) => (isClosure(c) ? `${formatUkDate(c.date)} (${c.reason})` : String(c)))
      .join('; ');
  }
  return String(value);
}
