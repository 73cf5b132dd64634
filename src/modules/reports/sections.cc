// The provider registry, the template catalogue and the report context; see sections.h.
#include "modules/reports/sections.h"

#include <algorithm>
#include <mutex>

#include "platform/log.h"

namespace bsg::reports {
namespace {

std::mutex& RegistryMutex() {
  static auto* m = new std::mutex();
  return *m;
}

// Providers registered by other modules (the built-in ones are added on first use).
std::vector<SectionProvider>& Registered() {
  static auto* v = new std::vector<SectionProvider>();
  return *v;
}

const ParsedTemplate& EmptyTemplate() {
  static const auto* t = new ParsedTemplate();
  return *t;
}

}  // namespace

TemplateSet::TemplateSet(const std::vector<TemplateSpec>& specs,
                         const std::map<std::string, std::string>& overrides) {
  for (const TemplateSpec& spec : specs) {
    if (auto o = overrides.find(spec.key); o != overrides.end()) {
      auto parsed = ParseTemplate(o->second);
      if (parsed.ok()) {
        parsed_[spec.key] = std::move(parsed).value();
        continue;
      }
      log::App()->warn("reports: override of {} no longer parses; the default applies", spec.key);
    }
    auto parsed = ParseTemplate(spec.text);
    if (!parsed.ok()) {
      log::App()->error("reports: default template {} does not parse: {}", spec.key,
                        parsed.status().message());
      continue;
    }
    parsed_[spec.key] = std::move(parsed).value();
  }
}

bool TemplateSet::Has(std::string_view key) const { return parsed_.find(key) != parsed_.end(); }

const ParsedTemplate& TemplateSet::Get(std::string_view key) const {
  auto it = parsed_.find(key);
  if (it == parsed_.end()) {
    log::App()->error("reports: no template {}", key);
    return EmptyTemplate();
  }
  return it->second;
}

void ReportContext::SetCount(const std::string& key, std::int64_t n,
                             const std::string& provenance) {
  LiveValue v;
  v.key = key;
  v.kind = ValueKind::kCount;
  v.number = static_cast<double>(n);
  v.provenance = provenance;
  Set(std::move(v));
}

void ReportContext::SetShare(const std::string& key, std::optional<double> share,
                             const std::string& provenance) {
  LiveValue v;
  v.key = key;
  v.kind = ValueKind::kShare;
  v.number = share;
  v.provenance = provenance;
  Set(std::move(v));
}

void ReportContext::SetText(const std::string& key, std::optional<std::string> text,
                            const std::string& provenance) {
  LiveValue v;
  v.key = key;
  v.kind = ValueKind::kText;
  v.text = std::move(text);
  v.provenance = provenance;
  Set(std::move(v));
}

LiveValue ReportContext::Get(const std::string& key) const {
  auto it = values_.find(key);
  if (it != values_.end()) return it->second;
  LiveValue v;
  v.key = key;
  return v;
}

std::int64_t ReportContext::CountOf(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end() || !it->second.number) return 0;
  return static_cast<std::int64_t>(*it->second.number);
}

std::string ReportContext::Provenance(const std::string& what) const {
  return what + "; counted " + as_of_;
}

render::Paragraph ReportContext::Paragraph(std::string_view key) const {
  return Expand(templates_.Get(key), values_);
}

std::string ReportContext::Text(std::string_view key) const {
  return ExpandText(templates_.Get(key), values_);
}

std::string ReportContext::Variant(std::string_view base, long long n) const {
  std::string key = std::string(base) + "." + std::string(CountCategory(n));
  if (templates_.Has(key)) return key;
  return std::string(base) + ".other";
}

void RegisterSectionProvider(SectionProvider provider) {
  std::lock_guard<std::mutex> lock(RegistryMutex());
  auto& list = Registered();
  for (auto& p : list) {
    if (p.key == provider.key) {
      p = std::move(provider);
      return;
    }
  }
  list.push_back(std::move(provider));
}

std::vector<SectionProvider> SectionProviders() {
  std::vector<SectionProvider> out = BuiltinSectionProviders();
  {
    std::lock_guard<std::mutex> lock(RegistryMutex());
    for (const auto& p : Registered()) {
      auto same = std::find_if(out.begin(), out.end(),
                               [&](const SectionProvider& b) { return b.key == p.key; });
      if (same != out.end()) {
        *same = p;
      } else {
        out.push_back(p);
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const SectionProvider& a, const SectionProvider& b) {
    if (a.programme != b.programme) return a.programme < b.programme;
    if (a.order != b.order) return a.order < b.order;
    return a.key < b.key;
  });
  return out;
}

const std::vector<ValueSpec>& CommonValues() {
  static const auto* values = new std::vector<ValueSpec>{
      {"since", ValueKind::kDate, "the first day of the report window"},
      {"until", ValueKind::kDate, "the last day of the report window"},
      {"report.generated", ValueKind::kDate, "the day the report was counted"},
  };
  return *values;
}

std::vector<CatalogueEntry> TemplateCatalogue() {
  std::vector<CatalogueEntry> out;
  for (const SectionProvider& p : SectionProviders()) {
    std::map<std::string, ValueKind> allowed;
    for (const ValueSpec& v : CommonValues()) allowed[v.key] = v.kind;
    for (const ValueSpec& v : p.values) allowed[v.key] = v.kind;
    for (const TemplateSpec& t : p.templates) out.push_back({t, allowed});
  }
  return out;
}

std::optional<CatalogueEntry> FindTemplate(std::string_view key) {
  for (auto& entry : TemplateCatalogue()) {
    if (entry.spec.key == key) return entry;
  }
  return std::nullopt;
}

}  // namespace bsg::reports
