// See audit.h.
#include "platform/audit.h"

#include <atomic>
#include <stdexcept>
#include <utility>

#include "platform/time/clock.h"

namespace bsg {
namespace {

std::atomic<AuditRecorder*>& Registered() {
  static std::atomic<AuditRecorder*> recorder{nullptr};
  return recorder;
}

}  // namespace

AuditActor CliActor(std::string what) {
  AuditActor a;
  a.label = "cli: " + std::move(what);
  return a;
}

void SetAuditRecorder(AuditRecorder* recorder) { Registered().store(recorder); }

Status RecordAudit(db::Session& tx, const AuditActor& actor, std::string_view record_type,
                   std::string_view record_id, std::string_view action,
                   const std::optional<nlohmann::json>& before,
                   const std::optional<nlohmann::json>& after) {
  AuditRecorder* recorder = Registered().load();
  if (recorder == nullptr) {
    throw std::logic_error("no audit recorder is registered: cannot record " + std::string(action) +
                           " of " + std::string(record_type) + " " + std::string(record_id));
  }
  return recorder->Record(tx, time::Now(), actor, record_type, record_id, action, before, after);
}

}  // namespace bsg
