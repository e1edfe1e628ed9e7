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

export const TrustSettingsSchema = v.object({
  id: v.literal(TRUST_SETTINGS_ID),
  ...TrustSettingsFieldsSchema.entries,
  updatedAt: v.nullable(v.string()),
  updatedBy: v.nullable(RecordedBySchema),
});
export type TrustSettings = v.InferOutput<typeof TrustSettingsSchema>;

export const DEFAULT_TRUST_SETTINGS: TrustSettings = {
  id: TRUST_SETTINGS_ID,
  triageWorkingDays: 3,
  breachWarningWeeks: 4,
  leaveNoticeWeeks: 6,
  closures: [],
  updatedAt: null,
  updatedBy: null,
};
