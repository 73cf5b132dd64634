// The one list of domain modules. Adding a module: implement bsg::Module in
// src/modules/<module>/module.cc, expose a factory in its module.h, and append it here.
#include "app/modules.h"

#include <string>

#include "modules/events/module.h"
#include "modules/groups/module.h"
#include "modules/identity/module.h"
#include "modules/mandates/module.h"
#include "modules/registry/module.h"
#include "modules/reports/module.h"

namespace bsg::app {

const std::vector<std::unique_ptr<Module>>& Modules() {
  static const auto* modules = [] {
    auto* list = new std::vector<std::unique_ptr<Module>>();
    list->push_back(identity::NewIdentityModule());
    list->push_back(registry::NewRegistryModule());
    list->push_back(groups::NewGroupsModule());
    list->push_back(mandates::NewMandatesModule());
    list->push_back(events::NewEventsModule());
    list->push_back(reports::NewReportsModule());
    return list;
  }();
  return *modules;
}

Status CheckModuleSettings(const Config& config) {
  for (const auto& [key, value] : config.module_settings) {
    const std::string table = key.substr(0, key.find('.'));
    bool known = false;
    for (const auto& module : Modules()) known = known || module->name() == table;
    if (!known) {
      std::string names;
      for (const auto& module : Modules()) {
        names += (names.empty() ? "" : ", ") + std::string(module->name());
      }
      return Status::InvalidArgument("config.bad_value",
                                     "configuration: [" + table +
                                         "] is not a module's settings table (modules: " + names +
                                         ")",
                                     {{table, "unknown settings table"}});
    }
  }
  for (const auto& module : Modules()) {
    BSG_RETURN_IF_ERROR(module->CheckSettings(config));
  }
  return Status::Ok();
}

}  // namespace bsg::app
