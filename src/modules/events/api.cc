// The events HTTP handlers: decode, check the policy (the router did) and the rules-level
// permissions (the service does), call the service, encode. The statistics' figures are drawn
// with the chart kit (platform/render), the same drawing code as the progress report's.
#include "modules/events/api.h"

#include <functional>
#include <map>
#include <memory>
#include <set>

#include "modules/events/ical.h"
#include "modules/events/json.h"
#include "modules/events/rules.h"
#include "modules/events/stats.h"
#include "platform/db/data_version.h"
#include "platform/http/api_util.h"
#include "platform/http/response.h"
#include "platform/http/response_cache.h"
#include "platform/render/chart.h"
#include "platform/render/world_map.h"
#include "platform/tabular/table.h"
#include "platform/time/clock.h"
#include "platform/time/date.h"

namespace bsg::events {
namespace {

using http::Method;
using http::Policy;
using http::Request;
using http::Response;
using http::api_util::BadQuery;
using http::api_util::Param;
using http::api_util::QueryBool;
using nlohmann::json;

constexpr char kTag[] = "events";

void Add(http::Router& router, Method method, std::string pattern, Policy policy,
         http::RouteDoc doc, http::Handler handler, http::Cost cost = http::Cost::kCheap,
         std::function<std::optional<http::Response>(http::Request&)> cached = {}) {
  doc.tag = kTag;
  http::api_util::AddRoute(router, method, std::move(pattern), std::move(policy), std::move(doc),
                           std::move(handler), cost, std::move(cached));
}

void AddRead(http::Router& router, std::string pattern, Policy policy, http::RouteDoc doc,
             http::Handler handler) {
  doc.tag = kTag;
  http::api_util::AddRead(router, std::move(pattern), std::move(policy), std::move(doc),
                          std::move(handler));
}

http::RouteDoc Doc(std::string summary, json response, int status = 200,
                   std::vector<int> errors = {}, std::vector<http::ParamDoc> query = {},
                   std::optional<json> request = std::nullopt) {
  http::RouteDoc d;
  d.summary = std::move(summary);
  d.response_schema = std::move(response);
  d.success_status = status;
  d.error_statuses = std::move(errors);
  d.query_params = std::move(query);
  d.request_schema = std::move(request);
  return d;
}

template <typename E>
Result<std::optional<E>> QueryEnum(const Request& req, const char* name,
                                   std::optional<E> (*parse)(std::string_view)) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<E>();
  auto v = parse(*text);
  if (!v) return BadQuery(name, "unknown value \"" + *text + "\"");
  return v;
}

Result<std::optional<std::string>> QueryDate(const Request& req, const char* name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<std::string>();
  if (!time::IsIsoDate(*text)) return BadQuery(name, "must be a date (YYYY-MM-DD)");
  return text;
}

Result<EventFilter> ReadFilter(const Request& req) {
  EventFilter f;
  BSG_ASSIGN_OR_RETURN(f.kind, QueryEnum(req, "kind", &ParseEventKind));
  BSG_ASSIGN_OR_RETURN(f.mode, QueryEnum(req, "mode", &ParseEventMode));
  BSG_ASSIGN_OR_RETURN(f.status, QueryEnum(req, "status", &ParseEventStatus));
  BSG_ASSIGN_OR_RETURN(f.group_id, req.QueryInt("group"));
  BSG_ASSIGN_OR_RETURN(auto year, req.QueryInt("year"));
  if (year) {
    if (*year < time::kMinYear || *year > time::kMaxYear) {
      return BadQuery("year", "must be a year such as 2019");
    }
    f.year = static_cast<int>(*year);
  }
  if (auto month = req.Query("month"); month && !month->empty()) {
    if (!time::Date::ParseMonth(*month)) return BadQuery("month", "must be YYYY-MM");
    f.month = month;
  }
  if (auto region = req.Query("region"); region && !region->empty()) f.region = region;
  if (auto country = req.Query("country"); country && !country->empty()) f.country = country;
  BSG_ASSIGN_OR_RETURN(auto q, http::api_util::QueryText(req, "q"));
  if (q && !q->empty()) f.q = q;
  BSG_ASSIGN_OR_RETURN(f.since, QueryDate(req, "since"));
  BSG_ASSIGN_OR_RETURN(f.until, QueryDate(req, "until"));
  BSG_ASSIGN_OR_RETURN(f.parent_id, req.QueryInt("parent"));
  BSG_ASSIGN_OR_RETURN(auto limit, req.QueryInt("limit"));
  BSG_ASSIGN_OR_RETURN(auto offset, req.QueryInt("offset"));
  if (limit) {
    if (*limit < 1 || *limit > 1000) return BadQuery("limit", "must be between 1 and 1000");
    f.limit = *limit;
  }
  if (offset) {
    if (*offset < 0) return BadQuery("offset", "must be 0 or more");
    f.offset = *offset;
  }
  return f;
}

std::vector<http::ParamDoc> FilterParams() {
  return {Param("kind", "string", "event kind", EventKindNames()),
          Param("group", "integer", "a group id (Study Group, regional group, TSAG)"),
          Param("region", "string", "ITU region of the venue: AFR, AMS, ARB, ASP, CIS, EUR",
                json::array({"AFR", "AMS", "ARB", "ASP", "CIS", "EUR"})),
          Param("year", "integer", "events overlapping that year"),
          Param("month", "string", "events overlapping that month (YYYY-MM)"),
          Param("mode", "string", "in_person, virtual or hybrid", EventModeNames()),
          Param("status", "string", "event status", EventStatusNames()),
          Param("country", "string", "ISO 3166-1 alpha-2 code of the venue"),
          Param("q", "string", "text in the title, city or host"),
          Param("since", "string", "events ending on or after this date (YYYY-MM-DD)"),
          Param("until", "string", "events starting on or before this date (YYYY-MM-DD)"),
          Param("parent", "integer", "events collocated with this event"),
          Param("limit", "integer", "page size, 1 to 1000 (default 500)"),
          Param("offset", "integer", "events to skip")};
}

// The list's filters without paging (the iCalendar feed: up to 1000 events).
std::vector<http::ParamDoc> FeedParams() {
  std::vector<http::ParamDoc> params = FilterParams();
  std::erase_if(params,
                [](const http::ParamDoc& p) { return p.name == "limit" || p.name == "offset"; });
  return params;
}

// The month (required) and the list's filters; year, since, until and paging give way to it.
std::vector<http::ParamDoc> CalendarParams() {
  std::vector<http::ParamDoc> params = {Param("month", "string", "the month (YYYY-MM)")};
  params.front().required = true;
  for (http::ParamDoc& p : FilterParams()) {
    if (p.name == "kind" || p.name == "group" || p.name == "region" || p.name == "mode" ||
        p.name == "status" || p.name == "country" || p.name == "q" || p.name == "parent") {
      params.push_back(std::move(p));
    }
  }
  return params;
}

std::vector<http::ParamDoc> WindowParams(std::vector<http::ParamDoc> more = {}) {
  more.insert(more.begin(), Param("until", "string", "end of the window (YYYY-MM-DD)"));
  more.insert(more.begin(), Param("since", "string", "start of the window (YYYY-MM-DD)"));
  return more;
}

Result<stats::Window> ReadWindow(const Request& req) {
  stats::Window w;
  BSG_ASSIGN_OR_RETURN(w.since, QueryDate(req, "since"));
  BSG_ASSIGN_OR_RETURN(w.until, QueryDate(req, "until"));
  BSG_RETURN_IF_ERROR(stats::ValidateWindow(w));
  return w;
}

// The words the SVG figures carry, in the six UN languages (query parameter `language`).
struct FigureWords {
  std::string_view language;
  const char* events;        // the map's legend: events held or planned
  const char* no_event;      // countries without an event in the window
  const char* country;       // the axis title when the map is drawn as bars
  const char* delegates;     // training outcomes per year
  const char* year;          // their axis title
  const char* participants;  // participation per month
  const char* month;         // its axis title
  const char* in_person;
  const char* remote;
};

constexpr FigureWords kFigureWords[] = {
    {"en", "Events held or planned", "No event in the window", "Country", "Delegates trained",
     "Year", "Participants (person and event pairs)", "Month", "In person", "Remote"},
    {"ar", "الأحداث المنعقدة أو المقررة", "لا حدث في الفترة", "البلد", "المندوبون المدرَّبون",
     "السنة", "المشاركون (أزواج شخص وحدث)", "الشهر", "حضورياً", "عن بُعد"},
    {"es", "Eventos celebrados o previstos", "Ningún evento en el período", "País",
     "Delegados formados", "Año", "Participantes (pares persona y evento)", "Mes", "Presencial",
     "A distancia"},
    {"fr", "Événements tenus ou prévus", "Aucun événement sur la période", "Pays",
     "Délégués formés", "Année", "Participants (paires personne et événement)", "Mois",
     "En présentiel", "À distance"},
    {"ru", "Проведённые или запланированные мероприятия", "Нет мероприятий за период", "Страна",
     "Обучено делегатов", "Год", "Участники (пары человек и мероприятие)", "Месяц", "Очно",
     "Дистанционно"},
    {"zh", "已举办或计划的活动", "期间内无活动", "国家", "受培训代表", "年份",
     "参与者（人员与活动对）", "月份", "现场", "远程"},
};

Result<const FigureWords*> ReadLanguage(const Request& req) {
  auto text = req.Query("language");
  if (!text || text->empty()) return &kFigureWords[0];
  for (const FigureWords& w : kFigureWords) {
    if (w.language == *text) return &w;
  }
  return BadQuery("language", "must be one of ar, en, es, fr, ru, zh");
}

http::ParamDoc LanguageParam() {
  return Param("language", "string", "the language of the figure's words (default en)",
               json::array({"ar", "en", "es", "fr", "ru", "zh"}));
}

json PersonJson(const std::optional<PersonInfo>& p, bool show_contact) {
  if (!p) return nullptr;
  return {{"id", p->id},
          {"full_name", p->full_name},
          {"country", p->country ? json(*p->country) : json(nullptr)},
          {"organization_id", p->organization_id ? json(*p->organization_id) : json(nullptr)},
          {"email", show_contact && p->email ? json(*p->email) : json(nullptr)}};
}

json Schema(std::initializer_list<std::pair<const char*, json>> props) {
  json p = json::object();
  for (const auto& [k, v] : props) p[k] = v;
  return {{"type", "object"}, {"properties", p}};
}

json StatsSchema() {
  return {{"type", "object"},
          {"description", "figures with their provenance (see the events module's stats.h)"},
          {"additionalProperties", true}};
}

class Handlers {
 public:
  Handlers(db::Database& db, ApiOptions options)
      : db_(db), service_(db), options_(std::move(options)) {}

  Result<Response> List(Request& req) {
    BSG_ASSIGN_OR_RETURN(EventFilter f, ReadFilter(req));
    BSG_ASSIGN_OR_RETURN(std::vector<Event> events, service_.ListEvents(f));
    BSG_ASSIGN_OR_RETURN(std::vector<EventView> views, service_.ViewsFor(CallerFrom(req), events));
    json list = json::array();
    for (std::size_t i = 0; i < events.size(); ++i)
      list.push_back(EncodeEvent(events[i], views[i]));
    return Response::Json({{"events", list}, {"count", list.size()}});
  }

  Result<Response> Calendar(Request& req) {
    auto month = req.Query("month");
    const auto first = month ? time::Date::ParseMonth(*month) : std::nullopt;
    if (!first) return BadQuery("month", "is required as YYYY-MM");
    // The list's filters apply; the month replaces any year, window and paging.
    BSG_ASSIGN_OR_RETURN(EventFilter f, ReadFilter(req));
    f.month = month;
    f.year.reset();
    f.since.reset();
    f.until.reset();
    f.limit = 1000;
    f.offset = 0;
    BSG_ASSIGN_OR_RETURN(std::vector<Event> events, service_.ListEvents(f));
    json days = json::array();
    for (int d = 1; d <= first->LastOfMonth().day; ++d) {
      const std::string day = time::Date{first->year, first->month, d}.ToString();
      json ids = json::array();
      for (const Event& e : events) {
        if (e.date_precision == DatePrecision::kDay && e.start_date <= day && day <= e.end_date) {
          ids.push_back(e.id);
        }
      }
      days.push_back({{"date", day}, {"event_ids", ids}});
    }
    json list = json::array();
    json undated = json::array();
    for (const Event& e : events) {
      list.push_back(EncodeEventSummary(e));
      if (e.date_precision == DatePrecision::kMonth) undated.push_back(e.id);
    }
    return Response::Json({{"month", *month},
                           {"events", list},
                           {"days", days},
                           {"month_precision_event_ids", undated}});
  }

  Result<Response> Detail(Request& req) {
    const std::int64_t id = req.PathInt("id");
    BSG_ASSIGN_OR_RETURN(Event e, service_.GetEvent(id));
    const Caller caller = CallerFrom(req);
    BSG_ASSIGN_OR_RETURN(EventView view, service_.ViewFor(caller, e));
    json body = EncodeEvent(e, view);
    BSG_ASSIGN_OR_RETURN(std::vector<Event> children, service_.Children(id));
    json collocated = json::array();
    for (const Event& c : children) collocated.push_back(EncodeEventSummary(c));
    body["collocated"] = collocated;
    body["parent"] = nullptr;
    if (e.parent_id) {
      auto parent = service_.GetEvent(*e.parent_id);
      if (parent.ok()) body["parent"] = EncodeEventSummary(*parent);
    }
    BSG_ASSIGN_OR_RETURN(auto mine, service_.MyRegistration(caller, id));
    body["my_registration"] = mine ? EncodeRegistration(*mine) : json(nullptr);
    return Response::Json(body);
  }

  Result<Response> Create(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(Event e, DecodeEvent(body, Event()));
    Status::Fields missing;
    for (const char* k : {"kind", "title", "start_date", "mode"}) {
      if (!body.contains(k)) missing[k] = "is required";
    }
    if (!missing.empty()) {
      return Status::Unprocessable("events.invalid", "required fields are missing", missing);
    }
    const Caller caller = CallerFrom(req);
    BSG_ASSIGN_OR_RETURN(Event created, service_.CreateEvent(caller, std::move(e)));
    BSG_ASSIGN_OR_RETURN(EventView view, service_.ViewFor(caller, created));
    return Response::Json(EncodeEvent(created, view), 201);
  }

  Result<Response> Update(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    const Caller caller = CallerFrom(req);
    BSG_ASSIGN_OR_RETURN(Event updated, service_.UpdateEvent(caller, req.PathInt("id"), body));
    BSG_ASSIGN_OR_RETURN(EventView view, service_.ViewFor(caller, updated));
    return Response::Json(EncodeEvent(updated, view));
  }

  Result<Response> Registrations(Request& req) {
    const std::int64_t id = req.PathInt("id");
    BSG_ASSIGN_OR_RETURN(auto status, QueryEnum(req, "status", &ParseRegistrationStatus));
    BSG_ASSIGN_OR_RETURN(std::vector<Registration> regs, service_.Registrations(id, status));
    const Caller caller = CallerFrom(req);
    json list = json::array();
    Status s = db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          list = json::array();
          BSG_ASSIGN_OR_RETURN(std::vector<Attendance> days,
                               SqlEventStore().ListEventAttendance(tx, id));
          std::map<std::int64_t, json> attendance;  // by registration
          for (const Attendance& a : days) {
            json& of = attendance[a.registration_id];
            if (of.is_null()) of = json::array();
            of.push_back(EncodeAttendance(a));
          }
          for (const Registration& r : regs) {
            BSG_ASSIGN_OR_RETURN(auto person, directory::PersonById(tx, r.person_id));
            // Focal points see the delegates of their own country only.
            if (!caller.IsOfficer() &&
                (!person || !person->country || person->country != caller.country)) {
              continue;
            }
            json j = EncodeRegistration(r);
            j["person"] = PersonJson(person, true);
            auto of = attendance.find(r.id);
            j["attendance"] = of == attendance.end() ? json::array() : std::move(of->second);
            list.push_back(j);
          }
          return Status::Ok();
        },
        {.read_only = true, .max_attempts = 5});
    if (!s.ok()) return s;
    return Response::Json({{"registrations", list}, {"count", list.size()}});
  }

  Result<Response> RegistrationDetail(Request& req) {
    const Caller caller = CallerFrom(req);
    BSG_ASSIGN_OR_RETURN(Registration r,
                         service_.GetRegistration(req.PathInt("id"), req.PathInt("rid")));
    std::optional<PersonInfo> person;
    Status s = db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          BSG_ASSIGN_OR_RETURN(person, directory::PersonById(tx, r.person_id));
          return Status::Ok();
        },
        {.read_only = true, .max_attempts = 5});
    if (!s.ok()) return s;
    const bool own =
        person && person->user_id && caller.user_id && *person->user_id == *caller.user_id;
    const bool focal =
        caller.Has("focal_point") && person && person->country && person->country == caller.country;
    if (!own && !focal && !caller.IsOfficer()) {
      return Status::PermissionDenied("events.not_your_registration",
                                      "this registration is not yours");
    }
    json j = EncodeRegistration(r);
    j["person"] = PersonJson(person, true);
    BSG_ASSIGN_OR_RETURN(auto days, service_.AttendanceOf(r.id));
    json att = json::array();
    for (const auto& a : days) att.push_back(EncodeAttendance(a));
    j["attendance"] = att;
    return Response::Json(j);
  }

  Result<Response> Register(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(RegistrationInput in, DecodeRegistrationInput(body));
    BSG_ASSIGN_OR_RETURN(Registration r, service_.Register(CallerFrom(req), req.PathInt("id"), in));
    return Response::Json(EncodeRegistration(r), 201);
  }

  Result<Response> Cancel(Request& req) {
    BSG_ASSIGN_OR_RETURN(Registration r,
                         service_.Cancel(CallerFrom(req), req.PathInt("id"), req.PathInt("rid")));
    return Response::Json(EncodeRegistration(r));
  }

  Result<Response> Approve(Request& req) {
    BSG_ASSIGN_OR_RETURN(Registration r,
                         service_.Approve(CallerFrom(req), req.PathInt("id"), req.PathInt("rid")));
    return Response::Json(EncodeRegistration(r));
  }

  Result<Response> NoShow(Request& req) {
    BSG_ASSIGN_OR_RETURN(Registration r, service_.MarkNoShow(CallerFrom(req), req.PathInt("id"),
                                                             req.PathInt("rid")));
    return Response::Json(EncodeRegistration(r));
  }

  Result<Response> RecordAttendance(Request& req) {
    BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
    BSG_ASSIGN_OR_RETURN(Attendance a, DecodeAttendance(body));
    BSG_ASSIGN_OR_RETURN(
        AttendanceOutcome out,
        service_.RecordAttendance(CallerFrom(req), req.PathInt("id"), req.PathInt("rid"), a));
    return Response::Json({{"attendance", EncodeAttendance(out.attendance)},
                           {"registration", EncodeRegistration(out.registration)},
                           {"created", out.created}},
                          out.created ? 201 : 200);
  }

  Result<Response> RemoveAttendance(Request& req) {
    const std::string day = req.PathText("day");
    if (!time::IsIsoDate(day)) {
      return Status::NotFound("events.attendance_not_found", "no attendance recorded that day");
    }
    BSG_ASSIGN_OR_RETURN(
        Registration r,
        service_.RemoveAttendance(CallerFrom(req), req.PathInt("id"), req.PathInt("rid"), day));
    return Response::Json(EncodeRegistration(r));
  }

  Result<Response> MyRegistrations(Request& req) {
    const Caller caller = CallerFrom(req);
    json list = json::array();
    Status s = db_.InTransaction(
        [&](db::Transaction& tx) -> Status {
          list = json::array();
          BSG_ASSIGN_OR_RETURN(auto person, directory::PersonByUserId(tx, *caller.user_id));
          if (!person) return Status::Ok();
          BSG_ASSIGN_OR_RETURN(auto regs,
                               SqlEventStore().ListRegistrationsOfPerson(tx, person->id));
          for (const Registration& r : regs) {
            BSG_ASSIGN_OR_RETURN(Event e, SqlEventStore().FindEvent(tx, r.event_id));
            json j = EncodeRegistration(r);
            j["event"] = EncodeEventSummary(e);
            list.push_back(j);
          }
          return Status::Ok();
        },
        {.read_only = true, .max_attempts = 5});
    if (!s.ok()) return s;
    return Response::Json({{"registrations", list}, {"count", list.size()}});
  }

  // GET /api/events/{id}/participants?format=csv|xlsx
  Result<Response> ExportParticipants(Request& req) {
    auto format = tabular::ParseFormat(req.Query("format").value_or("csv"));
    if (!format) return BadQuery("format", "must be csv or xlsx");
    const std::int64_t id = req.PathInt("id");
    BSG_ASSIGN_OR_RETURN(std::string bytes,
                         service_.ExportParticipants(CallerFrom(req), id, *format));
    Response r = Response::Text(std::move(bytes), std::string(tabular::MimeType(*format)));
    r.SetHeader("Content-Disposition", "attachment; filename=\"event-" + std::to_string(id) +
                                           "-participants." +
                                           std::string(tabular::FormatName(*format)) + "\"");
    return r;
  }

  Result<Response> Import(Request& req) {
    BSG_ASSIGN_OR_RETURN(bool dry_run, QueryBool(req, "dry_run"));
    BSG_ASSIGN_OR_RETURN(bool create_missing, QueryBool(req, "create_missing"));
    const std::string content_type = req.Header("content-type").value_or("");
    std::optional<tabular::Format> format = tabular::FormatFromContentType(content_type);
    if (!format) {
      if (content_type.empty() || content_type.rfind("application/octet-stream", 0) == 0) {
        format = tabular::SniffFormat(req.body);
      } else {
        return Status(ErrorCode::kUnsupportedMedia, "request.unsupported_media_type",
                      "send the participant list as text/csv or as an XLSX workbook");
      }
    }
    BSG_ASSIGN_OR_RETURN(ImportReport report,
                         service_.ImportParticipants(CallerFrom(req), req.PathInt("id"), req.body,
                                                     *format, dry_run, create_missing));
    json body = ImportReportToJson(report);
    if (report.errors.empty() || dry_run) return Response::Json(body);
    tabular::MarkRefused(body, "events.import_invalid_rows", report.errors);
    return Response::Json(body, http::HttpStatusFor(ErrorCode::kUnprocessable));
  }

  Result<Response> TrainingOutcomes(Request& req) {
    BSG_ASSIGN_OR_RETURN(stats::Window w, ReadWindow(req));
    BSG_ASSIGN_OR_RETURN(stats::TrainingOutcomes t, stats::ComputeTrainingOutcomes(db_, w));
    return Response::Json(stats::ToJson(t));
  }

  Result<Response> Geography(Request& req) {
    BSG_ASSIGN_OR_RETURN(stats::Window w, ReadWindow(req));
    BSG_ASSIGN_OR_RETURN(auto kind, QueryEnum(req, "kind", &ParseEventKind));
    BSG_ASSIGN_OR_RETURN(stats::GeographyResult g, stats::ComputeGeography(db_, w, kind));
    return Response::Json(stats::ToJson(g));
  }

  Result<Response> Participation(Request& req) {
    BSG_ASSIGN_OR_RETURN(stats::Window w, ReadWindow(req));
    BSG_ASSIGN_OR_RETURN(stats::Participation p, stats::ComputeParticipation(db_, w));
    return Response::Json(stats::ToJson(p));
  }

  // Events by venue country on the Equal Earth world map, circles sized by the events held or
  // planned (as the progress report draws its meetings map); countries without an event are
  // hatched as no data, apart from a zero. Without the map's data files: bars by country.
  Result<Response> MapSvg(Request& req) {
    return Cached(req, [&] { return BuildMapSvg(req); });
  }

  Result<Response> BuildMapSvg(Request& req) {
    BSG_ASSIGN_OR_RETURN(stats::Window w, ReadWindow(req));
    BSG_ASSIGN_OR_RETURN(auto kind, QueryEnum(req, "kind", &ParseEventKind));
    BSG_ASSIGN_OR_RETURN(const FigureWords* words, ReadLanguage(req));
    BSG_ASSIGN_OR_RETURN(stats::GeographyResult g, stats::ComputeGeography(db_, w, kind));
    const bool have_map = render::LoadWorldMap(options_.data_dir).ok();
    render::Chart c;
    c.language = std::string(words->language);
    c.value_label = words->events;
    c.no_data_label = words->no_event;
    if (have_map) {
      c.kind = render::ChartKind::kWorldMap;
      c.map_mode = render::MapMode::kPoints;
      c.category_label = "country";
    } else {
      c.kind = render::ChartKind::kBar;
      c.horizontal = true;
      c.category_label = words->country;
    }
    render::ChartSeries series;
    series.name = words->events;
    for (const CountryGeo& country : g.figures.countries) {
      c.categories.push_back(have_map ? country.iso2 : country.name);
      series.values.push_back(static_cast<double>(country.count.held + country.count.planned));
    }
    c.series.push_back(std::move(series));
    return Svg(c, 720);
  }

  // Delegates trained per year (the training's start year) in the window.
  Result<Response> TrainingOutcomesSvg(Request& req) {
    return Cached(req, [&] { return BuildTrainingOutcomesSvg(req); });
  }

  Result<Response> BuildTrainingOutcomesSvg(Request& req) {
    BSG_ASSIGN_OR_RETURN(stats::Window w, ReadWindow(req));
    BSG_ASSIGN_OR_RETURN(const FigureWords* words, ReadLanguage(req));
    BSG_ASSIGN_OR_RETURN(stats::TrainingOutcomes t, stats::ComputeTrainingOutcomes(db_, w));
    render::Chart c;
    c.kind = render::ChartKind::kBar;
    c.language = std::string(words->language);
    c.category_label = words->year;
    c.value_label = words->delegates;
    render::ChartSeries series;
    series.name = words->delegates;
    for (const auto& [year, figures] : t.by_year) {
      c.categories.push_back(std::to_string(year));
      series.values.push_back(static_cast<double>(figures.delegates_trained));
    }
    c.series.push_back(std::move(series));
    return Svg(c, 560);
  }

  // In-person and remote participants per month, side by side.
  Result<Response> ParticipationSvg(Request& req) {
    return Cached(req, [&] { return BuildParticipationSvg(req); });
  }

  Result<Response> BuildParticipationSvg(Request& req) {
    BSG_ASSIGN_OR_RETURN(stats::Window w, ReadWindow(req));
    BSG_ASSIGN_OR_RETURN(const FigureWords* words, ReadLanguage(req));
    BSG_ASSIGN_OR_RETURN(stats::Participation p, stats::ComputeParticipation(db_, w));
    render::Chart c;
    c.kind = render::ChartKind::kGroupedBar;
    c.language = std::string(words->language);
    c.category_label = words->month;
    c.value_label = words->participants;
    render::ChartSeries in_person, remote;
    in_person.name = words->in_person;
    remote.name = words->remote;
    for (const MonthParticipation& m : p.months) {
      c.categories.push_back(m.month);
      in_person.values.push_back(static_cast<double>(m.in_person));
      remote.values.push_back(static_cast<double>(m.remote));
    }
    c.series.push_back(std::move(in_person));
    c.series.push_back(std::move(remote));
    return Svg(c, 560);
  }

  Result<Response> Feed(Request& req) {
    // The list's filters apply, so that a filtered view can be subscribed to as it is.
    BSG_ASSIGN_OR_RETURN(EventFilter f, ReadFilter(req));
    f.limit = 1000;
    f.offset = 0;
    BSG_ASSIGN_OR_RETURN(std::vector<Event> events, service_.ListEvents(f));
    BSG_ASSIGN_OR_RETURN(std::vector<EventView> views, service_.ViewsFor(Caller(), events));
    std::vector<ical::Entry> entries;
    for (std::size_t i = 0; i < events.size(); ++i) {
      entries.push_back(Entry(events[i], views[i], /*personal=*/false));
    }
    ical::Options options;
    options.uid_domain = options_.uid_domain;
    options.calendar_name = "BSG events";
    BSG_ASSIGN_OR_RETURN(std::string body, ical::RenderCalendar(entries, options));
    return CalendarResponse(std::move(body), "bsg-events.ics");
  }

  Result<Response> EventIcs(Request& req) {
    const std::int64_t id = req.PathInt("id");
    BSG_ASSIGN_OR_RETURN(Event e, service_.GetEvent(id));
    // A signed-in caller allowed to see the link (registered, officer) gets it in the file.
    BSG_ASSIGN_OR_RETURN(EventView view, service_.ViewFor(CallerFrom(req), e));
    const ical::Entry entry = Entry(e, view, /*personal=*/true);
    ical::Options options;
    options.uid_domain = options_.uid_domain;
    options.calendar_name = e.title;
    BSG_ASSIGN_OR_RETURN(std::string body, ical::RenderCalendar({entry}, options));
    return CalendarResponse(std::move(body), "event-" + std::to_string(id) + ".ics");
  }

 private:
  // The public feed shows the conference link only for events whose link is public; a personal
  // download shows it to whoever may see it.
  static ical::Entry Entry(const Event& e, const EventView& view, bool personal) {
    ical::Entry entry;
    entry.event = e;
    entry.include_conference = personal ? view.show_remote_link : e.remote.link_public;
    entry.group_names = view.group_names;
    if (e.city || view.country_name) {
      entry.location = e.city.value_or("");
      if (view.country_name) {
        entry.location += (entry.location.empty() ? "" : ", ") + *view.country_name;
      }
    }
    if (e.mode == EventMode::kVirtual) entry.location = "Online";
    if (e.mode == EventMode::kHybrid) entry.location += " and online";
    return entry;
  }

  // A figure from the cache (http::ResponseCache), keyed by the path and query, today (default
  // windows end today) and the data version.
  Result<Response> Cached(Request& req, const std::function<Result<Response>()>& build) {
    BSG_ASSIGN_OR_RETURN(std::string key, FigureKey(req));
    return cache_.Get(req, key, build);
  }

 public:
  // A figure the cache holds, on the request threads (Route::cached).
  std::optional<Response> PeekFigure(Request& req) {
    Result<std::string> key = FigureKey(req);
    return key.ok() ? cache_.Peek(req, *key) : std::nullopt;
  }

 private:
  Result<std::string> FigureKey(const Request& req) {
    BSG_ASSIGN_OR_RETURN(std::string version, db::DataVersion(db_));
    return http::ResponseCache::RequestKey(req) + "|" + time::Today().ToString() + "|" + version;
  }

  Result<Response> Svg(const render::Chart& chart, double width) const {
    render::ChartOptions o;
    o.data_dir = options_.data_dir;
    o.width = width;
    BSG_ASSIGN_OR_RETURN(std::string svg, render::ChartToSvg(chart, o));
    return Response::Text(std::move(svg), "image/svg+xml");
  }

  static Response CalendarResponse(std::string body, const std::string& filename) {
    Response r = Response::Text(std::move(body), "text/calendar; charset=utf-8");
    r.SetHeader("Content-Disposition", "inline; filename=\"" + filename + "\"");
    r.SetHeader("Cache-Control", "no-cache");
    return r;
  }

  db::Database& db_;
  EventService service_;
  ApiOptions options_;
  http::ResponseCache cache_{16 * 1024 * 1024};
};

}  // namespace

void RegisterEventsRoutes(http::Router& router, db::Database& db, const ApiOptions& options) {
  auto h = std::make_shared<Handlers>(db, options);
  const Policy officers = Policy::Roles({"admin", "officer"});
  const Policy reviewers = Policy::Roles({"admin", "officer", "focal_point"});
  const Policy anyone = Policy::Public();
  const Policy signed_in = Policy::SignedIn();
  const json event = EventSchema();
  const json registration = RegistrationSchema();
  const json registration_list =
      Schema({{"registrations", {{"type", "array"}, {"items", registration}}},
              {"count", {{"type", "integer"}}}});
  const json calendar_text = {{"type", "string"}, {"description", "an iCalendar (RFC 5545) file"}};
  auto bind = [h](Result<Response> (Handlers::*fn)(Request&)) {
    return [h, fn](Request& req) { return ((*h).*fn)(req); };
  };
  auto peek_figure = [h](Request& req) { return h->PeekFigure(req); };

  AddRead(router, "/api/events", anyone,
          Doc("List events (meetings, trainings, forums) with filters", EventListSchema(), 200,
              {400}, FilterParams()),
          bind(&Handlers::List));
  AddRead(router, "/api/events/calendar", anyone,
          Doc("Events of one month, by day, for a calendar view",
              Schema({{"month", {{"type", "string"}}},
                      {"events", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                      {"days", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                      {"month_precision_event_ids",
                       {{"type", "array"}, {"items", {{"type", "integer"}}}}}}),
              200, {400}, CalendarParams()),
          bind(&Handlers::Calendar));
  AddRead(router, "/api/events/{id:int}", anyone,
          Doc("One event with its collocated events; the remote link only for registered people, "
              "officers, or when public",
              event),
          bind(&Handlers::Detail));
  Add(router, Method::kPost, "/api/events", officers,
      Doc("Create an event", event, 201, {409, 422}, {}, EventInputSchema(true)),
      bind(&Handlers::Create));
  Add(router, Method::kPatch, "/api/events/{id:int}", officers,
      Doc("Change an event (fields present change; its iCalendar SEQUENCE increases)", event, 200,
          {409, 422}, {}, EventInputSchema(false)),
      bind(&Handlers::Update));

  AddRead(router, "/api/events/{id:int}/registrations", reviewers,
          Doc("Registrations of an event with people and attendance (focal points: their country's "
              "delegates)",
              registration_list, 200, {400},
              {Param("status", "string", "registration status", RegistrationStatusNames())}),
          bind(&Handlers::Registrations));
  Add(router, Method::kPost, "/api/events/{id:int}/registrations", signed_in,
      Doc("Register for an event in person or remotely (yourself; officers may give person_id). "
          "A full event puts the registration on the waiting list",
          registration, 201, {409, 422}, {}, RegistrationInputSchema()),
      bind(&Handlers::Register));
  AddRead(router, "/api/events/{id:int}/registrations/{rid:int}", signed_in,
          Doc("One registration with its attendance (the person, their focal point, officers)",
              registration),
          bind(&Handlers::RegistrationDetail));
  Add(router, Method::kPost, "/api/events/{id:int}/registrations/{rid:int}/cancel", signed_in,
      Doc("Cancel a registration; a freed place goes to the first person waiting", registration,
          200, {409}),
      bind(&Handlers::Cancel));
  Add(router, Method::kPost, "/api/events/{id:int}/registrations/{rid:int}/approve", reviewers,
      Doc("Approve (endorse) a registration: the focal point of the delegate's country, or an "
          "officer",
          registration, 200, {409}),
      bind(&Handlers::Approve));
  Add(router, Method::kPost, "/api/events/{id:int}/registrations/{rid:int}/no-show", officers,
      Doc("Mark a registered person as not having attended", registration, 200, {409}),
      bind(&Handlers::NoShow));
  Add(router, Method::kPost, "/api/events/{id:int}/registrations/{rid:int}/attendance", signed_in,
      Doc("Record a day of attendance: an officer's check-in, or a remote join (also by the "
          "registered person). The registration becomes attended",
          Schema({{"attendance", AttendanceSchema()},
                  {"registration", registration},
                  {"created", {{"type", "boolean"}}}}),
          201, {409, 422}, {}, AttendanceInputSchema()),
      bind(&Handlers::RecordAttendance));
  Add(router, Method::kDelete, "/api/events/{id:int}/registrations/{rid:int}/attendance/{day}",
      officers, Doc("Remove a recorded attendance day (corrections)", registration, 200),
      bind(&Handlers::RemoveAttendance));
  AddRead(router, "/api/events/my-registrations", signed_in,
          Doc("The signed-in person's registrations, with their events", registration_list),
          bind(&Handlers::MyRegistrations));

  http::RouteDoc import_doc =
      Doc("Import a participant list (CSV or XLSX body). All or nothing: a bad row imports "
          "nothing and is named in errors",
          Schema({{"ok", {{"type", "boolean"}}},
                  {"dry_run", {{"type", "boolean"}}},
                  {"rows", {{"type", "integer"}}},
                  {"people_matched", {{"type", "integer"}}},
                  {"people_created", {{"type", "integer"}}},
                  {"registrations_created", {{"type", "integer"}}},
                  {"attendance_days", {{"type", "integer"}}},
                  {"errors", {{"type", "array"}, {"items", {{"type", "object"}}}}}}),
          200, {400, 413, 415, 422},
          {Param("dry_run", "boolean", "check only; write nothing"),
           Param("create_missing", "boolean", "create people not found by email or name")});
  import_doc.request_schema = json{{"type", "string"}, {"format", "binary"}};
  Add(router, Method::kPost, "/api/events/{id:int}/participants/import", officers, import_doc,
      bind(&Handlers::Import));
  http::RouteDoc export_doc =
      Doc("The participant list as CSV or XLSX, in the columns the import reads (it imports back "
          "unchanged): registrations holding a place, with their attendance days",
          json{{"type", "string"}, {"format", "binary"}}, 200, {400, 404},
          {Param("format", "string", "file format (default csv)", json::array({"csv", "xlsx"}))});
  export_doc.response_content_type = "text/csv";
  Add(router, Method::kGet, "/api/events/{id:int}/participants", officers, export_doc,
      bind(&Handlers::ExportParticipants));

  AddRead(
      router, "/api/events/training-outcomes", anyone,
      Doc("Training outcomes of BSG trainings: people trained, countries, organizations, shares "
          "(developing, LDC as of the training date, women) with not_stated buckets, per year",
          StatsSchema(), 200, {400, 422}, WindowParams()),
      bind(&Handlers::TrainingOutcomes));
  AddRead(
      router, "/api/events/geography", anyone,
      Doc("Events by ITU region and country, held versus planned (map data)", StatsSchema(), 200,
          {400, 422}, WindowParams({Param("kind", "string", "event kind", EventKindNames())})),
      bind(&Handlers::Geography));
  AddRead(router, "/api/events/participation", anyone,
          Doc("In-person versus remote participation per event and per month", StatsSchema(), 200,
              {400, 422}, WindowParams()),
          bind(&Handlers::Participation));

  const auto svg_doc = [](std::string summary, std::vector<http::ParamDoc> query) {
    http::RouteDoc d =
        Doc(std::move(summary), {{"type", "string"}, {"description", "an SVG image (chart kit)"}},
            200, {400, 422}, std::move(query));
    d.response_content_type = "image/svg+xml";
    return d;
  };
  Add(router, Method::kGet, "/api/events/map.svg", anyone,
      svg_doc(
          "Events by venue country on the world map (Equal Earth), circles sized by the "
          "events held or planned; countries without an event hatched as no data; the same "
          "numbers as /api/events/geography",
          WindowParams({Param("kind", "string", "event kind", EventKindNames()), LanguageParam()})),
      bind(&Handlers::MapSvg), http::Cost::kHeavy, peek_figure);
  Add(router, Method::kGet, "/api/events/training-outcomes.svg", anyone,
      svg_doc("Delegates trained per year as a bar chart (the by_year figures of "
              "/api/events/training-outcomes)",
              WindowParams({LanguageParam()})),
      bind(&Handlers::TrainingOutcomesSvg), http::Cost::kHeavy, peek_figure);
  Add(router, Method::kGet, "/api/events/participation.svg", anyone,
      svg_doc("In-person and remote participants per month as a bar chart (the months of "
              "/api/events/participation)",
              WindowParams({LanguageParam()})),
      bind(&Handlers::ParticipationSvg), http::Cost::kHeavy, peek_figure);

  http::RouteDoc feed_doc =
      Doc("iCalendar feed of events (conference links only for events whose link is public)",
          calendar_text, 200, {400}, FeedParams());
  feed_doc.response_content_type = "text/calendar";
  Add(router, Method::kGet, "/api/events.ics", anyone, feed_doc, bind(&Handlers::Feed));
  http::RouteDoc ics_doc =
      Doc("One event as an iCalendar file (the conference link for signed-in registered people "
          "and officers)",
          calendar_text);
  ics_doc.response_content_type = "text/calendar";
  Add(router, Method::kGet, "/api/events/{id:int}.ics", anyone, ics_doc, bind(&Handlers::EventIcs));
}

}  // namespace bsg::events
