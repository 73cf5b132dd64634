#include "modules/course/module.h"

#include "modules/course/api.h"
#include "modules/course/cli.h"
#include "modules/course/report_section.h"
#include "modules/course/seed.h"
#include "modules/course/service.h"
#include "platform/log.h"

namespace bsg::course {
namespace {

class CourseAppModule final : public bsg::Module {
 public:
  CourseAppModule() { RegisterCourseReportSection(); }
  std::string_view name() const override { return "course"; }

  void RegisterRoutes(http::Router& router, ModuleContext& ctx) override {
    auto db = ctx.database();
    if (!db.ok()) {
      log::App()->error("course: no database: {}", db.status().message());
      return;
    }
    CourseOptions options;
    if (auto config = ctx.config(); config.ok()) options.base_url = (*config)->PublicBaseUrl();
    // A new service per registration: the routes registered below refer to this one.
    service_ = std::make_unique<CourseService>(**db, std::move(options));
    RegisterCourseRoutes(router, *service_);
  }

  void RegisterCommands(CLI::App& app, ModuleContext& ctx) override {
    RegisterCourseCommands(app, ctx);
  }

  Status SeedDemo(db::Database& db) override { return SeedDemoCourse(db).status(); }

 private:
  std::unique_ptr<CourseService> service_;
};

}  // namespace

std::unique_ptr<bsg::Module> NewCourseModule() { return std::make_unique<CourseAppModule>(); }

}  // namespace bsg::course
