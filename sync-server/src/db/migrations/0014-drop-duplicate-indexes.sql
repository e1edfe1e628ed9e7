-- Issue 10: two indexes of the rows table were made twice under two names (0001–0002, again in 0004), and
-- every write of a patient or a referral kept both up to date. `rows_patients_by_nhs_number` is
-- the same index as `patients_by_nhs_number`; `rows_referrals_by_patient` (patient) serves the
-- searches by patient, and SQLite chose it over `referrals_by_patient` (patient, site), which
-- without it lost to a scan of every referral.
DROP INDEX IF EXISTS patients_by_nhs_number;
DROP INDEX IF EXISTS referrals_by_patient;
