// Test support for the reports module's tests (src/modules/reports/*_test.cc and tests/reports/):
// the demo programme, the map's data folder, temporary folders, running the poppler tools, and
// reading a report's text. Header-only; used by tests only.
#ifndef BSG_MODULES_REPORTS_REPORTS_TESTING_H_
#define BSG_MODULES_REPORTS_REPORTS_TESTING_H_

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "modules/events/seed.h"
#include "modules/groups/service.h"
#include "modules/reports/model.h"
#include "platform/render/document.h"

namespace bsg::reports::testing {

// The source tree's data folder (world map), as test binaries know it.
inline std::string DataDir() { return std::string(BSG_SOURCE_DIR) + "/data"; }

// Loads the demo programme the way `bsg seed --demo` does for these modules.
inline void SeedDemo(db::Database& db) {
  Status teams = groups::SeedDemoTeams(db);
  ASSERT_TRUE(teams.ok()) << teams.ToString();
  auto events = events::SeedDemoEvents(db);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
}

class TempFolder {
 public:
  TempFolder() {
    std::string pattern = ::testing::TempDir() + "bsg-reports-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    path_ = mkdtemp(buf.data());
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs `command` with /bin/sh, capturing stdout.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline bool HaveTool(const std::string& tool) {
  return RunCommand("command -v " + tool + " >/dev/null 2>&1").exit_code == 0;
}

// Every paragraph, list item, caption, footnote and cell of `doc`, one per line.
inline std::string AllText(const render::Document& doc) {
  std::string out;
  std::function<void(const render::Section&)> visit = [&](const render::Section& s) {
    out += s.title + "\n";
    for (const auto& b : s.blocks) {
      if (const auto* p = std::get_if<render::Paragraph>(&b)) {
        out += render::PlainText(*p) + "\n";
      } else if (const auto* l = std::get_if<render::BulletList>(&b)) {
        for (const auto& item : l->items) out += "- " + render::PlainText(item) + "\n";
      } else if (const auto* t = std::get_if<render::Table>(&b)) {
        out += "[table] " + t->caption + "\n";
        for (const auto& row : t->rows) {
          for (const auto& c : row) out += c.text + " | ";
          out += "\n";
        }
        for (const auto& f : t->footnotes) out += f + "\n";
      } else if (const auto* f = std::get_if<render::Figure>(&b)) {
        out += "[figure] " + f->caption + "\n";
        for (const auto& n : f->notes) out += n + "\n";
      }
    }
    for (const auto& sub : s.subsections) visit(sub);
  };
  for (const auto& s : doc.sections) visit(s);
  return out;
}

// The table with id `id`, or nullptr.
inline const render::Table* FindTable(const render::Document& doc, const std::string& id) {
  const render::Table* found = nullptr;
  std::function<void(const render::Section&)> visit = [&](const render::Section& s) {
    for (const auto& b : s.blocks) {
      if (const auto* t = std::get_if<render::Table>(&b); t && t->id == id) found = t;
    }
    for (const auto& sub : s.subsections) visit(sub);
  };
  for (const auto& s : doc.sections) visit(s);
  return found;
}

// The figure with id `id`, or nullptr.
inline const render::Figure* FindFigure(const render::Document& doc, const std::string& id) {
  const render::Figure* found = nullptr;
  std::function<void(const render::Section&)> visit = [&](const render::Section& s) {
    for (const auto& b : s.blocks) {
      if (const auto* f = std::get_if<render::Figure>(&b); f && f->id == id) found = f;
    }
    for (const auto& sub : s.subsections) visit(sub);
  };
  for (const auto& s : doc.sections) visit(s);
  return found;
}

// The number of a count value, or -1 when missing.
inline double Number(const Report& r, const std::string& key) {
  auto it = r.values.find(key);
  if (it == r.values.end() || !it->second.number) return -1;
  return *it->second.number;
}

}  // namespace bsg::reports::testing

#endif  // BSG_MODULES_REPORTS_REPORTS_TESTING_H_
