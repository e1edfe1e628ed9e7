import { normaliseNhsNumber, type Letter } from '@clinicdesk/domain';
import type { ClinicDeskDatabase } from './database.ts';

/** Printed letters have a `printedAt` in the index; IndexedDB leaves the unprinted (null) out. */
const printed = (db: ClinicDeskDatabase) => db.rows('letters').where('printedAt').above('');

/** How many letters are waiting to be printed, counted without opening a sealed letter. */
export async function unsentLetterCount(db: ClinicDeskDatabase): Promise<number> {
  const [all, done] = await Promise.all([db.rows('letters').count(), printed(db).count()]);
  return all - done;
}

/** Letters not yet printed or downloaded, oldest first (issue 7: nothing left unsent). */
export async function unsentLetters(db: ClinicDeskDatabase): Promise<Letter[]> {
  const [ids, printedIds] = await Promise.all([
    db.rows('letters').orderBy('producedAt').primaryKeys(),
    printed(db).primaryKeys(),
  ]);
  const done = new Set(printedIds);
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
