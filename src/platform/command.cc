// See command.h.
#include "platform/command.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace bsg {

void FailCommand(const Status& s) {
  std::cerr << "bsg: " << s.message() << "\n";
  for (const auto& [field, why] : s.fields()) std::cerr << "  " << field << ": " << why << "\n";
  throw CLI::RuntimeError(ExitCodeFor(s));
}

}  // namespace bsg
