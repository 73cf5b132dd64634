// The one list of domain modules. Adding a module: implement bsg::Module in
// src/modules/<module>/module.cc, expose a factory in its module.h, and append it here.
#include "app/modules.h"

namespace bsg::app {

const std::vector<std::unique_ptr<Module>>& Modules() {
  static const auto* modules = [] {
    auto* list = new std::vector<std::unique_ptr<Module>>();
    return list;
  }();
  return *modules;
}

}  // namespace bsg::app
