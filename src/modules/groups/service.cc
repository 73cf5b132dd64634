// Groups use cases; see service.h.
#include "modules/groups/service.h"

#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "modules/groups/json.h"
#include "modules/groups/rules.h"
#include "modules/registry/rules.h"
#include "platform/tabular/table.h"
#include "platform/text.h"
#include "platform/time/clock.h"

namespace bsg::groups {
namespace {

using tabular::CellError;

const std::vector<tabular::ColumnSpec> kPositionColumns = {
    {"period", true}, {"group", true}, {"role", true},  {"start_date", true}, {"end_date"},
    {"person_email"}, {"person_id"},   {"person_name"}, {"country"},          {"note"}};

std::optional<std::string> Opt(std::string_view v) {
  if (v.empty()) return std::nullopt;
  return std::string(v);
}

Result<registry::ImportReport> ImportPositions(db::Database& db, std::string_view bytes,
                                               tabular::Format format, bool dry_run,
                                               const AuditActor& actor,
                                               const tabular::ProgressFn& progress) {
  registry::ImportReport report;
  report.dry_run = dry_run;
  auto table = tabular::ReadTable(bytes, format, tabular::ImportLimits("groups"));
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
        BSG_ASSIGN_OR_RETURN(auto held_index, people.LoadClassIndex(tx));
        const registry::ClassIndex& index = *held_index;
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
          const std::string email = Fold(cols.Get(row, "person_email"));
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
        BSG_RETURN_IF_ERROR(store.BulkInsertPositions(tx, drafts, time::CurrentTimestamp()));
        report.imported = drafts.size();
        return RecordAudit(tx, actor, "import", "positions", "import", std::nullopt,
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
  BSG_ASSIGN_OR_RETURN(StudyPeriod p, store.PeriodByCode(s, period));
  BSG_ASSIGN_OR_RETURN(std::vector<SeatClassCount> seats, store.SeatsByClass(s, p.id));
  return Represent(p, seats);
}

// ---- GroupsService

namespace {
constexpr db::TxOptions kReadOnly{.read_only = true};
}  // namespace

Result<std::vector<StudyPeriod>> GroupsService::Periods() {
  return db::InTransactionResult<std::vector<StudyPeriod>>(
      db_, kReadOnly, [&](db::Transaction& tx) { return store_.Periods(tx); });
}

Result<std::vector<Group>> GroupsService::ListGroups(const std::optional<std::string>& period,
                                                     const std::optional<std::string>& kind) {
  return db::InTransactionResult<std::vector<Group>>(
      db_, kReadOnly, [&](db::Transaction& tx) { return store_.ListGroups(tx, period, kind); });
}

Result<GroupDetail> GroupsService::GetGroup(std::int64_t id) {
  return db::InTransactionResult<GroupDetail>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<GroupDetail> {
        GroupDetail d;
        BSG_ASSIGN_OR_RETURN(d.group, store_.GetGroup(tx, id));
        BSG_ASSIGN_OR_RETURN(auto all, store_.ListGroups(tx, d.group.period, std::nullopt));
        for (auto& g : all) {
          if (g.parent_id == id) d.regional_groups.push_back(std::move(g));
        }
        return d;
      });
}

Result<Group> GroupsService::CreateGroup(const AuditActor& actor, GroupDraft d) {
  BSG_RETURN_IF_ERROR(ValidateGroup(d));
  return db::InTransactionResult<Group>(db_, {}, [&](db::Transaction& tx) -> Result<Group> {
    auto period = store_.PeriodByCode(tx, d.period);
    if (!period.ok()) {
      return Status::Unprocessable("group.invalid", "the group is not valid",
                                   {{"period", "is not a known study period"}});
    }
    std::optional<std::int64_t> parent_id;
    if (d.parent && !d.parent->empty()) {
      BSG_ASSIGN_OR_RETURN(auto parent, store_.FindGroup(tx, d.period, *d.parent));
      if (!parent) {
        return Status::Unprocessable("group.invalid", "the group is not valid",
                                     {{"parent", "is not a group of this study period"}});
      }
      parent_id = parent->id;
    }
    BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.CreateGroup(tx, period->id, d, parent_id));
    BSG_ASSIGN_OR_RETURN(Group saved, store_.GetGroup(tx, id));
    BSG_RETURN_IF_ERROR(
        RecordAudit(tx, actor, "group", std::to_string(id), "create", std::nullopt, ToJson(saved)));
    return saved;
  });
}

Result<registry::Page<PositionView>> GroupsService::Positions(db::Session& s,
                                                              const PositionFilter& f) {
  BSG_ASSIGN_OR_RETURN(auto page, store_.ListPositions(s, f));
  std::vector<std::int64_t> ids;
  for (const auto& p : page.items) ids.push_back(p.person_id);
  BSG_ASSIGN_OR_RETURN(auto people, people_.PeopleBrief(s, ids));
  registry::Page<PositionView> out;
  out.total = page.total;
  for (auto& p : page.items) {
    auto b = people.find(p.person_id);
    std::optional<std::string> name;
    if (b != people.end()) name = b->second.display_name;
    out.items.push_back({std::move(p), std::move(name)});
  }
  return out;
}

Result<registry::Page<PositionView>> GroupsService::ListPositions(const PositionFilter& f) {
  return db::InTransactionResult<registry::Page<PositionView>>(
      db_, kReadOnly, [&](db::Transaction& tx) { return Positions(tx, f); });
}

Result<registry::Page<PositionView>> GroupsService::GroupPositions(std::int64_t group_id,
                                                                   PositionFilter f) {
  f.group_id = group_id;
  return db::InTransactionResult<registry::Page<PositionView>>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<registry::Page<PositionView>> {
        BSG_RETURN_IF_ERROR(store_.GetGroup(tx, group_id).status());
        return Positions(tx, f);
      });
}

namespace {

// The position `id` with its holder's name, read on `s`.
Result<PositionView> ViewOf(db::Session& s, const Store& store, const registry::Store& people,
                            std::int64_t id) {
  BSG_ASSIGN_OR_RETURN(Position p, store.GetPosition(s, id));
  BSG_ASSIGN_OR_RETURN(auto brief, people.PeopleBrief(s, {p.person_id}));
  PositionView v{std::move(p), std::nullopt};
  if (auto b = brief.find(v.position.person_id); b != brief.end()) {
    v.person_name = b->second.display_name;
  }
  return v;
}

}  // namespace

Result<PositionView> GroupsService::GetPosition(std::int64_t id) {
  return db::InTransactionResult<PositionView>(
      db_, kReadOnly, [&](db::Transaction& tx) { return ViewOf(tx, store_, people_, id); });
}

Result<PositionView> GroupsService::CreatePosition(const AuditActor& actor, PositionDraft d,
                                                   const std::string& now) {
  return db::InTransactionResult<PositionView>(
      db_, {}, [&](db::Transaction& tx) -> Result<PositionView> {
        BSG_ASSIGN_OR_RETURN(auto held_index, people_.LoadClassIndex(tx));
        const registry::ClassIndex& index = *held_index;
        PositionDraft draft = d;
        BSG_RETURN_IF_ERROR(ValidatePosition(draft, index));
        BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.CreatePosition(tx, draft, now));
        BSG_ASSIGN_OR_RETURN(PositionView saved, ViewOf(tx, store_, people_, id));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "position", std::to_string(id), "create",
                                        std::nullopt, ToJson(saved)));
        return saved;
      });
}

Result<PositionView> GroupsService::UpdatePosition(const AuditActor& actor, std::int64_t id,
                                                   PositionDraft d, const std::string& now) {
  return db::InTransactionResult<PositionView>(
      db_, {}, [&](db::Transaction& tx) -> Result<PositionView> {
        BSG_ASSIGN_OR_RETURN(auto held_index, people_.LoadClassIndex(tx));
        const registry::ClassIndex& index = *held_index;
        BSG_ASSIGN_OR_RETURN(Position old, store_.GetPosition(tx, id));
        PositionDraft draft = d;
        BSG_RETURN_IF_ERROR(ValidatePosition(draft, index));
        BSG_RETURN_IF_ERROR(store_.UpdatePosition(tx, id, draft, now));
        BSG_ASSIGN_OR_RETURN(PositionView saved, ViewOf(tx, store_, people_, id));
        // The audit event's "before" names no holder: only the position's own fields.
        BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "position", std::to_string(id), "update",
                                        ToJson(PositionView{old, std::nullopt}), ToJson(saved)));
        return saved;
      });
}

Status GroupsService::DeletePosition(const AuditActor& actor, std::int64_t id) {
  return db_.InTransaction([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(Position old, store_.GetPosition(tx, id));
    BSG_RETURN_IF_ERROR(store_.DeletePosition(tx, id));
    return RecordAudit(tx, actor, "position", std::to_string(id), "delete",
                       ToJson(PositionView{old, std::nullopt}), std::nullopt);
  });
}

Result<RepresentationComparison> GroupsService::Representation(
    const std::string& period, const std::optional<std::string>& compare) {
  return db::InTransactionResult<RepresentationComparison>(
      db_, kReadOnly, [&](db::Transaction& tx) -> Result<RepresentationComparison> {
        RepresentationComparison out;
        BSG_ASSIGN_OR_RETURN(out.current, RepresentationFor(tx, period));
        if (compare) {
          BSG_ASSIGN_OR_RETURN(out.previous, RepresentationFor(tx, *compare));
        }
        return out;
      });
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
