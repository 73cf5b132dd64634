// The mandates module: read-only routes over the reference data of migration 0005.
#include "modules/mandates/module.h"

#include <memory>

#include "modules/mandates/store.h"
#include "platform/http/api_util.h"

namespace bsg::mandates {
namespace {

using nlohmann::json;
namespace u = http::api_util;

json ResolutionJson(const Resolution& r) {
  return {{"code", r.code},
          {"conference", r.conference},
          {"number", r.number},
          {"revision", r.revision},
          {"title", r.title}};
}
json ProgrammeJson(const Programme& p) {
  return {{"number", p.number}, {"title", p.title}, {"resolution", p.resolution_code}};
}
json PillarJson(const Pillar& p) {
  return {{"code", p.code}, {"letter", p.letter}, {"name", p.name}, {"description", p.description}};
}

json ResolutionSchema() {
  return u::Object({{"code", u::Str()},
                    {"conference", u::Str()},
                    {"number", u::Int()},
                    {"revision", u::Str()},
                    {"title", u::Str()}});
}
json ProgrammeSchema() {
  return u::Object({{"number", u::Int()}, {"title", u::Str()}, {"resolution", u::Str()}});
}
json PillarSchema() {
  return u::Object(
      {{"code", u::Str()}, {"letter", u::Str()}, {"name", u::Str()}, {"description", u::Str()}});
}

// Reads everything in one read-only transaction and answers with `pick(all)`.
Result<http::Response> Answer(db::Database& db, const char* what) {
  const Store store;
  json out = json::object();
  Status st = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        const std::string w = what;
        if (w == "all" || w == "resolutions") {
          BSG_ASSIGN_OR_RETURN(auto list, store.Resolutions(tx));
          out["resolutions"] = json::array();
          for (const auto& r : list) out["resolutions"].push_back(ResolutionJson(r));
        }
        if (w == "all" || w == "programmes") {
          BSG_ASSIGN_OR_RETURN(auto list, store.Programmes(tx));
          out["programmes"] = json::array();
          for (const auto& p : list) out["programmes"].push_back(ProgrammeJson(p));
        }
        if (w == "all" || w == "pillars") {
          BSG_ASSIGN_OR_RETURN(auto list, store.Pillars(tx));
          out["pillars"] = json::array();
          for (const auto& p : list) out["pillars"].push_back(PillarJson(p));
        }
        return Status::Ok();
      },
      {.read_only = true});
  if (!st.ok()) return st;
  if (std::string(what) != "all") return http::Response::Json({{"items", out[what]}});
  return http::Response::Json(out);
}

class MandatesModule final : public Module {
 public:
  std::string_view name() const override { return "mandates"; }
  void RegisterRoutes(http::Router& router, ModuleContext& ctx) override {
    auto db = ctx.database();
    if (!db.ok()) return;
    db::Database* d = *db;
    const std::string tag = "mandates";
    u::AddRead(router, "/api/mandates", http::Policy::Public(),
               u::Doc(tag, "Resolutions, action-plan programmes and BSG pillars",
                      u::Object({{"resolutions", u::ArrayOf(ResolutionSchema())},
                                 {"programmes", u::ArrayOf(ProgrammeSchema())},
                                 {"pillars", u::ArrayOf(PillarSchema())}})),
               [d](http::Request&) { return Answer(*d, "all"); });
    u::AddRead(router, "/api/mandates/resolutions", http::Policy::Public(),
               u::Doc(tag, "Resolutions behind the BSG programme",
                      u::Object({{"items", u::ArrayOf(ResolutionSchema())}})),
               [d](http::Request&) { return Answer(*d, "resolutions"); });
    u::AddRead(router, "/api/mandates/programmes", http::Policy::Public(),
               u::Doc(tag, "The four programmes of the Resolution 44 action plan",
                      u::Object({{"items", u::ArrayOf(ProgrammeSchema())}})),
               [d](http::Request&) { return Answer(*d, "programmes"); });
    u::AddRead(
        router, "/api/mandates/pillars", http::Policy::Public(),
        u::Doc(tag, "The five BSG pillars", u::Object({{"items", u::ArrayOf(PillarSchema())}})),
        [d](http::Request&) { return Answer(*d, "pillars"); });
  }
};

}  // namespace

std::unique_ptr<bsg::Module> NewMandatesModule() { return std::make_unique<MandatesModule>(); }

}  // namespace bsg::mandates
