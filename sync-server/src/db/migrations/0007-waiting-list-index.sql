-- Issue 7: booking in turn compares a booking with the other patients waiting at the same
-- priority for the same clinician, inside every booking's transaction.
CREATE INDEX rows_referrals_waiting ON rows (
  json_extract(data, '$.status'),
  json_extract(data, '$.priority'),
  json_extract(data, '$.clinicianId')
) WHERE tbl = 'referrals';
