// `bsg user ...`: add, list, disable, reset-link.
#ifndef BSG_MODULES_IDENTITY_CLI_H_
#define BSG_MODULES_IDENTITY_CLI_H_

#include "platform/module.h"

namespace bsg::identity {

// Adds the `user` subcommand and its subcommands to `app`. A failing command prints its error on
// stderr and ends the parse with CLI::RuntimeError carrying a non-zero exit code.
void RegisterIdentityCommands(CLI::App& app, ModuleContext& ctx);

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_CLI_H_
