// The registry's HTTP routes. Handlers decode, call one use case of RegistryService (service.h)
// or of transfer.h, and encode; the platform checks each route's policy first and maps errors to
// HTTP.
#include "modules/registry/api.h"

#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "modules/registry/json.h"
#include "modules/registry/service.h"
#include "modules/registry/transfer.h"
#include "platform/http/api_util.h"
#include "platform/http/audit_actor.h"
#include "platform/tabular/table.h"
#include "platform/text.h"
#include "platform/time/clock.h"
#include "platform/time/date.h"

namespace bsg::registry {
namespace {

using http::Method;
using http::Policy;
using http::Request;
using http::Response;
using nlohmann::json;
namespace u = http::api_util;

constexpr std::string_view kTag = "registry";
const std::set<std::string> kOfficers = {"admin", "officer"};
const std::set<std::string> kPeopleReaders = {"admin", "officer", "committee", "viewer"};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Result<std::string> DayParam(const Request& req) {
  auto on = req.Query("on");
  if (!on) return time::Today().ToString();
  if (!time::IsIsoDate(*on)) {
    return Status::InvalidArgument("request.bad_query", "on must be a date",
                                   {{"on", "must be a date YYYY-MM-DD"}});
  }
  return *on;
}

// Officers and readers see anyone; a delegate only the person linked to their account.
PersonReader ReaderOf(const Request& req) {
  PersonReader r;
  for (const auto& role : kPeopleReaders) {
    r.reads_anyone = r.reads_anyone || req.principal->roles.count(role) > 0;
  }
  r.user_id = req.principal->user_id;
  return r;
}

class Api {
 public:
  explicit Api(db::Database& db) : db_(db), service_(db) {}

  // ---- countries

  Result<Response> ListCountries(Request& req) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    CountryFilter f;
    BSG_ASSIGN_OR_RETURN(f.on, DayParam(req));
    const auto region = req.Query("region");
    f.cls = req.Query("class");
    BSG_ASSIGN_OR_RETURN(f.q, u::QueryText(req, "q"));
    if (region) f.region = Upper(*region);
    if (f.region && !OneOf(kRegions, *f.region)) {
      return Status::InvalidArgument("request.bad_query", "unknown region",
                                     {{"region", "must be one of AFR, AMS, ARB, ASP, CIS, EUR"}});
    }
    if (f.cls && !OneOf(kClasses, *f.cls)) {
      return Status::InvalidArgument(
          "request.bad_query", "unknown class",
          {{"class", "must be one of ldc, lldc, sids, developing, developed"}});
    }
    BSG_ASSIGN_OR_RETURN(auto countries, service_.ListCountries(f));
    json page = json::array();
    for (std::size_t i = static_cast<std::size_t>(paging.offset);
         i < countries.size() && page.size() < static_cast<std::size_t>(paging.limit); ++i) {
      json item = ToJson(countries[i].country);
      item["classification"] = ToJson(countries[i].classification);
      page.push_back(std::move(item));
    }
    return Response::Json({{"items", page},
                           {"total", countries.size()},
                           {"limit", paging.limit},
                           {"offset", paging.offset},
                           {"on", f.on}});
  }

  Result<Response> GetCountry(Request& req) {
    BSG_ASSIGN_OR_RETURN(CountryDetail d, service_.GetCountry(Upper(req.PathText("iso2")),
                                                              time::Today().ToString()));
    json out = ToJson(d.country);
    out["classification"] = ToJson(d.classification);
    out["history"] = json::array();
    for (const auto& p : d.history) out["history"].push_back(ToJson(p));
    return Response::Json(out);
  }

  Result<Response> Classify(Request& req) {
    BSG_ASSIGN_OR_RETURN(std::string day, DayParam(req));
    BSG_ASSIGN_OR_RETURN(Classification k, service_.Classify(Upper(req.PathText("iso2")), day));
    return Response::Json(ToJson(k));
  }

  Result<Response> ChangeClass(Request& req) {
    const std::string iso2 = Upper(req.PathText("iso2"));
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(ClassChange change, ClassChangeFromJson(body));
    BSG_ASSIGN_OR_RETURN(auto periods, service_.ChangeClass(http::ActorFrom(req), iso2, change));
    json history = json::array();
    for (const auto& p : periods) history.push_back(ToJson(p));
    return Response::Json({{"iso2", iso2}, {"history", history}}, 201);
  }

  // ---- organizations

  Result<Response> ListOrganizations(Request& req) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    OrganizationFilter f;
    BSG_ASSIGN_OR_RETURN(f.q, u::QueryText(req, "q"));
    f.kind = req.Query("kind");
    if (auto c = req.Query("country")) f.country = Upper(*c);
    f.sort = req.Query("sort").value_or("name");
    f.limit = paging.limit;
    f.offset = paging.offset;
    BSG_ASSIGN_OR_RETURN(auto page, service_.ListOrganizations(f));
    return Response::Json(u::PageJson(page.items, page.total, paging,
                                      [](const Organization& o) { return ToJson(o); }));
  }

  Result<Response> GetOrganization(Request& req) {
    BSG_ASSIGN_OR_RETURN(Organization o, service_.GetOrganization(req.PathInt("id")));
    return Response::Json(ToJson(o));
  }

  Result<Response> SaveOrganization(Request& req, bool create) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(OrganizationDraft d, OrganizationDraftFromJson(body));
    BSG_ASSIGN_OR_RETURN(Organization saved,
                         create
                             ? service_.CreateOrganization(http::ActorFrom(req), std::move(d),
                                                           time::CurrentTimestamp())
                             : service_.UpdateOrganization(http::ActorFrom(req), req.PathInt("id"),
                                                           std::move(d), time::CurrentTimestamp()));
    return Response::Json(ToJson(saved), create ? 201 : 200);
  }

  Result<Response> DeleteOrganization(Request& req) {
    BSG_RETURN_IF_ERROR(service_.DeleteOrganization(http::ActorFrom(req), req.PathInt("id")));
    return Response::NoContent();
  }

  // ---- people

  Result<Response> ListPeople(Request& req) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    PersonFilter f;
    BSG_ASSIGN_OR_RETURN(f.q, u::QueryText(req, "q"));
    if (auto c = req.Query("country")) f.country = Upper(*c);
    BSG_ASSIGN_OR_RETURN(f.organization_id, req.QueryInt("organization_id"));
    f.gender = req.Query("gender");
    f.include_merged = req.Query("include_merged").value_or("false") == "true";
    f.sort = req.Query("sort").value_or("name");
    f.limit = paging.limit;
    f.offset = paging.offset;
    BSG_ASSIGN_OR_RETURN(auto page, service_.ListPeople(f));
    return Response::Json(
        u::PageJson(page.items, page.total, paging, [](const Person& p) { return ToJson(p); }));
  }

  Result<Response> GetPerson(Request& req) {
    BSG_ASSIGN_OR_RETURN(Person p, service_.GetPerson(ReaderOf(req), req.PathInt("id")));
    return Response::Json(ToJson(p));
  }

  Result<Response> GetMe(Request& req) {
    BSG_ASSIGN_OR_RETURN(auto p, service_.PersonOfUser(req.principal->user_id));
    if (!p) return Status::NotFound("person.not_found", "no person is linked to your account");
    return Response::Json(ToJson(*p));
  }

  Result<Response> SavePerson(Request& req, bool create) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(PersonDraft d, PersonDraftFromJson(body));
    BSG_ASSIGN_OR_RETURN(
        Person saved,
        create ? service_.CreatePerson(http::ActorFrom(req), std::move(d), time::CurrentTimestamp())
               : service_.UpdatePerson(http::ActorFrom(req), req.PathInt("id"), std::move(d),
                                       time::CurrentTimestamp()));
    return Response::Json(ToJson(saved), create ? 201 : 200);
  }

  Result<Response> DeletePerson(Request& req) {
    BSG_RETURN_IF_ERROR(service_.DeletePerson(http::ActorFrom(req), req.PathInt("id")));
    return Response::NoContent();
  }

  Result<Response> Merge(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    u::Body b(body, {"into"});
    auto into = b.Integer("into");
    BSG_RETURN_IF_ERROR(b.status());
    if (!into) {
      return Status::Unprocessable("person.invalid_merge", "say which person survives",
                                   {{"into", "is required: the id of the surviving person"}});
    }
    BSG_ASSIGN_OR_RETURN(Person survivor,
                         service_.MergePerson(http::ActorFrom(req), req.PathInt("id"), *into,
                                              time::CurrentTimestamp()));
    return Response::Json(ToJson(survivor));
  }

  Result<Response> Export(Request& req) {
    BSG_ASSIGN_OR_RETURN(PersonExport e, service_.ExportPerson(ReaderOf(req), req.PathInt("id")));
    json out = {{"person", ToJson(e.person)}};
    if (e.organization) out["organization"] = ToJson(*e.organization);
    out["related"] = json::object();
    for (const auto& [name, related] : e.related) out["related"][name] = related;
    return Response::Json(out);
  }

  Result<Response> Erase(Request& req) {
    BSG_ASSIGN_OR_RETURN(
        Person erased,
        service_.ErasePerson(http::ActorFrom(req), req.PathInt("id"), time::CurrentTimestamp()));
    return Response::Json(ToJson(erased));
  }

  // ---- import and export

  Result<Response> Import(Request& req, std::string kind) {
    const bool dry_run = req.Query("dry_run").value_or("false") == "true";
    auto format = tabular::FormatFromContentType(req.Header("content-type").value_or(""));
    if (!format) {
      return Status(ErrorCode::kUnsupportedMedia, "request.unsupported_media_type",
                    "send the file as text/csv or as an XLSX workbook");
    }
    auto transfer = FindTransferKind(kind);
    if (!transfer) return Status::NotFound("import.unknown_kind", "nothing to import by that name");
    BSG_ASSIGN_OR_RETURN(ImportReport report, transfer->import(db_, req.body, *format, dry_run,
                                                               http::ActorFrom(req), nullptr));
    return ImportResponse(report);
  }

  Result<Response> ExportTable(Request& req, std::string kind) {
    auto format = tabular::ParseFormat(req.Query("format").value_or("csv"));
    if (!format) {
      return Status::InvalidArgument("request.bad_query", "unknown format",
                                     {{"format", "must be csv or xlsx"}});
    }
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    auto transfer = FindTransferKind(kind);
    if (!transfer) return Status::NotFound("export.unknown_kind", "nothing to export by that name");
    BSG_RETURN_IF_ERROR(transfer->export_rows(db_, header, rows));
    BSG_ASSIGN_OR_RETURN(std::string bytes, tabular::WriteTable(header, rows, *format));
    Response r = Response::Text(std::move(bytes), std::string(tabular::MimeType(*format)));
    r.SetHeader("Content-Disposition", "attachment; filename=\"" + kind + "." +
                                           std::string(tabular::FormatName(*format)) + "\"");
    return r;
  }

 private:
  db::Database& db_;
  RegistryService service_;
};

}  // namespace

Response ImportResponse(const ImportReport& report) {
  json body = ToJson(report);
  if (report.ok || report.dry_run) return Response::Json(body);
  // A rejected import: the error shape plus the report.
  body["code"] = http::HttpStatusFor(ErrorCode::kUnprocessable);
  body["reason"] = "import.invalid_rows";
  body["message"] = "the file has errors; nothing was imported";
  body["fields"] = json::object();
  return Response::Json(body, http::HttpStatusFor(ErrorCode::kUnprocessable));
}

void RegisterRoutes(http::Router& router, db::Database& db) {
  auto api = std::make_shared<Api>(db);
  const json page_country = u::PageOf(u::Object({{"iso2", u::Str()},
                                                 {"iso3", u::Str()},
                                                 {"name", u::Str()},
                                                 {"name_fr", u::Str()},
                                                 {"region", u::Str()},
                                                 {"classification", ClassificationSchema()}}));
  json country_detail = CountrySchema();
  country_detail["properties"]["classification"] = ClassificationSchema();
  country_detail["properties"]["history"] = u::ArrayOf(ClassPeriodSchema());
  const http::ParamDoc on{"on", "string", false, "the date classes are taken on (default today)",
                          std::nullopt};

  u::AddRead(router, "/api/countries", Policy::Public(),
             u::Doc(std::string(kTag), "List ITU Member States with their classes on a date",
                    page_country, {400},
                    u::PagingParams(
                        {{"region", "string", false, "ITU-D region code",
                          json{"AFR", "AMS", "ARB", "ASP", "CIS", "EUR"}},
                         {"class", "string", false, "class held on the date",
                          json{"ldc", "lldc", "sids", "developing", "developed"}},
                         on,
                         {"q", "string", false, "name (English or French) or code, accents ignored",
                          std::nullopt}})),
             [api](Request& r) { return api->ListCountries(r); });
  u::AddRead(router, "/api/countries/{iso2}", Policy::Public(),
             u::Doc(std::string(kTag), "A country with its class history", country_detail, {404}),
             [api](Request& r) { return api->GetCountry(r); });
  u::AddRead(router, "/api/countries/{iso2}/classification", Policy::Public(),
             u::Doc(std::string(kTag), "A country's classes on a date", ClassificationSchema(),
                    {400, 404}, {on}),
             [api](Request& r) { return api->Classify(r); });
  u::AddRoute(router, Method::kPost, "/api/countries/{iso2}/class-changes",
              Policy::Roles(kOfficers),
              u::Doc(std::string(kTag), "Record a dated class change (e.g. an LDC graduation)",
                     u::Object({{"iso2", u::Str()}, {"history", u::ArrayOf(ClassPeriodSchema())}}),
                     {400, 404, 409, 422}, {},
                     u::Object({{"class", u::Enum({"ldc", "lldc", "sids", "developing"})},
                                {"change", u::Enum({"enter", "leave"})},
                                {"date", u::Str()},
                                {"source", u::Str()}},
                               {"class", "change", "date", "source"}),
                     201),
              [api](Request& r) { return api->ChangeClass(r); });

  u::AddRead(router, "/api/organizations", Policy::SignedIn(),
             u::Doc(std::string(kTag), "List organizations", u::PageOf(OrganizationSchema()), {400},
                    u::PagingParams({{"q", "string", false, "name, accents ignored", std::nullopt},
                                     {"kind", "string", false, "organization kind", std::nullopt},
                                     {"country", "string", false, "ISO alpha-2", std::nullopt},
                                     {"sort", "string", false, "sort order",
                                      json{"name", "-name", "kind", "-kind", "country", "-country",
                                           "id", "-id"}}})),
             [api](Request& r) { return api->ListOrganizations(r); });
  u::AddRead(router, "/api/organizations/{id:int}", Policy::SignedIn(),
             u::Doc(std::string(kTag), "An organization", OrganizationSchema(), {404}),
             [api](Request& r) { return api->GetOrganization(r); });
  u::AddRoute(router, Method::kPost, "/api/organizations", Policy::Roles(kOfficers),
              u::Doc(std::string(kTag), "Create an organization", OrganizationSchema(),
                     {400, 409, 415, 422}, {}, OrganizationInputSchema(), 201),
              [api](Request& r) { return api->SaveOrganization(r, true); });
  u::AddRoute(router, Method::kPut, "/api/organizations/{id:int}", Policy::Roles(kOfficers),
              u::Doc(std::string(kTag), "Replace an organization", OrganizationSchema(),
                     {400, 404, 409, 415, 422}, {}, OrganizationInputSchema()),
              [api](Request& r) { return api->SaveOrganization(r, false); });
  u::AddRoute(router, Method::kDelete, "/api/organizations/{id:int}", Policy::Roles(kOfficers),
              u::Doc(std::string(kTag), "Delete an organization nobody belongs to", json::object(),
                     {404, 409}, {}, std::nullopt, 204),
              [api](Request& r) { return api->DeleteOrganization(r); });

  u::AddRead(
      router, "/api/people", Policy::Roles(kPeopleReaders),
      u::Doc(
          std::string(kTag), "Search people", u::PageOf(PersonSchema()), {400},
          u::PagingParams(
              {{"q", "string", false, "name or email, case and accents ignored", std::nullopt},
               {"country", "string", false, "ISO alpha-2", std::nullopt},
               {"organization_id", "integer", false, "organization", std::nullopt},
               {"gender", "string", false, "gender", json{"female", "male", "other", "not_stated"}},
               {"include_merged", "boolean", false, "include merged-away records", std::nullopt},
               {"sort", "string", false, "sort order",
                json{"name", "-name", "country", "-country", "id", "-id", "created_at",
                     "-created_at"}}})),
      [api](Request& r) { return api->ListPeople(r); });
  u::AddRead(
      router, "/api/people/me", Policy::SignedIn(),
      u::Doc(std::string(kTag), "The person linked to the caller's account", PersonSchema(), {404}),
      [api](Request& r) { return api->GetMe(r); });
  std::set<std::string> readers_and_delegates = kPeopleReaders;
  readers_and_delegates.insert("delegate");
  u::AddRead(router, "/api/people/{id:int}", Policy::Roles(readers_and_delegates),
             u::Doc(std::string(kTag), "A person (delegates: only their own record)",
                    PersonSchema(), {404}),
             [api](Request& r) { return api->GetPerson(r); });
  u::AddRoute(router, Method::kPost, "/api/people", Policy::Roles(kOfficers),
              u::Doc(std::string(kTag), "Create a person", PersonSchema(), {400, 409, 415, 422}, {},
                     PersonInputSchema(), 201),
              [api](Request& r) { return api->SavePerson(r, true); });
  u::AddRoute(router, Method::kPut, "/api/people/{id:int}", Policy::Roles(kOfficers),
              u::Doc(std::string(kTag), "Replace a person's details", PersonSchema(),
                     {400, 404, 409, 415, 422}, {}, PersonInputSchema()),
              [api](Request& r) { return api->SavePerson(r, false); });
  u::AddRoute(router, Method::kDelete, "/api/people/{id:int}", Policy::Roles(kOfficers),
              u::Doc(std::string(kTag), "Delete a person nothing refers to", json::object(),
                     {404, 409}, {}, std::nullopt, 204),
              [api](Request& r) { return api->DeletePerson(r); });
  u::AddRoute(
      router, Method::kPost, "/api/people/{id:int}/merge", Policy::Roles(kOfficers),
      u::Doc(std::string(kTag), "Merge this person into another (the survivor); references move",
             PersonSchema(), {400, 404, 409, 415, 422}, {},
             u::Object({{"into", u::Int()}}, {"into"})),
      [api](Request& r) { return api->Merge(r); });
  u::AddRoute(router, Method::kGet, "/api/people/{id:int}/export",
              Policy::Roles(readers_and_delegates),
              u::Doc(std::string(kTag), "Everything recorded about a person (privacy export)",
                     u::Object({{"person", PersonSchema()},
                                {"organization", OrganizationSchema()},
                                {"related", {{"type", "object"}}}}),
                     {404}),
              [api](Request& r) { return api->Export(r); });
  u::AddRoute(router, Method::kPost, "/api/people/{id:int}/erase", Policy::Roles(kOfficers),
              u::Doc(std::string(kTag),
                     "Erase a person's identity; keeps country, gender and organization kind",
                     PersonSchema(), {404, 409}),
              [api](Request& r) { return api->Erase(r); });

  for (const std::string& kind : TransferKindNames()) {
    u::AddRoute(
        router, Method::kPost, "/api/imports/" + kind, Policy::Roles(kOfficers),
        u::Doc(std::string(kTag), "Import " + kind + " from CSV or XLSX (the file is the body)",
               ImportReportSchema(), {415, 422},
               {{"dry_run", "boolean", false, "only check the file", std::nullopt}}),
        [api, kind](Request& r) { return api->Import(r, kind); });
    http::RouteDoc doc =
        u::Doc(std::string(kTag), "Export " + kind + " as CSV or XLSX",
               {{"type", "string"}, {"format", "binary"}}, {400},
               {{"format", "string", false, "file format (default csv)", json{"csv", "xlsx"}}});
    doc.response_content_type = "text/csv";
    u::AddRoute(router, Method::kGet, "/api/exports/" + kind, Policy::Roles(kOfficers),
                std::move(doc), [api, kind](Request& r) { return api->ExportTable(r, kind); });
  }
}

}  // namespace bsg::registry
