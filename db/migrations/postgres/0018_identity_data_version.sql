-- The identity module's data version (see 0012_platform): bumped by every write to the accounts
-- and their roles, and by every write that changes what a session or an API token stands for
-- (revoked, expired early, rescoped, deleted). Signing in (a new session), a new token and the
-- touches of last_seen_at / last_used_at do not bump it. The server keeps authenticated
-- credentials in memory under this version, so a revocation on one server is seen by all; the
-- user routes are versioned reads under it.
INSERT INTO data_version (topic, version) VALUES ('identity', 0);

CREATE TRIGGER user_account_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_account
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('identity');

CREATE TRIGGER user_role_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_role
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('identity');

CREATE TRIGGER user_session_data_version AFTER UPDATE OF user_id, token_hash, expires_at, revoked_at OR DELETE OR TRUNCATE ON user_session
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('identity');

CREATE TRIGGER api_token_data_version AFTER UPDATE OF user_id, token_hash, scopes, expires_at, revoked_at OR DELETE OR TRUNCATE ON api_token
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('identity');
