import * as v from 'valibot';
import { CalendarDateSchema } from '../calendar/calendar-date.ts';

/** Clinical priorities in the order they are booked: two-week wait first. */
export const PRIORITIES = ['two-week-wait', 'urgent', 'soon', 'routine'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PrioritySchema = v.picklist(PRIORITIES, 'Choose a priority');

export const PRIORITY_LABELS: Record<Priority, string> = {
  'two-week-wait': 'Two-week wait',
  urgent: 'Urgent',
  soon: 'Soon',
  routine: 'Routine',
};

export const REFERRAL_SOURCES = ['gp', 'e-rs', 'consultant', 'a-and-e', 'dentist'] as const;
export const ReferralSourceSchema = v.picklist(
  REFERRAL_SOURCES,
  'Choose where the referral came from',
);
export const REFERRAL_SOURCE_LABELS: Record<(typeof REFERRAL_SOURCES)[number], string> = {
  gp: 'GP',
  'e-rs': 'e-Referral Service',
  consultant: 'Consultant',
  'a-and-e': 'A&E',
  dentist: 'Dentist',
};

/**
 * Where a referral is on its way through outpatients. Only `waiting` referrals are on the
 * outpatient waiting list to be booked (issue 5: only triaged referrals are booked).
 */
export const REFERRAL_STATUSES = [
  'awaiting-triage',
  'waiting',
  'booked',
  'seen',
  'discharged',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const RTT_CODES = [
  '10',
  '11',
  '12',
  '20',
  '21',
  '30',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '90',
  '91',
  '92',
  '98',
  '99',
] as const;
export type RttCode = (typeof RTT_CODES)[number];

/** An RTT-coded activity on a pathway: the clock is derived from these, never typed in. */
export const RttEventSchema = v.object({
  date: CalendarDateSchema,
  code: v.picklist(RTT_CODES),
  cause: v.string(),
});
export type RttEvent = v.InferOutput<typeof RttEventSchema>;

/** A referral and the RTT pathway it starts (DESIGN.md: Referral / pathway). */
export const ReferralSchema = v.object({
  id: v.string(),
  patientId: v.string(),
  receivedDate: CalendarDateSchema,
  source: ReferralSourceSchema,
  referrer: v.string(),
  reason: v.string(),
  requestedPriority: PrioritySchema,
  priority: v.nullable(PrioritySchema),
  clinicianId: v.nullable(v.string()),
  /** The site the patient is to be seen at: it decides which devices hold the pathway. */
  siteId: v.string(),
  status: v.picklist(REFERRAL_STATUSES),
  rttEvents: v.array(RttEventSchema),
});
export type Referral = v.InferOutput<typeof ReferralSchema>;
