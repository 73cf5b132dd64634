// The one list of domain modules, in dependency order.
#ifndef BSG_APP_MODULES_H_
#define BSG_APP_MODULES_H_

#include <memory>
#include <vector>

#include "platform/module.h"

namespace bsg::app {

// Every module of the product, leaves first. Created once per process.
const std::vector<std::unique_ptr<Module>>& Modules();

}  // namespace bsg::app

#endif  // BSG_APP_MODULES_H_
