-- Issue 6: cancelling or reshaping a clinic reads its slots, editing a template reads its
-- sessions, and booking checks a pathway's appointments. One index look-up each.
CREATE INDEX rows_slots_by_session ON rows (json_extract(data, '$.sessionId'))
  WHERE tbl = 'slots';
CREATE INDEX rows_sessions_by_template ON rows (
  json_extract(data, '$.templateId'),
  json_extract(data, '$.date')
) WHERE tbl = 'clinicSessions';
CREATE INDEX rows_appointments_by_referral ON rows (json_extract(data, '$.referralId'))
  WHERE tbl = 'appointments';
