// See audit_actor.h.
#include "platform/http/audit_actor.h"

namespace bsg::http {

AuditActor ActorFrom(const Request& request) {
  AuditActor a;
  if (request.principal) {
    a.user_id = request.principal->user_id;
    a.label = request.principal->email;
    if (request.principal->via_api_token) a.label += " (API token)";
  } else {
    a.label = "anonymous";
  }
  a.remote_address = request.remote_address;
  a.request_id = request.request_id;
  return a;
}

}  // namespace bsg::http
