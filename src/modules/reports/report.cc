// Building the progress report and editing its wording; see report.h.
#include "modules/reports/report.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "modules/events/aggregates.h"
#include "modules/mandates/store.h"
#include "modules/reports/output.h"
#include "modules/reports/rules.h"
#include "modules/reports/store.h"
#include "platform/log.h"
#include "platform/render/world_map.h"
#include "platform/time/clock.h"

namespace bsg::reports {
namespace {

Status CheckLanguage(const std::string& language) {
  if (IsLanguage(language)) return Status::Ok();
  return Status::InvalidArgument("reports.bad_language",
                                 "the language must be one of ar, en, es, fr, ru, zh",
                                 {{"language", "must be one of ar, en, es, fr, ru, zh"}});
}

std::vector<TemplateSpec> AllSpecs(const std::vector<SectionProvider>& providers) {
  std::vector<TemplateSpec> specs;
  for (const auto& p : providers) specs.insert(specs.end(), p.templates.begin(), p.templates.end());
  return specs;
}

LiveValue DateValue(std::string key, std::string date) {
  LiveValue v;
  v.key = std::move(key);
  v.kind = ValueKind::kDate;
  v.text = std::move(date);
  return v;
}

std::string TemplateRecordId(const std::string& key, const std::string& language) {
  return std::string(kProgressReport) + "/" + key + "/" + language;
}

}  // namespace

Result<Report> BuildProgressReport(db::Database& db, const BuildOptions& options) {
  BSG_RETURN_IF_ERROR(ValidateWindow(options.window));
  BSG_RETURN_IF_ERROR(CheckLanguage(options.language));
  const std::vector<SectionProvider> providers = SectionProviders();
  const std::vector<TemplateSpec> specs = AllSpecs(providers);
  const std::string data_dir =
      options.data_dir.empty() ? render::DefaultDataDir() : options.data_dir;
  std::size_t buildable = 0;
  for (const auto& p : providers) buildable += p.build ? 1 : 0;

  Report report;
  report.window = options.window;
  report.language = options.language;
  Status s = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        report.generated_at = time::CurrentTimestamp();
        report.values.clear();
        report.document = render::Document();
        std::map<std::string, std::string> overrides;
        BSG_ASSIGN_OR_RETURN(auto stored,
                             TemplateStore().List(tx, kProgressReport, options.language));
        for (const auto& o : stored) overrides[o.paragraph_key] = o.text;
        const TemplateSet templates(specs, overrides);
        ReportContext ctx(tx, options.window, options.language, report.generated_at, data_dir,
                          templates, report.values);
        ctx.Set(DateValue("since", options.window.since));
        ctx.Set(DateValue("until", options.window.until));
        ctx.Set(DateValue("report.generated", report.generated_at.substr(0, 10)));

        render::Document& doc = report.document;
        doc.language = options.language;
        doc.direction =
            options.language == "ar" ? render::Direction::kRtl : render::Direction::kLtr;
        doc.title = ctx.Text("report.title");
        doc.subtitle = ctx.Text("report.subtitle");
        doc.meta = {ctx.Text("report.meta")};
        doc.labels.table = ctx.Text("labels.table");
        doc.labels.figure = ctx.Text("labels.figure");
        doc.labels.continued = ctx.Text("labels.continued");
        doc.labels.sources = ctx.Text("labels.sources");
        doc.labels.sources_intro = ctx.Text("labels.sources_intro");
        doc.labels.contents = ctx.Text("labels.contents");

        std::map<int, std::vector<render::Section>> items;
        std::size_t done = 0;
        for (const SectionProvider& p : providers) {
          if (!p.build) continue;
          BSG_ASSIGN_OR_RETURN(std::optional<render::Section> section, p.build(ctx));
          if (section) items[p.programme].push_back(std::move(*section));
          ++done;
          if (options.progress) {
            options.progress(static_cast<double>(done) / static_cast<double>(buildable));
          }
        }
        for (auto& section : items[0]) {
          section.numbered = false;
          doc.sections.push_back(std::move(section));
        }
        BSG_ASSIGN_OR_RETURN(auto programmes, mandates::Store().Programmes(tx));
        std::set<int> known;
        for (const auto& programme : programmes) {
          const int number = static_cast<int>(programme.number);
          known.insert(number);
          auto it = items.find(number);
          if (it == items.end() || it->second.empty()) continue;
          ctx.SetText("programme.number", std::to_string(number));
          ctx.SetText("programme.title", programme.title);
          render::Section heading;
          heading.id = "programme-" + std::to_string(number);
          heading.title = ctx.Text("report.programme");
          heading.numbered = false;
          heading.subsections = std::move(it->second);
          doc.sections.push_back(std::move(heading));
        }
        ctx.Unset("programme.number");
        ctx.Unset("programme.title");
        for (const auto& [number, sections] : items) {
          if (number > 0 && !known.count(number) && !sections.empty()) {
            log::App()->warn("reports: sections for programme {} left out: no such programme",
                             number);
          }
        }
        return Status::Ok();
      },
      {.read_only = true});
  if (!s.ok()) return s;
  return report;
}

Result<SuggestedWindow> SuggestDashboardWindow(db::Database& db, const std::string& today) {
  std::optional<std::string> latest;
  Status s = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        BSG_ASSIGN_OR_RETURN(latest, events::Aggregates().LatestHeldEventEnd(tx, today));
        return Status::Ok();
      },
      {.read_only = true});
  if (!s.ok()) return s;
  return SuggestWindow(today, latest);
}

Result<std::vector<TemplateView>> ListTemplates(db::Database& db, const std::string& language) {
  BSG_RETURN_IF_ERROR(CheckLanguage(language));
  std::vector<TemplateView> out;
  Status s = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        out.clear();
        BSG_ASSIGN_OR_RETURN(auto stored, TemplateStore().List(tx, kProgressReport, language));
        std::map<std::string, TemplateOverride> by_key;
        for (auto& o : stored) by_key[o.paragraph_key] = std::move(o);
        for (auto& entry : TemplateCatalogue()) {
          TemplateView v;
          v.text = entry.spec.text;
          if (auto it = by_key.find(entry.spec.key); it != by_key.end()) {
            v.override = it->second;
            v.text = it->second.text;
          }
          v.entry = std::move(entry);
          out.push_back(std::move(v));
        }
        return Status::Ok();
      },
      {.read_only = true});
  if (!s.ok()) return s;
  return out;
}

Status UpdateTemplates(db::Database& db, const AuditActor& actor,
                       std::optional<std::int64_t> user_id, const std::string& language,
                       const std::vector<TemplateChange>& changes) {
  BSG_RETURN_IF_ERROR(CheckLanguage(language));
  if (changes.empty()) {
    return Status::Unprocessable("reports.no_changes", "no template changes were given",
                                 {{"templates", "must hold at least one change"}});
  }
  std::vector<std::string> unknown;
  std::vector<CatalogueEntry> entries;
  std::set<std::string> seen;
  for (const auto& c : changes) {
    auto entry = FindTemplate(c.key);
    if (!entry) {
      unknown.push_back(c.key);
      continue;
    }
    if (!seen.insert(c.key).second) {
      return Status::Unprocessable("reports.duplicate_template",
                                   "template " + c.key + " is changed twice",
                                   {{"templates." + c.key, "is changed twice"}});
    }
    entries.push_back(std::move(*entry));
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& k : unknown) list += (list.empty() ? "" : ", ") + k;
    return Status::Unprocessable("reports.unknown_template", "unknown templates: " + list,
                                 {{"key", "unknown templates: " + list}});
  }
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!changes[i].text) continue;
    Status check = CheckTemplate(*changes[i].text, entries[i].allowed);
    if (!check.ok()) {
      Status::Fields fields;
      for (const auto& [field, why] : check.fields()) fields["templates." + changes[i].key] = why;
      return Status(check.code(), check.reason(), changes[i].key + ": " + check.message(), fields);
    }
  }
  const TemplateStore store;
  return db.InTransaction([&](db::Transaction& tx) -> Status {
    const std::string now = time::CurrentTimestamp();
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const TemplateChange& c = changes[i];
      BSG_ASSIGN_OR_RETURN(auto before, store.Find(tx, kProgressReport, c.key, language));
      const std::string before_text = before ? before->text : entries[i].spec.text;
      const bool reset = !c.text || *c.text == entries[i].spec.text;
      if (reset) {
        if (!before) continue;  // already the default
        BSG_RETURN_IF_ERROR(store.Remove(tx, kProgressReport, c.key, language));
      } else {
        if (before && before->text == *c.text) continue;
        TemplateOverride o;
        o.report_key = std::string(kProgressReport);
        o.paragraph_key = c.key;
        o.language = language;
        o.text = *c.text;
        o.updated_by = user_id;
        o.updated_at = now;
        BSG_RETURN_IF_ERROR(store.Put(tx, o));
      }
      const std::string after_text = reset ? entries[i].spec.text : *c.text;
      BSG_RETURN_IF_ERROR(
          RecordAudit(tx, actor, "report_template", TemplateRecordId(c.key, language),
                      reset ? "reset" : "update",
                      nlohmann::json{{"text", before_text}, {"overridden", before.has_value()}},
                      nlohmann::json{{"text", after_text}, {"overridden", !reset}}));
    }
    return Status::Ok();
  });
}

}  // namespace bsg::reports
