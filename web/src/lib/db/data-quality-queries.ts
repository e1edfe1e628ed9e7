import { dataQualityReport, type DataQualityReport, type Patient } from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

/**
 * The data-quality page's lists, from the rows on this device (issue 9): patients missing a
 * phone or GP practice, possible duplicates, open pathways with no clinician.
 */
export async function dataQualityOnDevice(
  db: ClinicDeskDatabase,
): Promise<
  DataQualityReport & { pathwayOf: Map<string, string>; patientsById: Map<string, Patient> }
> {
  const [patients, referrals] = await Promise.all([
    db.rows('patients').toArray(),
    db.rows('referrals').toArray(),
  ]);
  // A patient is opened through a pathway of theirs: the newest one.
  const newestFirst = [...referrals].sort((a, b) => b.receivedDate.localeCompare(a.receivedDate));
  const pathwayOf = new Map<string, string>();
  for (const r of newestFirst) if (!pathwayOf.has(r.patientId)) pathwayOf.set(r.patientId, r.id);
  const patientsById = new Map(patients.map((p) => [p.id, p]));
  return { ...dataQualityReport(patients, referrals), pathwayOf, patientsById };
}
