// The one list of domain modules, in dependency order.
#ifndef BSG_APP_MODULES_H_
#define BSG_APP_MODULES_H_

#include <memory>
#include <vector>

#include "platform/config.h"
#include "platform/module.h"
#include "platform/status.h"

namespace bsg::app {

// Every module of the product, leaves first. Created once per process.
const std::vector<std::unique_ptr<Module>>& Modules();

// Every settings table of `config` must be a module's ([identiy] is a mistake, not a new module),
// and every module must accept its settings. config.bad_value naming the table or setting.
Status CheckModuleSettings(const Config& config);

// Sets each module's import limits (tabular::SetImportLimits) from `<module>.import_max_rows`
// (default 50,000), `<module>.import_max_cells` (2,000,000) and `<module>.import_max_bytes`
// (uncompressed, 100 MiB). config.bad_value naming a setting out of range.
Status ApplyImportLimits(const Config& config);

}  // namespace bsg::app

#endif  // BSG_APP_MODULES_H_
