import { describe, expect, it } from 'vitest';
import { generateDepartment, type Department } from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import { dataQualityOnDevice } from './data-quality-queries.ts';

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
