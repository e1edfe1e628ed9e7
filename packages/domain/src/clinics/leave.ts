import * as v from 'valibot';
import { addDays, CalendarDateSchema, type CalendarDate } from '../calendar/calendar-date.ts';
import { RecordedBySchema } from '../referrals/referral.ts';
import type { ClinicSession } from './clinic.ts';

/** A clinician's leave: the days they cannot run clinics (issue 6). */
export const ClinicianLeaveSchema = v.object({
  id: v.string(),
  clinicianId: v.string(),
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  reason: v.string(),
  /** Recorded with less notice than the Trust asks for. */
  shortNotice: v.boolean(),
  /** Why the short notice was accepted, and the manager who accepted it. */
  shortNoticeReason: v.nullable(v.string()),
  shortNoticeAgreedBy: v.nullable(v.string()),
  recordedAt: v.string(),
  recordedBy: RecordedBySchema,
});
export type ClinicianLeave = v.InferOutput<typeof ClinicianLeaveSchema>;

/** True when leave starting on `from` gives less notice than the Trust's weeks. */
export function isShortNoticeLeave(
  from: CalendarDate,
  today: CalendarDate,
  noticeWeeks: number,
): boolean {
  return from < addDays(today, noticeWeeks * 7);
}

/** The open clinics of a clinician that fall inside their leave, in date order. */
export function sessionsAffectedByLeave(
  leave: Pick<ClinicianLeave, 'clinicianId' | 'from' | 'to'>,
  sessions: readonly ClinicSession[],
): ClinicSession[] {
  return sessions
    .filter(
      (s) =>
        s.clinicianId === leave.clinicianId &&
        s.status === 'open' &&
        s.date >= leave.from &&
        s.date <= leave.to,
    )
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
}
