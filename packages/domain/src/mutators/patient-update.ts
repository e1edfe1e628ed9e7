import * as v from 'valibot';
import {
  CONTACT_FIELDS,
  PatientSchema,
  type ContactField,
  type FieldHistoryEntry,
  type Patient,
} from '../patients/patient.ts';
import { formatHlc, isTooFarAhead, parseHlc } from '../sync/hlc.ts';
import { defineMutator, reject } from './mutator.ts';

const HISTORY_KEPT = 50;

export const PatientUpdateArgsSchema = v.object({
  patientId: v.pipe(v.string(), v.nonEmpty()),
  changes: v.pipe(
    v.partial(v.pick(PatientSchema, [...CONTACT_FIELDS])),
    v.check(
      (c) => Object.keys(c).length > 0,
      'Change at least one of phone, address or GP practice',
    ),
  ),
  hlc: v.pipe(
    v.string(),
    v.check((t) => parseHlc(t) !== undefined, 'The change has no valid clock'),
  ),
});
export type PatientUpdateArgs = v.InferOutput<typeof PatientUpdateArgsSchema>;

/**
 * `patient.update`: changes a patient's phone, address or GP practice. Each field merges on
 * its own, last writer wins by hybrid logical clock, so edits made offline on two devices end
 * the same everywhere whatever order they arrive in; the value that loses stays in the
 * record's history (issue 4). A device clock more than five minutes ahead is refused.
 */
export const patientUpdate = defineMutator({
  name: 'patient.update',
  args: PatientUpdateArgsSchema,
  async apply(state, args, ctx) {
    const patient = await state.get('patients', args.patientId);
    if (!patient) return reject('unknown-patient', 'That patient is not on record');
    const hlc = parseHlc(args.hlc);
    if (!hlc || isTooFarAhead(hlc, Date.parse(ctx.now))) {
      return reject(
        'clock-ahead',
        'This device’s clock is more than 5 minutes ahead: correct its date and time, then make the change again',
      );
    }
    const incoming = formatHlc(hlc);
    const clocks = { ...(patient.fieldClocks ?? {}) };
    const history: FieldHistoryEntry[] = [...(patient.history ?? [])];
    const next: Patient = { ...patient };
    for (const field of Object.keys(args.changes) as ContactField[]) {
      const value = args.changes[field];
      const current = clocks[field] ?? '';
      if (incoming > current) {
        history.push({
          field,
          value: patient[field],
          hlc: current,
          outcome: 'replaced',
          recordedAt: ctx.now,
        });
        Object.assign(next, { [field]: value });
        clocks[field] = incoming;
      } else if (incoming !== current) {
        history.push({ field, value, hlc: incoming, outcome: 'overwritten', recordedAt: ctx.now });
      }
    }
    return {
      ok: true,
      changes: [
        {
          table: 'patients',
          row: { ...next, fieldClocks: clocks, history: history.slice(-HISTORY_KEPT) },
        },
      ],
    };
  },
});
