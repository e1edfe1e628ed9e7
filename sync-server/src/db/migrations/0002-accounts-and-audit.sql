-- Accounts, sessions and the audit trail (issue 3).
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  site_ids TEXT NOT NULL,            -- JSON array of site ids
  password_hash TEXT NOT NULL,       -- argon2id, PHC string
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Sessions by the SHA-256 of their token: a copy of this table signs nobody in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  device_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

-- The key that encrypts patient data at rest on each device, handed over at sign-in.
CREATE TABLE device_keys (
  device_id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Append-only: who did or saw what, when (device time and server time), before and after.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at TEXT NOT NULL,
  happened_at TEXT NOT NULL,
  user_id TEXT,
  username TEXT,
  role TEXT,
  device_id TEXT,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  entity_table TEXT,
  entity_id TEXT,
  patient_id TEXT,
  before TEXT,
  after TEXT,
  detail TEXT
);
CREATE INDEX audit_by_patient ON audit_events (patient_id, happened_at);
CREATE INDEX audit_by_user ON audit_events (user_id, happened_at);
CREATE INDEX audit_by_time ON audit_events (happened_at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'the audit trail cannot be deleted');
END;

-- Which patients each site's devices may hold: a patient belongs to the sites of their referrals.
CREATE INDEX referrals_by_patient ON rows (json_extract(data, '$.patientId'), site_id)
  WHERE tbl = 'referrals';
