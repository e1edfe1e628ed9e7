import { formatUkDate, type CalendarDate } from '../calendar/calendar-date.ts';
import { formatNhsNumber } from '../patients/nhs-number.ts';
import type { Appointment } from '../booking/appointment.ts';
import type { Patient } from '../patients/patient.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Change, MutatorContext, ReadState } from '../mutators/mutator.ts';
import { DEFAULT_LETTER_WORDING } from './default-wording.ts';
import type { Letter, LetterKind, LetterTemplate } from './letter.ts';
import { mergeFieldsFor, type MergeData, type MergeFieldName } from './merge-fields.ts';

/** What a mutator knows that a letter needs, beyond what can be read. */
export interface LetterFacts {
  referral: Referral;
  /** The letter's id; by default `letter-<kind>-<appointment or referral id>`. */
  id?: string;
  appointment?: Appointment | null;
  /** The appointment a change letter replaces. */
  previous?: { date: CalendarDate; startTime: string } | null;
  cancellationReason?: string;
  /** A day-case admission: the to-come-in date, the pre-op assessment date and the procedure. */
  tci?: { date: CalendarDate; preopDate: CalendarDate | null; procedure: string };
  triage?: { outcome: 'reject' | 'redirect'; reason: string; redirectTo?: string };
  dischargeReason?: string;
  /** A clinic outcome: the day decided, the next step in the letter's words, the note. */
  outcome?: { date: CalendarDate; summary: string; note: string };
}

/** The current wording of a kind of letter: the manager's, or the default (version 1). */
export async function currentLetterTemplate(
  state: Pick<ReadState, 'get'>,
  kind: LetterKind,
): Promise<LetterTemplate> {
  const saved = await state.get('letterTemplates', kind);
  if (saved) return saved;
  return {
    id: kind,
    version: 1,
    ...DEFAULT_LETTER_WORDING[kind],
    updatedAt: null,
    updatedBy: null,
  };
}

/** A postal address as the lines of an envelope window. */
export function addressLines(address: Patient['address']): string {
  return [address.line1, address.line2, address.town, address.postcode]
    .filter((line): line is string => !!line?.trim())
    .join('\n');
}

function triageOutcome(t: NonNullable<LetterFacts['triage']>): string {
  return t.outcome === 'reject'
    ? 'we are unable to accept it into the Oral and Maxillofacial Surgery outpatient service'
    : `we have passed it on to ${t.redirectTo ?? 'another service'}, where the patient is better seen`;
}

/** Reads what the facts point to and formats every merge field this kind of letter has. */
async function mergeDataFor(
  state: ReadState,
  ctx: MutatorContext,
  kind: LetterKind,
  facts: LetterFacts,
): Promise<MergeData> {
  const { referral, appointment } = facts;
  const siteId = appointment?.siteId ?? referral.siteId;
  const clinicianId = appointment?.clinicianId ?? referral.clinicianId;
  const patient = await state.get('patients', referral.patientId);
  const site = await state.get('sites', siteId);
  const clinician = clinicianId ? await state.get('clinicians', clinicianId) : undefined;
  const session = appointment
    ? await state.get('clinicSessions', appointment.sessionId)
    : undefined;
  const all: Record<MergeFieldName, string | undefined> = {
    today: formatUkDate(ctx.today),
    'patient.name': patient ? `${patient.givenName} ${patient.familyName}` : undefined,
    'patient.address': patient ? addressLines(patient.address) : undefined,
    'patient.nhsNumber': patient ? formatNhsNumber(patient.nhsNumber) : undefined,
    'patient.dateOfBirth': patient ? formatUkDate(patient.dateOfBirth) : undefined,
    // A PAS import may leave it unknown (issue 9): the letter says so rather than a blank.
    'gp.practice': patient ? patient.gpPractice || 'GP practice not recorded' : undefined,
    'referral.reason': referral.reason,
    'referral.referrer': referral.referrer,
    'referral.receivedDate': formatUkDate(referral.receivedDate),
    'clinic.site': site?.name,
    'clinician.name':
      kind === 'triage-outcome-referrer' ? referral.triage?.by.name : clinician?.name,
    'appointment.date': appointment ? formatUkDate(appointment.date) : undefined,
    'appointment.time': appointment?.startTime,
    'clinic.name': session?.name,
    'clinic.room': session?.room,
    'previous.date': facts.previous ? formatUkDate(facts.previous.date) : undefined,
    'previous.time': facts.previous?.startTime,
    'cancellation.reason': facts.cancellationReason,
    'tci.date': facts.tci ? formatUkDate(facts.tci.date) : undefined,
    'tci.procedure': facts.tci?.procedure,
    'preop.date': facts.tci?.preopDate ? formatUkDate(facts.tci.preopDate) : undefined,
    'triage.outcome': facts.triage ? triageOutcome(facts.triage) : undefined,
    'triage.reason': facts.triage?.reason,
    'discharge.reason': facts.dischargeReason,
    'outcome.date': facts.outcome ? formatUkDate(facts.outcome.date) : undefined,
    'outcome.summary': facts.outcome?.summary,
    'outcome.note': facts.outcome?.note,
  };
  // Every field the kind has is in the snapshot, blank when unknown, so a manager's later
  // rewording can never leave a stored letter with an unfilled field.
  return Object.fromEntries(mergeFieldsFor(kind).map((name) => [name, all[name] ?? '']));
}

/**
 * The letter a mutation produces (issue 7), as a change for the mutator to include with its
 * own: produced now by the person making the edit, with the kind's current template version
 * and wording and a snapshot of its merge data, so the letter never changes afterwards. Its
 * id comes from the mutation, so replaying the edit (rebase, retry) writes the same letter.
 */
export async function letterChange(
  kind: LetterKind,
  ctx: MutatorContext & { state: ReadState },
  facts: LetterFacts,
): Promise<Change> {
  const { state } = ctx;
  const { referral, appointment } = facts;
  // One read after another: a device's IndexedDB transaction must never wait on anything else.
  const template = await currentLetterTemplate(state, kind);
  const merge = await mergeDataFor(state, ctx, kind, facts);
  const row: Letter = {
    id: facts.id ?? `letter-${kind}-${appointment?.id ?? referral.id}`,
    kind,
    patientId: referral.patientId,
    referralId: referral.id,
    siteId: appointment?.siteId ?? referral.siteId,
    appointmentId: appointment?.id ?? null,
    producedAt: ctx.now,
    producedBy: ctx.actor,
    templateVersion: template.version,
    subject: template.subject,
    body: template.body,
    merge: merge as Record<string, string>,
    printedAt: null,
    printedBy: null,
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawnReason: null,
  };
  return { table: 'letters', row };
}
