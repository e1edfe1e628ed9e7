import * as v from 'valibot';
import { CalendarDateSchema, formatUkDate } from '../calendar/calendar-date.ts';
import { formatNhsNumber } from '../patients/nhs-number.ts';
import { PatientSchema } from '../patients/patient.ts';
import { PrioritySchema, ReferralSourceSchema, type Referral } from '../referrals/referral.ts';
import { defineMutator, reject, type Change } from './mutator.ts';

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
      id: args.referralId,
      patientId,
      receivedDate: args.receivedDate,
      source: args.source,
      referrer: args.referrer,
      reason: args.reason,
      requestedPriority: args.requestedPriority,
      priority: null,
      clinicianId: null,
      siteId: args.siteId,
      status: 'awaiting-triage',
      rttEvents: [{ date: args.receivedDate, code: '10', cause: 'Referral received' }],
    };
    changes.push({ table: 'referrals', row: referral });
    return { ok: true, changes };
  },
});
