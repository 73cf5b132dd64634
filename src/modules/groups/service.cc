// Groups use cases; see service.h.
#include "modules/groups/service.h"

#include <chrono>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "modules/groups/rules.h"
#include "modules/groups/store.h"
#include "modules/identity/crypto.h"
#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/tabular/table.h"

namespace bsg::groups {
namespace {

using tabular::CellError;

std::string Now() { return identity::FormatTimestamp(std::chrono::system_clock::now()); }

const std::vector<tabular::ColumnSpec> kPositionColumns = {
    {"period", true}, {"group", true}, {"role", true},  {"start_date", true}, {"end_date"},
    {"person_email"}, {"person_id"},   {"person_name"}, {"country"},          {"note"}};

std::optional<std::string> Opt(std::string_view v) {
  if (v.empty()) return std::nullopt;
  return std::string(v);
}

Result<registry::ImportReport> ImportPositions(db::Database& db, std::string_view bytes,
                                               tabular::Format format, bool dry_run,
                                               const identity::AuditActor& actor,
                                               const tabular::ProgressFn& progress) {
  registry::ImportReport report;
  report.dry_run = dry_run;
  auto table = tabular::ReadTable(bytes, format);
  if (!table.ok()) {
    if (table.status().code() != ErrorCode::kInvalidArgument) return table.status();
    report.errors.push_back(registry::ReadFailure(table.status()));
    return report;
  }
  report.rows = table->rows.size();
  const Store store;
  const registry::Store people;
  Status st = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        report.errors.clear();
        tabular::Columns cols(kPositionColumns);
        report.errors = cols.Bind(*table);
        if (!report.errors.empty()) return Status::Ok();
        BSG_ASSIGN_OR_RETURN(registry::ClassIndex index, people.LoadClassIndex(tx));
        registry::CountryMatcher matcher(index.countries());
        BSG_ASSIGN_OR_RETURN(auto emails, people.PeopleByEmail(tx));
        BSG_ASSIGN_OR_RETURN(auto groups, store.ListGroups(tx, std::nullopt, std::nullopt));
        std::map<std::pair<std::string, std::string>, std::int64_t> group_ids;
        for (const auto& g : groups) group_ids[{g.period, g.code}] = g.id;
        BSG_ASSIGN_OR_RETURN(auto existing, store.AllPositions(tx));
        std::set<std::tuple<std::int64_t, std::int64_t, std::string, std::string>> taken;
        for (const auto& p : existing)
          taken.insert({p.group_id, p.person_id, p.role, p.start_date});
        std::vector<std::int64_t> ids;
        for (const auto& row : table->rows) {
          auto id_text = cols.Get(row, "person_id");
          if (!id_text.empty()) ids.push_back(std::atoll(std::string(id_text).c_str()));
        }
        BSG_ASSIGN_OR_RETURN(auto known_ids, people.PeopleBrief(tx, ids));
        std::vector<PositionDraft> drafts;
        for (std::size_t i = 0; i < table->rows.size(); ++i) {
          const auto& row = table->rows[i];
          const std::size_t before = report.errors.size();
          if (auto e = cols.CheckWidth(row)) report.errors.push_back(*e);
          PositionDraft d;
          const std::string period(cols.Get(row, "period"));
          const std::string code(cols.Get(row, "group"));
          auto g = group_ids.find({period, code});
          if (g == group_ids.end()) {
            report.errors.push_back({row.number, cols.HeaderName("group"),
                                     "no such group in study period " + period, code});
          } else {
            d.group_id = g->second;
          }
          const std::string email = registry::Fold(cols.Get(row, "person_email"));
          const std::string id_text(cols.Get(row, "person_id"));
          if (!email.empty()) {
            auto e = emails.find(email);
            if (e == emails.end()) {
              report.errors.push_back(
                  {row.number, cols.HeaderName("person_email"), "no person has this email", email});
            } else {
              d.person_id = e->second;
            }
          } else if (!id_text.empty()) {
            const std::int64_t id = std::atoll(id_text.c_str());
            if (known_ids.count(id) == 0) {
              report.errors.push_back(
                  {row.number, cols.HeaderName("person_id"), "no person has this id", id_text});
            } else {
              d.person_id = id;
            }
          } else {
            report.errors.push_back({row.number, cols.HeaderName("person_email"),
                                     "give person_email or person_id", ""});
          }
          d.role = std::string(cols.Get(row, "role"));
          d.start_date = std::string(cols.Get(row, "start_date"));
          d.end_date = Opt(cols.Get(row, "end_date"));
          d.note = std::string(cols.Get(row, "note"));
          const std::string_view country = cols.Get(row, "country");
          if (!country.empty()) {
            d.country = matcher.Match(country);
            if (!d.country) {
              report.errors.push_back({row.number, cols.HeaderName("country"),
                                       "unknown country (use an ISO code or the English or "
                                       "French name)",
                                       std::string(country)});
            }
          }
          if (report.errors.size() == before) {
            Status v = ValidatePosition(d, index);
            for (const auto& [field, message] : v.fields()) {
              report.errors.push_back(
                  {row.number, cols.HeaderName(field), message, std::string(cols.Get(row, field))});
            }
          }
          if (report.errors.size() == before) {
            auto key = std::make_tuple(d.group_id, d.person_id, d.role, d.start_date);
            if (!taken.insert(key).second) {
              report.errors.push_back({row.number, cols.HeaderName("start_date"),
                                       "this person already holds this role in this group from "
                                       "that date",
                                       d.start_date});
            } else {
              drafts.push_back(std::move(d));
            }
          }
          if (progress && (i % 1000 == 0 || i + 1 == table->rows.size())) {
            progress(i + 1, table->rows.size());
          }
        }
        if (!report.errors.empty() || dry_run) return Status::Ok();
        BSG_RETURN_IF_ERROR(store.BulkInsertPositions(tx, drafts, Now()));
        report.imported = drafts.size();
        return identity::RecordAudit(tx, actor, "import", "positions", "import", std::nullopt,
                                     nlohmann::json{{"kind", "positions"},
                                                    {"rows", report.imported},
                                                    {"format", tabular::FormatName(format)}});
      },
      {.read_only = dry_run});
  if (!st.ok()) return st;
  report.ok = report.errors.empty();
  if (!report.ok) report.imported = 0;
  return report;
}

Status ExportPositions(db::Database& db, std::vector<std::string>& header,
                       std::vector<std::vector<std::string>>& rows) {
  const Store store;
  const registry::Store people;
  return db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        rows.clear();
        header = {"period",       "group",     "role",        "start_date", "end_date",
                  "person_email", "person_id", "person_name", "country",    "note"};
        BSG_ASSIGN_OR_RETURN(auto positions, store.AllPositions(tx));
        std::vector<std::int64_t> ids;
        for (const auto& p : positions) ids.push_back(p.person_id);
        BSG_ASSIGN_OR_RETURN(auto brief, people.PeopleBrief(tx, ids));
        BSG_ASSIGN_OR_RETURN(auto emails, people.PeopleByEmail(tx));
        std::unordered_map<std::int64_t, std::string> email_of;
        for (const auto& [email, id] : emails) email_of[id] = email;
        for (const auto& p : positions) {
          auto b = brief.find(p.person_id);
          rows.push_back({p.period, p.group_code, p.role, p.start_date, p.end_date.value_or(""),
                          email_of.count(p.person_id) ? email_of[p.person_id] : "",
                          std::to_string(p.person_id),
                          b == brief.end() ? "" : b->second.display_name, p.country.value_or(""),
                          p.note});
        }
        return Status::Ok();
      },
      {.read_only = true});
}

}  // namespace

Result<PeriodRepresentation> RepresentationFor(db::Session& s, const std::string& period) {
  const Store store;
  const registry::Store people;
  BSG_ASSIGN_OR_RETURN(StudyPeriod p, store.PeriodByCode(s, period));
  BSG_ASSIGN_OR_RETURN(auto rows, store.Seats(s, p.id));
  std::vector<std::int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.person_id);
  BSG_ASSIGN_OR_RETURN(auto brief, people.PeopleBrief(s, ids));
  BSG_ASSIGN_OR_RETURN(registry::ClassIndex index, people.LoadClassIndex(s));
  std::vector<Seat> seats;
  seats.reserve(rows.size());
  for (const auto& r : rows) {
    Seat seat;
    seat.role = r.role;
    seat.group_kind = r.group_kind;
    seat.start_date = r.start_date;
    seat.country = r.country;
    auto b = brief.find(r.person_id);
    if (b != brief.end()) {
      if (!seat.country) seat.country = b->second.country;
      seat.gender = b->second.gender;
    }
    seats.push_back(std::move(seat));
  }
  return Represent(p, seats, index);
}

void RegisterGroupsHooks() {
  registry::TransferKind kind;
  kind.import = ImportPositions;
  kind.export_rows = ExportPositions;
  registry::RegisterTransferKind("positions", std::move(kind));
  registry::RegisterPersonMergeHook("groups.positions",
                                    [](db::Session& tx, std::int64_t from, std::int64_t into) {
                                      return Store().MovePositions(tx, from, into);
                                    });
  registry::RegisterPersonExportHook(
      "positions", [](db::Session& tx, std::int64_t person) -> Result<nlohmann::json> {
        PositionFilter f;
        f.person_id = person;
        f.limit = 100000;
        BSG_ASSIGN_OR_RETURN(auto page, Store().ListPositions(tx, f));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& p : page.items) {
          out.push_back({{"id", p.id},
                         {"period", p.period},
                         {"group", p.group_code},
                         {"role", p.role},
                         {"start_date", p.start_date},
                         {"end_date", p.end_date ? nlohmann::json(*p.end_date) : nullptr}});
        }
        return out;
      });
}

}  // namespace bsg::groups
