#include "modules/identity/module.h"

#include <iostream>

#include "modules/identity/api.h"
#include "modules/identity/audit.h"
#include "modules/identity/cli.h"
#include "modules/identity/service.h"
#include "platform/log.h"

namespace bsg::identity {
namespace {

class IdentityModule final : public Module {
 public:
  // Every module records its changes through the platform's audit interface; identity keeps the
  // history, so its recorder is in place before any route or command runs.
  IdentityModule() { RegisterAuditRecorder(); }
  std::string_view name() const override { return "identity"; }

  Status CheckSettings(const Config& config) override {
    IdentityOptions options;
    return ApplyIdentitySettings(config, options);
  }

  void RegisterRoutes(http::Router& router, ModuleContext& ctx) override {
    auto db = ctx.database();
    if (!db.ok()) {
      // The server opens the database before registering routes, so this is a bug; without a
      // database identity cannot serve, and every protected route stays closed.
      log::App()->error("identity: no database: {}", db.status().message());
      return;
    }
    IdentityOptions options;
    if (auto config = ctx.config(); !config.ok()) {
      log::App()->error("identity: no configuration: {}", config.status().message());
    } else if (Status s = ApplyIdentitySettings(**config, options); !s.ok()) {
      // `serve` checked the settings before registering routes; other callers get the defaults.
      log::App()->error("identity: {}; using the defaults", s.message());
    }
    // A new service per registration: the routes registered below refer to this one.
    service_ = std::make_unique<IdentityService>(**db, std::move(options));
    RegisterIdentityRoutes(router, *service_);
  }

  void RegisterCommands(CLI::App& app, ModuleContext& ctx) override {
    RegisterIdentityCommands(app, ctx);
  }

  http::Authenticator* authenticator() override { return service_.get(); }

  Status SeedDemo(db::Database& db) override {
    IdentityService service(db);
    BSG_ASSIGN_OR_RETURN(auto password, service.SeedDemoAdmin());
    if (password) std::cout << "demo admin: admin@example.org / " << *password << std::endl;
    return Status::Ok();
  }

 private:
  std::unique_ptr<IdentityService> service_;
};

}  // namespace

std::unique_ptr<bsg::Module> NewIdentityModule() { return std::make_unique<IdentityModule>(); }

}  // namespace bsg::identity
