import { normaliseNhsNumber, type Letter } from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

/**
 * Printed letters have a `printedAt` in the index, withdrawn ones a `withdrawnAt`; IndexedDB
 * leaves nulls out of an index. A letter is never both: only an unprinted one is withdrawn.
 */
const printed = (db: ClinicDeskDatabase) => db.rows('letters').where('printedAt').above('');
const withdrawn = (db: ClinicDeskDatabase) => db.rows('letters').where('withdrawnAt').above('');

/** How many letters are waiting to be printed, counted without opening a sealed letter. */
export async function unsentLetterCount(db: ClinicDeskDatabase): Promise<number> {
  const [all, done, gone] = await Promise.all([
    db.rows('letters').count(),
    printed(db).count(),
    withdrawn(db).count(),
  ]);
  return all - done - gone;
}

/** Letters not yet printed or downloaded nor withdrawn, oldest first (issue 7: nothing left unsent). */
export async function unsentLetters(db: ClinicDeskDatabase): Promise<Letter[]> {
  const [ids, printedIds, withdrawnIds] = await Promise.all([
    db.rows('letters').orderBy('producedAt').primaryKeys(),
    printed(db).primaryKeys(),
    withdrawn(db).primaryKeys(),
  ]);
  const done = new Set([...printedIds, ...withdrawnIds]);
  const letters = await db.rows('letters').bulkGet(ids.filter((id) => !done.has(id)));
  return letters.filter((l): l is Letter => !!l);
}

/** Every letter produced for a patient, oldest first. */
export async function lettersOfPatient(
  db: ClinicDeskDatabase,
  patientId: string,
): Promise<Letter[]> {
  const letters = await db.rows('letters').where('patientId').equals(patientId).toArray();
  return letters.sort((a, b) => a.producedAt.localeCompare(b.producedAt));
}

/** The id of the patient with this NHS number on the device, if there is one. */
export async function patientIdByNhsNumber(
  db: ClinicDeskDatabase,
  nhsNumber: string,
): Promise<string | undefined> {
  const patient = await db
    .rows('patients')
    .where('nhsNumber')
    .equals(normaliseNhsNumber(nhsNumber))
    .first();
  return patient?.id;
}
