import { describe, it, expect } from 'vitest';
import {
  barcodeProblem,
  caseNoteBarcode,
  MOVEMENTS_KEPT,
  withMovement,
  type CaseNoteVolume,
  type NotesLocation,
} from '../case-notes/case-notes.ts';
import { notesStatusFor, volumeStatusFor, isNotesFlagged } from '../case-notes/pull-list.ts';
import { demoCaseNotes } from '../demo/demo-case-notes.ts';
import { runMutation } from './registry.ts';
import type { MutatorContext } from './mutator.ts';
import {
  buildTables,
  CTX,
  isPlainEnglish,
  readStateOver,
  rowOf,
  withChanges,
  type Tables,
} from './fixtures.test-support.ts';

const BARCODE = caseNoteBarcode(20_000_001);
const SECOND = caseNoteBarcode(20_000_002);
const AT = (now: string): MutatorContext => ({ ...CTX, now });

async function run(tables: Tables, name: string, args: unknown, ctx = CTX) {
  return runMutation(name, args, readStateOver(tables), ctx);
}

/** Runs an edit that must be applied and returns the tables after it. */
async function apply(tables: Tables, name: string, args: unknown, ctx = CTX): Promise<Tables> {
  const result = await run(tables, name, args, ctx);
  if (!result.ok) throw new Error(`${name} refused: ${result.message}`);
  return withChanges(tables, result.changes);
}

/** The fixture department with one volume of Amelia's notes in the WRH library. */
async function withVolume(): Promise<Tables> {
  const args = { patientId: 'pat-amelia', barcode: BARCODE, siteId: 'site-wrh' };
  return apply(buildTables(), 'caseNotes.create', args, AT('2026-03-01T09:00:00.000Z'));
}

const volumeOf = (tables: Tables, barcode = BARCODE) =>
  rowOf(tables, 'caseNotes', `notes-${barcode}`);

describe('case-notes barcodes', () => {
  it('appends a check digit that catches one mistyped digit', () => {
    expect(BARCODE).toMatch(/^\d{9}$/);
    expect(barcodeProblem(BARCODE)).toBeNull();
    const typo = `${BARCODE.slice(0, 3)}${(Number(BARCODE[3]) + 1) % 10}${BARCODE.slice(4)}`;
    expect(barcodeProblem(typo)).toMatch(/is not a case-notes barcode/);
    expect(barcodeProblem('12345')).toMatch(/9 digits/);
  });
});

describe('caseNotes.create', () => {
  it('numbers a new volume after the patient’s last one and puts it in the site’s library', async () => {
    let tables = await withVolume();
    tables = await apply(tables, 'caseNotes.create', {
      patientId: 'pat-amelia',
      barcode: SECOND,
      siteId: 'site-wrh',
    });
    expect(volumeOf(tables).volume).toBe(1);
    const second = volumeOf(tables, SECOND);
    expect(second.volume).toBe(2);
    expect(second.location).toMatchObject({ kind: 'library', siteId: 'site-wrh' });
    expect(second.history).toHaveLength(1);
    expect(second.history[0]).toMatchObject({ from: null, by: CTX.actor });
  });

  it.each([
    ['a barcode already on a volume', { barcode: BARCODE }, /already on another volume/],
    ['a mistyped barcode', { barcode: '123456789' }, /not a case-notes barcode/],
    ['an unknown patient', { patientId: 'pat-nobody', barcode: SECOND }, /patient is not on/],
  ])('refuses %s', async (_, change, message) => {
    const tables = await withVolume();
    const args = { patientId: 'pat-amelia', siteId: 'site-wrh', ...change };
    const result = await run(tables, 'caseNotes.create', args);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    if (!result.ok) expect(isPlainEnglish(result.message)).toBe(true);
  });
});

describe('caseNotes.track', () => {
  it('moves a volume to a clinic in one step, recording from, to, who and when', async () => {
    const tables = await apply(await withVolume(), 'caseNotes.track', {
      barcode: ` ${BARCODE} `,
      to: { kind: 'clinic', sessionId: 'ses-open' },
    });
    const volume = volumeOf(tables);
    expect(volume.location).toEqual({
      kind: 'clinic',
      label: 'Whitcombe AM OMFS, 09/03/2026 09:00',
      siteId: 'site-wrh',
      sessionId: 'ses-open',
    });
    expect(volume.history.at(-1)).toEqual({
      from: expect.objectContaining({ kind: 'library' }),
      to: volume.location,
      by: CTX.actor,
      at: CTX.now,
    });
  });

  it('changes nothing when the volume is scanned into where it already is', async () => {
    const tables = await withVolume();
    const result = await run(tables, 'caseNotes.track', {
      barcode: BARCODE,
      to: { kind: 'library', siteId: 'site-wrh' },
    });
    expect(result).toEqual({ ok: true, changes: [] });
  });

  it.each([
    [
      'an unknown barcode',
      { barcode: SECOND, to: { kind: 'library', siteId: 'site-wrh' } },
      `No case-notes volume has the barcode ${SECOND}: check the number, or add the volume to the patient first`,
    ],
    [
      'a cancelled clinic',
      { barcode: BARCODE, to: { kind: 'clinic', sessionId: 'ses-cancelled' } },
      'Whitcombe AM OMFS on 10/03/2026 is cancelled: choose another place',
    ],
    [
      'a person with no name',
      { barcode: BARCODE, to: { kind: 'person', name: '  ' } },
      'Give the name of the person',
    ],
  ])('refuses %s with a sentence', async (_, args, message) => {
    const result = await run(await withVolume(), 'caseNotes.track', args);
    expect(result).toMatchObject({ ok: false, message });
  });

  it('keeps a late offline scan in its place without moving the volume back', async () => {
    let tables = await withVolume();
    // Device A scanned to the secretary at 10:00 and was offline; device B scanned to the
    // clinic at 11:00 and sent it first. A's edit arrives at noon.
    tables = await apply(
      tables,
      'caseNotes.track',
      {
        barcode: BARCODE,
        to: { kind: 'clinic', sessionId: 'ses-open' },
        at: '2026-03-02T11:00:00.000Z',
      },
      AT('2026-03-02T11:00:01.000Z'),
    );
    tables = await apply(
      tables,
      'caseNotes.track',
      {
        barcode: BARCODE,
        to: { kind: 'secretary', name: 'Mrs Ward' },
        at: '2026-03-02T10:00:00.000Z',
      },
      AT('2026-03-02T12:00:00.000Z'),
    );
    const volume = volumeOf(tables);
    expect(volume.location.kind).toBe('clinic');
    expect(volume.history.map((m) => m.to.kind)).toEqual(['library', 'secretary', 'clinic']);
    expect(volume.history.map((m) => m.from?.kind ?? null)).toEqual([null, 'library', 'secretary']);
  });

  it('does not believe a scan time ahead of the clock', async () => {
    const tables = await apply(await withVolume(), 'caseNotes.track', {
      barcode: BARCODE,
      to: { kind: 'person', name: 'Dr Lee' },
      at: '2030-01-01T00:00:00.000Z',
    });
    expect(volumeOf(tables).movedAt).toBe(CTX.now);
  });
});

describe('caseNotes.missing', () => {
  it('marks a volume missing with where it was looked for, and a scan finds it', async () => {
    let tables = await apply(await withVolume(), 'caseNotes.missing', {
      barcode: BARCODE,
      note: 'Not on the shelf; secretaries asked',
    });
    expect(volumeOf(tables).location).toMatchObject({
      kind: 'missing',
      label: 'Not on the shelf; secretaries asked',
    });
    tables = await apply(
      tables,
      'caseNotes.track',
      { barcode: BARCODE, to: { kind: 'library', siteId: 'site-wrh' } },
      AT('2026-03-02T11:00:00.000Z'),
    );
    expect(volumeOf(tables).location.kind).toBe('library');
  });

  it('asks where the notes were looked for', async () => {
    const result = await run(await withVolume(), 'caseNotes.missing', {
      barcode: BARCODE,
      note: '',
    });
    expect(result).toMatchObject({ ok: false, message: 'Say where the notes were looked for' });
  });
});

const library = (siteId: string): NotesLocation => ({
  kind: 'library',
  label: 'Library',
  siteId,
  sessionId: null,
});
const volumeAt = (location: NotesLocation): CaseNoteVolume => ({
  id: 'notes-x',
  patientId: 'pat-1',
  volume: 1,
  barcode: BARCODE,
  location,
  movedAt: CTX.now,
  history: [],
});
const SESSION = { id: 'ses-1', siteId: 'site-ktc' };

describe('the notes pull list rule', () => {
  it.each<[string, string, boolean, NotesLocation]>([
    [
      'at this clinic',
      'at-clinic',
      false,
      { kind: 'clinic', label: '', siteId: 'site-ktc', sessionId: 'ses-1' },
    ],
    ['in the clinic site’s library', 'in-library', false, library('site-ktc')],
    ['in another site’s library', 'elsewhere', true, library('site-wrh')],
    [
      'at another clinic',
      'elsewhere',
      true,
      { kind: 'clinic', label: '', siteId: 'site-ktc', sessionId: 'ses-2' },
    ],
    [
      'with a secretary',
      'elsewhere',
      true,
      { kind: 'secretary', label: '', siteId: 'site-ktc', sessionId: null },
    ],
    ['missing', 'missing', true, { kind: 'missing', label: 'lost', siteId: null, sessionId: null }],
  ])('a volume %s is %s (flagged: %s)', (_, status, flagged, location) => {
    const s = volumeStatusFor(volumeAt(location), SESSION);
    expect(s).toBe(status);
    expect(isNotesFlagged(s)).toBe(flagged);
  });

  it('takes the worst of a patient’s volumes, and flags a patient with none', () => {
    const here = volumeAt({ kind: 'clinic', label: '', siteId: 'site-ktc', sessionId: 'ses-1' });
    const lost = volumeAt({ kind: 'missing', label: 'lost', siteId: null, sessionId: null });
    expect(notesStatusFor([here, lost], SESSION)).toBe('missing');
    expect(notesStatusFor([here], SESSION)).toBe('at-clinic');
    expect(notesStatusFor([], SESSION)).toBe('not-tracked');
    expect(isNotesFlagged('not-tracked')).toBe(true);
  });
});

describe('a volume’s history', () => {
  it(`keeps the newest ${MOVEMENTS_KEPT} movements`, () => {
    let volume = volumeAt(library('site-ktc'));
    for (let i = 0; i < MOVEMENTS_KEPT + 5; i++) {
      const at = `2026-03-02T10:${String(i).padStart(2, '0')}:00.000Z`;
      volume = withMovement(volume, library(i % 2 ? 'site-ktc' : 'site-wrh'), CTX.actor, at);
    }
    expect(volume.history).toHaveLength(MOVEMENTS_KEPT);
    expect(volume.movedAt).toBe(`2026-03-02T10:${MOVEMENTS_KEPT + 4}:00.000Z`);
  });
});

describe('demo case notes', () => {
  it('gives each referred patient a volume with a unique, valid barcode', () => {
    const tables = buildTables();
    const volumes = demoCaseNotes(
      tables.referrals,
      tables.appointments,
      tables.clinicSessions,
      CTX.today,
    );
    const patients = new Set(tables.referrals.map((r) => r.patientId));
    expect(new Set(volumes.map((v) => v.patientId))).toEqual(patients);
    expect(new Set(volumes.map((v) => v.barcode)).size).toBe(volumes.length);
    for (const v of volumes) expect(barcodeProblem(v.barcode)).toBeNull();
  });
});
