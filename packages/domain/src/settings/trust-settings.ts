import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../referrals/referral.ts';

/** The one settings row's id: settings are the Trust's, not a site's or a person's. */
export const TRUST_SETTINGS_ID = 'trust';

const wholeNumber = (label: string, min: number, max: number) =>
  v.pipe(
    v.number(`Enter ${label} as a number`),
    v.integer(`Enter ${label} as a whole number`),
    v.minValue(min, `${label[0]!.toUpperCase()}${label.slice(1)} must be at least ${min}`),
    v.maxValue(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max}`),
  );

/** What a Trust agrees locally and a manager may change (issue 5). */
export const TrustSettingsFieldsSchema = v.object({
  /** Working days a clinician has to triage a referral (Trust agreement; default 3). */
  triageWorkingDays: wholeNumber('the working days to triage', 1, 20),
  /** Weeks before the 18-week date at which the PTL warns (default 4). */
  breachWarningWeeks: wholeNumber('the weeks of warning before a breach', 1, 17),
  /** Notice of leave a clinician must give; less is short notice (issue 6; default 6 weeks). */
  leaveNoticeWeeks: v.optional(wholeNumber('the weeks of notice for leave', 0, 26), 6),
  /** Access policy (issue 7): days' notice that make an offer reasonable (default 21). */
  reasonableNoticeDays: v.optional(wholeNumber('the days of reasonable notice', 0, 90), 21),
  /** Weeks after a declined offer by which the next offer should fall (default 6). */
  secondOfferWithinWeeks: v.optional(wholeNumber('the weeks for a second offer', 1, 26), 6),
  /** Days from referral to a two-week-wait first appointment (default 14). */
  twoWeekWaitDays: v.optional(wholeNumber('the days for a two-week wait', 1, 28), 14),
  /** Weeks before a follow-up's due date from which it is booked (default 6). */
  followUpBookingWindowWeeks: v.optional(
    wholeNumber('the weeks of the follow-up booking window', 1, 52),
    6,
  ),
  /** One-off days the Trust's clinics close, beyond England's bank holidays (issue 6). */
  closures: v.optional(
    v.pipe(
      v.array(
        v.object({
          date: CalendarDateSchema,
          reason: v.pipe(
            v.string(),
            v.trim(),
            v.nonEmpty('Say why the clinics close that day'),
            v.maxLength(200),
          ),
        }),
      ),
      v.maxLength(100),
    ),
    [],
  ),
});
export type TrustSettingsFields = v.InferOutput<typeof TrustSettingsFieldsSchema>;

/** One change of the settings, for the policy's version history. */
export const SettingsChangeSchema = v.object({
  version: v.number(),
  at: v.string(),
  by: RecordedBySchema,
  changed: v.array(v.object({ field: v.string(), from: v.unknown(), to: v.unknown() })),
});
export type SettingsChange = v.InferOutput<typeof SettingsChangeSchema>;

export const TrustSettingsSchema = v.object({
  id: v.literal(TRUST_SETTINGS_ID),
  ...TrustSettingsFieldsSchema.entries,
  updatedAt: v.nullable(v.string()),
  updatedBy: v.nullable(RecordedBySchema),
  /** The policy's version: every change a manager saves makes a new one (issue 7). */
  version: v.optional(v.number(), 1),
  history: v.optional(v.array(SettingsChangeSchema), []),
});
export type TrustSettings = v.InferOutput<typeof TrustSettingsSchema>;

export const DEFAULT_TRUST_SETTINGS: TrustSettings = {
  id: TRUST_SETTINGS_ID,
  triageWorkingDays: 3,
  breachWarningWeeks: 4,
  leaveNoticeWeeks: 6,
  closures: [],
  reasonableNoticeDays: 21,
  secondOfferWithinWeeks: 6,
  twoWeekWaitDays: 14,
  followUpBookingWindowWeeks: 6,
  updatedAt: null,
  updatedBy: null,
  version: 1,
  history: [],
};
