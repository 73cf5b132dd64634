// The registry's HTTP routes. Handlers decode, call rules and the store inside one transaction
// (with the audit event), and encode; the platform checks each route's policy first and maps
// errors to HTTP.
#include "modules/registry/api.h"

#include <cctype>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "modules/identity/audit.h"
#include "modules/identity/crypto.h"
#include "modules/registry/json.h"
#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "modules/registry/transfer.h"
#include "platform/http/api_util.h"
#include "platform/tabular/table.h"

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

std::string Now() { return identity::FormatTimestamp(std::chrono::system_clock::now()); }

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Result<std::string> DayParam(const Request& req) {
  auto on = req.Query("on");
  if (!on) return u::Today();
  if (!IsIsoDate(*on)) {
    return Status::InvalidArgument("request.bad_query", "on must be a date",
                                   {{"on", "must be a date YYYY-MM-DD"}});
  }
  return *on;
}

class Api {
 public:
  explicit Api(db::Database& db) : db_(db) {}

  // ---- countries

  Result<Response> ListCountries(Request& req) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    BSG_ASSIGN_OR_RETURN(std::string day, DayParam(req));
    const auto region = req.Query("region");
    const auto cls = req.Query("class");
    const auto q = req.Query("q");
    if (region && !OneOf(kRegions, Upper(*region))) {
      return Status::InvalidArgument("request.bad_query", "unknown region",
                                     {{"region", "must be one of AFR, AMS, ARB, ASP, CIS, EUR"}});
    }
    if (cls && !OneOf(kClasses, *cls) && *cls != "developed") {
      return Status::InvalidArgument(
          "request.bad_query", "unknown class",
          {{"class", "must be one of ldc, lldc, sids, developing, developed"}});
    }
    BSG_ASSIGN_OR_RETURN(ClassIndex index, LoadIndex());
    const std::string key = q ? MatchKey(*q) : "";
    std::vector<json> items;
    for (const auto& c : index.countries()) {
      if (region && c.region != Upper(*region)) continue;
      if (q && MatchKey(c.name).find(key) == std::string::npos &&
          MatchKey(c.name_fr).find(key) == std::string::npos && MatchKey(c.iso2) != key &&
          MatchKey(c.iso3) != key) {
        continue;
      }
      const Classification k = *index.On(c.iso2, day);
      if (cls) {
        const bool held = *cls == "ldc"          ? k.ldc
                          : *cls == "lldc"       ? k.lldc
                          : *cls == "sids"       ? k.sids
                          : *cls == "developing" ? k.developing
                                                 : !k.developing;
        if (!held) continue;
      }
      json item = ToJson(c);
      item["classification"] = ToJson(k);
      items.push_back(std::move(item));
    }
    json page = json::array();
    for (std::size_t i = static_cast<std::size_t>(paging.offset);
         i < items.size() && page.size() < static_cast<std::size_t>(paging.limit); ++i) {
      page.push_back(items[i]);
    }
    return Response::Json({{"items", page},
                           {"total", items.size()},
                           {"limit", paging.limit},
                           {"offset", paging.offset},
                           {"on", day}});
  }

  Result<Response> GetCountry(Request& req) {
    const std::string iso2 = Upper(req.PathText("iso2"));
    BSG_ASSIGN_OR_RETURN(ClassIndex index, LoadIndex());
    const Country* c = index.Find(iso2);
    if (c == nullptr) return Status::NotFound("country.not_found", "no country with this code");
    json out = ToJson(*c);
    out["classification"] = ToJson(*index.On(iso2, u::Today()));
    BSG_ASSIGN_OR_RETURN(auto history,
                         WithSession([&](db::Session& s) { return store_.ClassPeriods(s, iso2); }));
    out["history"] = json::array();
    for (const auto& p : history) out["history"].push_back(ToJson(p));
    return Response::Json(out);
  }

  Result<Response> Classify(Request& req) {
    const std::string iso2 = Upper(req.PathText("iso2"));
    BSG_ASSIGN_OR_RETURN(std::string day, DayParam(req));
    BSG_ASSIGN_OR_RETURN(ClassIndex index, LoadIndex());
    auto k = index.On(iso2, day);
    if (!k) return Status::NotFound("country.not_found", "no country with this code");
    return Response::Json(ToJson(*k));
  }

  Result<Response> ChangeClass(Request& req) {
    const std::string iso2 = Upper(req.PathText("iso2"));
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(ClassChange change, ClassChangeFromJson(body));
    json history = json::array();
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(auto countries, store_.Countries(tx));
      bool known = false;
      for (const auto& c : countries) known = known || c.iso2 == iso2;
      if (!known) return Status::NotFound("country.not_found", "no country with this code");
      BSG_ASSIGN_OR_RETURN(auto periods, store_.ClassPeriods(tx, iso2));
      BSG_ASSIGN_OR_RETURN(ClassChangePlan plan, PlanClassChange(iso2, periods, change));
      std::optional<json> before;
      json after;
      if (plan.close) {
        for (const auto& p : periods) {
          if (p.id == plan.close->id) before = ToJson(p);
        }
        BSG_RETURN_IF_ERROR(store_.CloseClassPeriod(tx, *plan.close));
        after = ToJson(*plan.close);
      }
      if (plan.open) {
        BSG_ASSIGN_OR_RETURN(plan.open->id, store_.InsertClassPeriod(tx, *plan.open));
        after = ToJson(*plan.open);
      }
      after["iso2"] = iso2;
      after["change"] = change.change;
      BSG_RETURN_IF_ERROR(identity::RecordAudit(tx, identity::ActorFrom(req), "country_class", iso2,
                                                "class_change", before, after));
      BSG_ASSIGN_OR_RETURN(auto updated, store_.ClassPeriods(tx, iso2));
      for (const auto& p : updated) history.push_back(ToJson(p));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return Response::Json({{"iso2", iso2}, {"history", history}}, 201);
  }

  // ---- organizations

  Result<Response> ListOrganizations(Request& req) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    OrganizationFilter f;
    f.q = req.Query("q");
    f.kind = req.Query("kind");
    if (auto c = req.Query("country")) f.country = Upper(*c);
    f.sort = req.Query("sort").value_or("name");
    f.limit = paging.limit;
    f.offset = paging.offset;
    BSG_ASSIGN_OR_RETURN(
        auto page, WithSession([&](db::Session& s) { return store_.ListOrganizations(s, f); }));
    return Response::Json(u::PageJson(page.items, page.total, paging,
                                      [](const Organization& o) { return ToJson(o); }));
  }

  Result<Response> GetOrganization(Request& req) {
    const std::int64_t id = req.PathInt("id");
    BSG_ASSIGN_OR_RETURN(
        auto o, WithSession([&](db::Session& s) { return store_.GetOrganization(s, id); }));
    return Response::Json(ToJson(o));
  }

  Result<Response> SaveOrganization(Request& req, bool create) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(OrganizationDraft d, OrganizationDraftFromJson(body));
    Organization saved;
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(ClassIndex index, store_.LoadClassIndex(tx));
      std::optional<json> before;
      std::int64_t id = 0;
      if (!create) {
        id = req.PathInt("id");
        BSG_ASSIGN_OR_RETURN(Organization old, store_.GetOrganization(tx, id));
        before = ToJson(old);
      }
      BSG_RETURN_IF_ERROR(ValidateOrganization(d, index));
      if (create) {
        BSG_ASSIGN_OR_RETURN(id, store_.CreateOrganization(tx, d, Now()));
      } else {
        BSG_RETURN_IF_ERROR(store_.UpdateOrganization(tx, id, d, Now()));
      }
      BSG_ASSIGN_OR_RETURN(saved, store_.GetOrganization(tx, id));
      return identity::RecordAudit(tx, identity::ActorFrom(req), "organization", std::to_string(id),
                                   create ? "create" : "update", before, ToJson(saved));
    });
    if (!st.ok()) return st;
    return Response::Json(ToJson(saved), create ? 201 : 200);
  }

  Result<Response> DeleteOrganization(Request& req) {
    const std::int64_t id = req.PathInt("id");
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(Organization old, store_.GetOrganization(tx, id));
      BSG_RETURN_IF_ERROR(store_.DeleteOrganization(tx, id));
      return identity::RecordAudit(tx, identity::ActorFrom(req), "organization", std::to_string(id),
                                   "delete", ToJson(old), std::nullopt);
    });
    if (!st.ok()) return st;
    return Response::NoContent();
  }

  // ---- people

  Result<Response> ListPeople(Request& req) {
    BSG_ASSIGN_OR_RETURN(u::Paging paging, u::ReadPaging(req));
    PersonFilter f;
    f.q = req.Query("q");
    if (auto c = req.Query("country")) f.country = Upper(*c);
    BSG_ASSIGN_OR_RETURN(f.organization_id, req.QueryInt("organization_id"));
    f.gender = req.Query("gender");
    f.include_merged = req.Query("include_merged").value_or("false") == "true";
    f.sort = req.Query("sort").value_or("name");
    f.limit = paging.limit;
    f.offset = paging.offset;
    BSG_ASSIGN_OR_RETURN(auto page,
                         WithSession([&](db::Session& s) { return store_.ListPeople(s, f); }));
    return Response::Json(
        u::PageJson(page.items, page.total, paging, [](const Person& p) { return ToJson(p); }));
  }

  // Officers and readers see anyone; a delegate only the person linked to their account.
  Result<Person> ReadablePerson(const Request& req, db::Session& s, std::int64_t id) {
    BSG_ASSIGN_OR_RETURN(Person p, store_.GetPerson(s, id));
    const auto& roles = req.principal->roles;
    bool reader = false;
    for (const auto& r : kPeopleReaders) reader = reader || roles.count(r) > 0;
    if (!reader && p.user_id != req.principal->user_id) {
      return Status::PermissionDenied("person.not_own", "you may read only your own person record");
    }
    return p;
  }

  Result<Response> GetPerson(Request& req) {
    const std::int64_t id = req.PathInt("id");
    BSG_ASSIGN_OR_RETURN(Person p,
                         WithSession([&](db::Session& s) { return ReadablePerson(req, s, id); }));
    return Response::Json(ToJson(p));
  }

  Result<Response> GetMe(Request& req) {
    BSG_ASSIGN_OR_RETURN(auto p, WithSession([&](db::Session& s) {
                           return store_.FindPersonByUser(s, req.principal->user_id);
                         }));
    if (!p) return Status::NotFound("person.not_found", "no person is linked to your account");
    return Response::Json(ToJson(*p));
  }

  Result<Response> SavePerson(Request& req, bool create) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(PersonDraft d, PersonDraftFromJson(body));
    Person saved;
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(ClassIndex index, store_.LoadClassIndex(tx));
      std::optional<json> before;
      std::int64_t id = 0;
      if (!create) {
        id = req.PathInt("id");
        BSG_ASSIGN_OR_RETURN(Person old, store_.GetPerson(tx, id));
        if (old.erased_at || old.merged_into) {
          return Status::Conflict("person.read_only",
                                  "an erased or merged-away person cannot be edited");
        }
        before = ToJson(old);
      }
      BSG_RETURN_IF_ERROR(ValidatePerson(d, index));
      if (create) {
        BSG_ASSIGN_OR_RETURN(id, store_.CreatePerson(tx, d, Now()));
      } else {
        BSG_RETURN_IF_ERROR(store_.UpdatePerson(tx, id, d, Now()));
      }
      BSG_ASSIGN_OR_RETURN(saved, store_.GetPerson(tx, id));
      return identity::RecordAudit(tx, identity::ActorFrom(req), "person", std::to_string(id),
                                   create ? "create" : "update", before, ToJson(saved));
    });
    if (!st.ok()) return st;
    return Response::Json(ToJson(saved), create ? 201 : 200);
  }

  Result<Response> DeletePerson(Request& req) {
    const std::int64_t id = req.PathInt("id");
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(Person old, store_.GetPerson(tx, id));
      BSG_RETURN_IF_ERROR(store_.DeletePerson(tx, id));
      return identity::RecordAudit(tx, identity::ActorFrom(req), "person", std::to_string(id),
                                   "delete", ToJson(old), std::nullopt);
    });
    if (!st.ok()) return st;
    return Response::NoContent();
  }

  Result<Response> Merge(Request& req) {
    const std::int64_t from = req.PathInt("id");
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    u::Body b(body);
    auto into = b.Integer("into");
    BSG_RETURN_IF_ERROR(b.status());
    if (!into) {
      return Status::Unprocessable("person.invalid_merge", "say which person survives",
                                   {{"into", "is required: the id of the surviving person"}});
    }
    Person survivor;
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_RETURN_IF_ERROR(MergePeople(tx, store_, from, *into, identity::ActorFrom(req)));
      BSG_ASSIGN_OR_RETURN(survivor, store_.GetPerson(tx, *into));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return Response::Json(ToJson(survivor));
  }

  Result<Response> Export(Request& req) {
    const std::int64_t id = req.PathInt("id");
    json out;
    BSG_RETURN_IF_ERROR(db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          BSG_ASSIGN_OR_RETURN(Person p, ReadablePerson(req, tx, id));
          out = {{"person", ToJson(p)}};
          if (p.organization_id) {
            BSG_ASSIGN_OR_RETURN(Organization o, store_.GetOrganization(tx, *p.organization_id));
            out["organization"] = ToJson(o);
          }
          out["related"] = json::object();
          for (const auto& [name, fn] : PersonExportHooks()) {
            BSG_ASSIGN_OR_RETURN(out["related"][name], fn(tx, id));
          }
          return Status::Ok();
        },
        {.read_only = true}));
    return Response::Json(out);
  }

  Result<Response> Erase(Request& req) {
    const std::int64_t id = req.PathInt("id");
    Person erased;
    Status st = db_.InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(Person old, store_.GetPerson(tx, id));
      if (old.erased_at) return Status::Conflict("person.already_erased", "already erased");
      BSG_RETURN_IF_ERROR(store_.ErasePerson(tx, id, Now()));
      BSG_ASSIGN_OR_RETURN(erased, store_.GetPerson(tx, id));
      // The event names what was kept, never what was removed.
      return identity::RecordAudit(tx, identity::ActorFrom(req), "person", std::to_string(id),
                                   "erase", std::nullopt, ToJson(erased));
    });
    if (!st.ok()) return st;
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
                                                               identity::ActorFrom(req), nullptr));
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
  template <typename F>
  auto WithSession(F&& fn) -> decltype(fn(std::declval<db::Session&>())) {
    decltype(fn(std::declval<db::Session&>())) result =
        Status::Internal("registry.no_result", "no result");
    Status st = db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          result = fn(tx);
          return result.ok() ? Status::Ok() : result.status();
        },
        {.read_only = true});
    if (!st.ok()) return st;
    return result;
  }

  Result<ClassIndex> LoadIndex() {
    return WithSession([&](db::Session& s) { return store_.LoadClassIndex(s); });
  }

  db::Database& db_;
  const Store store_;
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

Status MergePeople(db::Session& tx, const Store& store, std::int64_t from, std::int64_t into,
                   const identity::AuditActor& actor) {
  if (from == into) {
    return Status::Unprocessable("person.invalid_merge", "a person cannot be merged into itself",
                                 {{"into", "must be another person"}});
  }
  BSG_ASSIGN_OR_RETURN(Person a, store.GetPerson(tx, from));
  auto b = store.GetPerson(tx, into);
  if (!b.ok()) {
    if (b.status().code() == ErrorCode::kNotFound) {
      return Status::Unprocessable("person.invalid_merge", "the surviving person does not exist",
                                   {{"into", "is not an existing person"}});
    }
    return b.status();
  }
  if (a.merged_into || b->merged_into || a.erased_at || b->erased_at) {
    return Status::Conflict("person.not_mergeable",
                            "merged-away or erased people cannot be merged");
  }
  BSG_RETURN_IF_ERROR(store.MarkMerged(tx, from, into, Now()));
  for (const auto& [name, hook] : PersonMergeHooks()) {
    BSG_RETURN_IF_ERROR(hook(tx, from, into).WithContext("merge hook " + name));
  }
  BSG_RETURN_IF_ERROR(identity::RecordAudit(tx, actor, "person", std::to_string(from), "merge",
                                            ToJson(a), json{{"merged_into", into}}));
  return identity::RecordAudit(tx, actor, "person", std::to_string(into), "merge_survivor",
                               ToJson(*b), json{{"absorbed", from}});
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

  u::AddRoute(router, Method::kGet, "/api/countries", Policy::Public(),
              u::Doc(std::string(kTag), "List ITU Member States with their classes on a date",
                     page_country, {400},
                     u::PagingParams(
                         {{"region", "string", false, "ITU-D region code",
                           json{"AFR", "AMS", "ARB", "ASP", "CIS", "EUR"}},
                          {"class", "string", false, "class held on the date",
                           json{"ldc", "lldc", "sids", "developing", "developed"}},
                          on,
                          {"q", "string", false,
                           "name (English or French) or code, accents ignored", std::nullopt}})),
              [api](Request& r) { return api->ListCountries(r); });
  u::AddRoute(router, Method::kGet, "/api/countries/{iso2}", Policy::Public(),
              u::Doc(std::string(kTag), "A country with its class history", country_detail, {404}),
              [api](Request& r) { return api->GetCountry(r); });
  u::AddRoute(router, Method::kGet, "/api/countries/{iso2}/classification", Policy::Public(),
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

  u::AddRoute(
      router, Method::kGet, "/api/organizations", Policy::SignedIn(),
      u::Doc(std::string(kTag), "List organizations", u::PageOf(OrganizationSchema()), {400},
             u::PagingParams(
                 {{"q", "string", false, "name, accents ignored", std::nullopt},
                  {"kind", "string", false, "organization kind", std::nullopt},
                  {"country", "string", false, "ISO alpha-2", std::nullopt},
                  {"sort", "string", false, "sort order",
                   json{"name", "-name", "kind", "-kind", "country", "-country", "id", "-id"}}})),
      [api](Request& r) { return api->ListOrganizations(r); });
  u::AddRoute(router, Method::kGet, "/api/organizations/{id:int}", Policy::SignedIn(),
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

  u::AddRoute(
      router, Method::kGet, "/api/people", Policy::Roles(kPeopleReaders),
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
  u::AddRoute(
      router, Method::kGet, "/api/people/me", Policy::SignedIn(),
      u::Doc(std::string(kTag), "The person linked to the caller's account", PersonSchema(), {404}),
      [api](Request& r) { return api->GetMe(r); });
  std::set<std::string> readers_and_delegates = kPeopleReaders;
  readers_and_delegates.insert("delegate");
  u::AddRoute(router, Method::kGet, "/api/people/{id:int}", Policy::Roles(readers_and_delegates),
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
