// The interface every domain module implements to slot into the platform. src/app/modules.cc
// holds the one list of modules, in dependency order (like Django's INSTALLED_APPS).
//
// A module registers its HTTP routes (each with a policy), its `bsg` subcommands, and its demo
// data. The platform calls these; it never includes a module header.
#ifndef BSG_PLATFORM_MODULE_H_
#define BSG_PLATFORM_MODULE_H_

#include <functional>
#include <string_view>

#include "platform/config.h"
#include "platform/db/database.h"
#include "platform/http/router.h"
#include "platform/http/server.h"
#include "platform/status.h"

namespace CLI {
class App;
}

namespace bsg {

// What a module may use while registering routes and commands. Owned by the app; outlives every
// module call and every request.
//
// For routes both are ready before registration. For CLI commands they are resolved when a
// command runs (from --config, --database and BSG_*), so `bsg --help` touches no database; call
// them only inside a command's callback.
struct ModuleContext {
  // The configuration in force; fails with config.* reasons.
  std::function<Result<const Config*>()> config;
  // The open, migrated database; fails with db.unreachable or schema.* reasons.
  std::function<Result<db::Database*>()> database;
};

class Module {
 public:
  virtual ~Module() = default;
  // A short lowercase name: "identity", "registry"; also the OpenAPI tag.
  virtual std::string_view name() const = 0;
  // Checks the module's settings in `config` (its own bsg.toml table, or BSG_<MODULE>_<KEY>).
  // A failure (config.bad_value naming the setting) stops `serve` with exit code 3.
  virtual Status CheckSettings(const Config& /*config*/) { return Status::Ok(); }
  // Adds the module's routes. Every route must carry a policy.
  virtual void RegisterRoutes(http::Router& /*router*/, ModuleContext& /*ctx*/) {}
  // Adds the module's subcommands to the `bsg` command line. `ctx` stays valid while a command
  // runs.
  virtual void RegisterCommands(CLI::App& /*app*/, ModuleContext& /*ctx*/) {}
  // The module that knows users returns its Authenticator here; the server uses the first one
  // offered. nullptr: this module authenticates nobody.
  virtual http::Authenticator* authenticator() { return nullptr; }
  // Loads the module's part of the demo programme. Must be idempotent.
  virtual Status SeedDemo(db::Database& /*db*/) { return Status::Ok(); }
  // Loads a made-up programme `scale` times ITU-T's size (benchmarks). `progress` (may be empty)
  // receives this module's fraction done, 0 to 1. A module without a generator does nothing.
  virtual Status SeedSynthetic(db::Database& /*db*/, double /*scale*/,
                               const std::function<void(double)>& /*progress*/) {
    return Status::Ok();
  }
};

}  // namespace bsg

#endif  // BSG_PLATFORM_MODULE_H_
