// Audit recording: the history of every change (who changed which record, when, from where, and
// what it looked like before and after), written by every module through this one interface.
//
// The platform only defines the interface. The module that owns the history table implements
// AuditRecorder and registers it at start-up with SetAuditRecorder (in BSG Platform: identity,
// from its module factory, for `bsg serve` and every `bsg` command alike; tests that record
// changes register it themselves). Recording with no recorder registered is a bug: RecordAudit
// throws std::logic_error.
//
// Record the event inside the transaction that makes the change, so that both commit or neither:
//
//   Status s = db.InTransaction([&](db::Transaction& tx) -> Status {
//     BSG_ASSIGN_OR_RETURN(Fellowship before, store.Find(tx, id));
//     BSG_RETURN_IF_ERROR(store.Update(tx, changed));
//     return RecordAudit(tx, actor, "fellowship", std::to_string(id), "award", ToJson(before),
//                        ToJson(changed));
//   });
//
// The actor of an HTTP request is http::ActorFrom(request) (platform/http/audit_actor.h); a
// command's is CliActor("bsg import people").
//
// Thread-safety: register before serving; RecordAudit may then be called from any thread (each
// call uses the caller's session).
#ifndef BSG_PLATFORM_AUDIT_H_
#define BSG_PLATFORM_AUDIT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "platform/status.h"
#include "platform/time/timestamp.h"

namespace bsg {

namespace db {
class Session;
}  // namespace db

// Who made a change.
struct AuditActor {
  std::optional<std::int64_t> user_id;  // nullopt: anonymous, the command line, or the system
  std::string label;                    // the user's email, "anonymous", or "cli: bsg user add"
  std::string remote_address;
  std::string request_id;
};

// A command-line actor; `what` names the command ("bsg user add").
AuditActor CliActor(std::string what);

// Writes audit events. Implemented by the module that owns the history.
class AuditRecorder {
 public:
  virtual ~AuditRecorder() = default;
  // Appends one event at time `at` on `tx` (the transaction of the change). `record_type` is the
  // record's kind in singular ("user", "fellowship"), `record_id` its id, `action` a verb
  // ("create", "update", "disable"); `before` is nullopt for a creation, `after` for a deletion.
  // Returns the db.* errors of the insert.
  virtual Status Record(db::Session& tx, time::TimePoint at, const AuditActor& actor,
                        std::string_view record_type, std::string_view record_id,
                        std::string_view action, const std::optional<nlohmann::json>& before,
                        const std::optional<nlohmann::json>& after) = 0;
};

// Makes `recorder` the process's audit recorder (nullptr: none). The recorder must outlive every
// RecordAudit call; registering the same one again is harmless.
void SetAuditRecorder(AuditRecorder* recorder);

// Records one event through the registered recorder, at time::Now() (the product's clock, which
// tests set with time::ScopedTestClock). Throws std::logic_error when no recorder is registered
// (a start-up bug); otherwise returns the recorder's Status.
Status RecordAudit(db::Session& tx, const AuditActor& actor, std::string_view record_type,
                   std::string_view record_id, std::string_view action,
                   const std::optional<nlohmann::json>& before,
                   const std::optional<nlohmann::json>& after);

}  // namespace bsg

#endif  // BSG_PLATFORM_AUDIT_H_
