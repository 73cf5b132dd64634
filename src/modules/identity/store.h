// Storage of the identity module: the only interface through which identity reads and writes its
// tables (user_account, user_role, user_session, api_token, password_reset, sign_in_failure,
// outbox, audit_event). Every method runs on the db::Session it is given, so that callers can
// group several calls, and the audit event, in one transaction.
//
// Errors: the db.* reasons of platform/db/database.h; lookups by id return NotFound with the
// reasons named below.
//
// Thread-safety: the store holds no state; a Session is used by one thread at a time.
#ifndef BSG_MODULES_IDENTITY_STORE_H_
#define BSG_MODULES_IDENTITY_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/identity/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::identity {

struct FailureCounts {
  std::int64_t account = 0;
  std::optional<std::string> account_oldest;
  std::int64_t address = 0;
  std::optional<std::string> address_oldest;
};

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  // ---- users
  // Inserts the user and its roles; returns the new id. db.unique_violation when the email is
  // taken.
  virtual Result<std::int64_t> InsertUser(db::Session& s, const NewUser& user,
                                          const std::string& now) const = 0;
  // NotFound (user.not_found).
  virtual Result<UserRecord> FindUser(db::Session& s, std::int64_t user_id) const = 0;
  virtual Result<std::optional<UserRecord>> FindUserByEmail(db::Session& s,
                                                            const std::string& email) const = 0;
  virtual Result<UserPage> ListUsers(db::Session& s, const UserFilter& filter) const = 0;
  virtual Result<std::int64_t> CountUsers(db::Session& s) const = 0;
  // Writes display_name, language, country, disabled_at and roles of `user`.
  virtual Status UpdateUser(db::Session& s, const User& user, const std::string& now) const = 0;
  virtual Status SetPasswordHash(db::Session& s, std::int64_t user_id, const std::string& hash,
                                 const std::string& now) const = 0;

  // ---- sessions
  virtual Result<std::int64_t> InsertSession(db::Session& s, std::int64_t user_id,
                                             const std::string& token_hash,
                                             const std::string& csrf_token, const std::string& now,
                                             const std::string& expires_at,
                                             const std::string& remote_address,
                                             const std::string& user_agent) const = 0;
  virtual Result<std::optional<SessionRecord>> FindSessionByTokenHash(
      db::Session& s, const std::string& token_hash) const = 0;
  // The CSRF token of a live (unrevoked) session; nullopt when there is none.
  virtual Result<std::optional<std::string>> SessionCsrfToken(db::Session& s,
                                                              std::int64_t session_id) const = 0;
  virtual Status TouchSession(db::Session& s, std::int64_t session_id,
                              const std::string& now) const = 0;
  virtual Status RevokeSession(db::Session& s, std::int64_t session_id,
                               const std::string& now) const = 0;
  // Revokes every live session of the user except `keep` (when given).
  virtual Status RevokeUserSessions(db::Session& s, std::int64_t user_id, const std::string& now,
                                    std::optional<std::int64_t> keep) const = 0;
  // Deletes sessions whose absolute expiry is before `before`.
  virtual Status PruneSessions(db::Session& s, const std::string& before) const = 0;

  // ---- API tokens
  virtual Result<std::int64_t> InsertApiToken(db::Session& s, const ApiToken& token,
                                              const std::string& token_hash) const = 0;
  virtual Result<std::optional<ApiTokenWithUser>> FindApiTokenByHash(
      db::Session& s, const std::string& token_hash) const = 0;
  // NotFound (token.not_found).
  virtual Result<ApiToken> FindApiToken(db::Session& s, std::int64_t token_id) const = 0;
  virtual Result<std::vector<ApiToken>> ListApiTokens(db::Session& s,
                                                      std::int64_t user_id) const = 0;
  virtual Status TouchApiToken(db::Session& s, std::int64_t token_id,
                               const std::string& now) const = 0;
  virtual Status RevokeApiToken(db::Session& s, std::int64_t token_id,
                                const std::string& now) const = 0;
  virtual Status RevokeUserApiTokens(db::Session& s, std::int64_t user_id,
                                     const std::string& now) const = 0;

  // ---- password resets
  virtual Status InsertPasswordReset(db::Session& s, std::int64_t user_id,
                                     const std::string& token_hash, const std::string& now,
                                     const std::string& expires_at) const = 0;
  // The unused, unexpired reset with this token hash, with its user.
  virtual Result<std::optional<PasswordResetRecord>> FindLivePasswordReset(
      db::Session& s, const std::string& token_hash, const std::string& now) const = 0;
  // Marks the reset used when it is still unused and unexpired; false when it was not.
  virtual Result<bool> ClaimPasswordReset(db::Session& s, std::int64_t reset_id,
                                          const std::string& now) const = 0;
  // Marks every unused reset of the user used (after a password change).
  virtual Status InvalidateUserResets(db::Session& s, std::int64_t user_id,
                                      const std::string& now) const = 0;

  // ---- sign-in failures (rate limiting)
  virtual Status PruneSignInFailures(db::Session& s, const std::string& before) const = 0;
  virtual Result<FailureCounts> CountSignInFailures(db::Session& s, const std::string& account_key,
                                                    const std::string& remote_address,
                                                    const std::string& since) const = 0;
  virtual Result<std::int64_t> InsertSignInFailure(db::Session& s, const std::string& at,
                                                   const std::string& account_key,
                                                   const std::string& remote_address) const = 0;
  virtual Status DeleteSignInFailure(db::Session& s, std::int64_t failure_id) const = 0;
  virtual Status ClearAccountFailures(db::Session& s, const std::string& account_key) const = 0;

  // ---- outbox
  virtual Result<std::int64_t> InsertOutbox(db::Session& s, const OutboxMessage& m) const = 0;
  // Newest first; `before_id` is the keyset cursor; `to` filters by recipient.
  virtual Result<std::vector<OutboxMessage>> ListOutbox(
      db::Session& s, std::int64_t limit, std::optional<std::int64_t> before_id,
      const std::optional<std::string>& to) const = 0;

  // ---- audit
  virtual Result<std::int64_t> InsertAudit(db::Session& s, const AuditEvent& e) const = 0;
  // Newest first (by id), filtered and paged by `filter`.
  virtual Result<std::vector<AuditEvent>> ListAudit(db::Session& s,
                                                    const AuditFilter& filter) const = 0;
};

// The SQL implementation, for SQLite and PostgreSQL alike.
const IdentityStore& SqlIdentityStore();

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_STORE_H_
