// Window checks, the template language and the wording of values; see rules.h.
#include "modules/reports/rules.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "platform/render/chart.h"
#include "platform/time/date.h"
#include "platform/time/names.h"

namespace bsg::reports {
namespace {

constexpr char kNotKnown[] = "not known";

bool IsKeyChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

bool IsFilterChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

Status SyntaxError(const std::string& why) {
  return Status::Unprocessable("reports.template_syntax", "the template is malformed: " + why,
                               {{"text", why}});
}

// Which kinds each filter applies to.
bool FilterFits(std::string_view filter, ValueKind kind) {
  const bool number = kind == ValueKind::kCount || kind == ValueKind::kShare;
  if (filter == "cap" || filter == "lower") return true;
  if (filter == "number" || filter == "words") return number;
  if (filter == "percent") return kind == ValueKind::kShare;
  if (filter.starts_with("floor") || filter.starts_with("over")) return kind == ValueKind::kCount;
  if (filter == "date" || filter == "month_year" || filter == "year" || filter == "iso") {
    return kind == ValueKind::kDate;
  }
  return false;
}

bool IsFilter(std::string_view f) {
  for (const auto& name : FilterNames()) {
    if (name == f) return true;
  }
  return false;
}

long long RoundingStep(std::string_view filter) {
  const std::string_view digits = filter.starts_with("floor") ? filter.substr(5) : filter.substr(4);
  if (digits == "10") return 10;
  if (digits == "100") return 100;
  return 1000;
}

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string DefaultDisplay(const LiveValue& v) {
  switch (v.kind) {
    case ValueKind::kCount:
      return v.number ? render::FormatNumber(*v.number, 0) : kNotKnown;
    case ValueKind::kShare:
      return v.number ? Percent(*v.number) : kNotKnown;
    case ValueKind::kDate:
      return v.text ? LongDate(*v.text) : kNotKnown;
    case ValueKind::kText:
      return v.text ? *v.text : kNotKnown;
  }
  return kNotKnown;
}

}  // namespace

Status ValidateWindow(const Window& w) {
  Status::Fields bad;
  if (!time::IsIsoDate(w.since)) bad["since"] = "must be a date (YYYY-MM-DD)";
  if (!time::IsIsoDate(w.until)) bad["until"] = "must be a date (YYYY-MM-DD)";
  if (!bad.empty()) {
    return Status::InvalidArgument("reports.bad_window", "the report window is not valid", bad);
  }
  if (w.until < w.since) {
    return Status::Unprocessable("reports.bad_window", "until must not be before since",
                                 {{"until", "must not be before since"}});
  }
  return Status::Ok();
}

int LastFullYear(std::string_view until) {
  const auto d = time::Date::Parse(until);
  if (!d) return 0;
  return (d->month == 12 && d->day == 31) ? d->year : d->year - 1;
}

std::string_view WindowBasisName(WindowBasis b) {
  switch (b) {
    case WindowBasis::kRequested:
      return "requested";
    case WindowBasis::kRecentActivity:
      return "recent_activity";
    case WindowBasis::kLatestHeldEvent:
      return "latest_held_event";
    case WindowBasis::kNoHeldEvents:
      return "no_held_events";
  }
  return "requested";
}

Result<SuggestedWindow> SuggestWindow(std::string_view today,
                                      const std::optional<std::string>& latest_held_end) {
  SuggestedWindow out;
  out.latest_held_end = latest_held_end;
  BSG_ASSIGN_OR_RETURN(const std::string recent_since, time::AddDays(today, -kDefaultWindowDays));
  if (!latest_held_end) {
    out.basis = WindowBasis::kNoHeldEvents;
    out.window = {recent_since, std::string(today)};
  } else if (*latest_held_end >= recent_since) {
    out.basis = WindowBasis::kRecentActivity;
    out.window = {recent_since, std::string(today)};
  } else {
    out.basis = WindowBasis::kLatestHeldEvent;
    BSG_ASSIGN_OR_RETURN(std::string since, time::AddDays(*latest_held_end, -kDefaultWindowDays));
    out.window = {std::move(since), *latest_held_end};
  }
  return out;
}

Result<ParsedTemplate> ParseTemplate(std::string_view text) {
  ParsedTemplate out;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) {
      out.parts.push_back({literal, std::nullopt});
      literal.clear();
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        literal += '}';
        ++i;
        continue;
      }
      return SyntaxError("a '}' without its '{' (write }} for a literal brace)");
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) {
      return SyntaxError("a '{' without its '}' (write {{ for a literal brace)");
    }
    const std::string_view inside = text.substr(i + 1, close - i - 1);
    Placeholder p;
    std::size_t start = 0;
    bool first = true;
    while (true) {
      const std::size_t bar = inside.find('|', start);
      std::string_view piece = inside.substr(
          start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
      while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
      while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
      if (piece.empty()) {
        return SyntaxError(first ? "an empty placeholder {}"
                                 : "an empty filter in {" + std::string(inside) + "}");
      }
      for (char ch : piece) {
        if (first ? !IsKeyChar(ch) : !IsFilterChar(ch)) {
          return SyntaxError("a malformed placeholder {" + std::string(inside) + "}");
        }
      }
      if (first) {
        p.key = std::string(piece);
      } else {
        p.filters.emplace_back(piece);
      }
      first = false;
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    flush();
    out.parts.push_back({"", std::move(p)});
    i = close;
  }
  flush();
  return out;
}

const std::vector<std::string>& FilterNames() {
  static const auto* names = new std::vector<std::string>{
      "number",  "floor10", "floor100",   "floor1000", "over10", "over100", "over1000", "words",
      "percent", "date",    "month_year", "year",      "iso",    "cap",     "lower"};
  return *names;
}

Status CheckTemplate(std::string_view text, const std::map<std::string, ValueKind>& allowed) {
  if (text.empty() || text.size() > kMaxTemplateLength) {
    return Status::Unprocessable(
        "reports.template_too_long",
        "a template must hold 1 to " + std::to_string(kMaxTemplateLength) + " bytes",
        {{"text", "must hold 1 to " + std::to_string(kMaxTemplateLength) + " bytes"}});
  }
  BSG_ASSIGN_OR_RETURN(ParsedTemplate parsed, ParseTemplate(text));
  std::set<std::string> unknown_keys, unknown_filters, mismatched;
  for (const auto& part : parsed.parts) {
    if (!part.placeholder) continue;
    const Placeholder& p = *part.placeholder;
    auto it = allowed.find(p.key);
    if (it == allowed.end()) unknown_keys.insert("{" + p.key + "}");
    for (const std::string& f : p.filters) {
      if (!IsFilter(f)) {
        unknown_filters.insert(f);
      } else if (it != allowed.end() && !FilterFits(f, it->second)) {
        mismatched.insert(f + " on {" + p.key + "} (" + std::string(ValueKindName(it->second)) +
                          ")");
      }
    }
  }
  auto join = [](const std::set<std::string>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
    return s;
  };
  if (!unknown_keys.empty()) {
    const std::string list = join(unknown_keys);
    return Status::Unprocessable("reports.unknown_placeholder", "unknown placeholders: " + list,
                                 {{"text", "unknown placeholders: " + list}});
  }
  if (!unknown_filters.empty()) {
    const std::string list = join(unknown_filters);
    return Status::Unprocessable("reports.unknown_filter", "unknown filters: " + list,
                                 {{"text", "unknown filters: " + list}});
  }
  if (!mismatched.empty()) {
    const std::string list = join(mismatched);
    return Status::Unprocessable("reports.filter_mismatch",
                                 "filters that do not fit their value: " + list,
                                 {{"text", "filters that do not fit their value: " + list}});
  }
  return Status::Ok();
}

std::string Display(const LiveValue& value, const std::vector<std::string>& filters) {
  if (value.missing()) {
    for (const auto& f : filters) {
      if (f == "cap") return Capitalize(kNotKnown);
    }
    return kNotKnown;
  }
  std::optional<double> number = value.number;
  std::string shown = DefaultDisplay(value);
  for (const std::string& f : filters) {
    if (!FilterFits(f, value.kind)) continue;
    if (f == "cap") {
      shown = Capitalize(shown);
    } else if (f == "lower") {
      for (char& c : shown) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (f == "number" && number) {
      shown = render::FormatNumber(*number, value.kind == ValueKind::kShare ? 2 : 0);
    } else if (f == "words" && number) {
      shown = NumberWords(std::llround(*number));
    } else if (f == "percent" && number) {
      shown = Percent(*number);
    } else if (f.starts_with("floor") && number) {
      const long long step = RoundingStep(f);
      const long long n = std::llround(*number);
      number = static_cast<double>(n - n % step);
      shown = render::FormatNumber(*number, 0);
    } else if (f.starts_with("over") && number) {
      const long long step = RoundingStep(f);
      const long long n = std::llround(*number);
      if (n > step && n % step != 0) {
        shown = "over " + render::FormatNumber(static_cast<double>(n - n % step), 0);
      } else {
        shown = render::FormatNumber(static_cast<double>(n), 0);
      }
    } else if (f == "date" && value.text) {
      shown = LongDate(*value.text);
    } else if (f == "month_year" && value.text) {
      shown = MonthYear(*value.text);
    } else if (f == "year" && value.text) {
      shown = value.text->substr(0, 4);
    } else if (f == "iso" && value.text) {
      shown = *value.text;
    }
  }
  return shown;
}

render::Paragraph Expand(const ParsedTemplate& parsed, const ValueMap& values) {
  render::Paragraph out;
  for (const auto& part : parsed.parts) {
    if (!part.placeholder) {
      if (!out.runs.empty() && out.runs.back().provenance.empty()) {
        out.runs.back().text += part.literal;
      } else {
        out.runs.push_back(render::TextRun{part.literal});
      }
      continue;
    }
    const Placeholder& p = *part.placeholder;
    auto it = values.find(p.key);
    LiveValue missing;
    missing.key = p.key;
    const LiveValue& v = it == values.end() ? missing : it->second;
    render::TextRun run{Display(v, p.filters), v.provenance};
    if (run.provenance.empty() && !out.runs.empty() && out.runs.back().provenance.empty()) {
      out.runs.back().text += run.text;
    } else {
      out.runs.push_back(std::move(run));
    }
  }
  return out;
}

std::string ExpandText(const ParsedTemplate& parsed, const ValueMap& values) {
  return render::PlainText(Expand(parsed, values));
}

std::string LongDate(std::string_view iso) {
  const auto d = time::Date::Parse(iso);
  return d ? time::FormatLongDate(*d) : "";
}

std::string MonthYear(std::string_view iso) {
  const auto d = time::Date::Parse(iso);
  return d ? time::FormatMonthYear(*d) : "";
}

std::string NumberWords(long long n) {
  static constexpr const char* kWords[] = {"zero", "one",    "two",   "three", "four",
                                           "five", "six",    "seven", "eight", "nine",
                                           "ten",  "eleven", "twelve"};
  if (n >= 0 && n <= 12) return kWords[n];
  return render::FormatNumber(static_cast<double>(n), 0);
}

std::string Percent(double share) {
  const double pct = share * 100.0;
  if (pct > 0 && pct < 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", pct);
    return buf;
  }
  return render::FormatNumber(std::round(pct), 0) + "%";
}

std::string_view CountCategory(long long n) {
  if (n == 0) return "none";
  if (n == 1) return "one";
  return "other";
}

}  // namespace bsg::reports
