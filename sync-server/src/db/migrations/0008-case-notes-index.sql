-- Issue 8: a new case-notes volume is numbered after the patient's others: one index look-up.
-- (A scan finds its volume by id, which is made from the barcode.)
CREATE INDEX rows_case_notes_by_patient ON rows (json_extract(data, '$.patientId'))
  WHERE tbl = 'caseNotes';
