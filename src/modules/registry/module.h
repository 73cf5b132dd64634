// The registry module: countries with dated classes, organizations, people, and the import and
// export of records as CSV or XLSX. See README.md.
#ifndef BSG_MODULES_REGISTRY_MODULE_H_
#define BSG_MODULES_REGISTRY_MODULE_H_

#include <memory>

#include "platform/module.h"

namespace bsg::registry {

std::unique_ptr<bsg::Module> NewRegistryModule();

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_MODULE_H_
