import type { Appointment } from '../booking/appointment.ts';
import type { CalendarDate } from '../calendar/calendar-date.ts';
import {
  caseNoteBarcode,
  caseNoteIdOf,
  clinicLocation,
  libraryLocation,
  withMovement,
  type CaseNoteVolume,
  type NotesLocation,
} from '../case-notes/case-notes.ts';
import type { ClinicSession } from '../clinics/clinic.ts';
import type { Referral } from '../referrals/referral.ts';
import { DEMO_SITES } from './demo-clinics.ts';

// The demo department's case notes (issue 8). Like the day cases, nothing here draws from the
// seeded generator: every value comes from ids, so the rest of the demo stays the same.

const LIBRARIAN = { userId: 'demo-records', name: 'Medical Records' };
const SECRETARIES = ['Mrs Jean Ward', 'Ms Priya Shah', 'Mr Tom Hughes'];

/** The number in an id like `pat-123`. */
const numberOf = (id: string) => Number(id.replace(/\D/g, '')) || 0;

/**
 * One volume for every patient, a second for every sixth; made in their site's library when
 * referred. Volumes of patients booked into today's clinics are there already; a few are with
 * a secretary and one in about thirty is missing, so the lists have something to show.
 */
export function demoCaseNotes(
  referrals: readonly Referral[],
  appointments: readonly Appointment[],
  sessions: readonly ClinicSession[],
  today: CalendarDate,
): CaseNoteVolume[] {
  const todays = new Map<string, ClinicSession>();
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  for (const a of appointments) {
    const session = sessionById.get(a.sessionId);
    if (a.date === today && a.status === 'booked' && session) todays.set(a.patientId, session);
  }
  const volumes: CaseNoteVolume[] = [];
  const seen = new Set<string>();
  for (const referral of referrals) {
    if (seen.has(referral.patientId)) continue;
    seen.add(referral.patientId);
    const n = numberOf(referral.patientId);
    const site = DEMO_SITES.find((s) => s.id === referral.siteId) ?? DEMO_SITES[0]!;
    const made = `${referral.receivedDate}T09:00:00.000Z`;
    const now = `${today}T08:00:00.000Z`;
    const clinic = todays.get(referral.patientId);
    const place: NotesLocation | null = clinic
      ? clinicLocation(clinic)
      : n % 29 === 0
        ? {
            kind: 'missing',
            label: 'Not on the library shelf; secretaries’ offices checked',
            siteId: null,
            sessionId: null,
          }
        : n % 13 === 0
          ? {
              kind: 'secretary',
              label: `Secretary: ${SECRETARIES[n % SECRETARIES.length]}`,
              siteId: site.id,
              sessionId: null,
            }
          : null;
    for (let volume = 1; volume <= (n % 6 === 0 ? 2 : 1); volume++) {
      // Label serials 1nnnnnnv: the patient's place in the department, then the volume.
      const barcode = caseNoteBarcode(10_000_000 + seen.size * 10 + volume);
      const library = libraryLocation(site);
      const fresh: CaseNoteVolume = {
        id: caseNoteIdOf(barcode),
        patientId: referral.patientId,
        volume,
        barcode,
        location: library,
        movedAt: made,
        history: [{ from: null, to: library, by: LIBRARIAN, at: made }],
      };
      volumes.push(place && made < now ? withMovement(fresh, place, LIBRARIAN, now) : fresh);
    }
  }
  return volumes;
}
