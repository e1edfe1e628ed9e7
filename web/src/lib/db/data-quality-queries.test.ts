import { describe, expect, it } from 'vitest';
import {
  createRandom,
  generateDepartment,
  REFERRAL_STATUSES,
  type Department,
  type Patient,
  type Referral,
} from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import { dataQualityOnDevice, keptDataQuality } from './data-quality-queries.ts';

const TODAY = '2026-11-24';
const DEPT: Department = generateDepartment({ seed: 7, today: TODAY, referrals: 60 });
const [first, second, third] = DEPT.patients as [
  Department['patients'][number],
  Department['patients'][number],
  Department['patients'][number],
];
first.phone = '';
second.gpPractice = '';
// Keyed twice: another NHS number, the same person by name and birthday.
DEPT.patients.push({
  ...third,
  id: 'pat-again',
  nhsNumber: '9990009999',
  givenName: ` ${third.givenName.toUpperCase()} `,
});
DEPT.referrals[0]!.clinicianId = null;
DEPT.referrals[0]!.status = 'awaiting-triage';
const db = useTestDevice(DEPT);

describe('dataQualityOnDevice', () => {
  it('reads the sealed patients and lists the missing, the duplicated and the unassigned', async () => {
    const report = await dataQualityOnDevice(db());
    expect(report.incomplete.map((p) => [p.patient.id, p.missing])).toEqual(
      expect.arrayContaining([
        [DEPT.patients[0]!.id, ['phone']],
        [DEPT.patients[1]!.id, ['GP practice']],
      ]),
    );
    expect(report.incomplete).toHaveLength(2);
    expect(report.duplicates).toEqual([
      {
        reason: 'same name and date of birth',
        patients: expect.arrayContaining([
          expect.objectContaining({ id: DEPT.patients[2]!.id }),
          expect.objectContaining({ id: 'pat-again' }),
        ]),
      },
    ]);
    expect(report.pathwaysWithoutClinician.map((r) => r.id)).toEqual([DEPT.referrals[0]!.id]);
  });
});

describe('the data-quality lists kept in memory (issue 10)', () => {
  it('stay exactly the lists read afresh, through a long run of edits to patients and pathways', async () => {
    const kept = keptDataQuality(db());
    const shown: unknown[] = [];
    const stop = kept.subscribe((report) => shown.push(report));
    const random = createRandom(13);
    const patients = () => db().rows('patients').toArray();
    const referrals = () => db().rows('referrals').toArray();
    try {
      await kept.settled();
      expect(kept.current).toEqual(await dataQualityOnDevice(db()));
      for (let step = 0; step < 80; step++) {
        const kind = random.pick([
          'phone',
          'gp',
          'same-nhs',
          'same-name',
          'name',
          'new-patient',
          'patient-gone',
          'clinician',
          'status',
          'moved',
          'received',
          'new-pathway',
          'pathway-gone',
          'several',
        ] as const);
        const p = random.pick(await patients());
        const other = random.pick(await patients());
        const r = random.pick(await referrals());
        const putPatient = (change: Partial<Patient>) =>
          db()
            .rows('patients')
            .put({ ...p, ...change });
        const putReferral = (change: Partial<Referral>) =>
          db()
            .rows('referrals')
            .put({ ...r, ...change });
        if (kind === 'phone') await putPatient({ phone: random.pick(['', ' ', '01632 960123']) });
        else if (kind === 'gp') await putPatient({ gpPractice: random.pick(['', 'The Surgery']) });
        else if (kind === 'same-nhs') await putPatient({ nhsNumber: other.nhsNumber });
        else if (kind === 'same-name')
          await putPatient({
            familyName: ` ${other.familyName.toUpperCase()}`,
            givenName: other.givenName,
            dateOfBirth: other.dateOfBirth,
          });
        else if (kind === 'name')
          await putPatient({ familyName: random.pick(['Able', 'Zed', 'able']) });
        else if (kind === 'new-patient')
          await putPatient({ id: `pat-new-${step}`, phone: random.pick(['', '01632 960000']) });
        else if (kind === 'patient-gone') await db().rows('patients').delete(p.id);
        else if (kind === 'clinician')
          await putReferral({ clinicianId: random.pick([null, DEPT.clinicians[0]!.id]) });
        else if (kind === 'status') await putReferral({ status: random.pick(REFERRAL_STATUSES) });
        else if (kind === 'moved') await putReferral({ patientId: p.id });
        else if (kind === 'received')
          await putReferral({ receivedDate: random.pick(['2026-01-05', '2026-06-30', TODAY]) });
        else if (kind === 'new-pathway')
          await putReferral({ id: `ref-new-${step}`, patientId: p.id, clinicianId: null });
        else if (kind === 'pathway-gone') await db().rows('referrals').delete(r.id);
        else
          await db().transaction(
            'rw',
            [db().rows('patients'), db().rows('referrals')],
            async () => {
              await putPatient({ phone: '', nhsNumber: other.nhsNumber });
              await putReferral({ patientId: other.id, clinicianId: null, status: 'waiting' });
            },
          );
        await kept.settled();
        expect(kept.current, `after step ${step} (${kind})`).toEqual(
          await dataQualityOnDevice(db()),
        );
      }
      // Each report given out was a new one, never the one before changed under its reader.
      expect(new Set(shown).size).toBe(shown.length);
      const last = kept.current!;
      expect(last.incomplete.length + last.duplicates.length).toBeGreaterThan(0);
      expect(last.pathwaysWithoutClinician.length).toBeGreaterThan(0);
    } finally {
      stop();
    }
    // Left for a moment (a listed patient opened to put right): kept, and still the lists.
    expect(kept.current).toEqual(await dataQualityOnDevice(db()));
  }, 30_000);

  it('gives nothing new for a change the page does not show, and follows those it does', async () => {
    const kept = keptDataQuality(db());
    let given = 0;
    const stop = kept.subscribe(() => (given += 1));
    try {
      await kept.settled();
      const report = kept.current!;
      const listed = new Set([
        ...report.incomplete.map((l) => l.patient.id),
        ...report.duplicates.flatMap((g) => g.patients.map((p) => p.id)),
        ...report.pathwaysWithoutClinician.map((r) => r.patientId),
      ]);
      const unlisted = (await db().rows('patients').toArray()).find((p) => !listed.has(p.id))!;
      await db()
        .rows('patients')
        .put({ ...unlisted, phone: '01632 960777' });
      await kept.settled();
      expect(given).toBe(1);
      await db()
        .rows('patients')
        .put({ ...unlisted, phone: '' });
      await kept.settled();
      expect(given).toBe(2);
      expect(kept.current!.incomplete.map((l) => l.patient.id)).toContain(unlisted.id);
      // Now listed: a newer pathway of theirs, with a clinician, is the one their name opens.
      const theirs = (await db().rows('referrals').toArray()).find((r) => r.clinicianId)!;
      await db()
        .rows('referrals')
        .put({ ...theirs, id: 'ref-newest', patientId: unlisted.id, receivedDate: TODAY });
      await kept.settled();
      expect(given).toBe(3);
      expect(kept.current!.pathwayOf.get(unlisted.id)).toBe('ref-newest');
    } finally {
      stop();
    }
  });
});
