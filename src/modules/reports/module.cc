// The reports module's entry in src/app/modules.cc.
#include "modules/reports/module.h"

#include "modules/reports/api.h"
#include "modules/reports/cli.h"
#include "platform/log.h"

namespace bsg::reports {
namespace {

class ReportsModule final : public Module {
 public:
  std::string_view name() const override { return "reports"; }

  void RegisterRoutes(http::Router& router, ModuleContext& ctx) override {
    auto db = ctx.database();
    if (!db.ok()) {
      log::App()->error("reports: no database: {}", db.status().message());
      return;
    }
    RegisterReportsRoutes(router, **db, ApiOptions{});
  }

  void RegisterCommands(CLI::App& app, ModuleContext& ctx) override {
    RegisterReportsCommands(app, ctx);
  }

  // The report counts the other modules' demo data; it has none of its own.
};

}  // namespace

std::unique_ptr<bsg::Module> NewReportsModule() { return std::make_unique<ReportsModule>(); }

}  // namespace bsg::reports
