// The reports module's values: a report window, the live values a report's text is written
// from (each with its provenance), the editable paragraph templates and their overrides, and a
// built report (a render::Document plus the values it was built from). Plain values; no I/O.
//
// Thread-safety: values; safe to copy between threads.
#ifndef BSG_MODULES_REPORTS_MODEL_H_
#define BSG_MODULES_REPORTS_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/render/document.h"

namespace bsg::reports {

// The progress report: the only report kind of this edition. Template overrides are stored per
// report kind (report_template_override.report_key).
inline constexpr std::string_view kProgressReport = "progress";

// The six UN languages a template may be written in.
inline constexpr std::string_view kLanguages[] = {"en", "ar", "zh", "fr", "ru", "es"};
bool IsLanguage(std::string_view language);

// A reporting window: both ends inclusive, "YYYY-MM-DD".
struct Window {
  std::string since;
  std::string until;
};

enum class Format { kJson, kHtml, kPdf, kCsv, kSvg, kPng };
std::string_view FormatName(Format f);  // "json", "html", ...
std::optional<Format> ParseFormat(std::string_view s);

// What a live value holds, which decides how it is shown and which filters apply.
enum class ValueKind {
  kCount,  // a whole number of records ("9")
  kShare,  // a fraction between 0 and 1, shown as a percentage ("57%")
  kText,   // a name or title
  kDate,   // "YYYY-MM-DD", shown as "1 September 2019"
};
std::string_view ValueKindName(ValueKind k);

// One named value a template can use, e.g. events.regional_group_meetings.held. A value without
// number and text is missing (not known), which is never shown as zero.
struct LiveValue {
  std::string key;
  ValueKind kind = ValueKind::kCount;
  std::optional<double> number;     // kCount and kShare
  std::optional<std::string> text;  // kText and kDate
  // Where the value comes from, in words a reader can check: the records, the filters and the
  // time it was computed. Counts state their exact figure, so that a rounded wording ("over
  // 700") can be checked. Empty for values that are not measured (the window's dates).
  std::string provenance;

  bool missing() const { return !number && !text; }
};
using ValueMap = std::map<std::string, LiveValue>;

// A value a section offers to templates, for the catalogue and for validation.
struct ValueSpec {
  std::string key;
  ValueKind kind = ValueKind::kCount;
  std::string description;
};

// An editable piece of wording: a paragraph, heading, caption or column header. `key` is stable
// ("p3.training.total.other"); `text` the default (English) template.
struct TemplateSpec {
  std::string key;
  std::string section;      // the section provider it belongs to ("programme3.training")
  std::string description;  // when it is used
  std::string text;         // the shipped default, in English
};

// An officer's wording for one template of one report kind in one language.
struct TemplateOverride {
  std::string report_key;
  std::string paragraph_key;
  std::string language;
  std::string text;
  std::optional<std::int64_t> updated_by;  // user id; nullopt when the user is gone
  std::string updated_at;
};

// A table or figure of a built report, as listed for downloads.
struct PartRef {
  int number = 0;
  std::string id;
  std::string caption;
};

// A built report: the document the renderers draw and the values its text was written from.
struct Report {
  std::string report_key{kProgressReport};
  Window window;
  std::string language = "en";
  std::string generated_at;  // UTC timestamp; the numbers are as of this time
  render::Document document;
  ValueMap values;
};

// The numbered tables and figures of `report`, in document order.
std::vector<PartRef> Tables(const Report& report);
std::vector<PartRef> Figures(const Report& report);

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_MODEL_H_
