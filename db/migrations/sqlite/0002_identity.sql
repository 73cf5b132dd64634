-- identity: users, roles, sessions, API tokens, password resets, sign-in failures, the outbox and
-- the audit history shared by every module.
--
-- Timestamps are UTC ISO-8601 text of fixed width with milliseconds ("2024-05-01T09:30:00.000Z"),
-- always written by the application, so text order is time order on both backends.
-- The users table is user_account because `user` is reserved in PostgreSQL.

CREATE TABLE user_account (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en'
    CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
  country TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
  password_hash TEXT,
  disabled_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_role (
  user_id INTEGER NOT NULL REFERENCES user_account (id),
  role TEXT NOT NULL
    CHECK (role IN ('admin', 'officer', 'committee', 'focal_point', 'delegate', 'viewer')),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE user_session (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user_account (id),
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  remote_address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_expires ON user_session (expires_at);

CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user_account (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  scopes TEXT NOT NULL CHECK (scopes IN ('read', 'read write')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE password_reset (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user_account (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX password_reset_user ON password_reset (user_id);

-- One row per failed (or in-progress) sign-in; rows older than the window are pruned.
CREATE TABLE sign_in_failure (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account_key TEXT NOT NULL,
  remote_address TEXT NOT NULL
);
CREATE INDEX sign_in_failure_account ON sign_in_failure (account_key, at);
CREATE INDEX sign_in_failure_address ON sign_in_failure (remote_address, at);
CREATE INDEX sign_in_failure_at ON sign_in_failure (at);

-- Every message the system would send; read by officers through GET /api/outbox.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The history of every change, in every module. Append-only: the triggers below refuse
-- UPDATE and DELETE.
CREATE TABLE audit_event (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id INTEGER,  -- not a foreign key: history never blocks a change; actor_label names the actor
  actor_label TEXT NOT NULL,
  remote_address TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_event_record ON audit_event (record_type, record_id, id);
CREATE INDEX audit_event_actor ON audit_event (actor_user_id, id);
CREATE INDEX audit_event_at ON audit_event (at);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
