// The registry's `bsg` subcommands: import and export of every registered transfer kind.
#ifndef BSG_MODULES_REGISTRY_CLI_H_
#define BSG_MODULES_REGISTRY_CLI_H_

#include "platform/module.h"

namespace bsg::registry {

// Adds `bsg import KIND FILE [--dry-run]` and `bsg export KIND --format csv|xlsx --out FILE`.
void RegisterCommands(CLI::App& app, ModuleContext& ctx);

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_CLI_H_
