// The SQL of the reports module (SQLite and PostgreSQL; `?` placeholders, values always bound).
#include <algorithm>
#include <map>
#include <string>

#include "modules/reports/store.h"

namespace bsg::reports {
namespace {

// ---- report_template_override

constexpr std::string_view kOverrideColumns =
    "SELECT report_key, paragraph_key, language, text, updated_by, updated_at "
    "FROM report_template_override ";
constexpr std::string_view kListOverrides =
    "WHERE report_key = ? AND language = ? ORDER BY paragraph_key";
constexpr std::string_view kFindOverride =
    "WHERE report_key = ? AND paragraph_key = ? AND language = ?";
constexpr std::string_view kPutOverride =
    "INSERT INTO report_template_override "
    "(report_key, paragraph_key, language, text, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (report_key, paragraph_key, language) DO UPDATE SET "
    "text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr std::string_view kRemoveOverride =
    "DELETE FROM report_template_override "
    "WHERE report_key = ? AND paragraph_key = ? AND language = ?";

TemplateOverride OverrideFromRow(const db::Row& r) {
  TemplateOverride o;
  o.report_key = r.Text(0);
  o.paragraph_key = r.Text(1);
  o.language = r.Text(2);
  o.text = r.Text(3);
  o.updated_by = r.OptInt(4);
  o.updated_at = r.Text(5);
  return o;
}

}  // namespace

// ---- TemplateStore

Result<std::vector<TemplateOverride>> TemplateStore::List(db::Session& s,
                                                          std::string_view report_key,
                                                          std::string_view language) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kOverrideColumns).append(kListOverrides),
                                              {report_key, language}));
  std::vector<TemplateOverride> out;
  for (const auto& r : rows) out.push_back(OverrideFromRow(r));
  return out;
}

Result<std::optional<TemplateOverride>> TemplateStore::Find(db::Session& s,
                                                            std::string_view report_key,
                                                            std::string_view paragraph_key,
                                                            std::string_view language) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kOverrideColumns).append(kFindOverride),
                                              {report_key, paragraph_key, language}));
  if (rows.empty()) return std::optional<TemplateOverride>();
  return std::optional<TemplateOverride>(OverrideFromRow(rows.front()));
}

Status TemplateStore::Put(db::Session& s, const TemplateOverride& o) const {
  return s
      .Exec(kPutOverride,
            {o.report_key, o.paragraph_key, o.language, o.text, o.updated_by, o.updated_at})
      .status();
}

Status TemplateStore::Remove(db::Session& s, std::string_view report_key,
                             std::string_view paragraph_key, std::string_view language) const {
  return s.Exec(kRemoveOverride, {report_key, paragraph_key, language}).status();
}

Status RefreshPlannerStatistics(db::Database& db) {
  return db.Exec(db.kind() == db::Kind::kPostgres ? "VACUUM ANALYZE" : "ANALYZE").status();
}

}  // namespace bsg::reports
