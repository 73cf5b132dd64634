// The events module's `bsg events ...` subcommands.
#ifndef BSG_MODULES_EVENTS_CLI_H_
#define BSG_MODULES_EVENTS_CLI_H_

#include "platform/module.h"

namespace bsg::events {

// Adds `bsg events import-participants EVENT_ID FILE [--dry-run] [--create-missing]`.
void RegisterEventsCommands(CLI::App& app, ModuleContext& ctx);

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_CLI_H_
