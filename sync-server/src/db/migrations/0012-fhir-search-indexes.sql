-- Issue 9: the FHIR API searches slots, appointments and clinics (Schedules) by start (a London
-- day and time), appointments by patient and by clinician, and clinics by clinician. One index
-- range each, so that a search reads only the rows it returns (department scale: 150,000
-- appointments a year). `tbl` leads the start indexes: without statistics SQLite prefers the
-- primary key's `tbl = ?` to a range on an expression alone, and would read the whole table;
-- with `tbl` first, the index with the most equal columns wins.
CREATE INDEX rows_slots_by_start ON rows (
  tbl,
  json_extract(data, '$.date'),
  json_extract(data, '$.startTime')
) WHERE tbl = 'slots';
CREATE INDEX rows_appointments_by_start ON rows (
  tbl,
  json_extract(data, '$.date'),
  json_extract(data, '$.startTime')
) WHERE tbl = 'appointments';
CREATE INDEX rows_sessions_by_start ON rows (
  tbl,
  json_extract(data, '$.date'),
  json_extract(data, '$.startTime')
) WHERE tbl = 'clinicSessions';
CREATE INDEX rows_appointments_by_patient ON rows (json_extract(data, '$.patientId'))
  WHERE tbl = 'appointments';
CREATE INDEX rows_appointments_by_clinician ON rows (
  tbl,
  json_extract(data, '$.clinicianId'),
  json_extract(data, '$.date')
) WHERE tbl = 'appointments';
CREATE INDEX rows_sessions_by_clinician ON rows (
  tbl,
  json_extract(data, '$.clinicianId'),
  json_extract(data, '$.date')
) WHERE tbl = 'clinicSessions';
