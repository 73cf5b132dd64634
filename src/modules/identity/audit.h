// The audit history shared by every module: who changed which record, when, from where, and what
// it looked like before and after. One table, audit_event, append-only (database triggers refuse
// UPDATE and DELETE); read through GET /api/audit.
//
// Record the event inside the transaction that makes the change, so that both commit or neither:
//
//   Status s = db.InTransaction([&](db::Transaction& tx) -> Status {
//     BSG_ASSIGN_OR_RETURN(auto before, store.Find(tx, id));
//     BSG_RETURN_IF_ERROR(store.Update(tx, changed));
//     return identity::RecordAudit(tx, identity::ActorFrom(request), "fellowship",
//                                  std::to_string(id), "award", ToJson(before), ToJson(changed));
//   });
//
// Secrets never belong in before/after; as a safety net RecordAudit replaces the values of keys
// that name one (password, password_hash, token, token_hash, csrf_token, secret, ...) with
// "[redacted]", at any depth.
//
// Thread-safety: functions only; a Session is used by one thread at a time.
#ifndef BSG_MODULES_IDENTITY_AUDIT_H_
#define BSG_MODULES_IDENTITY_AUDIT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "modules/identity/crypto.h"
#include "platform/db/database.h"
#include "platform/http/request.h"
#include "platform/status.h"

namespace bsg::identity {

struct AuditActor {
  std::optional<std::int64_t> user_id;  // nullopt: anonymous, the CLI, or the system
  std::string label;                    // email of the user, "anonymous", or "cli: bsg user add"
  std::string remote_address;
  std::string request_id;
};

// The caller of an HTTP request (its principal, address and request id).
AuditActor ActorFrom(const http::Request& request);
// A command-line actor; `what` names the command ("bsg user add").
AuditActor CliActor(std::string what);

// Appends one audit event, timestamped now (UTC, milliseconds). `record_type` is the record's
// kind in singular ("user", "fellowship"), `record_id` its id, `action` a verb ("create",
// "update", "disable"). Returns the db.* errors of the insert.
Status RecordAudit(db::Session& tx, const AuditActor& actor, std::string_view record_type,
                   std::string_view record_id, std::string_view action,
                   const std::optional<nlohmann::json>& before,
                   const std::optional<nlohmann::json>& after);

// As RecordAudit, at a given time (for callers with their own clock).
Status RecordAuditAt(db::Session& tx, TimePoint at, const AuditActor& actor,
                     std::string_view record_type, std::string_view record_id,
                     std::string_view action, const std::optional<nlohmann::json>& before,
                     const std::optional<nlohmann::json>& after);

// `value` with the values of secret-named keys replaced by "[redacted]", at any depth.
nlohmann::json RedactSecrets(const nlohmann::json& value);

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_AUDIT_H_
