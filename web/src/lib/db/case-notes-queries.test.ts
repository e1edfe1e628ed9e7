import { describe, expect, it } from 'vitest';
import { generateDepartment, type Department } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import {
  notesForClinic,
  notesPullList,
  volumeByBarcode,
  volumesOfPatient,
} from './case-notes-queries.ts';
import { mutate } from '../sync/outbox.ts';

const TODAY = '2026-11-24';
const CLOCK = { now: new Date('2026-11-24T16:00:00Z'), today: TODAY };
const DEPT: Department = generateDepartment({ seed: 8, today: TODAY, referrals: 600 });
const db = useTestDevice(DEPT);

async function edit(name: string, args: unknown) {
  const result = await mutate(db(), 'client-test', name, args, CLOCK);
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
}

/** The busiest open clinic of the coming three weeks in the demo department. */
function comingClinic() {
  const booked = (id: string) =>
    DEPT.appointments.filter((a) => a.sessionId === id && a.status === 'booked').length;
  const [session] = DEPT.clinicSessions
    .filter((s) => s.date > TODAY && s.date < '2026-12-15' && s.status === 'open')
    .sort((a, b) => booked(b.id) - booked(a.id));
  if (!session || booked(session.id) < 2) throw new Error('the demo needs a booked clinic');
  return session;
}

describe('the notes pull list', () => {
  it('lists a day’s clinics at a site in time order, each patient’s volumes and where they are', async () => {
    const session = comingClinic();
    const list = await notesPullList(db(), session.date, session.siteId);
    expect(list.every((c) => c.session.siteId === session.siteId)).toBe(true);
    const starts = list.map((c) => c.session.startTime);
    expect(starts).toEqual([...starts].sort());
    const clinic = list.find((c) => c.session.id === session.id)!;
    const times = clinic.lines.map((l) => l.appointment.startTime);
    expect(times).toEqual([...times].sort());
    expect(clinic.lines).toHaveLength(
      DEPT.appointments.filter((a) => a.sessionId === session.id && a.status === 'booked').length,
    );
    for (const line of clinic.lines) expect(line.notes.volumes.length).toBeGreaterThan(0);
  });

  it('shows a volume scanned into the clinic as there, and one marked missing as missing', async () => {
    const session = comingClinic();
    const [first, second] = (await notesPullList(db(), session.date, session.siteId)).find(
      (c) => c.session.id === session.id,
    )!.lines;
    const scanned = first!.notes.volumes[0]!.volume;
    const lost = second!.notes.volumes[0]!.volume;
    await edit('caseNotes.track', {
      barcode: scanned.barcode,
      to: { kind: 'clinic', sessionId: session.id },
    });
    await edit('caseNotes.missing', { barcode: lost.barcode, note: 'Not on the shelf' });

    const notes = await notesForClinic(db(), session, [first!.patient!.id, second!.patient!.id]);
    expect(notes.get(first!.patient!.id)!.volumes[0]!.status).toBe('at-clinic');
    expect(notes.get(second!.patient!.id)!.status).toBe('missing');
  });
});

describe('a patient’s volumes', () => {
  it('finds a volume by its barcode with its patient, and a new one numbered after the last', async () => {
    const volume = DEPT.caseNotes[0]!;
    const found = await volumeByBarcode(db(), ` ${volume.barcode} `);
    expect(found?.patient?.id).toBe(volume.patientId);
    expect(await volumeByBarcode(db(), '000000000')).toBeUndefined();

    const before = await volumesOfPatient(db(), volume.patientId);
    await edit('caseNotes.create', {
      patientId: volume.patientId,
      barcode: '123456782',
      siteId: 'site-ktc',
    });
    const after = await volumesOfPatient(db(), volume.patientId);
    expect(after.map((v) => v.volume)).toEqual([...before.map((v) => v.volume), before.length + 1]);
  });
});
