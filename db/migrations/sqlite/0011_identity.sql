-- identity: API tokens may have the `metrics` scope alone (a Prometheus scraper's token, good for
-- GET /metrics only). SQLite cannot change a CHECK constraint: the table is rebuilt. Nothing
-- references api_token.

CREATE TABLE api_token_new (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user_account (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  scopes TEXT NOT NULL CHECK (scopes IN ('read', 'read write', 'metrics')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
INSERT INTO api_token_new (id, user_id, name, token_hash, prefix, scopes, created_at, expires_at,
                           last_used_at, revoked_at)
  SELECT id, user_id, name, token_hash, prefix, scopes, created_at, expires_at, last_used_at,
         revoked_at
  FROM api_token;
DROP TABLE api_token;
ALTER TABLE api_token_new RENAME TO api_token;
CREATE INDEX api_token_user ON api_token (user_id);
