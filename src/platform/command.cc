// See command.h.
#include "platform/command.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

namespace bsg {

void FailCommand(const Status& s) {
  std::cerr << "bsg: " << s.message() << "\n";
  for (const auto& [field, why] : s.fields()) std::cerr << "  " << field << ": " << why << "\n";
  throw CLI::RuntimeError(ExitCodeFor(s));
}

std::string ReadCommandFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FailCommand(Status::InvalidArgument("file.unreadable", "cannot read " + path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void WriteCommandOutput(const std::string& path, std::string_view bytes) {
  if (path.empty()) {
    std::cout << bytes;
    std::cout.flush();
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) FailCommand(Status::Internal("file.unwritable", "cannot write " + path));
}

}  // namespace bsg
