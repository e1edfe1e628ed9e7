-- Issue 9: the FHIR API searches slots and appointments by start (a London day and time),
-- appointments by patient and by clinician, and clinics (Schedules) by clinician. One index
-- range each, so a search reads only the rows it returns (department scale: 150,000
-- appointments a year).
CREATE INDEX rows_slots_by_start ON rows (
  json_extract(data, '$.date'),
  json_extract(data, '$.startTime')
) WHERE tbl = 'slots';
CREATE INDEX rows_appointments_by_start ON rows (
  json_extract(data, '$.date'),
  json_extract(data, '$.startTime')
) WHERE tbl = 'appointments';
CREATE INDEX rows_appointments_by_patient ON rows (json_extract(data, '$.patientId'))
  WHERE tbl = 'appointments';
CREATE INDEX rows_appointments_by_clinician ON rows (
  json_extract(data, '$.clinicianId'),
  json_extract(data, '$.date')
) WHERE tbl = 'appointments';
CREATE INDEX rows_sessions_by_clinician ON rows (
  json_extract(data, '$.clinicianId'),
  json_extract(data, '$.date')
) WHERE tbl = 'clinicSessions';
