-- The sites each patient is referred to, kept as referrals are written, so that scoping a pull
-- to a user's sites is one indexed look-up instead of a JSON search per patient.
CREATE TABLE patient_sites (
  patient_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  PRIMARY KEY (patient_id, site_id)
) WITHOUT ROWID;
CREATE INDEX patient_sites_by_site ON patient_sites (site_id, patient_id);

INSERT OR IGNORE INTO patient_sites (patient_id, site_id)
  SELECT json_extract(data, '$.patientId'), site_id FROM rows WHERE tbl = 'referrals' AND site_id IS NOT NULL;
