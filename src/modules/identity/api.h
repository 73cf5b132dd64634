// The identity HTTP API: sessions, users, the caller's profile and password, password reset, API
// tokens, the audit history and the outbox. Every route declares its policy and documentation.
#ifndef BSG_MODULES_IDENTITY_API_H_
#define BSG_MODULES_IDENTITY_API_H_

#include "modules/identity/service.h"
#include "platform/http/router.h"

namespace bsg::identity {

// Adds the identity routes. `service` must outlive the router's use.
void RegisterIdentityRoutes(http::Router& router, IdentityService& service);

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_API_H_
