// `bsg serve`: opens the database, checks the schema, registers every route, serves until
// SIGTERM or SIGINT.
#ifndef BSG_APP_SERVER_MAIN_H_
#define BSG_APP_SERVER_MAIN_H_

#include <optional>
#include <string>

#include "platform/config.h"
#include "platform/http/router.h"
#include "platform/module.h"

namespace bsg::app {

// Command-line overrides of the configuration for `bsg serve`.
struct ServeOptions {
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<int> threads;
  std::optional<std::string> static_dir;
};

// Registers the platform's and every module's routes. Used by `bsg serve` and by the test that
// checks every route against every role.
void RegisterAllRoutes(http::Router& router, ModuleContext& ctx);

// Runs the server; returns the process exit code.
int RunServe(Config config, const ServeOptions& options);

}  // namespace bsg::app

#endif  // BSG_APP_SERVER_MAIN_H_
