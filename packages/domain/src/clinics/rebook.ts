import * as v from 'valibot';
import { CalendarDateSchema, type CalendarDate } from '../calendar/calendar-date.ts';
import {
  PRIORITIES,
  RecordedBySchema,
  type Priority,
  type Referral,
} from '../referrals/referral.ts';
import { rttClock, type RttClock } from '../rtt/rtt-clock.ts';
import { SLOT_TYPES } from './clinic.ts';

export const CALL_OUTCOMES = ['reached', 'no-answer', 'message-left'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  reached: 'Reached',
  'no-answer': 'No answer',
  'message-left': 'Message left',
};

export const RebookCallSchema = v.object({
  at: v.string(),
  outcome: v.picklist(CALL_OUTCOMES),
  note: v.string(),
  by: RecordedBySchema,
});
export type RebookCall = v.InferOutput<typeof RebookCallSchema>;

/**
 * A patient whose appointment the hospital cancelled (a clinic cancelled or reduced), on the
 * Rebook worklist until they are rebooked or deliberately put back on the waiting list
 * (issue 6). Its id is the displaced appointment's, so one cancellation makes one item.
 */
export const RebookSchema = v.object({
  id: v.string(),
  referralId: v.string(),
  patientId: v.string(),
  siteId: v.string(),
  clinicianId: v.string(),
  displacedAppointmentId: v.string(),
  sessionId: v.string(),
  /** When and in what kind of slot the cancelled appointment was. */
  date: CalendarDateSchema,
  startTime: v.string(),
  kind: v.picklist(['new', 'follow-up']),
  slotType: v.picklist(SLOT_TYPES),
  reason: v.string(),
  displacedAt: v.string(),
  status: v.picklist(['open', 'rebooked', 'returned']),
  calls: v.array(RebookCallSchema),
  closedAt: v.nullable(v.string()),
  closedBy: v.nullable(RecordedBySchema),
  /** Why a patient went back on the waiting list rather than being rebooked. */
  closedReason: v.nullable(v.string()),
  newAppointmentId: v.nullable(v.string()),
});
export type Rebook = v.InferOutput<typeof RebookSchema>;

/** The Rebook item made for a displaced appointment. */
export function rebookIdFor(appointmentId: string): string {
  return `rebook-${appointmentId}`;
}

export interface RebookLine {
  rebook: Rebook;
  /** Undefined only when the pathway is not on this device. */
  referral: Referral | undefined;
  priority: Priority;
  clock: RttClock;
}

/**
 * Orders the open Rebook worklist: clinical priority first, then the longest RTT wait, then
 * the earliest cancelled appointment. An item whose referral is not on this device still
 * shows (as routine) — a patient is never dropped from the list.
 */
export function orderRebookWorklist(
  rebooks: readonly Rebook[],
  referrals: ReadonlyMap<string, Referral>,
  today: CalendarDate,
): RebookLine[] {
  return rebooks
    .filter((r) => r.status === 'open')
    .map((rebook) => {
      const referral = referrals.get(rebook.referralId);
      return {
        rebook,
        referral,
        priority: referral?.priority ?? 'routine',
        clock: rttClock(referral?.rttEvents ?? [], today),
      };
    })
    .sort(
      (a, b) =>
        PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) ||
        b.clock.daysWaited - a.clock.daysWaited ||
        a.rebook.date.localeCompare(b.rebook.date) ||
        a.rebook.startTime.localeCompare(b.rebook.startTime) ||
        a.rebook.id.localeCompare(b.rebook.id),
    );
}
