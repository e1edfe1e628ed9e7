import * as v from 'valibot';
import { RecordedBySchema } from '../access/recorded-by.ts';

/** What a telephone query or complaint was about (issue 8: the contact log). */
export const CONTACT_CATEGORIES = [
  'appointment-query',
  'cancellation',
  'complaint',
  'gp-query',
  'other',
] as const;
export type ContactCategory = (typeof CONTACT_CATEGORIES)[number];
export const CONTACT_CATEGORY_LABELS: Record<ContactCategory, string> = {
  'appointment-query': 'Appointment query',
  cancellation: 'Cancellation',
  complaint: 'Complaint',
  'gp-query': 'GP query',
  other: 'Other',
};

/** Who rang, as the person taking the call would put it. */
export const CALLER_RELATIONSHIPS = [
  'patient',
  'relative-or-carer',
  'gp-practice',
  'other-hospital',
  'other',
] as const;
export type CallerRelationship = (typeof CALLER_RELATIONSHIPS)[number];
export const CALLER_RELATIONSHIP_LABELS: Record<CallerRelationship, string> = {
  patient: 'Patient',
  'relative-or-carer': 'Relative or carer',
  'gp-practice': 'GP practice',
  'other-hospital': 'Other hospital',
  other: 'Other',
};

/**
 * One telephone contact: who rang, about whom, what was said and done. A serious one is
 * escalated to a manager and stays on the managers' worklist (`status: 'escalated'`) until a
 * manager closes it with an outcome (issue 8).
 */
export const ContactSchema = v.object({
  id: v.string(),
  siteId: v.string(),
  loggedAt: v.string(),
  loggedBy: RecordedBySchema,
  caller: v.object({
    name: v.string(),
    relationship: v.picklist(CALLER_RELATIONSHIPS),
    phone: v.string(),
  }),
  patientId: v.nullable(v.string()),
  referralId: v.nullable(v.string()),
  category: v.picklist(CONTACT_CATEGORIES),
  said: v.string(),
  done: v.string(),
  status: v.picklist(['logged', 'escalated', 'closed']),
  escalation: v.nullable(v.object({ reason: v.string() })),
  closedAt: v.nullable(v.string()),
  closedBy: v.nullable(RecordedBySchema),
  outcome: v.nullable(v.string()),
});
export type Contact = v.InferOutput<typeof ContactSchema>;

/** Open escalations, oldest first: the order a manager works them. */
export function orderEscalations(contacts: readonly Contact[]): Contact[] {
  return contacts
    .filter((c) => c.status === 'escalated')
    .sort((a, b) => a.loggedAt.localeCompare(b.loggedAt) || a.id.localeCompare(b.id));
}
