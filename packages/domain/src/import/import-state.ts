import type { Appointment } from '../booking/appointment.ts';
import type { CalendarDate } from '../calendar/calendar-date.ts';
import type { Clinician, ClinicSession, ClinicTemplate, Site, Slot } from '../clinics/clinic.ts';
import type { Change } from '../mutators/mutator.ts';
import type { Patient } from '../patients/patient.ts';
import type { RecordedBy, Referral } from '../referrals/referral.ts';
import type { ImportState } from './import-plan.ts';

/** The rows an import is checked against, as read from the store. */
export interface ImportTables {
  sites: Site[];
  clinicians: Clinician[];
  patients: Patient[];
  referrals: Referral[];
  clinicTemplates: ClinicTemplate[];
  clinicSessions: ClinicSession[];
  slots: Slot[];
  appointments: Appointment[];
}

/** Indexes the stored rows by the natural keys the import matches on. */
export function importStateFrom(
  tables: ImportTables,
  context: { today: CalendarDate; now: string; actor: RecordedBy },
): ImportState {
  return {
    ...context,
    sites: tables.sites,
    clinicians: tables.clinicians,
    patientsByNhsNumber: new Map(tables.patients.map((p) => [p.nhsNumber, p])),
    patientsById: new Map(tables.patients.map((p) => [p.id, p])),
    referralsById: new Map(tables.referrals.map((r) => [r.id, r])),
    templatesById: new Map(tables.clinicTemplates.map((t) => [t.id, t])),
    templatesWithSessions: new Set(
      tables.clinicSessions.flatMap((s) => (s.templateId ? [s.templateId] : [])),
    ),
    appointmentsById: new Map(tables.appointments.map((a) => [a.id, a])),
    slots: tables.slots,
    sessionsById: new Map(tables.clinicSessions.map((s) => [s.id, s])),
  };
}

/** The tables after an import's rows are written (each row replaces the one with its id). */
export function withImportWrites(tables: ImportTables, writes: readonly Change[]): ImportTables {
  const next = { ...tables } as Record<string, { id: string }[]>;
  for (const table of new Set(writes.map((w) => w.table))) {
    if (!(table in next)) continue;
    const byId = new Map(next[table]!.map((r) => [r.id, r]));
    for (const w of writes) if (w.table === table) byId.set(w.row.id, w.row);
    next[table] = [...byId.values()];
  }
  return next as unknown as ImportTables;
}
