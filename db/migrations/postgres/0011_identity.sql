-- identity: API tokens may have the `metrics` scope alone (a Prometheus scraper's token, good for
-- GET /metrics only).

ALTER TABLE api_token DROP CONSTRAINT api_token_scopes_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_scopes_check
  CHECK (scopes IN ('read', 'read write', 'metrics'));
