import * as v from 'valibot';
import { CalendarDateSchema, formatUkDate } from '../calendar/calendar-date.ts';
import { formatNhsNumber } from '../patients/nhs-number.ts';
import { PatientSchema } from '../patients/patient.ts';
import {
  NEW_REFERRAL_FIELDS,
  CONDITION_LABELS,
  ConditionSchema,
  isOpenPathway,
  PrioritySchema,
  ReferralSourceSchema,
  type Referral,
} from '../referrals/referral.ts';
import { defineMutator, reject, rttEventNow, type Change } from './mutator.ts';

const text = (label: string) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty(`Enter the ${label}`), v.maxLength(2000));

export const ReferralAddArgsSchema = v.object({
  referralId: v.pipe(v.string(), v.nonEmpty()),
  patient: v.union([
    v.object({ existingPatientId: v.pipe(v.string(), v.nonEmpty()) }),
    v.object({ newPatient: PatientSchema }),
  ]),
  receivedDate: CalendarDateSchema,
  source: ReferralSourceSchema,
  referrer: text('referrer'),
  reason: text('reason for referral'),
  requestedPriority: PrioritySchema,
  siteId: v.pipe(
    v.string('Choose the site the patient is to be seen at'),
    v.nonEmpty('Choose the site the patient is to be seen at'),
  ),
  condition: ConditionSchema,
  attachments: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
  /** The consultant asked to triage it (a named referral, or the one on triage duty). */
  triageClinicianId: v.optional(v.nullable(v.string()), null),
  /** Why this is not a duplicate, when the patient has an open referral for the same condition. */
  notDuplicateBecause: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
});
export type ReferralAddArgs = v.InferOutput<typeof ReferralAddArgsSchema>;

/**
 * `referral.add`: records a referral letter and starts its RTT clock on the day it was
 * received (RTT rules suite, rule 1: code 10). It waits for a clinician to triage it.
 */
export const referralAdd = defineMutator({
  name: 'referral.add',
  args: ReferralAddArgsSchema,
  async apply(state, args, ctx) {
    if (args.receivedDate > ctx.today) {
      return reject(
        'received-in-future',
        `The date received cannot be after today (${formatUkDate(ctx.today)})`,
      );
    }
    if (!(await state.get('sites', args.siteId))) {
      return reject('unknown-site', 'Choose one of the Trust’s sites');
    }
    if (args.triageClinicianId && !(await state.get('clinicians', args.triageClinicianId))) {
      return reject('unknown-clinician', 'Choose one of the department’s consultants to triage');
    }
    if (await state.get('referrals', args.referralId)) {
      return reject('duplicate-id', 'This referral has already been added');
    }
    const changes: Change[] = [];
    let patientId: string;
    if ('existingPatientId' in args.patient) {
      patientId = args.patient.existingPatientId;
      if (!(await state.get('patients', patientId))) {
        return reject('unknown-patient', 'That patient is not on record');
      }
      const duplicate = (await state.referralsOfPatient(patientId)).find(
        (r) => isOpenPathway(r) && r.condition === args.condition,
      );
      if (duplicate && !args.notDuplicateBecause) {
        return reject(
          'possible-duplicate',
          `This patient already has an open referral for ${CONDITION_LABELS[args.condition].toLowerCase()}, received ${formatUkDate(duplicate.receivedDate)} from ${duplicate.referrer}: add the letter to that referral, or say why this is a separate referral`,
        );
      }
    } else {
      const patient = args.patient.newPatient;
      const same = await state.findPatientByNhsNumber(patient.nhsNumber);
      if (same && same.id !== patient.id) {
        return reject(
          'nhs-number-in-use',
          `NHS number ${formatNhsNumber(patient.nhsNumber)} already belongs to ${same.givenName} ${same.familyName}: choose the existing patient`,
        );
      }
      // Never overwrite a patient already on record: their details change through patient.update.
      if (await state.get('patients', patient.id)) {
        return reject(
          'duplicate-id',
          'This patient has already been added: choose the existing patient',
        );
      }
      patientId = patient.id;
      changes.push({ table: 'patients', row: patient });
    }
    const referral: Referral = {
      ...NEW_REFERRAL_FIELDS,
      id: args.referralId,
      patientId,
      receivedDate: args.receivedDate,
      source: args.source,
      referrer: args.referrer,
      reason: args.reason,
      requestedPriority: args.requestedPriority,
      priority: null,
      clinicianId: args.triageClinicianId,
      siteId: args.siteId,
      status: 'awaiting-triage',
      rttEvents: [rttEventNow(ctx, '10', 'Referral received', args.receivedDate)],
      condition: args.condition,
      attachments: args.attachments,
      duplicateOverride: args.notDuplicateBecause || null,
    };
    changes.push({ table: 'referrals', row: referral });
    return { ok: true, changes };
  },
});
