import { addDays, type CalendarDate } from '../calendar/calendar-date.ts';
import type { Appointment } from '../booking/appointment.ts';
import { isOpenPathway, PRIORITIES, type Priority, type Referral } from '../referrals/referral.ts';
import { rttClock, type RttClock } from '../rtt/rtt-clock.ts';
import type { TrustSettings } from '../settings/trust-settings.ts';
import { latestValidation, nextStepOf, pathwayStage, type PathwayStage } from './pathway.ts';

/** One open pathway on the patient tracking list (issue 5). Patient details are joined on screen. */
export interface PtlRow {
  referralId: string;
  patientId: string;
  clinicianId: string | null;
  siteId: string;
  priority: Priority | null;
  stage: PathwayStage;
  clock: RttClock;
  /** Weeks waited on a running clock (national band); null when no clock is running. */
  weeks: number | null;
  /** The next booked appointment or TCI date still to come. */
  nextDate: CalendarDate | null;
  nextKind: 'appointment' | 'tci' | null;
  latestComment: string | null;
  breached: boolean;
  aboutToBreach: boolean;
  over52: boolean;
}

/** Builds the PTL rows: every open pathway with its clock as of today. */
export function ptlRows(
  referrals: readonly Referral[],
  appointmentsByReferral: ReadonlyMap<string, readonly Appointment[]>,
  today: CalendarDate,
  settings: Pick<TrustSettings, 'breachWarningWeeks'>,
): PtlRow[] {
  const warnFrom = addDays(today, settings.breachWarningWeeks * 7);
  const rows: PtlRow[] = [];
  for (const referral of referrals) {
    if (!isOpenPathway(referral)) continue;
    const clock = rttClock(referral.rttEvents, today);
    const running = clock.state === 'running';
    const next = nextStepOf(referral, appointmentsByReferral.get(referral.id) ?? [], today);
    const nextDate =
      next?.kind === 'appointment'
        ? next.appointment.date
        : next?.kind === 'tci'
          ? next.date
          : null;
    rows.push({
      referralId: referral.id,
      patientId: referral.patientId,
      clinicianId: referral.clinicianId,
      siteId: referral.siteId,
      priority: referral.priority,
      stage: pathwayStage(referral),
      clock,
      weeks: running ? clock.weeksWaited : null,
      nextDate,
      nextKind: next?.kind === 'appointment' || next?.kind === 'tci' ? next.kind : null,
      latestComment: latestValidation(referral)?.comment ?? null,
      breached: running && clock.breached,
      aboutToBreach:
        running && !clock.breached && clock.treatByDate !== null && clock.treatByDate <= warnFrom,
      over52: running && clock.weeksWaited > 52,
    });
  }
  return rows;
}

/** Orders strings by UTF-16 code unit: the same on every device, and no collator call. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The PTL's default order: the longest wait first, pathways whose clock is not running last,
 * then by referral id for a stable order (the same on every screen and every device).
 */
export function byLongestWait(a: PtlRow, b: PtlRow): number {
  return (
    Number(a.weeks === null) - Number(b.weeks === null) ||
    b.clock.daysWaited - a.clock.daysWaited ||
    compareCodeUnits(a.referralId, b.referralId)
  );
}

/**
 * The triage queue's order: referrals asked for as two-week wait (suspected cancer) first, then
 * the rest, each oldest first, so that a long queue drawn a page at a time never hides a
 * suspected cancer behind older routine referrals.
 */
export function byTriageOrder(
  a: Pick<Referral, 'requestedPriority' | 'receivedDate' | 'id'>,
  b: Pick<Referral, 'requestedPriority' | 'receivedDate' | 'id'>,
): number {
  const urgent = (r: Pick<Referral, 'requestedPriority'>) =>
    r.requestedPriority === 'two-week-wait' ? 0 : 1;
  return (
    urgent(a) - urgent(b) ||
    compareCodeUnits(a.receivedDate, b.receivedDate) ||
    compareCodeUnits(a.id, b.id)
  );
}

/** Weekly bands for the PTL chart, as the national RTT returns group them. */
export const PTL_BANDS = [
  { label: '0–6', from: 0, to: 6 },
  { label: '7–12', from: 7, to: 12 },
  { label: '13–18', from: 13, to: 18 },
  { label: '19–26', from: 19, to: 26 },
  { label: '27–39', from: 27, to: 39 },
  { label: '40–52', from: 40, to: 52 },
  { label: '53+', from: 53, to: Infinity },
] as const;

export interface PtlSummary {
  bands: { label: string; counts: Record<Priority | 'untriaged', number>; total: number }[];
  running: number;
  within18: number;
  /** Share of running clocks within 18 weeks, 0–1; null with no running clocks. */
  within18Share: number | null;
}

/** Open clocks by weekly band and priority, and the share within 18 weeks (92% standard). */
export function ptlSummary(rows: readonly PtlRow[]): PtlSummary {
  const empty = () =>
    Object.fromEntries([...PRIORITIES, 'untriaged'].map((p) => [p, 0])) as Record<
      Priority | 'untriaged',
      number
    >;
  const bands = PTL_BANDS.map((b) => ({ label: b.label, counts: empty(), total: 0 }));
  let running = 0;
  let within18 = 0;
  for (const row of rows) {
    if (row.weeks === null) continue;
    running += 1;
    if (row.weeks <= 18) within18 += 1;
    const at = PTL_BANDS.findIndex((b) => row.weeks! >= b.from && row.weeks! <= b.to);
    const band = bands[at]!;
    band.counts[row.priority ?? 'untriaged'] += 1;
    band.total += 1;
  }
  return { bands, running, within18, within18Share: running ? within18 / running : null };
}

/** The 18-week standard: 92% of incomplete pathways within 18 weeks. */
export const RTT_STANDARD_SHARE = 0.92;
