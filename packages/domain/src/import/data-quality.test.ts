import { describe, expect, it } from 'vitest';
import { AMELIA } from '../mutators/fixtures.test-support.ts';
import type { Patient } from '../patients/patient.ts';
import { NEW_REFERRAL_FIELDS, type Referral } from '../referrals/referral.ts';
import { dataQualityReport } from './data-quality.ts';

const patient = (over: Partial<Patient>): Patient => ({ ...AMELIA, ...over });
const referral = (over: Partial<Referral>): Referral => ({
  ...NEW_REFERRAL_FIELDS,
  id: 'ref-1',
  patientId: AMELIA.id,
  receivedDate: '2026-01-05',
  source: 'gp',
  referrer: 'Dr Patel',
  reason: 'Pain',
  requestedPriority: 'routine',
  priority: 'routine',
  clinicianId: 'clin-1',
  siteId: 'site-wrh',
  status: 'waiting',
  rttEvents: [{ date: '2026-01-05', code: '10', cause: 'Referral received' }],
  condition: 'other',
  ...over,
});

describe('dataQualityReport', () => {
  it('lists patients with no phone or no GP practice, saying which', () => {
    const report = dataQualityReport(
      [
        patient({ id: 'a', phone: '', familyName: 'Brown' }),
        patient({ id: 'b', gpPractice: ' ', familyName: 'Adams' }),
        patient({ id: 'c', phone: '', gpPractice: '', familyName: 'Cole' }),
        patient({ id: 'd' }),
      ],
      [],
    );
    expect(report.incomplete.map((p) => [p.patient.id, p.missing])).toEqual([
      ['b', ['GP practice']],
      ['a', ['phone']],
      ['c', ['phone', 'GP practice']],
    ]);
  });

  it.each([
    [
      'the same NHS number',
      { id: 'x', givenName: 'Someone', familyName: 'Else' },
      'same NHS number',
    ],
    [
      'the same name and date of birth, ignoring case and spaces',
      { id: 'x', nhsNumber: '9990000026', givenName: ' amelia ', familyName: 'ASHDOWN' },
      'same name and date of birth',
    ],
  ])('finds duplicates with %s', (_name, other, reason) => {
    const report = dataQualityReport([AMELIA, patient(other)], []);
    expect(report.duplicates).toEqual([{ reason, patients: expect.arrayContaining([AMELIA]) }]);
    expect(report.duplicates[0]?.patients).toHaveLength(2);
  });

  it('does not call people with the same name but another birthday duplicates', () => {
    const other = patient({ id: 'x', nhsNumber: '9990000026', dateOfBirth: '1961-04-24' });
    expect(dataQualityReport([AMELIA, other], []).duplicates).toEqual([]);
  });

  it('reports a pair with the same NHS number once, not again for their name', () => {
    expect(dataQualityReport([AMELIA, patient({ id: 'x' })], []).duplicates).toHaveLength(1);
  });

  it('lists open pathways with no clinician, oldest first, and ignores closed ones', () => {
    const report = dataQualityReport(
      [],
      [
        referral({ id: 'late', clinicianId: null, receivedDate: '2026-02-01' }),
        referral({ id: 'early', clinicianId: null, status: 'awaiting-triage' }),
        referral({ id: 'closed', clinicianId: null, status: 'discharged' }),
        referral({ id: 'fine' }),
      ],
    );
    expect(report.pathwaysWithoutClinician.map((r) => r.id)).toEqual(['early', 'late']);
  });
});
