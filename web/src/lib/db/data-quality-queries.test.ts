import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDepartment, type Department } from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';
import { closeTestDevice, openTestDevice } from './test-device.test-support.ts';
import { dataQualityOnDevice } from './data-quality-queries.ts';

const TODAY = '2026-11-24';
let db: ClinicDeskDatabase;
let dept: Department;

beforeEach(async () => {
  dept = generateDepartment({ seed: 7, today: TODAY, referrals: 60 });
  const [first, second, third] = dept.patients as [
    Department['patients'][number],
    Department['patients'][number],
    Department['patients'][number],
  ];
  first.phone = '';
  second.gpPractice = '';
  // Keyed twice: another NHS number, the same person by name and birthday.
  dept.patients.push({
    ...third,
    id: 'pat-again',
    nhsNumber: '9990009999',
    givenName: ` ${third.givenName.toUpperCase()} `,
  });
  dept.referrals[0]!.clinicianId = null;
  dept.referrals[0]!.status = 'awaiting-triage';
  db = await openTestDevice(dept);
});
afterEach(() => closeTestDevice(db));

describe('dataQualityOnDevice', () => {
  it('reads the sealed patients and lists the missing, the duplicated and the unassigned', async () => {
    const report = await dataQualityOnDevice(db);
    expect(report.incomplete.map((p) => [p.patient.id, p.missing])).toEqual(
      expect.arrayContaining([
        [dept.patients[0]!.id, ['phone']],
        [dept.patients[1]!.id, ['GP practice']],
      ]),
    );
    expect(report.incomplete).toHaveLength(2);
    expect(report.duplicates).toEqual([
      {
        reason: 'same name and date of birth',
        patients: expect.arrayContaining([
          expect.objectContaining({ id: dept.patients[2]!.id }),
          expect.objectContaining({ id: 'pat-again' }),
        ]),
      },
    ]);
    expect(report.pathwaysWithoutClinician.map((r) => r.id)).toEqual([dept.referrals[0]!.id]);
  });
});
