-- Mutators look patients up by NHS number and a patient's referrals by patient (issue 5:
-- duplicate referrals are caught). Expression indexes keep both to one index look-up.
CREATE INDEX rows_patients_by_nhs_number ON rows (json_extract(data, '$.nhsNumber'))
  WHERE tbl = 'patients';
CREATE INDEX rows_referrals_by_patient ON rows (json_extract(data, '$.patientId'))
  WHERE tbl = 'referrals';
