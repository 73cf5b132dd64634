// The reports module's entry in src/app/modules.cc.
#include "modules/reports/module.h"

#include "modules/reports/api.h"
#include "modules/reports/cli.h"
#include "modules/reports/synthetic.h"
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

  // The report counts the other modules' demo data; it has none of its own. The synthetic
  // programme spans the modules the report counts (people, events, groups), so it lives here.
  Status SeedSynthetic(db::Database& db, double scale,
                       const std::function<void(double)>& progress) override {
    return reports::SeedSynthetic(db, scale, progress);
  }
};

}  // namespace

std::unique_ptr<bsg::Module> NewReportsModule() { return std::make_unique<ReportsModule>(); }

}  // namespace bsg::reports
