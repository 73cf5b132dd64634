// The one list of domain modules. Adding a module: implement bsg::Module in
// src/modules/<module>/module.cc, expose a factory in its module.h, and append it here.
#include "app/modules.h"

#include <string>

#include "modules/course/module.h"
#include "modules/events/module.h"
#include "modules/groups/module.h"
#include "modules/identity/module.h"
#include "modules/mandates/module.h"
#include "modules/registry/module.h"
#include "modules/reports/module.h"
#include "platform/tabular/table.h"

namespace bsg::app {

const std::vector<std::unique_ptr<Module>>& Modules() {
  static const auto* modules = [] {
    auto* list = new std::vector<std::unique_ptr<Module>>();
    list->push_back(identity::NewIdentityModule());
    list->push_back(registry::NewRegistryModule());
    list->push_back(groups::NewGroupsModule());
    list->push_back(mandates::NewMandatesModule());
    list->push_back(events::NewEventsModule());
    list->push_back(course::NewCourseModule());
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

Status ApplyImportLimits(const Config& config) {
  for (const auto& module : Modules()) {
    const std::string name(module->name());
    tabular::Limits limits;
    BSG_ASSIGN_OR_RETURN(auto rows, config.IntSetting(name + ".import_max_rows", 1, 10'000'000));
    BSG_ASSIGN_OR_RETURN(auto cells,
                         config.IntSetting(name + ".import_max_cells", 1, 1'000'000'000));
    BSG_ASSIGN_OR_RETURN(
        auto bytes, config.IntSetting(name + ".import_max_bytes", 1024, std::int64_t{16} << 30));
    if (rows) limits.max_rows = static_cast<std::size_t>(*rows);
    if (cells) limits.max_cells = static_cast<std::size_t>(*cells);
    if (bytes) limits.max_uncompressed_bytes = static_cast<std::size_t>(*bytes);
    tabular::SetImportLimits(name, limits);
  }
  return Status::Ok();
}

}  // namespace bsg::app
