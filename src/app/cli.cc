// The `bsg` command line. Each platform subcommand lives here; modules add theirs through
// Module::RegisterCommands.
#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/modules.h"
#include "app/server_main.h"
#include "platform/command.h"
#include "platform/config.h"
#include "platform/db/database.h"
#include "platform/db/migrate.h"
#include "platform/log.h"
#include "platform/tabular/progress.h"

namespace bsg::app {
namespace {

struct GlobalOptions {
  std::optional<std::string> config_path;
  std::optional<std::string> database_url;
};

// Loads configuration and applies --database; prints the error and returns nullopt on failure.
std::optional<Config> LoadOrReport(const GlobalOptions& g, int& exit_code) {
  auto config = LoadConfig(g.config_path);
  if (!config.ok()) {
    std::cerr << "bsg: " << config.status().message() << "\n";
    exit_code = kExitConfig;
    return std::nullopt;
  }
  if (g.database_url) config->database_url = *g.database_url;
  return std::move(config).value();
}

Result<std::unique_ptr<db::Database>> OpenDatabase(const Config& config) {
  auto db = db::Database::Open(config.database_url);
  if (!db.ok()) return db.status();
  BSG_RETURN_IF_ERROR((*db)->Ping());
  return db;
}

int Report(const Status& s) {
  if (!s.ok()) std::cerr << "bsg: " << s.message() << "\n";
  return ExitCodeFor(s);
}

int RunMigrate(const Config& config) {
  auto db = OpenDatabase(config);
  if (!db.ok()) return Report(db.status());
  auto applied = db::Migrate(**db);
  if (!applied.ok()) return Report(applied.status());
  auto version = db::CurrentSchemaVersion(**db);
  if (!version.ok()) return Report(version.status());
  std::cout << "migrate: applied " << *applied << " migration(s); schema version " << *version
            << " (" << (*db)->redacted_url() << ")\n";
  return kExitOk;
}

int RunSeedDemo(const Config& config) {
  auto db = OpenDatabase(config);
  if (!db.ok()) return Report(db.status());
  if (Status s = db::CheckSchemaVersion(**db); !s.ok()) return Report(s);
  for (const auto& module : Modules()) {
    if (Status s = module->SeedDemo(**db); !s.ok()) {
      return Report(s.WithContext("seed " + std::string(module->name())));
    }
  }
  std::cout << "seed: demo data loaded into " << (*db)->redacted_url() << "\n";
  return kExitOk;
}

int RunSeedSynthetic(const Config& config, double scale) {
  auto db = OpenDatabase(config);
  if (!db.ok()) return Report(db.status());
  if (Status s = db::CheckSchemaVersion(**db); !s.ok()) return Report(s);
  const auto start = std::chrono::steady_clock::now();
  const auto& modules = Modules();
  {
    constexpr std::size_t kSteps = 1000;
    tabular::ProgressBar bar("synthetic data");  // finished before anything else is printed
    for (std::size_t i = 0; i < modules.size(); ++i) {
      auto progress = [&, i](double done) {
        const double overall = (static_cast<double>(i) + done) / modules.size();
        bar.Update(static_cast<std::size_t>(overall * kSteps), kSteps);
      };
      if (Status s = modules[i]->SeedSynthetic(**db, scale, progress); !s.ok()) {
        return Report(s.WithContext("seed " + std::string(modules[i]->name())));
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "seed: synthetic programme at scale " << scale << " loaded into "
            << (*db)->redacted_url() << " in " << seconds << " s\n";
  return kExitOk;
}

// Integrity (SQLite: integrity_check and foreign_key_check) and schema version.
int RunCheck(const Config& config) {
  auto db = OpenDatabase(config);
  if (!db.ok()) return Report(db.status());
  int problems = 0;
  auto version = db::CurrentSchemaVersion(**db);
  if (!version.ok()) return Report(version.status());
  const int known = db::KnownSchemaVersion((*db)->kind());
  std::cout << "schema version: " << *version << " (this binary knows " << known << ")\n";
  if (*version != known) {
    std::cout << (*version > known ? "problem: the database is newer than this binary\n"
                                   : "problem: the database needs `bsg migrate`\n");
    ++problems;
  }
  if ((*db)->kind() == db::Kind::kSqlite) {
    auto rows = (*db)->Query("PRAGMA integrity_check");
    if (!rows.ok()) return Report(rows.status());
    for (const auto& row : *rows) {
      if (row.Text(0) != "ok") {
        std::cout << "problem: integrity: " << row.Text(0) << "\n";
        ++problems;
      }
    }
    auto fk = (*db)->Query("PRAGMA foreign_key_check");
    if (!fk.ok()) return Report(fk.status());
    for (const auto& row : *fk) {
      std::cout << "problem: foreign key: table " << row.Text(0) << " row " << row.Text(1)
                << " references missing " << row.Text(2) << "\n";
      ++problems;
    }
  } else {
    auto rows = (*db)->Query(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE NOT convalidated");
    if (!rows.ok()) return Report(rows.status());
    for (const auto& row : *rows) {
      std::cout << "problem: constraint not validated: " << row.Text(0) << "." << row.Text(1)
                << "\n";
      ++problems;
    }
  }
  std::cout << "database: " << (*db)->redacted_url() << ": "
            << (problems == 0 ? "ok" : std::to_string(problems) + " problem(s)") << "\n";
  return problems == 0 ? kExitOk : kExitCheckFailed;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"BSG Platform: runs ITU-T's Bridging the Standardization Gap programme.", "bsg"};
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);
  app.fallthrough();  // --config and --database are accepted after the subcommand too
  GlobalOptions g;
  app.add_option("--config", g.config_path, "Configuration file (default: ./bsg.toml if present)")
      ->check(CLI::ExistingFile);
  app.add_option("--database", g.database_url,
                 "Database URL: sqlite:///path.db or postgresql://user@host:port/db "
                 "(overrides BSG_DATABASE_URL)");
  int exit_code = kExitOk;

  ServeOptions serve;
  auto* serve_cmd =
      app.add_subcommand("serve", "Start the HTTP server (stops on SIGTERM or SIGINT)");
  serve_cmd->add_option("--host", serve.host, "Address to listen on (BSG_HOST)");
  serve_cmd->add_option("--port", serve.port, "Port to listen on, 0 for any free port (BSG_PORT)")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--threads", serve.threads, "Worker threads (BSG_THREADS)")
      ->check(CLI::Range(1, 256));
  serve_cmd->add_option("--static-dir", serve.static_dir,
                        "Built web app to serve (BSG_STATIC_DIR)");
  serve_cmd->callback([&] {
    if (auto config = LoadOrReport(g, exit_code)) exit_code = RunServe(*config, serve);
  });

  app.add_subcommand("migrate", "Apply pending database migrations (idempotent)")->callback([&] {
    if (auto config = LoadOrReport(g, exit_code)) exit_code = RunMigrate(*config);
  });

  bool demo = false;
  bool synthetic = false;
  double scale = 1.0;
  auto* seed_cmd = app.add_subcommand("seed", "Load data into a migrated database");
  auto* demo_flag =
      seed_cmd->add_flag("--demo", demo, "The demo programme (made-up people, example.org emails)");
  auto* synthetic_flag = seed_cmd->add_flag(
      "--synthetic", synthetic,
      "A made-up programme N times ITU-T's size over ten years, for benchmarks (example.org)");
  seed_cmd->add_option("--scale", scale, "N for --synthetic (default 1)")
      ->check(CLI::Range(0.001, 100.0))
      ->needs(synthetic_flag);
  demo_flag->excludes(synthetic_flag);
  seed_cmd->callback([&] {
    if (!demo && !synthetic) {
      std::cerr << "bsg: seed needs --demo or --synthetic\n";
      exit_code = kExitUsage;
      return;
    }
    if (auto config = LoadOrReport(g, exit_code)) {
      exit_code = demo ? RunSeedDemo(*config) : RunSeedSynthetic(*config, scale);
    }
  });

  app.add_subcommand("check", "Check database integrity and schema version")->callback([&] {
    if (auto config = LoadOrReport(g, exit_code)) exit_code = RunCheck(*config);
  });

  app.add_subcommand("version", "Print the version")->callback([&] {
    std::cout << "bsg " << BSG_VERSION << "\n";
  });

  // Module subcommands resolve configuration and the database when they run.
  std::optional<Config> lazy_config;
  std::unique_ptr<db::Database> lazy_db;
  ModuleContext module_ctx;
  module_ctx.config = [&]() -> Result<const Config*> {
    if (!lazy_config) {
      auto config = LoadConfig(g.config_path);
      if (!config.ok()) return config.status();
      if (g.database_url) config->database_url = *g.database_url;
      BSG_RETURN_IF_ERROR(ApplyImportLimits(*config));
      lazy_config = std::move(config).value();
    }
    return &*lazy_config;
  };
  module_ctx.database = [&]() -> Result<db::Database*> {
    if (!lazy_db) {
      BSG_ASSIGN_OR_RETURN(const Config* config, module_ctx.config());
      BSG_ASSIGN_OR_RETURN(lazy_db, OpenDatabase(*config));
      BSG_RETURN_IF_ERROR(db::CheckSchemaVersion(*lazy_db));
    }
    return lazy_db.get();
  };
  for (const auto& module : Modules()) module->RegisterCommands(app, module_ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    // A command's own failure: CLI::RuntimeError(code) carries the exit code it chose.
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace bsg::app
