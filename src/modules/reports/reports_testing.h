// Test support for the reports module's tests (src/modules/reports/*_test.cc and tests/reports/):
// the demo programme, the map's data folder, temporary folders, running the poppler tools, and
// reading a report's text. Header-only; used by tests only.
#ifndef BSG_MODULES_REPORTS_REPORTS_TESTING_H_
#define BSG_MODULES_REPORTS_REPORTS_TESTING_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "modules/events/seed.h"
#include "modules/groups/service.h"
#include "modules/identity/audit.h"
#include "modules/reports/model.h"
#include "platform/render/document.h"
#include "platform/render/render_test_support.h"

namespace bsg::reports::testing {

// Loads the demo programme the way `bsg seed --demo` does for these modules (recording its audit
// events through identity's recorder, as the app does).
inline void SeedDemo(db::Database& db) {
  identity::RegisterAuditRecorder();
  Status teams = groups::SeedDemoTeams(db);
  ASSERT_TRUE(teams.ok()) << teams.ToString();
  auto events = events::SeedDemoEvents(db);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
}

// Temporary folders, files and the poppler tools, as the render kit's tests use them.
using render::testing::CommandResult;
using render::testing::DataDir;  // the source tree's data folder (world map)
using render::testing::HaveTool;
using render::testing::ReadFile;
using render::testing::RunCommand;
using render::testing::TempFolder;
using render::testing::WriteFile;

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
