// Import and export of organizations and people; see transfer.h.
#include "modules/registry/transfer.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/text.h"
#include "platform/time/clock.h"

namespace bsg::registry {
namespace {

using tabular::CellError;
using tabular::Columns;

const std::vector<tabular::ColumnSpec> kOrganizationColumns = {
    {"name", true}, {"kind", true}, {"country"}, {"member_since"}, {"member_until"}, {"sme_size"}};
const std::vector<tabular::ColumnSpec> kPeopleColumns = {
    {"full_name"}, {"given_name"},   {"family_name"},          {"transliteration"}, {"email"},
    {"country"},   {"organization"}, {"organization_country"}, {"gender"},          {"languages"}};

std::optional<std::string> Opt(std::string_view v) {
  if (v.empty()) return std::nullopt;
  return std::string(v);
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Turns a validation Status into one error per field, naming the file's columns.
void AddFieldErrors(const Status& s, const tabular::Row& row, const Columns& cols,
                    std::vector<CellError>& errors,
                    const std::map<std::string, std::string>& field_to_column = {}) {
  for (const auto& [field, message] : s.fields()) {
    auto mapped = field_to_column.find(field);
    const std::string column = mapped == field_to_column.end() ? field : mapped->second;
    errors.push_back(
        {row.number, cols.HeaderName(column), message, std::string(cols.Get(row, column))});
  }
}

// Matches a country cell; adds an error for an unknown one.
std::optional<std::string> MatchCountry(const CountryMatcher& matcher, const tabular::Row& row,
                                        const Columns& cols, std::string_view column,
                                        std::vector<CellError>& errors) {
  const std::string_view text = cols.Get(row, column);
  if (text.empty()) return std::nullopt;
  auto iso2 = matcher.Match(text);
  if (!iso2) {
    errors.push_back({row.number, cols.HeaderName(column),
                      "unknown country (use an ISO code or the English or French name)",
                      std::string(text)});
  }
  return iso2;
}

struct Checked {
  std::vector<OrganizationDraft> organizations;
  std::vector<PersonDraft> people;
};

Status CheckOrganizations(db::Session& s, const Store& store, const tabular::Table& table,
                          Columns& cols, const ClassIndex& index, ImportReport& report,
                          Checked& out, const tabular::ProgressFn& progress) {
  CountryMatcher matcher(index.countries());
  BSG_ASSIGN_OR_RETURN(auto existing, store.AllOrganizations(s));
  std::set<std::pair<std::string, std::string>> taken;
  for (const auto& o : existing) taken.insert({Fold(o.name), o.country.value_or("")});
  std::map<std::pair<std::string, std::string>, int> in_file;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    const std::size_t before = report.errors.size();
    if (auto e = cols.CheckWidth(row)) report.errors.push_back(*e);
    OrganizationDraft d;
    d.name = std::string(cols.Get(row, "name"));
    d.kind = std::string(cols.Get(row, "kind"));
    d.country = MatchCountry(matcher, row, cols, "country", report.errors);
    d.member_since = Opt(cols.Get(row, "member_since"));
    d.member_until = Opt(cols.Get(row, "member_until"));
    d.sme_size = Opt(cols.Get(row, "sme_size"));
    Status v = ValidateOrganization(d, index);
    if (!v.ok()) {
      Status::Fields fields = v.fields();
      if (report.errors.size() > before) fields.erase("country");  // already reported
      AddFieldErrors(Status::Unprocessable(v.reason(), v.message(), fields), row, cols,
                     report.errors);
    } else if (report.errors.size() == before) {
      const auto key = std::make_pair(d.name_key, d.country.value_or(""));
      if (taken.count(key) > 0) {
        report.errors.push_back({row.number, cols.HeaderName("name"),
                                 "an organization with this name already exists in this country",
                                 d.name});
      } else if (auto it = in_file.find(key); it != in_file.end()) {
        report.errors.push_back({row.number, cols.HeaderName("name"),
                                 "same organization as row " + std::to_string(it->second), d.name});
      } else {
        in_file[key] = row.number;
        out.organizations.push_back(std::move(d));
      }
    }
    if (progress && (i % 1000 == 0 || i + 1 == table.rows.size())) {
      progress(i + 1, table.rows.size() * 2);
    }
  }
  return Status::Ok();
}

Status CheckPeople(db::Session& s, const Store& store, const tabular::Table& table, Columns& cols,
                   const ClassIndex& index, ImportReport& report, Checked& out,
                   const tabular::ProgressFn& progress) {
  CountryMatcher matcher(index.countries());
  BSG_ASSIGN_OR_RETURN(auto emails, store.PeopleByEmail(s));
  BSG_ASSIGN_OR_RETURN(auto organizations, store.AllOrganizations(s));
  std::unordered_map<std::string, std::vector<const Organization*>> by_name;
  for (const auto& o : organizations) by_name[Fold(o.name)].push_back(&o);
  std::unordered_map<std::string, int> file_emails;
  out.people.reserve(table.rows.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    const std::size_t before = report.errors.size();
    if (auto e = cols.CheckWidth(row)) report.errors.push_back(*e);
    PersonDraft d;
    d.full_name = Opt(cols.Get(row, "full_name"));
    d.given_name = Opt(cols.Get(row, "given_name"));
    d.family_name = Opt(cols.Get(row, "family_name"));
    d.transliteration = Opt(cols.Get(row, "transliteration"));
    d.email = Opt(cols.Get(row, "email"));
    d.country = MatchCountry(matcher, row, cols, "country", report.errors);
    const bool bad_country = report.errors.size() > before;
    d.gender = std::string(cols.Get(row, "gender"));
    d.languages = SplitList(cols.Get(row, "languages"));
    const std::string_view org_name = cols.Get(row, "organization");
    if (!org_name.empty()) {
      auto org_country = MatchCountry(matcher, row, cols, "organization_country", report.errors);
      auto it = by_name.find(Fold(org_name));
      std::vector<const Organization*> candidates;
      if (it != by_name.end()) {
        for (const auto* o : it->second) {
          if (!org_country || o->country == org_country) candidates.push_back(o);
        }
      }
      if (candidates.size() == 1) {
        d.organization_id = candidates.front()->id;
      } else if (candidates.empty()) {
        report.errors.push_back({row.number, cols.HeaderName("organization"),
                                 "unknown organization (import organizations first)",
                                 std::string(org_name)});
      } else {
        report.errors.push_back({row.number, cols.HeaderName("organization"),
                                 "several organizations have this name: give "
                                 "organization_country",
                                 std::string(org_name)});
      }
    }
    Status v = ValidatePerson(d, index);
    if (!v.ok()) {
      Status::Fields fields = v.fields();
      if (bad_country) fields.erase("country");
      AddFieldErrors(Status::Unprocessable(v.reason(), v.message(), fields), row, cols,
                     report.errors, {{"name", "full_name"}});
    } else if (d.email) {
      if (auto it = emails.find(*d.email); it != emails.end()) {
        report.errors.push_back({row.number, cols.HeaderName("email"),
                                 "already used by person " + std::to_string(it->second), *d.email});
      } else if (auto f = file_emails.find(*d.email); f != file_emails.end()) {
        report.errors.push_back({row.number, cols.HeaderName("email"),
                                 "same email as row " + std::to_string(f->second), *d.email});
      } else {
        file_emails.emplace(*d.email, row.number);
      }
    }
    if (report.errors.size() == before) out.people.push_back(std::move(d));
    if (progress && (i % 1000 == 0 || i + 1 == table.rows.size())) {
      progress(i + 1, table.rows.size() * 2);
    }
  }
  return Status::Ok();
}

// Checks every row of `table` on session `s`; fills report.errors and `out`.
Status CheckTable(db::Session& s, std::string_view kind, const tabular::Table& table,
                  ImportReport& report, Checked& out, const tabular::ProgressFn& progress) {
  const Store store;
  BSG_ASSIGN_OR_RETURN(auto held_index, store.LoadClassIndex(s));
  const ClassIndex& index = *held_index;
  Columns cols(kind == "people" ? kPeopleColumns : kOrganizationColumns);
  report.errors = cols.Bind(table);
  if (!report.errors.empty()) return Status::Ok();  // a bad header makes every row meaningless
  if (kind == "people") {
    if (!cols.Has("full_name") && !cols.Has("given_name") && !cols.Has("family_name")) {
      report.errors.push_back({table.header_row, "full_name",
                               "required column is missing (full_name, or given_name and "
                               "family_name)",
                               ""});
      return Status::Ok();
    }
    return CheckPeople(s, store, table, cols, index, report, out, progress);
  }
  return CheckOrganizations(s, store, table, cols, index, report, out, progress);
}

std::string JoinLanguages(const std::vector<std::string>& languages) {
  std::string out;
  for (const auto& l : languages) {
    if (!out.empty()) out += ' ';
    out += l;
  }
  return out;
}

}  // namespace

nlohmann::json ToJson(const ImportReport& report) {
  nlohmann::json body = {{"ok", report.ok},
                         {"dry_run", report.dry_run},
                         {"rows", report.rows},
                         {"imported", report.imported}};
  tabular::AddErrorReport(body, report.errors);  // errors, errors_total, errors_summary
  return body;
}

tabular::CellError ReadFailure(const Status& status) {
  int row = 0;
  auto it = status.fields().find("row");
  if (it != status.fields().end()) row = std::atoi(it->second.c_str());
  auto column = status.fields().find("column");  // tabular.bad_text names the cell's column
  auto value = status.fields().find("value");    // tabular.bad_date echoes the cell
  return {row, column != status.fields().end() ? column->second : "", status.message(),
          value != status.fields().end() ? value->second : ""};
}

bool IsRegistryImportKind(std::string_view kind) {
  return kind == "people" || kind == "organizations";
}

Result<ImportReport> ImportTable(db::Database& db, std::string_view kind, std::string_view bytes,
                                 tabular::Format format, bool dry_run, const AuditActor& actor,
                                 const tabular::ProgressFn& progress) {
  ImportReport report;
  report.dry_run = dry_run;
  auto table = tabular::ReadTable(bytes, format, tabular::ImportLimits("registry"));
  if (!table.ok()) {
    if (table.status().code() != ErrorCode::kInvalidArgument) return table.status();
    report.errors.push_back(ReadFailure(table.status()));
    return report;
  }
  report.rows = table->rows.size();
  const std::string kind_text(kind);
  Status st = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        report.errors.clear();
        report.imported = 0;
        Checked checked;
        BSG_RETURN_IF_ERROR(CheckTable(tx, kind, *table, report, checked, progress));
        if (!report.errors.empty() || dry_run) return Status::Ok();
        const Store store;
        const std::string now = time::CurrentTimestamp();
        const std::size_t n = table->rows.size();
        if (kind == "people") {
          BSG_RETURN_IF_ERROR(
              store.BulkInsertPeople(tx, checked.people, now, [&](std::size_t done, std::size_t) {
                if (progress) progress(n + done, 2 * n);
              }));
          report.imported = checked.people.size();
        } else {
          BSG_RETURN_IF_ERROR(store.BulkInsertOrganizations(tx, checked.organizations, now));
          report.imported = checked.organizations.size();
          if (progress) progress(2 * n, 2 * n);
        }
        return RecordAudit(tx, actor, "import", kind_text, "import", std::nullopt,
                           nlohmann::json{{"kind", kind_text},
                                          {"rows", report.imported},
                                          {"format", tabular::FormatName(format)}});
      },
      {.read_only = dry_run});
  if (!st.ok()) return st;
  report.ok = report.errors.empty();
  if (!report.ok) report.imported = 0;
  return report;
}

Status ExportRows(db::Database& db, std::string_view kind, std::vector<std::string>& header,
                  std::vector<std::vector<std::string>>& rows) {
  const Store store;
  return db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        rows.clear();
        BSG_ASSIGN_OR_RETURN(auto organizations, store.AllOrganizations(tx));
        if (kind == "organizations") {
          header = {"name", "kind", "country", "member_since", "member_until", "sme_size"};
          for (const auto& o : organizations) {
            rows.push_back({o.name, o.kind, o.country.value_or(""), o.member_since.value_or(""),
                            o.member_until.value_or(""), o.sme_size.value_or("")});
          }
          return Status::Ok();
        }
        std::unordered_map<std::int64_t, const Organization*> by_id;
        std::unordered_map<std::string, int> name_count;
        for (const auto& o : organizations) {
          by_id[o.id] = &o;
          ++name_count[Fold(o.name)];
        }
        header = {"full_name", "given_name", "family_name",  "transliteration",
                  "email",     "country",    "organization", "organization_country",
                  "gender",    "languages"};
        BSG_ASSIGN_OR_RETURN(auto people, store.ActivePeople(tx));
        rows.reserve(people.size());
        for (const auto& p : people) {
          std::string org;
          std::string org_country;
          if (p.organization_id) {
            const Organization* o = by_id.at(*p.organization_id);
            org = o->name;
            org_country = o->country.value_or("");
          }
          rows.push_back({p.full_name.value_or(""), p.given_name.value_or(""),
                          p.family_name.value_or(""), p.transliteration.value_or(""),
                          p.email.value_or(""), p.country.value_or(""), org, org_country, p.gender,
                          JoinLanguages(p.languages)});
        }
        return Status::Ok();
      },
      {.read_only = true});
}

namespace {
std::mutex& KindsMutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, TransferKind, std::less<>>& Kinds() {
  static auto* kinds = new std::map<std::string, TransferKind, std::less<>>();
  return *kinds;
}
}  // namespace

void RegisterTransferKind(std::string name, TransferKind kind) {
  std::lock_guard<std::mutex> lock(KindsMutex());
  Kinds()[std::move(name)] = std::move(kind);
}

std::optional<TransferKind> FindTransferKind(std::string_view name) {
  std::lock_guard<std::mutex> lock(KindsMutex());
  auto it = Kinds().find(name);
  if (it == Kinds().end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> TransferKindNames() {
  std::lock_guard<std::mutex> lock(KindsMutex());
  std::vector<std::string> out;
  for (const auto& [name, kind] : Kinds()) out.push_back(name);
  return out;
}

void RegisterRegistryTransferKinds() {
  for (std::string kind : {"organizations", "people"}) {
    TransferKind k;
    k.import = [kind](db::Database& db, std::string_view bytes, tabular::Format format,
                      bool dry_run, const AuditActor& actor, const tabular::ProgressFn& progress) {
      return ImportTable(db, kind, bytes, format, dry_run, actor, progress);
    };
    k.export_rows = [kind](db::Database& db, std::vector<std::string>& header,
                           std::vector<std::vector<std::string>>& rows) {
      return ExportRows(db, kind, header, rows);
    };
    RegisterTransferKind(kind, std::move(k));
  }
}

}  // namespace bsg::registry
