// `bsg serve`.
#include "app/server_main.h"

#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <iostream>

#include "app/modules.h"
#include "platform/command.h"
#include "platform/db/data_version.h"
#include "platform/db/database.h"
#include "platform/db/migrate.h"
#include "platform/http/builtin_routes.h"
#include "platform/http/metrics.h"
#include "platform/http/server.h"
#include "platform/log.h"

namespace bsg::app {

void RegisterAllRoutes(http::Router& router, ModuleContext& ctx) {
  for (const auto& module : Modules()) module->RegisterRoutes(router, ctx);
}

int RunServe(Config config, const ServeOptions& options) {
  if (options.host) config.host = *options.host;
  if (options.port) config.port = static_cast<std::uint16_t>(*options.port);
  if (options.threads) config.threads = *options.threads;
  if (options.static_dir) config.static_dir = *options.static_dir;
  auto trusted = http::TrustedProxies::Parse(config.trusted_proxies);
  if (!trusted.ok()) {
    std::cerr << "bsg: " << trusted.status().message() << "\n";
    return kExitConfig;
  }
  if (Status s = CheckModuleSettings(config); !s.ok() || !(s = ApplyImportLimits(config)).ok()) {
    std::cerr << "bsg: " << s.message() << "\n";
    return kExitConfig;
  }
  // Block SIGTERM and SIGINT before any thread starts (the log flusher included), so that every
  // server thread inherits the mask and only the sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  log::Init(config.log_level, config.access_log);
  auto logger = log::App();

  // A connection for every request thread and heavy worker, and a few for the rest.
  db::Options db_options;
  db_options.pool_size = std::max(db_options.pool_size, config.threads + config.heavy_threads + 2);
  auto db = db::Database::Open(config.database_url, db_options);
  if (!db.ok()) {
    logger->error("cannot open database: {}", db.status().message());
    std::cerr << "bsg: " << db.status().message() << "\n";
    return ExitCodeFor(db.status());
  }
  if (Status s = (*db)->Ping(); !s.ok()) {
    std::cerr << "bsg: database unreachable: " << s.message() << "\n";
    return kExitDatabase;
  }
  if (Status s = db::CheckSchemaVersion(**db); !s.ok()) {
    std::cerr << "bsg: refusing to start: " << s.message() << "\n";
    return kExitSchema;
  }

  http::Metrics metrics;
  http::Router router;
  http::RegisterPlatformRoutes(router, {db->get(), &metrics, BSG_VERSION});
  ModuleContext ctx;
  ctx.config = [&]() -> Result<const Config*> { return &config; };
  ctx.database = [&]() -> Result<db::Database*> { return db->get(); };
  RegisterAllRoutes(router, ctx);
  if (Status s = router.Validate(); !s.ok()) {
    std::cerr << "bsg: refusing to start: " << s.message() << "\n";
    return kExitFailure;
  }

  http::ServerOptions server_options;
  server_options.host = config.host;
  server_options.port = config.port;
  server_options.threads = config.threads;
  server_options.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes);
  server_options.static_dir = config.static_dir;
  server_options.trusted_proxies = *trusted;
  server_options.https = config.base_url.starts_with("https://");
  server_options.heavy_threads = config.heavy_threads;
  server_options.heavy_queue = static_cast<std::size_t>(config.heavy_queue);
  server_options.anonymous_renders_per_minute =
      static_cast<int>(config.anonymous_renders_per_minute);
  server_options.read_cache_bytes = static_cast<std::size_t>(config.read_cache_bytes);
  db::Database* database = db->get();
  server_options.data_version = [database] { return db::DataVersion(*database); };
  server_options.data_version_max_age = std::chrono::milliseconds(config.data_version_max_age_ms);
  http::Authenticator* authenticator = nullptr;
  for (const auto& module : Modules()) {
    if (authenticator == nullptr) authenticator = module->authenticator();
  }
  http::Server server(server_options, router, authenticator, &metrics);
  if (Status s = server.Start(); !s.ok()) {
    std::cerr << "bsg: cannot listen on " << config.host << ":" << config.port << ": "
              << s.message() << "\n";
    return kExitFailure;
  }
  std::cout << "listening on http://" << config.host << ":" << server.port() << std::endl;
  logger->info("serving {} on {}:{} with {} thread(s)", (*db)->redacted_url(), config.host,
               server.port(), config.threads);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  logger->info("received {}, finishing in-flight requests",
               signal == SIGTERM ? "SIGTERM" : "SIGINT");
  server.Stop();
  logger->info("stopped");
  spdlog::shutdown();
  return kExitOk;
}

}  // namespace bsg::app
