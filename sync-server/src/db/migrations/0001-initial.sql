-- Every synced row, stored as its validated JSON document (ADR 0002).
-- `version` is the server change sequence: a pull asks for rows with a version after its cursor.
CREATE TABLE rows (
  tbl TEXT NOT NULL,
  id TEXT NOT NULL,
  site_id TEXT,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  PRIMARY KEY (tbl, id)
) WITHOUT ROWID;

CREATE UNIQUE INDEX rows_by_version ON rows (version);

CREATE INDEX patients_by_nhs_number ON rows (json_extract(data, '$.nhsNumber'))
  WHERE tbl = 'patients';

-- The last mutation applied for each device, so that a retried push is applied once.
CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every mutation the server decided, with its answer, replayed to a retried push.
CREATE TABLE mutations (
  client_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  mutation_id TEXT NOT NULL,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
  reason TEXT,
  message TEXT,
  client_at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (client_id, seq)
) WITHOUT ROWID;

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
