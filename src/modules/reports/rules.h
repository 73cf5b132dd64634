// The reports module's pure rules: the report window, the template language paragraphs are
// written in, and how values are worded.
//
// Template syntax. Text with placeholders in braces:
//
//   "Since {since|month_year}, {events.regional_group_meetings.held} regional group meetings
//    have been held."
//
// A placeholder names a live value (letters, digits, '_' and '.') and optional filters after
// '|', applied left to right. "{{" and "}}" stand for literal braces. Filters:
//
//   number       1234 -> "1,234" (the default for counts)
//   floor10, floor100, floor1000
//                rounds a count down: 750|floor100 -> "700"
//   over10, over100, over1000
//                "over 700" for 750, "700" for exactly 700, "35" below 100: a truthful "over"
//   words        0-12 in words ("two"), larger counts as digits
//   percent      a share as a whole percentage: 0.574 -> "57%" (the default for shares)
//   date         "2019-09-01" -> "1 September 2019" (the default for dates)
//   month_year   "2019-09-01" -> "September 2019"
//   year         "2019-09-01" -> "2019"
//   iso          the date as stored, "2019-09-01"
//   cap          capitalizes the first letter ("two" -> "Two")
//   lower        lower case
//
// A missing value (not known) is shown as "not known" whatever the filters; it is never zero.
//
// Thread-safety: functions only.
#ifndef BSG_MODULES_REPORTS_RULES_H_
#define BSG_MODULES_REPORTS_RULES_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modules/reports/model.h"
#include "platform/render/document.h"
#include "platform/status.h"

namespace bsg::reports {

// ---- the window

// Checks both dates ("YYYY-MM-DD", real days) and that until is not before since.
// InvalidArgument (reports.bad_window) naming since/until for malformed dates; Unprocessable
// (reports.bad_window) when until is before since.
Status ValidateWindow(const Window& w);

// The last calendar year that ends on or before `until` ("2020-03-31" -> 2019,
// "2020-12-31" -> 2020): the year a report's "In 2019, ..." sentence speaks of.
int LastFullYear(std::string_view until);

// Days before `until` where a default window starts: until and the 364 days before it, the 12
// months the API shows when no window is named.
inline constexpr int kDefaultWindowDays = 364;

// Why a dashboard shows the window it shows.
enum class WindowBasis {
  kRequested,        // the caller named since or until
  kRecentActivity,   // none named: the 12 months to today, in which an event was held
  kLatestHeldEvent,  // none named, nothing held in the 12 months to today: the 12 months ending
                     // on the last day of the most recent held event
  kNoHeldEvents,     // none named and no event held yet: the 12 months to today
};
std::string_view WindowBasisName(WindowBasis b);  // "requested", "recent_activity", ...

struct SuggestedWindow {
  Window window;
  WindowBasis basis = WindowBasis::kRecentActivity;
  // The last day of the most recent held event that had started by today; nullopt: none.
  std::optional<std::string> latest_held_end;
};

// The window a dashboard shows when none is named, so that it never opens on an empty year while
// the records hold activity: the 12 months to `today` when an event held in them ended on or
// after their first day (latest_held_end >= today - 364), else the 12 months ending on
// `latest_held_end`; with no held event at all, the 12 months to today. time.bad_date when
// `today` or `latest_held_end` is not a date.
Result<SuggestedWindow> SuggestWindow(std::string_view today,
                                      const std::optional<std::string>& latest_held_end);

// ---- templates

struct Placeholder {
  std::string key;
  std::vector<std::string> filters;
};

// A template split into literal text and placeholders.
struct ParsedTemplate {
  struct Part {
    std::string literal;                     // when placeholder is empty
    std::optional<Placeholder> placeholder;  // set for a placeholder
  };
  std::vector<Part> parts;
};

// Parses `text`. Unprocessable (reports.template_syntax) with a `text` field naming the problem
// (an unclosed brace, an empty or malformed placeholder).
Result<ParsedTemplate> ParseTemplate(std::string_view text);

// The filters a template may use, in the order documented above.
const std::vector<std::string>& FilterNames();

// Checks `text` against the values it may use (`allowed`: key -> kind). Unprocessable with the
// `text` field naming the problem:
//   reports.template_syntax        malformed braces
//   reports.unknown_placeholder    placeholders that name no allowed value (all of them named)
//   reports.unknown_filter         filters that do not exist
//   reports.filter_mismatch        a filter applied to a value of the wrong kind (percent on a
//   date) reports.template_too_long      more than kMaxTemplateLength bytes, or empty
inline constexpr std::size_t kMaxTemplateLength = 4000;
Status CheckTemplate(std::string_view text, const std::map<std::string, ValueKind>& allowed);

// The text a placeholder shows for `value` after its filters. Filters that do not fit the value's
// kind are ignored (CheckTemplate rejects them before they are stored).
std::string Display(const LiveValue& value, const std::vector<std::string>& filters);

// The paragraph `text` becomes with `values`: literal runs, and one run per placeholder carrying
// the value's provenance. A placeholder whose value is absent from `values` (a template stored
// before its value was renamed) is shown as "not known".
render::Paragraph Expand(const ParsedTemplate& parsed, const ValueMap& values);
// As Expand, as plain text (headings, captions, column headers).
std::string ExpandText(const ParsedTemplate& parsed, const ValueMap& values);

// ---- wording helpers

// "1 September 2019" (time::FormatLongDate); "" for a malformed date.
std::string LongDate(std::string_view iso);
// "September 2019" (time::FormatMonthYear); "" for a malformed date.
std::string MonthYear(std::string_view iso);
// 0-12 in words, larger numbers as digits.
std::string NumberWords(long long n);
// "57%" (0 decimals; "0.4%" below 1% but above 0).
std::string Percent(double share);
// The plural category a count selects a template variant by: "none" (0), "one" (1) or "other".
std::string_view CountCategory(long long n);

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_RULES_H_
