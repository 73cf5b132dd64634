// The groups module's entry in src/app/modules.cc.
#include "modules/groups/module.h"

#include "modules/groups/api.h"
#include "modules/groups/service.h"

namespace bsg::groups {
namespace {

class GroupsModule final : public Module {
 public:
  GroupsModule() { RegisterGroupsHooks(); }
  std::string_view name() const override { return "groups"; }
  void RegisterRoutes(http::Router& router, ModuleContext& ctx) override {
    auto db = ctx.database();
    if (db.ok()) groups::RegisterRoutes(router, **db);
  }
  Status SeedDemo(db::Database& db) override { return SeedDemoTeams(db); }
};

}  // namespace

std::unique_ptr<bsg::Module> NewGroupsModule() { return std::make_unique<GroupsModule>(); }

}  // namespace bsg::groups
