#include "modules/reports/model.h"

#include <algorithm>

namespace bsg::reports {
namespace {

constexpr std::pair<Format, std::string_view> kFormats[] = {
    {Format::kJson, "json"}, {Format::kHtml, "html"}, {Format::kPdf, "pdf"},
    {Format::kCsv, "csv"},   {Format::kSvg, "svg"},   {Format::kPng, "png"}};

template <typename Part>
std::vector<PartRef> Numbered(const std::map<const Part*, int>& numbers) {
  std::vector<PartRef> out;
  for (const auto& [part, number] : numbers) out.push_back({number, part->id, part->caption});
  std::sort(out.begin(), out.end(),
            [](const PartRef& a, const PartRef& b) { return a.number < b.number; });
  return out;
}

}  // namespace

bool IsLanguage(std::string_view language) {
  for (auto l : kLanguages) {
    if (l == language) return true;
  }
  return false;
}

std::string_view FormatName(Format f) {
  for (const auto& [format, name] : kFormats) {
    if (format == f) return name;
  }
  return "json";
}

std::optional<Format> ParseFormat(std::string_view s) {
  for (const auto& [format, name] : kFormats) {
    if (name == s) return format;
  }
  return std::nullopt;
}

std::string_view ValueKindName(ValueKind k) {
  switch (k) {
    case ValueKind::kCount:
      return "count";
    case ValueKind::kShare:
      return "share";
    case ValueKind::kText:
      return "text";
    case ValueKind::kDate:
      return "date";
  }
  return "count";
}

std::vector<PartRef> Tables(const Report& report) {
  return Numbered(render::BuildOutline(report.document).table_numbers);
}

std::vector<PartRef> Figures(const Report& report) {
  return Numbered(render::BuildOutline(report.document).figure_numbers);
}

}  // namespace bsg::reports
