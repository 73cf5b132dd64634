// The groups module's HTTP routes. Handlers decode, call one use case of GroupsService
// (service.h) and encode.
#include "modules/groups/api.h"

#include <memory>
#include <set>
#include <string>

#include "modules/groups/json.h"
#include "modules/groups/rules.h"
#include "modules/groups/service.h"
#include "platform/http/api_util.h"
#include "platform/http/audit_actor.h"
#include "platform/text.h"
#include "platform/time/clock.h"

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
  explicit Api(db::Database& db) : service_(db) {}

  Result<Response> Periods(Request&) {
    BSG_ASSIGN_OR_RETURN(auto periods, service_.Periods());
    json items = json::array();
    for (const auto& p : periods) items.push_back(ToJson(p));
    return Response::Json({{"items", items}});
  }

  Result<Response> ListGroups(Request& req) {
    auto kind = req.Query("kind");
    if (kind && !OneOf(kGroupKinds, *kind)) {
      return Status::InvalidArgument("request.bad_query", "unknown kind",
                                     {{"kind", "must be study_group, tsag or regional_group"}});
    }
    BSG_ASSIGN_OR_RETURN(auto groups, service_.ListGroups(req.Query("period"), kind));
    json items = json::array();
    for (const auto& g : groups) items.push_back(ToJson(g));
    return Response::Json({{"items", items}, {"total", groups.size()}});
  }

  Result<Response> GetGroup(Request& req) {
    BSG_ASSIGN_OR_RETURN(GroupDetail d, service_.GetGroup(req.PathInt("id")));
    json out = ToJson(d.group);
    out["regional_groups"] = json::array();
    for (const auto& g : d.regional_groups) out["regional_groups"].push_back(ToJson(g));
    return Response::Json(out);
  }

  Result<Response> CreateGroup(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    u::Body b(body, {"period", "kind", "code", "sg_number", "parent", "region", "title"});
    GroupDraft d;
    d.period = b.Text("period").value_or("");
    d.kind = b.Text("kind").value_or("");
    d.code = b.Text("code").value_or("");
    d.sg_number = b.Integer("sg_number");
    d.parent = b.Text("parent");
    d.region = b.Text("region");
    d.title = b.Text("title").value_or("");
    BSG_RETURN_IF_ERROR(b.status());
    BSG_ASSIGN_OR_RETURN(Group saved, service_.CreateGroup(http::ActorFrom(req), std::move(d)));
    return Response::Json(ToJson(saved), 201);
  }

  Result<Response> ListPositions(Request& req, std::optional<std::int64_t> group) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    PositionFilter f;
    f.period = req.Query("period");
    if (!group) {
      BSG_ASSIGN_OR_RETURN(f.group_id, req.QueryInt("group_id"));
    }
    BSG_ASSIGN_OR_RETURN(f.person_id, req.QueryInt("person_id"));
    f.role = req.Query("role");
    f.sort = req.Query("sort").value_or(group ? "role" : "start_date");
    f.limit = paging.limit;
    f.offset = paging.offset;
    BSG_ASSIGN_OR_RETURN(auto page, group ? service_.GroupPositions(*group, std::move(f))
                                          : service_.ListPositions(f));
    return Response::Json(u::PageJson(page.items, page.total, paging,
                                      [](const PositionView& p) { return ToJson(p); }));
  }

  Result<Response> GetPosition(Request& req) {
    BSG_ASSIGN_OR_RETURN(PositionView p, service_.GetPosition(req.PathInt("id")));
    return Response::Json(ToJson(p));
  }

  Result<Response> SavePosition(Request& req, bool create) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    u::Body b(body, {"group_id", "person_id", "role", "country", "start_date", "end_date", "note"});
    PositionDraft d;
    d.group_id = b.Integer("group_id").value_or(0);
    d.person_id = b.Integer("person_id").value_or(0);
    d.role = b.Text("role").value_or("");
    d.country = b.Text("country");
    d.start_date = b.Text("start_date").value_or("");
    d.end_date = b.Text("end_date");
    d.note = b.MultiLineText("note").value_or("");
    BSG_RETURN_IF_ERROR(b.status());
    BSG_ASSIGN_OR_RETURN(PositionView saved,
                         create ? service_.CreatePosition(http::ActorFrom(req), std::move(d),
                                                          time::CurrentTimestamp())
                                : service_.UpdatePosition(http::ActorFrom(req), req.PathInt("id"),
                                                          std::move(d), time::CurrentTimestamp()));
    return Response::Json(ToJson(saved), create ? 201 : 200);
  }

  Result<Response> DeletePosition(Request& req) {
    BSG_RETURN_IF_ERROR(service_.DeletePosition(http::ActorFrom(req), req.PathInt("id")));
    return Response::NoContent();
  }

  Result<Response> Representation(Request& req) {
    auto period = req.Query("period");
    if (!period) {
      return Status::InvalidArgument("request.bad_query", "period is required",
                                     {{"period", "is required, e.g. 2017-2020"}});
    }
    BSG_ASSIGN_OR_RETURN(RepresentationComparison r,
                         service_.Representation(*period, req.Query("compare")));
    json out;
    out["basis"] =
        "seats (positions) in the period's groups; the holder's country class on the "
        "position's start date; missing country or gender counted as not_stated";
    out["period"] = ToJson(r.current);
    out["compare"] = nullptr;
    out["changes"] = nullptr;
    if (r.previous) {
      out["compare"] = ToJson(*r.previous);
      out["changes"] = Compare(r.current, *r.previous);
    }
    return Response::Json(out);
  }

 private:
  GroupsService service_;
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
  u::AddRead(router, "/api/periods", Policy::Public(),
             u::Doc(kTag, "List study periods", u::Object({{"items", u::ArrayOf(PeriodSchema())}})),
             [api](Request& r) { return api->Periods(r); });
  u::AddRead(router, "/api/groups", Policy::Public(),
             u::Doc(kTag, "List Study Groups, TSAG and regional groups",
                    u::Object({{"items", u::ArrayOf(GroupSchema())}, {"total", u::Int()}}), {400},
                    {{"period", "string", false, "study period code", std::nullopt},
                     {"kind", "string", false, "kind of group",
                      json{"study_group", "tsag", "regional_group"}}}),
             [api](Request& r) { return api->ListGroups(r); });
  u::AddRead(router, "/api/groups/representation", Policy::Public(),
             u::Doc(kTag,
                    "Management-team representation by development class, LDC, region and "
                    "gender, per study period, optionally compared with another",
                    RepresentationSchema(), {400, 404},
                    {{"period", "string", true, "study period code, e.g. 2017-2020", std::nullopt},
                     {"compare", "string", false, "study period to compare with", std::nullopt}}),
             [api](Request& r) { return api->Representation(r); });
  json group_detail = GroupSchema();
  group_detail["properties"]["regional_groups"] = u::ArrayOf(GroupSchema());
  u::AddRead(router, "/api/groups/{id:int}", Policy::Public(),
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
  u::AddRead(router, "/api/groups/{id:int}/positions", Policy::SignedIn(),
             u::Doc(kTag, "A group's management team", u::PageOf(PositionSchema()), {400, 404},
                    position_filters),
             [api](Request& r) { return api->ListPositions(r, r.PathInt("id")); });
  u::AddRead(router, "/api/positions", Policy::SignedIn(),
             u::Doc(kTag, "List management positions", u::PageOf(PositionSchema()), {400},
                    position_filters),
             [api](Request& r) { return api->ListPositions(r, std::nullopt); });
  u::AddRead(router, "/api/positions/{id:int}", Policy::SignedIn(),
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
