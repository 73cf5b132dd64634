// The registry module's entry in src/app/modules.cc.
#include "modules/registry/module.h"

#include "modules/registry/api.h"
#include "modules/registry/cli.h"
#include "modules/registry/transfer.h"

namespace bsg::registry {
namespace {

class RegistryModule final : public Module {
 public:
  RegistryModule() { RegisterRegistryTransferKinds(); }
  std::string_view name() const override { return "registry"; }
  void RegisterRoutes(http::Router& router, ModuleContext& ctx) override {
    auto db = ctx.database();
    if (db.ok()) registry::RegisterRoutes(router, **db);
  }
  void RegisterCommands(CLI::App& app, ModuleContext& ctx) override {
    registry::RegisterCommands(app, ctx);
  }
  // Countries and their classes are loaded by migration 0003; demo people come with the groups
  // module's demo management teams.
};

}  // namespace

std::unique_ptr<bsg::Module> NewRegistryModule() { return std::make_unique<RegistryModule>(); }

}  // namespace bsg::registry
