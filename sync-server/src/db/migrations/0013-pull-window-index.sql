-- Issue 10: a pull counts the rows after a device's cursor that its user may hold. With the
-- device window read from the JSON (`json_extract(data, '$.date')`), every row after the cursor
-- was looked up in the table and its JSON parsed: 40 ms a pull at department scale, the load
-- test's largest cost. `day` keeps the date of the windowed tables' rows (clinic sessions,
-- slots, appointments; NULL for the others), written with the row, so that the index below
-- holds everything the scope filter reads (version, site, day, and the key: table and id) and
-- a count never leaves it.
ALTER TABLE rows ADD COLUMN day TEXT;
UPDATE rows SET day = json_extract(data, '$.date')
  WHERE tbl IN ('clinicSessions', 'slots', 'appointments');
CREATE INDEX rows_pull_scope ON rows (version, site_id, day);
