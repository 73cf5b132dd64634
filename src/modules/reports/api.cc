// The reports HTTP handlers: decode the window and format, build the report, encode it.
#include "modules/reports/api.h"

#include <memory>
#include <optional>

#include "modules/reports/json.h"
#include "modules/reports/output.h"
#include "modules/reports/report.h"
#include "modules/reports/rules.h"
#include "platform/db/data_version.h"
#include "platform/http/api_util.h"
#include "platform/http/audit_actor.h"
#include "platform/http/response_cache.h"
#include "platform/time/clock.h"
#include "platform/time/date.h"

namespace bsg::reports {
namespace {

using http::Method;
using http::Policy;
using http::Request;
using http::Response;
using http::api_util::AddRoute;
using http::api_util::BadQuery;
using http::api_util::Param;
using nlohmann::json;

constexpr char kTag[] = "reports";

std::vector<http::ParamDoc> WindowParams() {
  return {Param("since", "string",
                "first day of the window (YYYY-MM-DD); default: 364 days "
                "before until"),
          Param("until", "string", "last day of the window (YYYY-MM-DD); default: today (UTC)"),
          Param("language", "string", "the wording's language (default en)",
                json::array({"ar", "en", "es", "fr", "ru", "zh"}))};
}

std::vector<http::ParamDoc> PartParams(bool tables) {
  std::vector<http::ParamDoc> out = WindowParams();
  if (tables) {
    out.push_back(Param("table", "string", "a table's number or id (csv)"));
  }
  out.push_back(Param("figure", "string", "a figure's number or id"));
  return out;
}

http::RouteDoc Doc(std::string summary, json response, std::vector<http::ParamDoc> query,
                   std::string content_type = "application/json",
                   std::vector<int> errors = {400, 422}) {
  http::RouteDoc d;
  d.summary = std::move(summary);
  d.tag = kTag;
  d.response_schema = std::move(response);
  d.query_params = std::move(query);
  d.response_content_type = std::move(content_type);
  d.error_statuses = std::move(errors);
  return d;
}

class Handlers {
 public:
  Handlers(db::Database& db, ApiOptions options)
      : db_(db), options_(std::move(options)), cache_(options_.cache_bytes) {}

  // GET /api/reports/progress: format from the query (default json).
  Result<Response> Progress(Request& req) {
    Format format = Format::kJson;
    if (auto f = req.Query("format"); f && !f->empty()) {
      auto parsed = ParseFormat(*f);
      if (!parsed) return BadQuery("format", "must be one of json, html, pdf, csv, svg, png");
      format = *parsed;
    }
    return Serve(req, format);
  }

  Result<Response> Fixed(Request& req, Format format) { return Serve(req, format); }

  // Without since and until, the window is the suggested one (SuggestWindow): the response says
  // which and why.
  // What the cache holds for a request, on the request threads (Route::cached). `format`:
  // nullopt for GET /api/reports/progress, where it is a parameter.
  std::optional<Response> Peek(const Request& req, std::optional<Format> format) {
    if (!format) {
      const std::string name = req.Query("format").value_or("");
      format = name.empty() ? std::optional<Format>(Format::kJson) : ParseFormat(name);
      if (!format) return std::nullopt;  // the handler explains
    }
    Result<std::string> key = ProgressKey(req, *format);
    return key.ok() ? cache_.Peek(req, *key) : std::nullopt;
  }

  std::optional<Response> PeekDashboard(const Request& req) {
    Result<std::string> key = DashboardKey(req);
    return key.ok() ? cache_.Peek(req, *key) : std::nullopt;
  }

  Result<Response> Dashboard(Request& req) {
    const bool named =
        !req.Query("since").value_or("").empty() || !req.Query("until").value_or("").empty();
    BSG_ASSIGN_OR_RETURN(std::string key, DashboardKey(req));
    return cache_.Get(req, key, [&]() -> Result<Response> {
      BSG_ASSIGN_OR_RETURN(SuggestedWindow choice,
                           SuggestDashboardWindow(db_, time::Today().ToString()));
      if (named) choice.basis = WindowBasis::kRequested;
      BSG_ASSIGN_OR_RETURN(Report report,
                           Build(req, named ? std::nullopt : std::optional<Window>(choice.window)));
      return Response::Json(DashboardJson(report, choice));
    });
  }

  Result<Response> Suggested(Request&) {
    BSG_ASSIGN_OR_RETURN(SuggestedWindow choice,
                         SuggestDashboardWindow(db_, time::Today().ToString()));
    Response r = Response::Json(SuggestedWindowJson(choice));
    r.SetHeader("Cache-Control", "no-cache");
    return r;
  }

  Result<Response> Templates(Request& req) {
    const std::string language = req.Query("language").value_or("en");
    BSG_ASSIGN_OR_RETURN(auto views, ListTemplates(db_, language));
    return Response::Json(TemplatesJson(language, views));
  }

  Result<Response> PutTemplates(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    std::string language = req.Query("language").value_or("en");
    BSG_ASSIGN_OR_RETURN(auto changes, TemplateChangesFromJson(body, language));
    std::optional<std::int64_t> user;
    if (req.principal) user = req.principal->user_id;
    BSG_RETURN_IF_ERROR(UpdateTemplates(db_, http::ActorFrom(req), user, language, changes));
    BSG_ASSIGN_OR_RETURN(auto views, ListTemplates(db_, language));
    return Response::Json(TemplatesJson(language, views));
  }

 private:
  // The report for the request's window, or for `window` when given.
  Result<Report> Build(const Request& req, std::optional<Window> window = std::nullopt) {
    BuildOptions o;
    o.language = req.Query("language").value_or("en");
    o.data_dir = options_.data_dir;
    if (window) {
      o.window = *window;
      return BuildProgressReport(db_, o);
    }
    o.window.until = req.Query("until").value_or("");
    if (o.window.until.empty()) o.window.until = time::Today().ToString();
    o.window.since = req.Query("since").value_or("");
    if (o.window.since.empty()) {
      if (!time::IsIsoDate(o.window.until)) {
        return BadQuery("until", "must be a date (YYYY-MM-DD)");
      }
      BSG_ASSIGN_OR_RETURN(o.window.since, time::AddDays(o.window.until, -kDefaultWindowDays));
    }
    return BuildProgressReport(db_, o);
  }

  // The cache key of a document: what names it (`what`), the language, today (the default
  // window and the report's wording of what is still planned follow the date) and the data it
  // is built from (db::DataVersion).
  Result<std::string> Key(const Request& req, const std::string& what) {
    BSG_ASSIGN_OR_RETURN(std::string version, db::DataVersion(db_));
    return what + "|" + req.Query("language").value_or("en") + "|" + time::Today().ToString() +
           "|" + version;
  }

  Result<std::string> ProgressKey(const Request& req, Format format) {
    std::string what = "progress|" + std::string(FormatName(format));
    for (const char* name : {"since", "until", "table", "figure"}) {
      what += "|";
      what += req.Query(name).value_or("");
    }
    return Key(req, what);
  }

  Result<std::string> DashboardKey(const Request& req) {
    const bool named =
        !req.Query("since").value_or("").empty() || !req.Query("until").value_or("").empty();
    return Key(req, named ? "dashboard|" + req.Query("since").value_or("") + "|" +
                                req.Query("until").value_or("")
                          : std::string("dashboard|suggested"));
  }

  Result<Response> Serve(const Request& req, Format format) {
    BSG_ASSIGN_OR_RETURN(std::string key, ProgressKey(req, format));
    return cache_.Get(req, key, [&] { return Render(req, format); });
  }

  Result<Response> Render(const Request& req, Format format) {
    PartRequest part;
    part.table = req.Query("table");
    part.figure = req.Query("figure");
    if (part.table && part.table->empty()) part.table.reset();
    if (part.figure && part.figure->empty()) part.figure.reset();
    if ((part.table || part.figure) &&
        (format == Format::kJson || format == Format::kHtml || format == Format::kPdf)) {
      return BadQuery(part.table ? "table" : "figure",
                      "only for format csv, svg or png (json lists them; html and pdf hold all)");
    }
    BSG_ASSIGN_OR_RETURN(Report report, Build(req));
    OutputOptions out;
    out.data_dir = options_.data_dir;
    render::RenderedFile file;
    if (format == Format::kCsv || format == Format::kSvg || format == Format::kPng) {
      BSG_ASSIGN_OR_RETURN(file, RenderPart(report, format, part, out));
      file.name = FileStem(report) + "_" + file.name;
    } else if (format == Format::kJson) {
      return Response::Json(ToJson(report));
    } else {
      BSG_ASSIGN_OR_RETURN(auto files, RenderReport(report, format, out));
      file = std::move(files.front());
    }
    Response r = Response::Text(std::move(file.content), file.content_type);
    const bool inline_view = format == Format::kHtml || format == Format::kPdf ||
                             format == Format::kSvg || format == Format::kPng;
    r.SetHeader("Content-Disposition", std::string(inline_view ? "inline" : "attachment") +
                                           "; filename=\"" + file.name + "\"");
    if (format == Format::kHtml || format == Format::kSvg) {
      // The web app previews the report in a frame of its own origin; no other site may frame
      // it. The documents hold their styles and drawings inline and run nothing.
      r.SetHeader("Content-Security-Policy",
                  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                  "frame-ancestors 'self'; base-uri 'none'; form-action 'none'");
      r.SetHeader("X-Frame-Options", "SAMEORIGIN");
    }
    return r;
  }

  db::Database& db_;
  ApiOptions options_;
  http::ResponseCache cache_;
};

}  // namespace

void RegisterReportsRoutes(http::Router& router, db::Database& db, const ApiOptions& options) {
  auto h = std::make_shared<Handlers>(db, options);
  const Policy anyone = Policy::Public();
  const Policy officers = Policy::Roles({"admin", "officer"});

  std::vector<http::ParamDoc> progress_params = PartParams(true);
  progress_params.push_back(Param("format", "string",
                                  "json (default: the report model), html, pdf, csv (with table "
                                  "or figure), svg or png (with figure)",
                                  json::array({"json", "html", "pdf", "csv", "svg", "png"})));
  AddRoute(
      router, Method::kGet, "/api/reports/progress", anyone,
      Doc("The BSG progress report for a window: the report model with the provenance of every "
          "number (json), or a download in another format",
          ReportSchema(), progress_params, "application/json", {400, 404, 422}),
      [h](Request& req) { return h->Progress(req); }, http::Cost::kHeavy,
      [h](Request& req) { return h->Peek(req, std::nullopt); });

  const json binary = {{"type", "string"}, {"format", "binary"}};
  const json text = {{"type", "string"}};
  struct Download {
    const char* path;
    Format format;
    const char* content_type;
    const char* summary;
    bool parts;
    bool tables;
  };
  const Download downloads[] = {
      {"/api/reports/progress.pdf", Format::kPdf, "application/pdf",
       "The progress report as an A4 PDF (numbered sections, tables and figures, sources)", false,
       false},
      {"/api/reports/progress.html", Format::kHtml, "text/html",
       "The progress report as one standalone, printable HTML page", false, false},
      {"/api/reports/progress.csv", Format::kCsv, "text/csv",
       "One table, or one figure's data, of the progress report as CSV (table or figure "
       "required)",
       true, true},
      {"/api/reports/progress.svg", Format::kSvg, "image/svg+xml",
       "One figure of the progress report as SVG (figure required)", true, false},
      {"/api/reports/progress.png", Format::kPng, "image/png",
       "One figure of the progress report as PNG (figure required)", true, false},
  };
  for (const Download& d : downloads) {
    const Format format = d.format;
    AddRoute(
        router, Method::kGet, d.path, anyone,
        Doc(d.summary, format == Format::kPdf || format == Format::kPng ? binary : text,
            d.parts ? PartParams(d.tables) : WindowParams(), d.content_type,
            d.parts ? std::vector<int>{400, 404, 422} : std::vector<int>{400, 422}),
        [h, format](Request& req) { return h->Fixed(req, format); }, http::Cost::kHeavy,
        [h, format](Request& req) { return h->Peek(req, format); });
  }

  http::api_util::AddRead(
      router, "/api/reports/progress/templates", anyone,
      Doc("The editable wording of the progress report: every template with its default, the "
          "wording in force, the placeholders it may use, and the filters",
          TemplatesSchema(),
          {Param("language", "string", "the wording's language (default en)",
                 json::array({"ar", "en", "es", "fr", "ru", "zh"}))},
          "application/json", {400}),
      [h](Request& req) { return h->Templates(req); });

  http::RouteDoc put =
      Doc("Change the wording of progress report templates (all or nothing, audited); a null text "
          "restores the default. Unknown placeholders are rejected with 422, all of them named",
          TemplatesSchema(), {}, "application/json", {400, 422});
  put.request_schema = TemplatesInputSchema();
  AddRoute(router, Method::kPut, "/api/reports/progress/templates", officers, put,
           [h](Request& req) { return h->PutTemplates(req); });

  http::api_util::AddRead(
      router, "/api/reports/suggested-window", anyone,
      Doc("The window reports and dashboards open on when none is named: the 12 months to today "
          "when an event was held in them, else the 12 months ending on the last day of the most "
          "recent held event; basis says which",
          SuggestedWindowSchema(), {}, "application/json", {}),
      [h](Request& req) { return h->Suggested(req); });

  std::vector<http::ParamDoc> dashboard_params = {
      Param("since", "string",
            "first day of the window (YYYY-MM-DD); default: 364 days before until. Without "
            "since and until, the suggested window: the 12 months to today when an event was "
            "held in them, else the 12 months ending on the last day of the most recent held "
            "event (window.basis says which)"),
      Param("until", "string",
            "last day of the window (YYYY-MM-DD); default: today (UTC), or the suggested "
            "window's end when since is absent too"),
      Param("language", "string", "the wording's language (default en)",
            json::array({"ar", "en", "es", "fr", "ru", "zh"}))};
  AddRoute(
      router, Method::kGet, "/api/reports/dashboard", anyone,
      Doc("The progress report's figures and tables as JSON data, with the live values and "
          "their provenance (dashboards). Without a window, the latest 12 months with activity",
          DashboardSchema(), dashboard_params, "application/json", {400, 422}),
      [h](Request& req) { return h->Dashboard(req); }, http::Cost::kHeavy,
      [h](Request& req) { return h->PeekDashboard(req); });
}

}  // namespace bsg::reports
