// The SQL implementation of IdentityStore. Every statement is a named constant with `?`
// placeholders; values are always bound. Optional filters use `(CAST(? AS T) IS NULL OR ...)` so
// that one statement serves every combination, on SQLite and PostgreSQL alike.
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "modules/identity/rules.h"
#include "modules/identity/store.h"
#include "platform/text.h"

namespace bsg::identity {
namespace {

// ---- users

constexpr std::string_view kInsertUser = R"sql(
INSERT INTO user_account (email, display_name, language, country, password_hash, created_at,
                          updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING id)sql";

constexpr std::string_view kInsertRole = R"sql(
INSERT INTO user_role (user_id, role) VALUES (?, ?))sql";

constexpr std::string_view kDeleteRoles = R"sql(
DELETE FROM user_role WHERE user_id = ?)sql";

constexpr std::string_view kSelectRoles = R"sql(
SELECT role FROM user_role WHERE user_id = ? ORDER BY role)sql";

#define BSG_IDENTITY_USER_COLUMNS                                                          \
  "u.id, u.email, u.display_name, u.language, u.country, u.password_hash, u.disabled_at, " \
  "u.created_at, u.updated_at"

constexpr std::string_view kSelectUserById =
    "SELECT " BSG_IDENTITY_USER_COLUMNS " FROM user_account u WHERE u.id = ?";

constexpr std::string_view kSelectUserByEmail =
    "SELECT " BSG_IDENTITY_USER_COLUMNS " FROM user_account u WHERE u.email = ?";

// Parameters: q, q pattern, q pattern, role, role, disabled, disabled, disabled.
#define BSG_IDENTITY_USER_FILTER                                                                 \
  " WHERE (CAST(? AS TEXT) IS NULL OR LOWER(u.email) LIKE ? ESCAPE '\\'"                         \
  "        OR LOWER(u.display_name) LIKE ? ESCAPE '\\')"                                         \
  "   AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM user_role r"                         \
  "        WHERE r.user_id = u.id AND r.role = ?))"                                              \
  "   AND (CAST(? AS INTEGER) IS NULL OR (CAST(? AS INTEGER) = 1 AND u.disabled_at IS NOT NULL)" \
  "        OR (CAST(? AS INTEGER) = 0 AND u.disabled_at IS NULL))"

constexpr std::string_view kListUsers =
    "SELECT " BSG_IDENTITY_USER_COLUMNS " FROM user_account u" BSG_IDENTITY_USER_FILTER
    " ORDER BY u.id LIMIT ? OFFSET ?";

constexpr std::string_view kListUserRoles =
    "SELECT r.user_id, r.role FROM user_role r WHERE r.user_id IN (SELECT u.id FROM user_account "
    "u" BSG_IDENTITY_USER_FILTER " ORDER BY u.id LIMIT ? OFFSET ?) ORDER BY r.user_id, r.role";

constexpr std::string_view kCountFilteredUsers =
    "SELECT COUNT(*) FROM user_account u" BSG_IDENTITY_USER_FILTER;

constexpr std::string_view kCountUsers = R"sql(
SELECT COUNT(*) FROM user_account)sql";

constexpr std::string_view kUpdateUser = R"sql(
UPDATE user_account
SET display_name = ?, language = ?, country = ?, disabled_at = ?, updated_at = ?
WHERE id = ?)sql";

constexpr std::string_view kSetPasswordHash = R"sql(
UPDATE user_account SET password_hash = ?, updated_at = ? WHERE id = ?)sql";

// ---- sessions

constexpr std::string_view kInsertSession = R"sql(
INSERT INTO user_session (user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at,
                          remote_address, user_agent)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id)sql";

constexpr std::string_view kSelectSessionByHash =
    "SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, "
    "s.revoked_at, " BSG_IDENTITY_USER_COLUMNS
    " FROM user_session s JOIN user_account u ON u.id = s.user_id WHERE s.token_hash = ?";

constexpr std::string_view kSelectSessionCsrf = R"sql(
SELECT csrf_token FROM user_session WHERE id = ? AND revoked_at IS NULL)sql";

constexpr std::string_view kTouchSession = R"sql(
UPDATE user_session SET last_seen_at = ? WHERE id = ?)sql";

constexpr std::string_view kRevokeSession = R"sql(
UPDATE user_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL)sql";

constexpr std::string_view kRevokeUserSessions = R"sql(
UPDATE user_session SET revoked_at = ?
WHERE user_id = ? AND revoked_at IS NULL AND (CAST(? AS BIGINT) IS NULL OR id <> ?))sql";

constexpr std::string_view kPruneSessions = R"sql(
DELETE FROM user_session WHERE expires_at < ?)sql";

// ---- API tokens

constexpr std::string_view kInsertApiToken = R"sql(
INSERT INTO api_token (user_id, name, token_hash, prefix, scopes, created_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING id)sql";

#define BSG_IDENTITY_TOKEN_COLUMNS                                                            \
  "t.id, t.user_id, t.name, t.prefix, t.scopes, t.created_at, t.expires_at, t.last_used_at, " \
  "t.revoked_at"

constexpr std::string_view kSelectApiTokenByHash =
    "SELECT " BSG_IDENTITY_TOKEN_COLUMNS ", " BSG_IDENTITY_USER_COLUMNS
    " FROM api_token t JOIN user_account u ON u.id = t.user_id WHERE t.token_hash = ?";

constexpr std::string_view kSelectApiToken =
    "SELECT " BSG_IDENTITY_TOKEN_COLUMNS " FROM api_token t WHERE t.id = ?";

constexpr std::string_view kListApiTokens =
    "SELECT " BSG_IDENTITY_TOKEN_COLUMNS " FROM api_token t WHERE t.user_id = ? ORDER BY t.id DESC";

constexpr std::string_view kTouchApiToken = R"sql(
UPDATE api_token SET last_used_at = ? WHERE id = ?)sql";

constexpr std::string_view kRevokeApiToken = R"sql(
UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL)sql";

constexpr std::string_view kRevokeUserApiTokens = R"sql(
UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL)sql";

// ---- password resets

constexpr std::string_view kInsertPasswordReset = R"sql(
INSERT INTO password_reset (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?))sql";

constexpr std::string_view kSelectLivePasswordReset = R"sql(
SELECT id, user_id, expires_at, used_at FROM password_reset
WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?)sql";

constexpr std::string_view kClaimPasswordReset = R"sql(
UPDATE password_reset SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?)sql";

constexpr std::string_view kInvalidateUserResets = R"sql(
UPDATE password_reset SET used_at = ? WHERE user_id = ? AND used_at IS NULL)sql";

// ---- sign-in failures

constexpr std::string_view kPruneSignInFailures = R"sql(
DELETE FROM sign_in_failure WHERE at < ?)sql";

constexpr std::string_view kCountAccountFailures = R"sql(
SELECT COUNT(*), MIN(at) FROM sign_in_failure WHERE account_key = ? AND at >= ?)sql";

constexpr std::string_view kCountAddressFailures = R"sql(
SELECT COUNT(*), MIN(at) FROM sign_in_failure WHERE remote_address = ? AND at >= ?)sql";

constexpr std::string_view kInsertSignInFailure = R"sql(
INSERT INTO sign_in_failure (at, account_key, remote_address) VALUES (?, ?, ?)
RETURNING id)sql";

constexpr std::string_view kDeleteSignInFailure = R"sql(
DELETE FROM sign_in_failure WHERE id = ?)sql";

constexpr std::string_view kClearAccountFailures = R"sql(
DELETE FROM sign_in_failure WHERE account_key = ?)sql";

// ---- outbox

constexpr std::string_view kInsertOutbox = R"sql(
INSERT INTO outbox (kind, to_address, subject, body, created_at) VALUES (?, ?, ?, ?, ?)
RETURNING id)sql";

constexpr std::string_view kListOutbox = R"sql(
SELECT id, kind, to_address, subject, body, created_at FROM outbox
WHERE (CAST(? AS BIGINT) IS NULL OR id < ?)
  AND (CAST(? AS TEXT) IS NULL OR to_address = ?)
ORDER BY id DESC
LIMIT ?)sql";

// ---- audit

constexpr std::string_view kInsertAudit = R"sql(
INSERT INTO audit_event (at, actor_user_id, actor_label, remote_address, request_id, record_type,
                         record_id, action, before_json, after_json)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id)sql";

constexpr std::string_view kListAudit = R"sql(
SELECT id, at, actor_user_id, actor_label, remote_address, request_id, record_type, record_id,
       action, before_json, after_json
FROM audit_event
WHERE (CAST(? AS TEXT) IS NULL OR record_type = ?)
  AND (CAST(? AS TEXT) IS NULL OR record_id = ?)
  AND (CAST(? AS BIGINT) IS NULL OR actor_user_id = ?)
  AND (CAST(? AS TEXT) IS NULL OR at >= ?)
  AND (CAST(? AS TEXT) IS NULL OR at < ?)
  AND (CAST(? AS BIGINT) IS NULL OR id < ?)
ORDER BY id DESC
LIMIT ?)sql";

#undef BSG_IDENTITY_USER_COLUMNS
#undef BSG_IDENTITY_USER_FILTER
#undef BSG_IDENTITY_TOKEN_COLUMNS

// Reads the user columns starting at `i`.
UserRecord ReadUser(const db::Row& row, std::size_t i) {
  UserRecord r;
  r.user.user_id = row.Int(i);
  r.user.email = row.Text(i + 1);
  r.user.display_name = row.Text(i + 2);
  r.user.language = row.Text(i + 3);
  r.user.country = row.OptText(i + 4);
  r.password_hash = row.OptText(i + 5);
  r.user.has_password = r.password_hash.has_value() && !r.password_hash->empty();
  r.user.disabled_at = row.OptText(i + 6);
  r.user.created_at = row.Text(i + 7);
  r.user.updated_at = row.Text(i + 8);
  return r;
}

ApiToken ReadToken(const db::Row& row, std::size_t i) {
  ApiToken t;
  t.token_id = row.Int(i);
  t.user_id = row.Int(i + 1);
  t.name = row.Text(i + 2);
  t.prefix = row.Text(i + 3);
  t.scopes = ScopesFromText(row.Text(i + 4));
  t.created_at = row.Text(i + 5);
  t.expires_at = row.Text(i + 6);
  t.last_used_at = row.OptText(i + 7);
  t.revoked_at = row.OptText(i + 8);
  return t;
}

std::optional<nlohmann::json> ReadJson(const db::Row& row, std::size_t i) {
  auto text = row.OptText(i);
  if (!text) return std::nullopt;
  auto parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return nlohmann::json(*text);
  return parsed;
}

db::Params UserFilterParams(const UserFilter& f) {
  std::optional<std::string> pattern;
  if (f.q) pattern = LikePattern(AsciiLower(*f.q));  // compared with LOWER(column)
  std::optional<std::int64_t> disabled;
  if (f.disabled) disabled = *f.disabled ? 1 : 0;
  return {f.q, pattern, pattern, f.role, f.role, disabled, disabled, disabled};
}

class SqlStore final : public IdentityStore {
 public:
  Result<std::int64_t> InsertUser(db::Session& s, const NewUser& u,
                                  const std::string& now) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row,
                         s.QueryOne(kInsertUser, {u.email, u.display_name, u.language, u.country,
                                                  u.password_hash, now, now}));
    const std::int64_t id = row.Int(0);
    BSG_RETURN_IF_ERROR(WriteRoles(s, id, u.roles));
    return id;
  }

  Result<UserRecord> FindUser(db::Session& s, std::int64_t user_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kSelectUserById, {user_id}, "user.not_found"));
    UserRecord r = ReadUser(row, 0);
    BSG_RETURN_IF_ERROR(ReadRoles(s, r.user));
    return r;
  }

  Result<std::optional<UserRecord>> FindUserByEmail(db::Session& s,
                                                    const std::string& email) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectUserByEmail, {email}));
    if (rows.empty()) return std::optional<UserRecord>();
    UserRecord r = ReadUser(rows.front(), 0);
    BSG_RETURN_IF_ERROR(ReadRoles(s, r.user));
    return std::optional<UserRecord>(std::move(r));
  }

  Result<UserPage> ListUsers(db::Session& s, const UserFilter& f) const override {
    db::Params params = UserFilterParams(f);
    UserPage page;
    BSG_ASSIGN_OR_RETURN(db::Row count, s.QueryOne(kCountFilteredUsers, params));
    page.total = count.Int(0);
    params.emplace_back(f.limit);
    params.emplace_back(f.offset);
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kListUsers, params));
    BSG_ASSIGN_OR_RETURN(db::Rows roles, s.Query(kListUserRoles, params));
    std::map<std::int64_t, std::set<std::string>> by_user;
    for (const auto& r : roles) by_user[r.Int(0)].insert(r.Text(1));
    for (const auto& row : rows) {
      User u = ReadUser(row, 0).user;
      u.roles = by_user[u.user_id];
      page.users.push_back(std::move(u));
    }
    return page;
  }

  Result<std::int64_t> CountUsers(db::Session& s) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kCountUsers, {}));
    return row.Int(0);
  }

  Status UpdateUser(db::Session& s, const User& u, const std::string& now) const override {
    BSG_ASSIGN_OR_RETURN(std::int64_t n, s.Exec(kUpdateUser, {u.display_name, u.language, u.country,
                                                              u.disabled_at, now, u.user_id}));
    if (n == 0) return Status::NotFound("user.not_found", "No such user.");
    BSG_RETURN_IF_ERROR(s.Exec(kDeleteRoles, {u.user_id}).status());
    return WriteRoles(s, u.user_id, u.roles);
  }

  Status SetPasswordHash(db::Session& s, std::int64_t user_id, const std::string& hash,
                         const std::string& now) const override {
    BSG_ASSIGN_OR_RETURN(std::int64_t n, s.Exec(kSetPasswordHash, {hash, now, user_id}));
    if (n == 0) return Status::NotFound("user.not_found", "No such user.");
    return Status::Ok();
  }

  Result<std::int64_t> InsertSession(db::Session& s, std::int64_t user_id,
                                     const std::string& token_hash, const std::string& csrf_token,
                                     const std::string& now, const std::string& expires_at,
                                     const std::string& remote_address,
                                     const std::string& user_agent) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row,
                         s.QueryOne(kInsertSession, {user_id, token_hash, csrf_token, now, now,
                                                     expires_at, remote_address, user_agent}));
    return row.Int(0);
  }

  Result<std::optional<SessionRecord>> FindSessionByTokenHash(
      db::Session& s, const std::string& token_hash) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectSessionByHash, {token_hash}));
    if (rows.empty()) return std::optional<SessionRecord>();
    const db::Row& row = rows.front();
    SessionRecord r;
    r.session_id = row.Int(0);
    r.csrf_token = row.Text(1);
    r.created_at = row.Text(2);
    r.last_seen_at = row.Text(3);
    r.expires_at = row.Text(4);
    r.revoked_at = row.OptText(5);
    r.account = ReadUser(row, 6);
    BSG_RETURN_IF_ERROR(ReadRoles(s, r.account.user));
    return std::optional<SessionRecord>(std::move(r));
  }

  Result<std::optional<std::string>> SessionCsrfToken(db::Session& s,
                                                      std::int64_t session_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectSessionCsrf, {session_id}));
    if (rows.empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows.front().Text(0));
  }

  Status TouchSession(db::Session& s, std::int64_t session_id,
                      const std::string& now) const override {
    return s.Exec(kTouchSession, {now, session_id}).status();
  }

  Status RevokeSession(db::Session& s, std::int64_t session_id,
                       const std::string& now) const override {
    return s.Exec(kRevokeSession, {now, session_id}).status();
  }

  Status RevokeUserSessions(db::Session& s, std::int64_t user_id, const std::string& now,
                            std::optional<std::int64_t> keep) const override {
    return s.Exec(kRevokeUserSessions, {now, user_id, keep, keep}).status();
  }

  Status PruneSessions(db::Session& s, const std::string& before) const override {
    return s.Exec(kPruneSessions, {before}).status();
  }

  Result<std::int64_t> InsertApiToken(db::Session& s, const ApiToken& t,
                                      const std::string& token_hash) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kInsertApiToken, {t.user_id, t.name, token_hash,
                                                                   t.prefix, ScopesToText(t.scopes),
                                                                   t.created_at, t.expires_at}));
    return row.Int(0);
  }

  Result<std::optional<ApiTokenWithUser>> FindApiTokenByHash(
      db::Session& s, const std::string& token_hash) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectApiTokenByHash, {token_hash}));
    if (rows.empty()) return std::optional<ApiTokenWithUser>();
    ApiTokenWithUser r;
    r.token = ReadToken(rows.front(), 0);
    r.account = ReadUser(rows.front(), 9);
    BSG_RETURN_IF_ERROR(ReadRoles(s, r.account.user));
    return std::optional<ApiTokenWithUser>(std::move(r));
  }

  Result<ApiToken> FindApiToken(db::Session& s, std::int64_t token_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kSelectApiToken, {token_id}, "token.not_found"));
    return ReadToken(row, 0);
  }

  Result<std::vector<ApiToken>> ListApiTokens(db::Session& s, std::int64_t user_id) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kListApiTokens, {user_id}));
    std::vector<ApiToken> out;
    for (const auto& row : rows) out.push_back(ReadToken(row, 0));
    return out;
  }

  Status TouchApiToken(db::Session& s, std::int64_t token_id,
                       const std::string& now) const override {
    return s.Exec(kTouchApiToken, {now, token_id}).status();
  }

  Status RevokeApiToken(db::Session& s, std::int64_t token_id,
                        const std::string& now) const override {
    return s.Exec(kRevokeApiToken, {now, token_id}).status();
  }

  Status RevokeUserApiTokens(db::Session& s, std::int64_t user_id,
                             const std::string& now) const override {
    return s.Exec(kRevokeUserApiTokens, {now, user_id}).status();
  }

  Status InsertPasswordReset(db::Session& s, std::int64_t user_id, const std::string& token_hash,
                             const std::string& now, const std::string& expires_at) const override {
    return s.Exec(kInsertPasswordReset, {user_id, token_hash, now, expires_at}).status();
  }

  Result<std::optional<PasswordResetRecord>> FindLivePasswordReset(
      db::Session& s, const std::string& token_hash, const std::string& now) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectLivePasswordReset, {token_hash, now}));
    if (rows.empty()) return std::optional<PasswordResetRecord>();
    PasswordResetRecord r;
    r.reset_id = rows.front().Int(0);
    r.user_id = rows.front().Int(1);
    r.expires_at = rows.front().Text(2);
    r.used_at = rows.front().OptText(3);
    return std::optional<PasswordResetRecord>(r);
  }

  Result<bool> ClaimPasswordReset(db::Session& s, std::int64_t reset_id,
                                  const std::string& now) const override {
    BSG_ASSIGN_OR_RETURN(std::int64_t n, s.Exec(kClaimPasswordReset, {now, reset_id, now}));
    return n == 1;
  }

  Status InvalidateUserResets(db::Session& s, std::int64_t user_id,
                              const std::string& now) const override {
    return s.Exec(kInvalidateUserResets, {now, user_id}).status();
  }

  Status PruneSignInFailures(db::Session& s, const std::string& before) const override {
    return s.Exec(kPruneSignInFailures, {before}).status();
  }

  Result<FailureCounts> CountSignInFailures(db::Session& s, const std::string& account_key,
                                            const std::string& remote_address,
                                            const std::string& since) const override {
    FailureCounts c;
    BSG_ASSIGN_OR_RETURN(db::Row a, s.QueryOne(kCountAccountFailures, {account_key, since}));
    c.account = a.Int(0);
    c.account_oldest = a.OptText(1);
    BSG_ASSIGN_OR_RETURN(db::Row b, s.QueryOne(kCountAddressFailures, {remote_address, since}));
    c.address = b.Int(0);
    c.address_oldest = b.OptText(1);
    return c;
  }

  Result<std::int64_t> InsertSignInFailure(db::Session& s, const std::string& at,
                                           const std::string& account_key,
                                           const std::string& remote_address) const override {
    BSG_ASSIGN_OR_RETURN(db::Row row,
                         s.QueryOne(kInsertSignInFailure, {at, account_key, remote_address}));
    return row.Int(0);
  }

  Status DeleteSignInFailure(db::Session& s, std::int64_t failure_id) const override {
    return s.Exec(kDeleteSignInFailure, {failure_id}).status();
  }

  Status ClearAccountFailures(db::Session& s, const std::string& account_key) const override {
    return s.Exec(kClearAccountFailures, {account_key}).status();
  }

  Result<std::int64_t> InsertOutbox(db::Session& s, const OutboxMessage& m) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Row row, s.QueryOne(kInsertOutbox, {m.kind, m.to, m.subject, m.body, m.created_at}));
    return row.Int(0);
  }

  Result<std::vector<OutboxMessage>> ListOutbox(
      db::Session& s, std::int64_t limit, std::optional<std::int64_t> before_id,
      const std::optional<std::string>& to) const override {
    BSG_ASSIGN_OR_RETURN(db::Rows rows,
                         s.Query(kListOutbox, {before_id, before_id, to, to, limit}));
    std::vector<OutboxMessage> out;
    for (const auto& row : rows) {
      OutboxMessage m;
      m.message_id = row.Int(0);
      m.kind = row.Text(1);
      m.to = row.Text(2);
      m.subject = row.Text(3);
      m.body = row.Text(4);
      m.created_at = row.Text(5);
      out.push_back(std::move(m));
    }
    return out;
  }

  Result<std::int64_t> InsertAudit(db::Session& s, const AuditEvent& e) const override {
    std::optional<std::string> before, after;
    if (e.before) before = e.before->dump();
    if (e.after) after = e.after->dump();
    BSG_ASSIGN_OR_RETURN(db::Row row,
                         s.QueryOne(kInsertAudit, {e.at, e.actor_user_id, e.actor_label,
                                                   e.remote_address, e.request_id, e.record_type,
                                                   e.record_id, e.action, before, after}));
    return row.Int(0);
  }

  Result<std::vector<AuditEvent>> ListAudit(db::Session& s, const AuditFilter& f) const override {
    BSG_ASSIGN_OR_RETURN(
        db::Rows rows, s.Query(kListAudit, {f.record_type, f.record_type, f.record_id, f.record_id,
                                            f.actor_user_id, f.actor_user_id, f.since, f.since,
                                            f.until, f.until, f.before_id, f.before_id, f.limit}));
    std::vector<AuditEvent> out;
    for (const auto& row : rows) {
      AuditEvent e;
      e.event_id = row.Int(0);
      e.at = row.Text(1);
      e.actor_user_id = row.OptInt(2);
      e.actor_label = row.Text(3);
      e.remote_address = row.Text(4);
      e.request_id = row.Text(5);
      e.record_type = row.Text(6);
      e.record_id = row.Text(7);
      e.action = row.Text(8);
      e.before = ReadJson(row, 9);
      e.after = ReadJson(row, 10);
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  static Status WriteRoles(db::Session& s, std::int64_t user_id,
                           const std::set<std::string>& roles) {
    for (const auto& role : roles) {
      BSG_RETURN_IF_ERROR(s.Exec(kInsertRole, {user_id, role}).status());
    }
    return Status::Ok();
  }

  static Status ReadRoles(db::Session& s, User& u) {
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectRoles, {u.user_id}));
    u.roles.clear();
    for (const auto& row : rows) u.roles.insert(row.Text(0));
    return Status::Ok();
  }
};

}  // namespace

const IdentityStore& SqlIdentityStore() {
  static const SqlStore store;
  return store;
}

}  // namespace bsg::identity
