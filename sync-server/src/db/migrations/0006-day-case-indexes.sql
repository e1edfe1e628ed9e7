-- Issue 7: booking a TCI date counts what a day-case list holds and checks the pathway's other
-- admissions (and any on-the-day cancellation to close). One index look-up each.
CREATE INDEX rows_admissions_by_list ON rows (json_extract(data, '$.listId'))
  WHERE tbl = 'admissions';
CREATE INDEX rows_admissions_by_referral ON rows (json_extract(data, '$.referralId'))
  WHERE tbl = 'admissions';
