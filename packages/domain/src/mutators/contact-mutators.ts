import * as v from 'valibot';
import { CALLER_RELATIONSHIPS, CONTACT_CATEGORIES, type Contact } from '../contacts/contact.ts';
import { formatLondonDateTime } from '../calendar/calendar-date.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type ReadState, type Rejection } from './mutator.ts';

const optionalText = (max: number) =>
  v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `Keep it under ${max} characters`)), '');

const ContactLogArgs = v.pipe(
  v.object({
    contactId: Id,
    siteId: v.pipe(v.string('Choose the site'), v.nonEmpty('Choose the site')),
    callerName: text('Enter the caller’s name', 100),
    relationship: v.picklist(CALLER_RELATIONSHIPS, 'Say who the caller is'),
    phone: optionalText(30),
    patientId: v.optional(v.nullable(Id), null),
    referralId: v.optional(v.nullable(Id), null),
    category: v.picklist(CONTACT_CATEGORIES, 'Choose what the call was about'),
    said: text('Write down what the caller said', 2000),
    done: text('Write down what you did or agreed', 2000),
    escalate: v.optional(v.boolean(), false),
    escalationReason: optionalText(500),
  }),
  v.check(
    (a) => !a.escalate || a.escalationReason.length > 0,
    'Say why this needs a manager, or do not escalate it',
  ),
);

/** The patient and pathway a call is about must be on record and belong together. */
async function refuseLinks(
  state: ReadState,
  patientId: string | null,
  referralId: string | null,
): Promise<Rejection | { siteId: string | null; patientId: string | null }> {
  if (referralId) {
    const referral = await state.get('referrals', referralId);
    if (!referral) return reject('unknown-referral', 'That referral is not on record');
    if (patientId && referral.patientId !== patientId)
      return reject('referral-of-another-patient', 'That referral is for a different patient');
    return { siteId: referral.siteId, patientId: referral.patientId };
  }
  if (patientId && !(await state.get('patients', patientId)))
    return reject('unknown-patient', 'That patient is not on record');
  return { siteId: null, patientId };
}

/**
 * `contact.log`: a telephone query or complaint, in one step, with an optional escalation to a
 * manager for a serious one (issue 8). A call about a pathway belongs to the pathway's site.
 */
export const contactLog = defineMutator({
  name: 'contact.log',
  args: ContactLogArgs,
  async apply(state, args, ctx) {
    if (await state.get('contacts', args.contactId))
      return reject('contact-exists', 'This call has already been logged');
    const links = await refuseLinks(state, args.patientId, args.referralId);
    if ('ok' in links) return links;
    const siteId = links.siteId ?? args.siteId;
    if (!(await state.get('sites', siteId))) return reject('unknown-site', 'Choose the site');
    const contact: Contact = {
      id: args.contactId,
      siteId,
      loggedAt: ctx.now,
      loggedBy: ctx.actor,
      caller: { name: args.callerName, relationship: args.relationship, phone: args.phone },
      patientId: links.patientId,
      referralId: args.referralId,
      category: args.category,
      said: args.said,
      done: args.done,
      status: args.escalate ? 'escalated' : 'logged',
      escalation: args.escalate ? { reason: args.escalationReason } : null,
      closedAt: null,
      closedBy: null,
      outcome: null,
    };
    return { ok: true, changes: [{ table: 'contacts', row: contact }] };
  },
});

/**
 * `contact.close`: a manager closes an escalated call with what came of it; who and when are
 * recorded, and the call leaves the managers' worklist (issue 8).
 */
export const contactClose = defineMutator({
  name: 'contact.close',
  args: v.object({ contactId: Id, outcome: text('Write down the outcome', 2000) }),
  async apply(state, args, ctx) {
    const contact = await state.get('contacts', args.contactId);
    if (!contact) return reject('unknown-contact', 'That call is not in the contact log');
    if (contact.status === 'logged')
      return reject('not-escalated', 'This call was not escalated: there is nothing to close');
    if (contact.status === 'closed')
      return reject(
        'already-closed',
        `${contact.closedBy?.name ?? 'A manager'} closed this on ${formatLondonDateTime(contact.closedAt ?? ctx.now)}`,
      );
    return {
      ok: true,
      changes: [
        {
          table: 'contacts',
          row: {
            ...contact,
            status: 'closed',
            closedAt: ctx.now,
            closedBy: ctx.actor,
            outcome: args.outcome,
          },
        },
      ],
    };
  },
});
