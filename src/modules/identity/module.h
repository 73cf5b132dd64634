// The identity module: users, roles, sign-in, sessions, API tokens, password reset, the outbox
// and the audit history every module writes to. See README.md.
#ifndef BSG_MODULES_IDENTITY_MODULE_H_
#define BSG_MODULES_IDENTITY_MODULE_H_

#include <memory>

#include "platform/module.h"

namespace bsg::identity {

// A new identity module for src/app/modules.cc. It offers its Authenticator once RegisterRoutes
// has run.
std::unique_ptr<bsg::Module> NewIdentityModule();

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_MODULE_H_
