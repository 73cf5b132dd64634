// The audit actor of an HTTP request (platform/audit.h): who made the change, from where, in
// which request. Here rather than in platform/audit.h because it reads an http::Request, which
// the core library below platform/http does not know.
#ifndef BSG_PLATFORM_HTTP_AUDIT_ACTOR_H_
#define BSG_PLATFORM_HTTP_AUDIT_ACTOR_H_

#include "platform/audit.h"
#include "platform/http/request.h"

namespace bsg::http {

// The caller of `request`: the principal's user id and email ("(API token)" appended when it
// signed in with one), or "anonymous"; the client address (Request::remote_address, after
// trusted proxies) and the request id.
AuditActor ActorFrom(const Request& request);

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_AUDIT_ACTOR_H_
