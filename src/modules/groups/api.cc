// The groups module's HTTP routes. Handlers decode, call rules and stores in one transaction
// (with the audit event) and encode.
#include "modules/groups/api.h"

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "modules/groups/rules.h"
#include "modules/groups/service.h"
#include "modules/groups/store.h"
#include "modules/identity/audit.h"
#include "modules/identity/crypto.h"
#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/http/api_util.h"

namespace bsg::groups {
namespace {

using http::Method;
using http::Policy;
using http::Request;
using http::Response;
using nlohmann::json;
namespace u = http::api_util;

const std::string kTag = "groups";
const std::set<std::string> kOfficers = {"admin", "officer"};

std::string Now() { return identity::FormatTimestamp(std::chrono::system_clock::now()); }
json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json ToJson(const StudyPeriod& p) {
  return {{"id", p.id},
          {"code", p.code},
          {"start_date", p.start_date},
          {"end_date", p.end_date},
          {"note", p.note}};
}
json ToJson(const Group& g) {
  return {{"id", g.id},
          {"period", g.period},
          {"kind", g.kind},
          {"code", g.code},
          {"sg_number", Opt(g.sg_number)},
          {"parent_id", Opt(g.parent_id)},
          {"region", Opt(g.region)},
          {"title", g.title},
          {"source", g.source}};
}
json ToJson(const Position& p, const std::map<std::int64_t, registry::PersonBrief>& people) {
  auto b = people.find(p.person_id);
  return {{"id", p.id},
          {"group_id", p.group_id},
          {"group", p.group_code},
          {"period", p.period},
          {"person_id", p.person_id},
          {"person_name", b == people.end() ? json(nullptr) : json(b->second.display_name)},
          {"role", p.role},
          {"country", Opt(p.country)},
          {"start_date", p.start_date},
          {"end_date", Opt(p.end_date)},
          {"note", p.note},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json PeriodSchema() {
  return u::Object({{"id", u::Int()},
                    {"code", u::Str()},
                    {"start_date", u::Str()},
                    {"end_date", u::Str()},
                    {"note", u::Str()}});
}
json GroupSchema() {
  return u::Object({{"id", u::Int()},
                    {"period", u::Str()},
                    {"kind", u::Str()},
                    {"code", u::Str()},
                    {"sg_number", u::NullableInt()},
                    {"parent_id", u::NullableInt()},
                    {"region", u::NullableStr()},
                    {"title", u::Str()},
                    {"source", u::Str()}});
}
json PositionSchema() {
  return u::Object({{"id", u::Int()},
                    {"group_id", u::Int()},
                    {"group", u::Str()},
                    {"period", u::Str()},
                    {"person_id", u::Int()},
                    {"person_name", u::NullableStr()},
                    {"role", u::Str()},
                    {"country", u::NullableStr()},
                    {"start_date", u::Str()},
                    {"end_date", u::NullableStr()},
                    {"note", u::Str()},
                    {"created_at", u::Str()},
                    {"updated_at", u::Str()}});
}
json PositionInputSchema() {
  return u::Object(
      {{"group_id", u::Int()},
       {"person_id", u::Int()},
       {"role", u::Enum({"chair", "vice_chair", "wp_chair", "rapporteur", "associate_rapporteur"})},
       {"country", u::NullableStr()},
       {"start_date", u::Str()},
       {"end_date", u::NullableStr()},
       {"note", u::Str()}},
      {"group_id", "person_id", "role", "start_date"});
}
json BreakdownSchema() {
  return u::ArrayOf(u::Object({{"bucket", u::Str()}, {"count", u::Int()}, {"share", u::Num()}}));
}
json RepresentationSchema() {
  json one =
      u::Object({{"period", PeriodSchema()},
                 {"seats", u::Int()},
                 {"breakdowns", {{"type", "object"}, {"additionalProperties", BreakdownSchema()}}},
                 {"by_role", {{"type", "object"}}}});
  return u::Object({{"basis", u::Str()},
                    {"period", one},
                    {"compare", {{"oneOf", {one, {{"type", "null"}}}}}},
                    {"changes", {{"type", {"object", "null"}}}}},
                   {"basis", "period"});
}

class Api {
 public:
  explicit Api(db::Database& db) : db_(db) {}

  template <typename F>
  auto Read(F&& fn) -> decltype(fn(std::declval<db::Session&>())) {
    decltype(fn(std::declval<db::Session&>())) result =
        Status::Internal("groups.no_result", "no result");
    Status st = db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          result = fn(tx);
          return result.ok() ? Status::Ok() : result.status();
        },
        {.read_only = true});
    if (!st.ok()) return st;
    return result;
  }

  Result<Response> Periods(Request&) {
    BSG_ASSIGN_OR_RETURN(auto periods, Read([&](db::Session& s) { return store_.Periods(s); }));
    json items = json::array();
    for (const auto& p : periods) items.push_back(ToJson(p));
    return Response::Json({{"items", items}});
  }

  Result<Response> ListGroups(Request& req) {
    auto kind = req.Query("kind");
    if (kind && !registry::OneOf(kGroupKinds, *kind)) {
      return Status::InvalidArgument("request.bad_query", "unknown kind",
                                     {{"kind", "must be study_group, tsag or regional_group"}});
    }
    BSG_ASSIGN_OR_RETURN(auto groups, Read([&](db::Session& s) {
                           return store_.ListGroups(s, req.Query("period"), kind);
                         }));
    json items = json::array();
    for (const auto& g : groups) items.push_back(ToJson(g));
    return Response::Json({{"items", items}, {"total", groups.size()}});
  }

  Result<Response> GetGroup(Request& req) {
    const std::int64_t id = req.PathInt("id");
    json out;
    BSG_RETURN_IF_ERROR(db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          BSG_ASSIGN_OR_RETURN(Group g, store_.GetGroup(tx, id));
          out = ToJson(g);
          BSG_ASSIGN_OR_RETURN(auto all, store_.ListGroups(tx, g.period, std::nullopt));
          out["regional_groups"] = json::array();
          for (const auto& c : all) {
            if (c.parent_id == id) out["regional_groups"].push_back(ToJson(c));
          }
          return Status::Ok();
        },
        {.read_only = true}));
    return Response::Json(out);
  }

  Result<Response> CreateGroup(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    u::Body b(body);
    GroupDraft d;
    d.period = b.Text("period").value_or("");
    d.kind = b.Text("kind").value_or("");
    d.code = b.Text("code").value_or("");
    d.sg_number = b.Integer("sg_number");
    d.parent = b.Text("parent");
    d.region = b.Text("region");
    d.title = b.Text("title").value_or("");
    BSG_RETURN_IF_ERROR(b.status());
    BSG_RETURN_IF_ERROR(ValidateGroup(d));
    Group saved;
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
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
      BSG_ASSIGN_OR_RETURN(saved, store_.GetGroup(tx, id));
      return identity::RecordAudit(tx, identity::ActorFrom(req), "group", std::to_string(id),
                                   "create", std::nullopt, ToJson(saved));
    });
    if (!st.ok()) return st;
    return Response::Json(ToJson(saved), 201);
  }

  Result<Response> ListPositions(Request& req, std::optional<std::int64_t> group) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    PositionFilter f;
    f.period = req.Query("period");
    if (group) {
      f.group_id = group;
    } else {
      BSG_ASSIGN_OR_RETURN(f.group_id, req.QueryInt("group_id"));
    }
    BSG_ASSIGN_OR_RETURN(f.person_id, req.QueryInt("person_id"));
    f.role = req.Query("role");
    f.sort = req.Query("sort").value_or(group ? "role" : "start_date");
    f.limit = paging.limit;
    f.offset = paging.offset;
    json out;
    BSG_RETURN_IF_ERROR(db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          if (group) BSG_RETURN_IF_ERROR(store_.GetGroup(tx, *group).status());
          BSG_ASSIGN_OR_RETURN(auto page, store_.ListPositions(tx, f));
          std::vector<std::int64_t> ids;
          for (const auto& p : page.items) ids.push_back(p.person_id);
          BSG_ASSIGN_OR_RETURN(auto people, people_.PeopleBrief(tx, ids));
          out = u::PageJson(page.items, page.total, paging,
                            [&](const Position& p) { return ToJson(p, people); });
          return Status::Ok();
        },
        {.read_only = true}));
    return Response::Json(out);
  }

  Result<Response> GetPosition(Request& req) {
    const std::int64_t id = req.PathInt("id");
    json out;
    BSG_RETURN_IF_ERROR(db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          BSG_ASSIGN_OR_RETURN(Position p, store_.GetPosition(tx, id));
          BSG_ASSIGN_OR_RETURN(auto people, people_.PeopleBrief(tx, {p.person_id}));
          out = ToJson(p, people);
          return Status::Ok();
        },
        {.read_only = true}));
    return Response::Json(out);
  }

  Result<Response> SavePosition(Request& req, bool create) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    u::Body b(body);
    PositionDraft d;
    d.group_id = b.Integer("group_id").value_or(0);
    d.person_id = b.Integer("person_id").value_or(0);
    d.role = b.Text("role").value_or("");
    d.country = b.Text("country");
    d.start_date = b.Text("start_date").value_or("");
    d.end_date = b.Text("end_date");
    d.note = b.Text("note").value_or("");
    BSG_RETURN_IF_ERROR(b.status());
    json saved;
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(registry::ClassIndex index, people_.LoadClassIndex(tx));
      std::optional<json> before;
      std::int64_t id = 0;
      if (!create) {
        id = req.PathInt("id");
        BSG_ASSIGN_OR_RETURN(Position old, store_.GetPosition(tx, id));
        before = ToJson(old, {});
      }
      BSG_RETURN_IF_ERROR(ValidatePosition(d, index));
      if (create) {
        BSG_ASSIGN_OR_RETURN(id, store_.CreatePosition(tx, d, Now()));
      } else {
        BSG_RETURN_IF_ERROR(store_.UpdatePosition(tx, id, d, Now()));
      }
      BSG_ASSIGN_OR_RETURN(Position p, store_.GetPosition(tx, id));
      BSG_ASSIGN_OR_RETURN(auto people, people_.PeopleBrief(tx, {p.person_id}));
      saved = ToJson(p, people);
      return identity::RecordAudit(tx, identity::ActorFrom(req), "position", std::to_string(id),
                                   create ? "create" : "update", before, saved);
    });
    if (!st.ok()) return st;
    return Response::Json(saved, create ? 201 : 200);
  }

  Result<Response> DeletePosition(Request& req) {
    const std::int64_t id = req.PathInt("id");
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(Position old, store_.GetPosition(tx, id));
      BSG_RETURN_IF_ERROR(store_.DeletePosition(tx, id));
      return identity::RecordAudit(tx, identity::ActorFrom(req), "position", std::to_string(id),
                                   "delete", ToJson(old, {}), std::nullopt);
    });
    if (!st.ok()) return st;
    return Response::NoContent();
  }

  Result<Response> Representation(Request& req) {
    auto period = req.Query("period");
    if (!period) {
      return Status::InvalidArgument("request.bad_query", "period is required",
                                     {{"period", "is required, e.g. 2017-2020"}});
    }
    auto compare = req.Query("compare");
    json out;
    BSG_RETURN_IF_ERROR(db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          BSG_ASSIGN_OR_RETURN(auto current, RepresentationFor(tx, *period));
          out["basis"] =
              "seats (positions) in the period's groups; the holder's country class on the "
              "position's start date; missing country or gender counted as not_stated";
          out["period"] = ToJson(current);
          out["compare"] = nullptr;
          out["changes"] = nullptr;
          if (compare) {
            BSG_ASSIGN_OR_RETURN(auto previous, RepresentationFor(tx, *compare));
            out["compare"] = ToJson(previous);
            out["changes"] = Compare(current, previous);
          }
          return Status::Ok();
        },
        {.read_only = true}));
    return Response::Json(out);
  }

 private:
  db::Database& db_;
  const Store store_;
  const registry::Store people_;
};

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db) {
  auto api = std::make_shared<Api>(db);
  const std::vector<http::ParamDoc> position_filters = u::PagingParams(
      {{"period", "string", false, "study period code, e.g. 2017-2020", std::nullopt},
       {"group_id", "integer", false, "group", std::nullopt},
       {"person_id", "integer", false, "holder", std::nullopt},
       {"role", "string", false, "role",
        json{"chair", "vice_chair", "wp_chair", "rapporteur", "associate_rapporteur"}},
       {"sort", "string", false, "sort order",
        json{"start_date", "-start_date", "group", "role", "id"}}});
  u::AddRoute(
      router, Method::kGet, "/api/periods", Policy::Public(),
      u::Doc(kTag, "List study periods", u::Object({{"items", u::ArrayOf(PeriodSchema())}})),
      [api](Request& r) { return api->Periods(r); });
  u::AddRoute(router, Method::kGet, "/api/groups", Policy::Public(),
              u::Doc(kTag, "List Study Groups, TSAG and regional groups",
                     u::Object({{"items", u::ArrayOf(GroupSchema())}, {"total", u::Int()}}), {400},
                     {{"period", "string", false, "study period code", std::nullopt},
                      {"kind", "string", false, "kind of group",
                       json{"study_group", "tsag", "regional_group"}}}),
              [api](Request& r) { return api->ListGroups(r); });
  u::AddRoute(router, Method::kGet, "/api/groups/representation", Policy::Public(),
              u::Doc(kTag,
                     "Management-team representation by development class, LDC, region and "
                     "gender, per study period, optionally compared with another",
                     RepresentationSchema(), {400, 404},
                     {{"period", "string", true, "study period code, e.g. 2017-2020", std::nullopt},
                      {"compare", "string", false, "study period to compare with", std::nullopt}}),
              [api](Request& r) { return api->Representation(r); });
  json group_detail = GroupSchema();
  group_detail["properties"]["regional_groups"] = u::ArrayOf(GroupSchema());
  u::AddRoute(router, Method::kGet, "/api/groups/{id:int}", Policy::Public(),
              u::Doc(kTag, "A group with its regional groups", group_detail, {404}),
              [api](Request& r) { return api->GetGroup(r); });
  u::AddRoute(
      router, Method::kPost, "/api/groups", Policy::Roles(kOfficers),
      u::Doc(kTag, "Create a group in a study period", GroupSchema(), {400, 409, 415, 422}, {},
             u::Object({{"period", u::Str()},
                        {"kind", u::Enum({"study_group", "tsag", "regional_group"})},
                        {"code", u::Str()},
                        {"sg_number", u::NullableInt()},
                        {"parent", u::NullableStr()},
                        {"region", u::NullableStr()},
                        {"title", u::Str()}},
                       {"period", "kind", "code", "title"}),
             201),
      [api](Request& r) { return api->CreateGroup(r); });
  u::AddRoute(router, Method::kGet, "/api/groups/{id:int}/positions", Policy::SignedIn(),
              u::Doc(kTag, "A group's management team", u::PageOf(PositionSchema()), {400, 404},
                     position_filters),
              [api](Request& r) { return api->ListPositions(r, r.PathInt("id")); });
  u::AddRoute(router, Method::kGet, "/api/positions", Policy::SignedIn(),
              u::Doc(kTag, "List management positions", u::PageOf(PositionSchema()), {400},
                     position_filters),
              [api](Request& r) { return api->ListPositions(r, std::nullopt); });
  u::AddRoute(router, Method::kGet, "/api/positions/{id:int}", Policy::SignedIn(),
              u::Doc(kTag, "A management position", PositionSchema(), {404}),
              [api](Request& r) { return api->GetPosition(r); });
  u::AddRoute(router, Method::kPost, "/api/positions", Policy::Roles(kOfficers),
              u::Doc(kTag, "Create a management position", PositionSchema(), {400, 409, 415, 422},
                     {}, PositionInputSchema(), 201),
              [api](Request& r) { return api->SavePosition(r, true); });
  u::AddRoute(router, Method::kPut, "/api/positions/{id:int}", Policy::Roles(kOfficers),
              u::Doc(kTag, "Replace a management position", PositionSchema(),
                     {400, 404, 409, 415, 422}, {}, PositionInputSchema()),
              [api](Request& r) { return api->SavePosition(r, false); });
  u::AddRoute(
      router, Method::kDelete, "/api/positions/{id:int}", Policy::Roles(kOfficers),
      u::Doc(kTag, "Delete a management position", json::object(), {404}, {}, std::nullopt, 204),
      [api](Request& r) { return api->DeletePosition(r); });
}

}  // namespace bsg::groups
