import * as v from 'valibot';
import { RecordedBySchema } from '../access/recorded-by.ts';
import { formatUkDate } from '../calendar/calendar-date.ts';
import type { ClinicSession, Site } from '../clinics/clinic.ts';

/** Where a volume of case notes can be (issue 8). */
export const NOTES_LOCATION_KINDS = [
  'library',
  'clinic',
  'secretary',
  'person',
  'missing',
] as const;
export type NotesLocationKind = (typeof NOTES_LOCATION_KINDS)[number];

/**
 * Where a volume is: its kind, the words shown for it ("Medical records library, KTC",
 * "Whitcombe AM OMFS, 25/11/2026", "Secretary: Mrs Ward", or why it is missing), the site it
 * is at when known and, for a clinic, the clinic session.
 */
export const NotesLocationSchema = v.object({
  kind: v.picklist(NOTES_LOCATION_KINDS),
  label: v.string(),
  siteId: v.nullable(v.string()),
  sessionId: v.nullable(v.string()),
});
export type NotesLocation = v.InferOutput<typeof NotesLocationSchema>;

/** One movement of a volume: where from (null when the volume was made), where to, who, when. */
export const NotesMovementSchema = v.object({
  from: v.nullable(NotesLocationSchema),
  to: NotesLocationSchema,
  by: RecordedBySchema,
  at: v.string(),
});
export type NotesMovement = v.InferOutput<typeof NotesMovementSchema>;

/**
 * How many movements a volume's row keeps (the newest). A volume moves about four times a
 * clinic visit (library, clinic, secretary, library), so 40 is ten visits: years for most
 * patients. Rows are department-wide and a device may hold 100,000 volumes, so each row must
 * stay small; every movement is also an audited row change on the server, where the complete
 * history stays.
 */
export const MOVEMENTS_KEPT = 40;

/**
 * One physical volume of a patient's case notes (issue 8). Its id comes from its barcode
 * (`caseNoteIdOf`), so a scan finds it with one key look-up on the device and the server, and
 * no two volumes can share a barcode. Rows are department-wide (no `siteId`): notes move
 * between sites, and any site's clerk must be able to scan any volume that arrives there.
 */
export const CaseNoteVolumeSchema = v.object({
  id: v.string(),
  patientId: v.string(),
  volume: v.pipe(v.number(), v.integer(), v.minValue(1)),
  barcode: v.string(),
  location: NotesLocationSchema,
  /** When the current location was reached: the time of the newest movement. */
  movedAt: v.string(),
  history: v.array(NotesMovementSchema),
});
export type CaseNoteVolume = v.InferOutput<typeof CaseNoteVolumeSchema>;

/** A site's medical records library, as a location. */
export function libraryLocation(site: Site): NotesLocation {
  return {
    kind: 'library',
    label: `Medical records library, ${site.code}`,
    siteId: site.id,
    sessionId: null,
  };
}

/** A clinic session, as a location: its name, day and start time. */
export function clinicLocation(session: ClinicSession): NotesLocation {
  return {
    kind: 'clinic',
    label: `${session.name}, ${formatUkDate(session.date)} ${session.startTime}`,
    siteId: session.siteId,
    sessionId: session.id,
  };
}

/** The row id of the volume with this barcode. */
export function caseNoteIdOf(barcode: string): string {
  return `notes-${barcode}`;
}

/** Luhn check digit of a string of digits (the digit to append). */
function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    const doubled = i % 2 === 0 ? d * 2 : d;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A case-notes barcode: an 8-digit label serial and a Luhn check digit (9 digits), so that a
 * mistyped or misread number is refused rather than moving someone else's notes.
 */
export function caseNoteBarcode(serial: number): string {
  const digits = String(serial).padStart(8, '0');
  if (!/^\d{8}$/.test(digits)) throw new Error(`label serial ${serial} is not 8 digits`);
  return `${digits}${luhnDigit(digits)}`;
}

/** Why a typed or scanned barcode cannot be a volume's, in the clerk's words; null when it can. */
export function barcodeProblem(barcode: string): string | null {
  if (!/^\d{9}$/.test(barcode))
    return 'A case-notes barcode is 9 digits: scan the label again or type the number under the bars';
  if (luhnDigit(barcode.slice(0, 8)) !== Number(barcode[8]))
    return `The number ${barcode} is not a case-notes barcode (its last digit does not match): scan it again or check the number`;
  return null;
}

/** True when two locations are the same place (a repeated scan changes nothing). */
export function isSameLocation(a: NotesLocation, b: NotesLocation): boolean {
  return (
    a.kind === b.kind && a.label === b.label && a.siteId === b.siteId && a.sessionId === b.sessionId
  );
}

/**
 * A volume with a movement recorded. History is kept in time order and the newest movement
 * decides where the volume is, so a scan made offline and sent late joins the history in its
 * place without moving the volume back (two devices: the later scan wins, both are kept).
 */
export function withMovement(
  volume: CaseNoteVolume,
  to: NotesLocation,
  by: NotesMovement['by'],
  at: string,
): CaseNoteVolume {
  const before = volume.history.filter((m) => m.at <= at);
  const after = volume.history.filter((m) => m.at > at);
  const from = before.at(-1)?.to ?? null;
  // The movement after a late one started where the late one ended.
  const [next, ...rest] = after;
  const later = next ? [{ ...next, from: to }, ...rest] : [];
  const history = [...before, { from, to, by, at }, ...later].slice(-MOVEMENTS_KEPT);
  const newest = history.at(-1)!;
  return { ...volume, history, location: newest.to, movedAt: newest.at };
}
