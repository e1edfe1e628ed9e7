import * as v from 'valibot';
import { formatUkDate } from '../calendar/calendar-date.ts';
import {
  barcodeProblem,
  caseNoteIdOf,
  clinicLocation,
  libraryLocation,
  isSameLocation,
  withMovement,
  type CaseNoteVolume,
  type NotesLocation,
} from '../case-notes/case-notes.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import { defineMutator, reject, type MutatorContext, type ReadState } from './mutator.ts';

const Barcode = v.pipe(
  v.string('Scan or type the barcode'),
  v.trim(),
  v.nonEmpty('Scan or type the barcode'),
);

/**
 * When the scan was made, as the device saw it. A scan sent late (offline) keeps its own time,
 * so the history is in the order things happened; a clock ahead of the server's is not believed.
 */
const ScannedAt = v.optional(v.pipe(v.string(), v.isoTimestamp('Give the time of the scan')));

/** Where a volume is being moved to, as chosen on the screen. */
export const NotesDestinationSchema = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('library'), siteId: Id }),
    v.object({ kind: v.literal('clinic'), sessionId: Id }),
    v.object({
      kind: v.literal('secretary'),
      name: text('Give the secretary’s name', 80),
      siteId: v.optional(v.nullable(v.string()), null),
    }),
    v.object({ kind: v.literal('person'), name: text('Give the name of the person', 80) }),
  ],
  'Choose where the notes are going',
);
export type NotesDestination = v.InferOutput<typeof NotesDestinationSchema>;

/** The medical records library at a site, as a location (issue 8). */
async function libraryAt(state: ReadState, siteId: string): Promise<NotesLocation | null> {
  const site = await state.get('sites', siteId);
  return site ? libraryLocation(site) : null;
}

/** The place a destination names, or the sentence saying why it is not one. */
async function locationOf(state: ReadState, to: NotesDestination): Promise<NotesLocation | string> {
  switch (to.kind) {
    case 'library':
      return (await libraryAt(state, to.siteId)) ?? 'That site is not on record';
    case 'clinic': {
      const session = await state.get('clinicSessions', to.sessionId);
      if (!session) return 'That clinic is not on record';
      if (session.status === 'cancelled')
        return `${session.name} on ${formatUkDate(session.date)} is cancelled: choose another place`;
      return clinicLocation(session);
    }
    case 'secretary':
      return {
        kind: 'secretary',
        label: `Secretary: ${to.name}`,
        siteId: to.siteId ?? null,
        sessionId: null,
      };
    case 'person':
      return { kind: 'person', label: to.name, siteId: null, sessionId: null };
  }
}

/** The volume a barcode names, or the rejection a clerk should read. */
async function volumeByBarcode(state: ReadState, barcode: string) {
  const problem = barcodeProblem(barcode);
  if (problem) return reject('bad-barcode', problem);
  const volume = await state.get('caseNotes', caseNoteIdOf(barcode));
  if (!volume)
    return reject(
      'unknown-barcode',
      `No case-notes volume has the barcode ${barcode}: check the number, or add the volume to the patient first`,
    );
  return volume;
}

/** The scan's time: the device's, unless that is ahead of now. */
const scanTime = (at: string | undefined, ctx: MutatorContext) =>
  at && at < ctx.now ? at : ctx.now;

/** The result of moving a volume: nothing when it is already there (a repeated scan). */
function moved(volume: CaseNoteVolume, to: NotesLocation, ctx: MutatorContext, at: string) {
  if (isSameLocation(volume.location, to) && at >= volume.movedAt)
    return { ok: true as const, changes: [] };
  return {
    ok: true as const,
    changes: [{ table: 'caseNotes' as const, row: withMovement(volume, to, ctx.actor, at) }],
  };
}

/**
 * `caseNotes.track`: one scan moves a volume to a place (issue 8). An unknown or mistyped
 * barcode is refused with the number in the sentence; scanning a volume into where it already
 * is changes nothing.
 */
export const caseNotesTrack = defineMutator({
  name: 'caseNotes.track',
  args: v.object({ barcode: Barcode, to: NotesDestinationSchema, at: ScannedAt }),
  async apply(state, args, ctx) {
    const volume = await volumeByBarcode(state, args.barcode);
    if ('ok' in volume) return volume;
    const to = await locationOf(state, args.to);
    if (typeof to === 'string') return reject('unknown-place', to);
    return moved(volume, to, ctx, scanTime(args.at, ctx));
  },
});

/**
 * `caseNotes.missing`: a volume that cannot be found is marked missing, with where it was
 * looked for (issue 8); the clinic list then flags the patient. Scanning it anywhere finds it.
 */
export const caseNotesMissing = defineMutator({
  name: 'caseNotes.missing',
  args: v.object({
    barcode: Barcode,
    note: text('Say where the notes were looked for', 300),
    at: ScannedAt,
  }),
  async apply(state, args, ctx) {
    const volume = await volumeByBarcode(state, args.barcode);
    if ('ok' in volume) return volume;
    const to: NotesLocation = {
      kind: 'missing',
      label: args.note,
      siteId: null,
      sessionId: null,
    };
    return moved(volume, to, ctx, scanTime(args.at, ctx));
  },
});

/**
 * `caseNotes.create`: a new volume of a patient's notes, numbered after their last one and
 * labelled with a barcode no other volume has; it starts in the library of the chosen site.
 */
export const caseNotesCreate = defineMutator({
  name: 'caseNotes.create',
  args: v.object({ patientId: Id, barcode: Barcode, siteId: Id }),
  async apply(state, args, ctx) {
    const problem = barcodeProblem(args.barcode);
    if (problem) return reject('bad-barcode', problem);
    if (!(await state.get('patients', args.patientId)))
      return reject('unknown-patient', 'That patient is not on record');
    if (await state.get('caseNotes', caseNoteIdOf(args.barcode)))
      return reject(
        'barcode-taken',
        `The barcode ${args.barcode} is already on another volume: use a new label`,
      );
    const library = await libraryAt(state, args.siteId);
    if (!library) return reject('unknown-place', 'That site is not on record');
    const volumes = await state.caseNotesOfPatient(args.patientId);
    const volume: CaseNoteVolume = {
      id: caseNoteIdOf(args.barcode),
      patientId: args.patientId,
      volume: Math.max(0, ...volumes.map((n) => n.volume)) + 1,
      barcode: args.barcode,
      location: library,
      movedAt: ctx.now,
      history: [{ from: null, to: library, by: ctx.actor, at: ctx.now }],
    };
    return { ok: true, changes: [{ table: 'caseNotes', row: volume }] };
  },
});
