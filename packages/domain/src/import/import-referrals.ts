import {
  CONDITIONS,
  NEW_REFERRAL_FIELDS,
  PRIORITIES,
  REFERRAL_SOURCES,
  type Condition,
  type Priority,
  type Referral,
} from '../referrals/referral.ts';
import { formatNhsNumber, normaliseNhsNumber } from '../patients/nhs-number.ts';
import { nhsNumberProblem } from './import-patients.ts';
import type { RowCheck } from './import-plan.ts';
import {
  decideUpsert,
  idFromPas,
  planFile,
  ukDay,
  type ImportPlan,
  type ImportState,
} from './import-plan.ts';

export const REFERRAL_COLUMNS = [
  'pas_id',
  'nhs_number',
  'referral_date',
  'source',
  'referrer',
  'reason',
  'condition',
  'priority',
  'clinician_code',
  'site_code',
] as const;

const LABELS: Partial<Record<keyof Referral, string>> = {
  patientId: 'patient',
  source: 'source',
  referrer: 'referrer',
  reason: 'reason',
  condition: 'condition',
  requestedPriority: 'priority',
  priority: 'triaged priority',
  clinicianId: 'clinician',
  siteId: 'site',
  status: 'status',
};

function pick<T extends string>(
  check: RowCheck,
  column: string,
  label: string,
  values: readonly T[],
) {
  const text = check.row.get(column).toLowerCase();
  if (text === '') return undefined;
  if (!(values as readonly string[]).includes(text)) {
    check.refuse(`the ${label} "${check.row.get(column)}" is not one of ${values.join(', ')}`);
    return undefined;
  }
  return text as T;
}

/** The referral a row describes (before it meets ClinicDesk's copy), or undefined when refused. */
function readReferral(check: RowCheck, state: ImportState): Referral | undefined {
  const pasId = check.pasId('pas_id', 'PAS referral id');
  const nhsText = check.required('nhs_number', 'NHS number');
  const nhsProblem = nhsText ? nhsNumberProblem(nhsText) : undefined;
  if (nhsProblem) check.refuse(nhsProblem);
  const patient =
    nhsText && !nhsProblem ? state.patientsByNhsNumber.get(normaliseNhsNumber(nhsText)) : undefined;
  if (nhsText && !nhsProblem && !patient)
    check.refuse(
      `no patient has the NHS number ${formatNhsNumber(nhsText)}: import the patients file first`,
    );
  const clockStart = check.date('referral_date', 'referral date');
  if (clockStart && clockStart > state.today)
    check.refuse(`the referral date ${ukDay(clockStart)} is in the future`);
  const source = pick(check, 'source', 'source', REFERRAL_SOURCES);
  if (!check.row.get('source')) check.refuse('the source is empty');
  const reason = check.required('reason', 'reason');
  const condition = pick<Condition>(check, 'condition', 'condition', CONDITIONS) ?? 'other';
  const priority = pick<Priority>(check, 'priority', 'priority', PRIORITIES) ?? null;
  const clinician = check.clinician(state.clinicians, true);
  const site = check.site(state.sites);
  if (
    check.reasons.length ||
    !patient ||
    !clockStart ||
    !source ||
    !site ||
    clinician === undefined
  )
    return undefined;
  return {
    ...NEW_REFERRAL_FIELDS,
    id: idFromPas('ref', pasId),
    patientId: patient.id,
    receivedDate: clockStart,
    source,
    referrer: check.row.get('referrer'),
    reason,
    condition,
    requestedPriority: priority ?? 'routine',
    priority,
    clinicianId: clinician?.id ?? null,
    siteId: site.id,
    status: priority ? 'waiting' : 'awaiting-triage',
    // The RTT clock starts on the referral date (RTT 10); ClinicDesk's mutators record the rest.
    rttEvents: [
      {
        date: clockStart,
        code: '10',
        cause: 'Referral received (imported from PAS)',
        recordedBy: state.actor,
      },
    ],
    clinicTypeNeeded: priority
      ? priority === 'routine' || priority === 'soon'
        ? 'new'
        : 'urgent'
      : null,
    triage: priority
      ? {
          decision: 'accepted',
          at: state.now,
          by: state.actor,
          reason: 'Triaged on the PAS before import',
        }
      : null,
  };
}

/**
 * What an existing pathway takes from a row: the referral's details, and a priority while it
 * still awaits triage. Its RTT events, status and bookings belong to ClinicDesk from then on:
 * a different clock start, or a clinician, site or priority that ClinicDesk has since moved on
 * from, is refused rather than overwritten (hazard H2: the clock is never typed over).
 */
function updateOf(existing: Referral, incoming: Referral): Referral | string {
  const start = existing.rttEvents.find((e) => e.code === '10')?.date ?? existing.receivedDate;
  if (existing.patientId !== incoming.patientId)
    return 'this PAS referral belongs to another patient in ClinicDesk';
  if (start !== incoming.receivedDate)
    return `the clock started on ${ukDay(start)} in ClinicDesk, not ${ukDay(incoming.receivedDate)}: correct it on the pathway, not by import`;
  const next: Referral = {
    ...existing,
    source: incoming.source,
    referrer: incoming.referrer,
    reason: incoming.reason,
    condition: incoming.condition,
  };
  const stillOpen = ['awaiting-triage', 'waiting'].includes(existing.status);
  if (existing.clinicianId !== incoming.clinicianId || existing.siteId !== incoming.siteId) {
    if (!stillOpen)
      return `the pathway is ${existing.status} in ClinicDesk: change its clinician or site there`;
    next.clinicianId = incoming.clinicianId;
    next.siteId = incoming.siteId;
  }
  if (incoming.priority !== existing.priority) {
    if (existing.status !== 'awaiting-triage' || incoming.priority === null)
      return `the pathway was triaged in ClinicDesk as ${existing.priority ?? 'not triaged'}: change its priority there`;
    Object.assign(next, {
      priority: incoming.priority,
      requestedPriority: incoming.requestedPriority,
      status: incoming.status,
      clinicTypeNeeded: incoming.clinicTypeNeeded,
      triage: incoming.triage,
    });
  }
  return next;
}

/**
 * Plans a referrals extract (open pathways). A new PAS id makes a pathway whose RTT clock starts
 * on the referral date (RTT 10); a priority means the PAS triaged it (waiting list), none means
 * awaiting triage; an empty clinician is allowed and shown on the data-quality page. Refused:
 * an unknown patient, clinician or site, an impossible or future date, a bad source, priority or
 * condition, the same PAS id twice.
 */
export function planReferralsImport(text: string, state: ImportState): ImportPlan {
  return planFile<Referral>(text, {
    kind: 'referrals',
    columns: REFERRAL_COLUMNS,
    keyOf: (row) => row.get('pas_id'),
    read: (check) => readReferral(check, state),
    uniqueKeys: (referral) => [
      {
        key: referral.id,
        repeated: (earlier) => `this PAS referral id is also on row ${earlier}`,
      },
    ],
    decide(incoming) {
      const existing = state.referralsById.get(incoming.id);
      const next = existing ? updateOf(existing, incoming) : incoming;
      if (typeof next === 'string') return { action: 'refused', reason: next };
      return decideUpsert('referrals', existing, next, LABELS);
    },
  });
}
