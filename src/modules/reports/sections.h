// Section providers: how the progress report is assembled, and how later modules add to it.
//
// The report follows the seed report's structure: an introduction (the BSG pillars, Table 1 of
// Resolutions, the action plan), then the action plan's Programmes 1 to 4, each with numbered
// items. Each item is written by one SectionProvider, which declares
//   - where it goes: `programme` (0 for the introduction, 1-4 for a programme) and `order`
//     among that programme's items;
//   - the live values it computes (`values`) and the templates it writes with (`templates`),
//     which form the catalogue officers edit (GET /api/reports/progress/templates);
//   - `build`, which counts (through the ReportContext's read-only session), sets its values
//     and returns its section, or nullopt when it has nothing to report.
// A programme none of whose providers returns a section is left out of the report, and a module
// that does not exist yet simply has no provider: its section is left out, never faked.
//
// A later module (course, fellowships, contributions, ...) adds its item by registering a
// provider once, before reports are built (e.g. from its Module constructor):
//
//   reports::RegisterSectionProvider({.key = "programme3.fellowships", .programme = 3,
//                                     .order = 20, .values = {...}, .templates = {...},
//                                     .build = BuildFellowships});
//
// Thread-safety: RegisterSectionProvider may be called from any thread (a mutex guards the
// list); SectionProviders returns a copy. A ReportContext is used by one thread.
#ifndef BSG_MODULES_REPORTS_SECTIONS_H_
#define BSG_MODULES_REPORTS_SECTIONS_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/reports/model.h"
#include "modules/reports/rules.h"
#include "platform/db/database.h"
#include "platform/render/document.h"
#include "platform/status.h"

namespace bsg::reports {

// The wording in force for one report kind and language: each template's override when there is
// one, else its default.
class TemplateSet {
 public:
  // `overrides`: paragraph key -> text. An override that no longer parses (it cannot be stored
  // so, but the catalogue may have changed since) falls back to the default.
  TemplateSet(const std::vector<TemplateSpec>& specs,
              const std::map<std::string, std::string>& overrides);
  bool Has(std::string_view key) const;
  // The parsed template of `key`; an empty template for an unknown key (a bug; logged).
  const ParsedTemplate& Get(std::string_view key) const;

 private:
  std::map<std::string, ParsedTemplate, std::less<>> parsed_;
};

class ReportContext {
 public:
  ReportContext(db::Session& session, Window window, std::string language, std::string as_of,
                std::string data_dir, const TemplateSet& templates, ValueMap& values)
      : session_(session),
        window_(std::move(window)),
        language_(std::move(language)),
        as_of_(std::move(as_of)),
        data_dir_(std::move(data_dir)),
        templates_(templates),
        values_(values) {}

  db::Session& session() { return session_; }
  const Window& window() const { return window_; }
  const std::string& language() const { return language_; }
  const std::string& as_of() const { return as_of_; }        // UTC timestamp of the counting
  const std::string& data_dir() const { return data_dir_; }  // for the world map

  // ---- values
  void Set(LiveValue v) { values_[v.key] = std::move(v); }
  void SetCount(const std::string& key, std::int64_t n, const std::string& provenance);
  void SetShare(const std::string& key, std::optional<double> share, const std::string& provenance);
  void SetText(const std::string& key, std::optional<std::string> text,
               const std::string& provenance = "");
  // Removes a value (item-scoped values such as forum.title, once their list is written).
  void Unset(const std::string& key) { values_.erase(key); }
  // The value of `key`; a missing value when it was never set.
  LiveValue Get(const std::string& key) const;
  // The count of `key` (0 when missing: use only for counts the provider set itself).
  std::int64_t CountOf(const std::string& key) const;
  const ValueMap& values() const { return values_; }

  // `what` followed by "; counted <as_of>" (the provenance convention).
  std::string Provenance(const std::string& what) const;

  // ---- wording
  // The paragraph written by template `key` with the current values.
  render::Paragraph Paragraph(std::string_view key) const;
  // The template `key` as plain text (headings, captions, column headers, series names).
  std::string Text(std::string_view key) const;
  // The key `base`.none / .one / .other chosen by `n` (CountCategory); a variant the catalogue
  // lacks falls back to `base`.other.
  std::string Variant(std::string_view base, long long n) const;

 private:
  db::Session& session_;
  Window window_;
  std::string language_;
  std::string as_of_;
  std::string data_dir_;
  const TemplateSet& templates_;
  ValueMap& values_;
};

struct SectionProvider {
  std::string key;    // "programme3.training"
  int programme = 0;  // 0: the introduction; 1-4: the action plan programme
  int order = 0;      // position among the items of its programme
  std::vector<ValueSpec> values;
  std::vector<TemplateSpec> templates;
  // Counts and writes the section; nullopt leaves it out. Not set for the report-level wording
  // (title, labels, programme headings).
  std::function<Result<std::optional<render::Section>>(ReportContext&)> build;
};

// Adds a provider (replacing one with the same key).
void RegisterSectionProvider(SectionProvider provider);

// Every provider, the built-in ones included, by (programme, order, key).
std::vector<SectionProvider> SectionProviders();

// Values every template may use: since, until (the window), report.generated (the day the
// report was counted).
const std::vector<ValueSpec>& CommonValues();

// The catalogue of templates of the progress report.
struct CatalogueEntry {
  TemplateSpec spec;
  std::map<std::string, ValueKind> allowed;  // placeholders it may use (its section's + common)
};
std::vector<CatalogueEntry> TemplateCatalogue();
// The entry of `key`, or nullopt.
std::optional<CatalogueEntry> FindTemplate(std::string_view key);

// The built-in providers (sections_builtin.cc); registered by SectionProviders on first use.
std::vector<SectionProvider> BuiltinSectionProviders();

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_SECTIONS_H_
