// The sections of this edition of the progress report: the report-level wording, the
// introduction (pillars, Table 1 of Resolutions, the action plan), Programme 1 items 2 and 3
// (geography of meetings and forums, remote participation) and Programme 3 (BSG trainings with
// their table, developing-country representation in Study Group management teams).
//
// Sections of modules that do not exist yet (the A.1 course, the SME pilot, NSS, fellowships,
// contributions, the BSG fund) have no provider here and are left out of the report.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "modules/events/aggregates.h"
#include "modules/events/model.h"
#include "modules/events/rules.h"
#include "modules/groups/model.h"
#include "modules/groups/store.h"
#include "modules/mandates/store.h"
#include "modules/registry/store.h"
#include "modules/reports/sections.h"
#include "modules/reports/store.h"
#include "platform/log.h"
#include "platform/render/world_map.h"
#include "platform/time/date.h"
#include "platform/time/names.h"

namespace bsg::reports {
namespace {

using render::Block;
using render::Cell;
using render::Chart;
using render::ChartKind;
using render::Column;
using render::Figure;
using render::Section;
using render::Table;

constexpr int kIdsShown = 20;
constexpr int kIdsFetched = kIdsShown + 1;

std::string WindowText(const Window& w) { return w.since + " to " + w.until; }

// "event ids 1, 2, 3" or "first 20 event ids: ..., and more".
std::string IdsText(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return "no events";
  std::string s =
      ids.size() > static_cast<std::size_t>(kIdsShown) ? "first 20 event ids " : "event ids ";
  for (std::size_t i = 0; i < ids.size() && i < static_cast<std::size_t>(kIdsShown); ++i) {
    s += (i == 0 ? "" : ", ") + std::to_string(ids[i]);
  }
  if (ids.size() > static_cast<std::size_t>(kIdsShown)) s += ", and more";
  return s;
}

Result<std::map<std::string, std::string>> CountryNames(db::Session& s) {
  BSG_ASSIGN_OR_RETURN(auto countries, registry::Store().Countries(s));
  std::map<std::string, std::string> out;
  for (const auto& c : countries) out[c.iso2] = c.name;
  return out;
}

std::string Place(const events::ListedEvent& e, const std::map<std::string, std::string>& names) {
  std::string country;
  if (e.country) {
    auto it = names.find(*e.country);
    country = it == names.end() ? *e.country : it->second;
  }
  if (e.city && !e.city->empty()) return country.empty() ? *e.city : *e.city + ", " + country;
  return country.empty() ? "online" : country;
}

std::string Dates(const events::ListedEvent& e) {
  events::Event ev;
  ev.start_date = e.start_date;
  ev.end_date = e.end_date;
  ev.date_precision =
      e.date_precision == "month" ? events::DatePrecision::kMonth : events::DatePrecision::kDay;
  return events::DatesLabel(ev);
}

bool NotYetHeld(const events::ListedEvent& e) { return e.status != "held"; }

// Whether the world map's files are there (the renderers parse them, once per process).
bool MapDataPresent(const std::string& data_dir) {
  const std::filesystem::path dir = data_dir.empty() ? render::DefaultDataDir() : data_dir;
  std::error_code ec;
  return std::filesystem::exists(dir / "world" / "countries-110m.json", ec) &&
         std::filesystem::exists(dir / "world" / "iso_numeric.csv", ec);
}

// What a training relates to: the forum it is collocated with, then its groups (Study Groups and
// TSAG by code, regional groups by name), else its own title.
std::string Related(const events::ListedEvent& e) {
  std::vector<std::string> parts;
  if (e.parent_kind == "regional_standardization_forum") {
    parts.push_back("Regional Standardization Forum");
  } else if (e.parent_kind && e.parent_title &&
             (*e.parent_kind == "other_forum" || *e.parent_kind == "workshop")) {
    parts.push_back(*e.parent_title);
  }
  for (const auto& g : e.groups) parts.push_back(g.kind == "regional_group" ? g.title : g.code);
  if (parts.empty()) return e.title;
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ", ") + p;
  return s;
}

// ---- the report-level wording (no section of its own)

SectionProvider ReportWording() {
  SectionProvider p;
  p.key = "report";
  p.programme = -1;
  p.values = {{"programme.number", ValueKind::kText, "the programme's number (headings)"},
              {"programme.title", ValueKind::kText, "the programme's title (headings)"}};
  p.templates = {
      {"report.title", p.key, "the document title",
       "Progress report on Bridging the Standardization Gap (BSG)"},
      {"report.subtitle", p.key, "under the title", "Activities from {since} to {until}"},
      {"report.meta", p.key, "a line under the subtitle",
       "Counted from the BSG Platform records on {report.generated}. Every number marked in the "
       "text can be traced to its records under \"Sources of figures\"."},
      {"report.programme", p.key, "the heading of each action plan programme",
       "Programme {programme.number}: {programme.title}"},
      {"labels.table", p.key, "the word before a table's number", "Table"},
      {"labels.figure", p.key, "the word before a figure's number", "Figure"},
      {"labels.continued", p.key, "after a caption repeated on the next page", "(continued)"},
      {"labels.sources", p.key, "the title of the closing list of sources", "Sources of figures"},
      {"labels.sources_intro", p.key, "the first line of the list of sources",
       "Each number marked in the text and tables comes from the records below."},
      {"labels.contents", p.key, "the title of the table of contents", "Contents"},
  };
  return p;
}

// ---- introduction: the pillars, Table 1 of Resolutions, the action plan

Result<std::optional<Section>> BuildIntroduction(ReportContext& ctx) {
  const mandates::Store mandates;
  BSG_ASSIGN_OR_RETURN(auto pillars, mandates.Pillars(ctx.session()));
  BSG_ASSIGN_OR_RETURN(auto resolutions, mandates.Resolutions(ctx.session()));
  BSG_ASSIGN_OR_RETURN(auto programmes, mandates.Programmes(ctx.session()));
  ctx.SetCount("mandates.pillars.count", static_cast<std::int64_t>(pillars.size()),
               ctx.Provenance(std::to_string(pillars.size()) + " rows of the pillar table"));
  ctx.SetCount("mandates.programmes.count", static_cast<std::int64_t>(programmes.size()),
               ctx.Provenance(std::to_string(programmes.size()) +
                              " rows of the programme table (the action plan of WTSA "
                              "Resolution 44)"));
  ctx.SetCount(
      "mandates.resolutions.count", static_cast<std::int64_t>(resolutions.size()),
      ctx.Provenance(std::to_string(resolutions.size()) + " rows of the resolution table"));

  Section s;
  s.id = "introduction";
  s.title = ctx.Text("intro.title");
  s.numbered = false;
  s.blocks.push_back(ctx.Paragraph("intro.text"));
  if (!pillars.empty()) {
    s.blocks.push_back(ctx.Paragraph("intro.pillars"));
    render::BulletList list;
    for (const auto& pillar : pillars) {
      ctx.SetText("pillar.letter", pillar.letter);
      ctx.SetText("pillar.name", pillar.name);
      ctx.SetText("pillar.description", pillar.description);
      list.items.push_back(ctx.Paragraph("intro.pillar_item"));
    }
    s.blocks.push_back(std::move(list));
    for (const char* k : {"pillar.letter", "pillar.name", "pillar.description"}) ctx.Unset(k);
  }
  if (!resolutions.empty()) {
    Table t;
    t.id = "resolutions";
    t.caption = ctx.Text("intro.resolutions.caption");
    t.columns = {Column{ctx.Text("intro.resolutions.col_resolution"), render::Align::kStart, 1},
                 Column{ctx.Text("intro.resolutions.col_title"), render::Align::kStart, 1}};
    for (const auto& r : resolutions) {
      ctx.SetText("resolution.conference", r.conference);
      ctx.SetText("resolution.number", std::to_string(r.number));
      ctx.SetText("resolution.revision", r.revision);
      ctx.SetText("resolution.title", r.title);
      t.rows.push_back({Cell{ctx.Text("intro.resolutions.row"),
                             ctx.Provenance("resolution " + r.code + " (resolution table)")},
                        Cell{r.title, ""}});
    }
    s.blocks.push_back(std::move(t));
    for (const char* k : {"resolution.conference", "resolution.number", "resolution.revision",
                          "resolution.title"}) {
      ctx.Unset(k);
    }
  }
  if (!programmes.empty()) s.blocks.push_back(ctx.Paragraph("intro.action_plan"));
  return std::optional<Section>(std::move(s));
}

SectionProvider Introduction() {
  SectionProvider p;
  p.key = "introduction";
  p.programme = 0;
  p.order = 0;
  p.values = {
      {"mandates.pillars.count", ValueKind::kCount, "BSG pillars"},
      {"mandates.programmes.count", ValueKind::kCount, "programmes of the action plan"},
      {"mandates.resolutions.count", ValueKind::kCount, "Resolutions in Table 1"},
      {"pillar.letter", ValueKind::kText, "a pillar's letter (pillar list items)"},
      {"pillar.name", ValueKind::kText, "a pillar's name (pillar list items)"},
      {"pillar.description", ValueKind::kText, "a pillar's description (pillar list items)"},
      {"resolution.conference", ValueKind::kText, "a Resolution's conference (Table 1 rows)"},
      {"resolution.number", ValueKind::kText, "a Resolution's number (Table 1 rows)"},
      {"resolution.revision", ValueKind::kText, "a Resolution's revision (Table 1 rows)"},
      {"resolution.title", ValueKind::kText, "a Resolution's title (Table 1 rows)"},
  };
  p.templates = {
      {"intro.title", p.key, "the heading of the introduction", "Bridging the Standardization Gap"},
      {"intro.text", p.key, "the opening paragraph",
       "An integral part of ITU's mission, \"Bridging the Standardization Gap\" (BSG) aims to "
       "address the disparities in the ability of developing countries to access, implement and "
       "influence the development of international standards at the ITU. Accordingly, the BSG, "
       "through various linked programmes, has fostered the effective participation of "
       "developing countries in ITU-T's standards-making process."},
      {"intro.pillars", p.key, "before the list of pillars",
       "The BSG programme is built around {mandates.pillars.count|words} main pillars:"},
      {"intro.pillar_item", p.key, "one item of the list of pillars",
       "{pillar.letter}. {pillar.name}: {pillar.description}"},
      {"intro.resolutions.caption", p.key, "the caption of Table 1",
       "Relevant Resolutions concerning Bridging the Standardization Gap (BSG)"},
      {"intro.resolutions.col_resolution", p.key, "Table 1 column header", "Resolution"},
      {"intro.resolutions.col_title", p.key, "Table 1 column header", "Title"},
      {"intro.resolutions.row", p.key, "the first cell of a Table 1 row",
       "{resolution.conference} Resolution {resolution.number} ({resolution.revision})"},
      {"intro.action_plan", p.key, "after Table 1",
       "For the implementation of Resolution 123 of the Plenipotentiary Conference, the Annex to "
       "WTSA Resolution 44 (Rev. Hammamet, 2016) contains an action plan of "
       "{mandates.programmes.count|words} programmes. This document gives an overview of the "
       "activities carried out by the Telecommunication Standardization Bureau (TSB) in line "
       "with these programmes since {since|month_year}."},
  };
  p.build = BuildIntroduction;
  return p;
}

// ---- Programme 1, item 2: geography of meetings, regional group meetings and forums

const std::vector<std::string>& MeetingKinds() {
  static const auto* kinds =
      new std::vector<std::string>{"study_group_meeting", "working_party_meeting", "tsag",
                                   "regional_group_meeting", "regional_standardization_forum"};
  return *kinds;
}

Result<std::optional<Section>> BuildGeography(ReportContext& ctx) {
  const events::Aggregates stats;
  const Window& w = ctx.window();
  BSG_ASSIGN_OR_RETURN(auto counts, stats.CountEvents(ctx.session(), w.since, w.until));
  auto count = [&](std::string_view kind, std::string_view status) {
    std::int64_t n = 0;
    for (const auto& c : counts) {
      if (c.kind == kind && c.status == status) n += c.count;
    }
    return n;
  };
  auto held_of = [&](std::string_view kind) -> Result<std::string> {
    BSG_ASSIGN_OR_RETURN(
        auto ids, stats.EventIds(ctx.session(), w.since, w.until, kind, "held", kIdsFetched));
    return ctx.Provenance(std::to_string(count(kind, "held")) + " events of kind " +
                          std::string(kind) + " with status held whose dates overlap " +
                          WindowText(w) + " (" + IdsText(ids) + ")");
  };
  const std::int64_t rg_held = count("regional_group_meeting", "held");
  const std::int64_t rg_planned = count("regional_group_meeting", "planned") +
                                  count("regional_group_meeting", "confirmed") +
                                  count("regional_group_meeting", "postponed");
  BSG_ASSIGN_OR_RETURN(std::string rg_source, held_of("regional_group_meeting"));
  ctx.SetCount("events.regional_group_meetings.held", rg_held, rg_source);
  ctx.SetCount("events.regional_group_meetings.planned", rg_planned,
               ctx.Provenance(std::to_string(rg_planned) +
                              " events of kind regional_group_meeting with status planned, "
                              "confirmed or postponed whose dates overlap " +
                              WindowText(w)));

  BSG_ASSIGN_OR_RETURN(auto forums, stats.HeldEvents(ctx.session(), w.since, w.until,
                                                     "regional_standardization_forum"));
  BSG_ASSIGN_OR_RETURN(std::string forum_source, held_of("regional_standardization_forum"));
  ctx.SetCount("events.forums.held", static_cast<std::int64_t>(forums.size()), forum_source);

  BSG_ASSIGN_OR_RETURN(auto by_country,
                       stats.HeldEventsByCountry(ctx.session(), w.since, w.until, MeetingKinds()));
  std::int64_t meetings = 0, virtual_meetings = 0;
  for (const auto& c : by_country) {
    meetings += c.count;
    if (!c.country) virtual_meetings += c.count;
  }
  const std::int64_t countries = static_cast<std::int64_t>(
      std::count_if(by_country.begin(), by_country.end(),
                    [](const events::CountryCount& c) { return c.country.has_value(); }));
  std::string kinds;
  for (const auto& k : MeetingKinds()) kinds += (kinds.empty() ? "" : ", ") + k;
  const std::string map_source = ctx.Provenance(
      std::to_string(meetings) + " held events of kinds " + kinds + " whose dates overlap " +
      WindowText(w) + ", by venue country (" + std::to_string(countries) + " countries; " +
      std::to_string(virtual_meetings) + " without a venue country)");
  ctx.SetCount("events.meetings.held", meetings, map_source);
  ctx.SetCount("events.meetings.countries", countries, map_source);
  ctx.SetCount("events.meetings.virtual", virtual_meetings, map_source);

  BSG_ASSIGN_OR_RETURN(auto names, CountryNames(ctx.session()));

  Section s;
  s.id = "geography";
  s.title = ctx.Text("p1.geo.title");
  s.blocks.push_back(ctx.Paragraph("p1.geo.intro"));
  s.blocks.push_back(ctx.Paragraph(ctx.Variant("p1.geo.meetings", rg_held)));
  s.blocks.push_back(
      ctx.Paragraph(ctx.Variant("p1.geo.forums", static_cast<long long>(forums.size()))));
  if (!forums.empty()) {
    render::BulletList list;
    for (const auto& f : forums) {
      ctx.SetText("forum.place", Place(f, names));
      ctx.SetText("forum.date", Dates(f));
      ctx.SetText("forum.title", f.title,
                  ctx.Provenance("event " + std::to_string(f.id) +
                                 " (kind regional_standardization_forum, status held)"));
      list.items.push_back(ctx.Paragraph("p1.geo.forum_item"));
    }
    s.blocks.push_back(std::move(list));
    for (const char* k : {"forum.place", "forum.date", "forum.title"}) ctx.Unset(k);
  }
  if (meetings == 0) {
    s.blocks.push_back(ctx.Paragraph("p1.geo.map.none"));
    return std::optional<Section>(std::move(s));
  }
  s.blocks.push_back(ctx.Paragraph("p1.geo.map.text"));
  Figure f;
  f.id = "meetings-map";
  f.caption = ctx.Text("p1.geo.map.caption");
  f.provenance = map_source;
  const bool have_map = MapDataPresent(ctx.data_dir());
  Chart& c = f.chart;
  c.value_label = ctx.Text("p1.geo.map.legend");
  render::ChartSeries series;
  series.name = ctx.Text("p1.geo.map.legend");
  series.provenance = map_source;
  if (have_map) {
    c.kind = ChartKind::kWorldMap;
    c.map_mode = render::MapMode::kPoints;
    c.category_label = "country";
  } else {
    // Without the map's data files the figure is a bar chart by country, so the report still
    // renders; the log says why.
    log::App()->warn("reports: world map data not found under {}; drawing a bar chart instead",
                     ctx.data_dir().empty() ? render::DefaultDataDir() : ctx.data_dir());
    c.kind = ChartKind::kBar;
    c.horizontal = true;
    c.category_label = ctx.Text("p1.geo.map.country");
  }
  for (const auto& cc : by_country) {
    if (!cc.country) continue;
    auto name = names.find(*cc.country);
    c.categories.push_back(have_map ? *cc.country
                                    : (name == names.end() ? *cc.country : name->second));
    series.values.push_back(static_cast<double>(cc.count));
  }
  c.series.push_back(std::move(series));
  if (virtual_meetings > 0) f.notes.push_back(ctx.Text("p1.geo.map.virtual"));
  s.blocks.push_back(std::move(f));
  return std::optional<Section>(std::move(s));
}

SectionProvider Geography() {
  SectionProvider p;
  p.key = "programme1.geography";
  p.programme = 1;
  p.order = 20;
  p.values = {
      {"events.regional_group_meetings.held", ValueKind::kCount,
       "regional group meetings held in the window"},
      {"events.regional_group_meetings.planned", ValueKind::kCount,
       "regional group meetings planned, confirmed or postponed in the window"},
      {"events.forums.held", ValueKind::kCount,
       "Regional Standardization Forums held in the window"},
      {"events.meetings.held", ValueKind::kCount,
       "Study Group, working party, TSAG and regional group meetings and forums held"},
      {"events.meetings.countries", ValueKind::kCount, "host countries of those meetings"},
      {"events.meetings.virtual", ValueKind::kCount, "those meetings without a host country"},
      {"forum.place", ValueKind::kText, "a forum's city and country (forum list items)"},
      {"forum.date", ValueKind::kText, "a forum's dates (forum list items)"},
      {"forum.title", ValueKind::kText, "a forum's title (forum list items)"},
  };
  p.templates = {
      {"p1.geo.title", p.key, "the item heading",
       "Geographical distribution of Study Group meetings, regional group meetings and regional "
       "standardization forums"},
      {"p1.geo.intro", p.key, "the opening paragraph",
       "The ITU-T Study Group meetings and regional group meetings are held across the globe in "
       "different regions to allow interested stakeholders in the region the opportunity to "
       "participate physically in the meetings. Additionally, regional groups within ITU-T Study "
       "Groups also serve as channels to coordinate and improve the quality of technical "
       "contributions from developing countries. Regional standardization forums (RSFs), often "
       "collocated with regional group meetings, are also a platform to deliver tutorials on "
       "ITU-T working methods and on topics such as EMF, mobile financial services and big "
       "data."},
      {"p1.geo.meetings.other", p.key, "regional group meetings held (two or more)",
       "Since {since|month_year}, {events.regional_group_meetings.held} regional group meetings "
       "have been held."},
      {"p1.geo.meetings.one", p.key, "one regional group meeting held",
       "Since {since|month_year}, one regional group meeting has been held."},
      {"p1.geo.meetings.none", p.key, "no regional group meeting held",
       "No regional group meetings were held in this period."},
      {"p1.geo.forums.other", p.key, "forums held (two or more), before their list",
       "{events.forums.held|words|cap} regional standardization forums have been organized:"},
      {"p1.geo.forums.one", p.key, "one forum held, before the list",
       "One regional standardization forum has been organized:"},
      {"p1.geo.forums.none", p.key, "no forum held",
       "No regional standardization forums were held in this period."},
      {"p1.geo.forum_item", p.key, "one forum in the list",
       "{forum.place}, {forum.date}: {forum.title}"},
      {"p1.geo.map.text", p.key, "before the map",
       "In this period {events.meetings.held} meetings and forums were held in "
       "{events.meetings.countries} host countries, as the map shows."},
      {"p1.geo.map.none", p.key, "no meeting held (no map)",
       "No Study Group, TSAG or regional group meetings or forums were held in this period."},
      {"p1.geo.map.caption", p.key, "the map's caption",
       "Study Group, TSAG and regional group meetings and regional standardization forums held "
       "since {since|month_year}, by host country"},
      {"p1.geo.map.legend", p.key, "the map's legend title", "Meetings held"},
      {"p1.geo.map.country", p.key, "the axis title when the map is drawn as bars", "Country"},
      {"p1.geo.map.virtual", p.key, "a note under the map when some meetings were virtual",
       "{events.meetings.virtual|words|cap} fully virtual meetings have no host country and are "
       "not on the map."},
  };
  p.build = BuildGeography;
  return p;
}

// ---- Programme 1, item 3: remote participation

std::string ShortMonth(const std::string& ym) {
  const auto d = time::Date::ParseMonth(ym);
  if (!d) return ym;
  return std::string(time::MonthName(d->month)).substr(0, 3) + " " + std::to_string(d->year);
}

Result<std::optional<Section>> BuildRemote(ReportContext& ctx) {
  const events::Aggregates stats;
  const Window& w = ctx.window();
  BSG_ASSIGN_OR_RETURN(events::ParticipationTotals t,
                       stats.Participation(ctx.session(), w.since, w.until));
  const std::string events_source = ctx.Provenance(
      std::to_string(t.events_held) + " events with status held whose dates overlap " +
      WindowText(w) + "; " + std::to_string(t.events_offering_remote) +
      " of them in mode hybrid or virtual");
  ctx.SetCount("events.remote.events_held", t.events_held, events_source);
  ctx.SetCount("events.remote.events_offering", t.events_offering_remote, events_source);
  const std::string scope = " at events whose dates overlap " + WindowText(w) +
                            " (cancelled events, cancelled and waitlisted registrations left out)";
  ctx.SetCount("events.remote.events_with_remote", t.events_with_remote,
               ctx.Provenance(std::to_string(t.events_with_remote) +
                              " events with at least one remote attendance day" + scope));
  const std::string remote_source =
      ctx.Provenance(std::to_string(t.remote) +
                     " participations (one person at one event) with at least one remote "
                     "attendance day" +
                     scope);
  const std::string in_person_source =
      ctx.Provenance(std::to_string(t.in_person) +
                     " participations (one person at one event) with at least one in-person "
                     "attendance day" +
                     scope);
  ctx.SetCount("events.remote.participations", t.remote, remote_source);
  ctx.SetCount("events.remote.in_person", t.in_person, in_person_source);
  const std::int64_t both = t.remote + t.in_person;
  ctx.SetShare(
      "events.remote.share",
      both == 0 ? std::nullopt
                : std::optional<double>(static_cast<double>(t.remote) / static_cast<double>(both)),
      ctx.Provenance(std::to_string(t.remote) + " remote of " + std::to_string(both) +
                     " in-person and remote participations" + scope));

  Section s;
  s.id = "remote-participation";
  s.title = ctx.Text("p1.remote.title");
  s.blocks.push_back(ctx.Paragraph("p1.remote.intro"));
  s.blocks.push_back(ctx.Paragraph(both == 0 ? "p1.remote.split.none" : "p1.remote.split.other"));
  if (both == 0) return std::optional<Section>(std::move(s));

  BSG_ASSIGN_OR_RETURN(auto months, stats.ParticipationByMonth(ctx.session(), w.since, w.until));
  std::map<std::string, events::MonthParticipation> by_month;
  for (const auto& m : months) by_month[m.month] = m;
  Figure f;
  f.id = "remote-participation";
  f.caption = ctx.Text("p1.remote.figure.caption");
  f.provenance = ctx.Provenance(
      "participations by the month of their attendance days from " + WindowText(w) +
      "; a participation is one person at one event, in person (remote) when one of its days "
      "that month is; months without any recorded attendance are shown as no data");
  Chart& c = f.chart;
  c.kind = ChartKind::kStackedBar;
  c.category_label = ctx.Text("p1.remote.figure.category_label");
  c.value_label = ctx.Text("p1.remote.figure.value_label");
  render::ChartSeries in_person{ctx.Text("p1.remote.figure.in_person"), {}, in_person_source};
  render::ChartSeries remote{ctx.Text("p1.remote.figure.remote"), {}, remote_source};
  auto month = time::Date::ParseMonth(w.since.substr(0, 7));
  const std::string last = w.until.substr(0, 7);
  for (int guard = 0; month && guard < 1200; ++guard) {
    const std::string ym = month->MonthString();
    if (ym > last) break;
    c.categories.push_back(ShortMonth(ym));
    auto it = by_month.find(ym);
    if (it == by_month.end()) {
      in_person.values.push_back(std::nullopt);
      remote.values.push_back(std::nullopt);
    } else {
      in_person.values.push_back(static_cast<double>(it->second.in_person));
      remote.values.push_back(static_cast<double>(it->second.remote));
    }
    if (++month->month > 12) {
      month->month = 1;
      ++month->year;
    }
  }
  c.series = {std::move(in_person), std::move(remote)};
  s.blocks.push_back(std::move(f));
  return std::optional<Section>(std::move(s));
}

SectionProvider RemoteParticipation() {
  SectionProvider p;
  p.key = "programme1.remote";
  p.programme = 1;
  p.order = 30;
  p.values = {
      {"events.remote.events_held", ValueKind::kCount, "events held in the window"},
      {"events.remote.events_offering", ValueKind::kCount,
       "of them hybrid or virtual (offering remote participation)"},
      {"events.remote.events_with_remote", ValueKind::kCount,
       "events with at least one remote attendance day"},
      {"events.remote.participations", ValueKind::kCount,
       "remote participations (one person at one event, attending remotely at least one day)"},
      {"events.remote.in_person", ValueKind::kCount,
       "in-person participations (one person at one event, attending in person at least one day)"},
      {"events.remote.share", ValueKind::kShare,
       "remote participations among in-person and remote ones"},
  };
  p.templates = {
      {"p1.remote.title", p.key, "the item heading", "Remote participation"},
      {"p1.remote.intro", p.key, "the opening paragraph",
       "The ITU-T Study Group meetings and Focus Group meetings (including workshops) have "
       "integrated the use of web-conferencing tools, which allow participants to attend the "
       "meeting remotely (as required), present contributions and so contribute effectively to "
       "the standards development process at ITU-T."},
      {"p1.remote.split.other", p.key, "the participation figures",
       "Of the {events.remote.events_held} events held in this period, "
       "{events.remote.events_offering} offered remote participation and "
       "{events.remote.events_with_remote} had participants attending remotely: "
       "{events.remote.participations} participations were remote and "
       "{events.remote.in_person} in person, a remote share of {events.remote.share}."},
      {"p1.remote.split.none", p.key, "no attendance recorded in the window",
       "No attendance was recorded at the events of this period."},
      {"p1.remote.figure.caption", p.key, "the figure's caption",
       "In-person and remote participation by month"},
      {"p1.remote.figure.category_label", p.key, "the figure's month axis", "Month"},
      {"p1.remote.figure.value_label", p.key, "the figure's value axis", "Participations"},
      {"p1.remote.figure.in_person", p.key, "the in-person series", "In person"},
      {"p1.remote.figure.remote", p.key, "the remote series", "Remote"},
  };
  p.build = BuildRemote;
  return p;
}

// ---- Programme 3, item 1: BSG trainings

std::string TrainedText(const events::TrainingFigures& t, const std::string& scope) {
  return std::to_string(t.delegates_trained) +
         " distinct people registered as delegates with an attended registration (at least one "
         "attendance day) at bsg_training events " +
         scope + ", a merged person counted once; " + std::to_string(t.trainings) + " trainings; " +
         std::to_string(t.countries) + " countries and " + std::to_string(t.organizations) +
         " organizations among them (" + std::to_string(t.region.Get(events::kNotStated)) +
         " without a stated country, " + std::to_string(t.organization.Get(events::kNotStated)) +
         " without a stated organization, not counted there)";
}

Result<std::optional<Section>> BuildTrainings(ReportContext& ctx) {
  const events::Aggregates stats;
  const Window& w = ctx.window();
  BSG_ASSIGN_OR_RETURN(events::TrainingFigures total,
                       stats.Training(ctx.session(), std::nullopt, w.until));
  const std::string total_source =
      ctx.Provenance(TrainedText(total, "starting on or before " + w.until));
  ctx.SetCount("events.training.delegates_trained", total.delegates_trained, total_source);
  ctx.SetCount("events.training.countries", total.countries, total_source);
  ctx.SetCount("events.training.organizations", total.organizations, total_source);
  ctx.SetCount("events.training.trainings", total.trainings, total_source);

  const int year = LastFullYear(w.until);
  const std::string y = std::to_string(year);
  BSG_ASSIGN_OR_RETURN(events::TrainingFigures in_year,
                       stats.Training(ctx.session(), y + "-01-01", y + "-12-31"));
  ctx.SetText("events.training.year", y);
  ctx.SetCount("events.training.year_delegates", in_year.delegates_trained,
               ctx.Provenance(TrainedText(in_year, "whose dates overlap " + y)));

  BSG_ASSIGN_OR_RETURN(events::TrainingFigures in_window,
                       stats.Training(ctx.session(), w.since, w.until));
  const std::string window_source =
      ctx.Provenance(TrainedText(in_window, "whose dates overlap " + WindowText(w)));
  ctx.SetCount("events.training.window_trainings", in_window.trainings, window_source);
  ctx.SetCount("events.training.window_delegates", in_window.delegates_trained, window_source);

  BSG_ASSIGN_OR_RETURN(auto rows, stats.TrainingsForTable(ctx.session(), w.since, w.until));
  const std::int64_t planned =
      static_cast<std::int64_t>(std::count_if(rows.begin(), rows.end(), NotYetHeld));
  ctx.SetCount("events.training.planned", planned,
               ctx.Provenance(std::to_string(planned) +
                              " bsg_training events with status planned, confirmed or "
                              "postponed ending on or after " +
                              w.since));

  Section s;
  s.id = "trainings";
  s.title = ctx.Text("p3.training.title");
  s.blocks.push_back(ctx.Paragraph("p3.training.intro"));
  s.blocks.push_back(ctx.Paragraph(ctx.Variant("p3.training.total", total.delegates_trained)));
  if (total.delegates_trained > 0) {
    s.blocks.push_back(ctx.Paragraph(ctx.Variant("p3.training.year", in_year.delegates_trained)));
  }
  s.blocks.push_back(ctx.Paragraph(ctx.Variant("p3.training.window", in_window.trainings)));
  if (rows.empty()) {
    s.blocks.push_back(ctx.Paragraph("p3.training.table.none"));
    return std::optional<Section>(std::move(s));
  }
  BSG_ASSIGN_OR_RETURN(auto names, CountryNames(ctx.session()));
  Table t;
  t.id = "trainings";
  t.caption = ctx.Text("p3.training.table.caption");
  t.columns = {Column{ctx.Text("p3.training.table.col_date"), render::Align::kStart, 0.25},
               Column{ctx.Text("p3.training.table.col_related"), render::Align::kStart, 0.45},
               Column{ctx.Text("p3.training.table.col_location"), render::Align::kStart, 0.30}};
  for (const auto& e : rows) {
    const bool not_held = NotYetHeld(e);
    t.rows.push_back({Cell{Dates(e) + (not_held ? "*" : ""),
                           ctx.Provenance("event " + std::to_string(e.id) +
                                          " (kind bsg_training, status " + e.status + ")")},
                      Cell{Related(e), ""}, Cell{Place(e, names), ""}});
  }
  if (planned > 0) t.footnotes.push_back(ctx.Text("p3.training.table.footnote"));
  s.blocks.push_back(std::move(t));
  return std::optional<Section>(std::move(s));
}

SectionProvider Trainings() {
  SectionProvider p;
  p.key = "programme3.training";
  p.programme = 3;
  p.order = 10;
  p.values = {
      {"events.training.delegates_trained", ValueKind::kCount,
       "delegates trained at BSG trainings up to the end of the window"},
      {"events.training.countries", ValueKind::kCount, "their countries"},
      {"events.training.organizations", ValueKind::kCount, "their organizations"},
      {"events.training.trainings", ValueKind::kCount, "the trainings they attended"},
      {"events.training.year", ValueKind::kText,
       "the last calendar year ending within the window (\"2019\" for a window ending in 2020)"},
      {"events.training.year_delegates", ValueKind::kCount, "delegates trained in that year"},
      {"events.training.window_trainings", ValueKind::kCount,
       "BSG trainings held in the window with trained delegates"},
      {"events.training.window_delegates", ValueKind::kCount, "delegates trained in the window"},
      {"events.training.planned", ValueKind::kCount, "trainings not yet held in the table"},
  };
  p.templates = {
      {"p3.training.title", p.key, "the item heading",
       "Organization of BSG hands-on training sessions/workshops"},
      {"p3.training.intro", p.key, "the opening paragraph",
       "Keeping in mind the need to equip delegates from developing countries with the skills "
       "and knowledge to participate and contribute to ITU-T meetings, BSG hands-on trainings "
       "(and other related trainings) are regularly organized and collocated with ITU-T Study "
       "Group meetings. These trainings provide delegates with a snapshot of structures, "
       "management, coordination mechanisms and operating procedures of ITU-T study groups as "
       "defined in Recommendation ITU-T A.1."},
      {"p3.training.total.other", p.key, "delegates trained so far",
       "{events.training.delegates_trained|over100|cap} delegates have been trained, "
       "representing {events.training.countries} countries and "
       "{events.training.organizations} organizations."},
      {"p3.training.total.none", p.key, "no delegate trained so far",
       "No delegates are recorded as trained at BSG trainings up to {until}."},
      {"p3.training.year.other", p.key, "delegates trained in the last full year",
       "In {events.training.year}, {events.training.year_delegates|over100} delegates were "
       "trained."},
      {"p3.training.year.none", p.key, "no delegate trained in the last full year",
       "No delegates were trained at BSG trainings in {events.training.year}."},
      {"p3.training.window.other", p.key, "trainings held in the window",
       "Since {since|month_year}, {events.training.window_trainings} BSG trainings have been "
       "held, with {events.training.window_delegates} delegates trained."},
      {"p3.training.window.one", p.key, "one training held in the window",
       "Since {since|month_year}, one BSG training has been held, with "
       "{events.training.window_delegates} delegates trained."},
      {"p3.training.window.none", p.key, "no training held in the window",
       "No BSG trainings were held in this period."},
      {"p3.training.table.caption", p.key, "the caption of the trainings table",
       "List of BSG trainings carried out since {since|month_year} and planned"},
      {"p3.training.table.col_date", p.key, "trainings table column header", "Date"},
      {"p3.training.table.col_related", p.key, "trainings table column header",
       "Related Study Group/Event"},
      {"p3.training.table.col_location", p.key, "trainings table column header", "Location"},
      {"p3.training.table.footnote", p.key, "under the table when some trainings are planned",
       "*planned trainings"},
      {"p3.training.table.none", p.key, "no training held or planned (no table)",
       "No BSG trainings were held in this period or are planned."},
  };
  p.build = BuildTrainings;
  return p;
}

// ---- Programme 3: developing-country representation in Study Group management teams

struct PeriodSeats {
  groups::StudyPeriod period;
  std::map<std::string, std::map<std::string, std::int64_t>> by_role;  // role -> class -> n
  std::int64_t seats = 0;
  std::int64_t developing = 0;
  std::int64_t not_stated = 0;
};

Result<PeriodSeats> SeatsOf(db::Session& s, const groups::StudyPeriod& period) {
  PeriodSeats out;
  out.period = period;
  BSG_ASSIGN_OR_RETURN(auto rows, groups::Store().StudyGroupSeatsByClass(s, period.id));
  for (const auto& r : rows) {
    out.by_role[r.role][r.development] += r.count;
    out.seats += r.count;
    if (r.development == "developing") out.developing += r.count;
    if (r.development == "not_stated") out.not_stated += r.count;
  }
  return out;
}

std::optional<double> ShareOfKnown(const PeriodSeats& p) {
  const std::int64_t known = p.seats - p.not_stated;
  if (known <= 0) return std::nullopt;
  return static_cast<double>(p.developing) / static_cast<double>(known);
}

std::string SeatsText(const PeriodSeats& p) {
  return std::to_string(p.developing) + " of " + std::to_string(p.seats) +
         " management positions in the Study Groups of study period " + p.period.code +
         " held by people whose country (the position's, else the person's) was a developing "
         "country on the position's start date; " +
         std::to_string(p.not_stated) + " with no country stated, counted as neither";
}

Result<std::optional<Section>> BuildManagement(ReportContext& ctx) {
  BSG_ASSIGN_OR_RETURN(auto periods, groups::Store().Periods(ctx.session()));
  std::sort(periods.begin(), periods.end(),
            [](const auto& a, const auto& b) { return a.start_date < b.start_date; });
  const std::string& until = ctx.window().until;
  std::optional<std::size_t> current;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (periods[i].start_date <= until && until <= periods[i].end_date) current = i;
  }
  Section s;
  s.id = "management";
  s.title = ctx.Text("p3.management.title");
  if (!current) {
    ctx.SetText("groups.management.current_period", std::nullopt);
    s.blocks.push_back(ctx.Paragraph("p3.management.none"));
    return std::optional<Section>(std::move(s));
  }
  BSG_ASSIGN_OR_RETURN(PeriodSeats now, SeatsOf(ctx.session(), periods[*current]));
  std::optional<PeriodSeats> before;
  if (*current > 0) {
    BSG_ASSIGN_OR_RETURN(before, SeatsOf(ctx.session(), periods[*current - 1]));
  }
  const std::string now_source = ctx.Provenance(SeatsText(now));
  ctx.SetText("groups.management.current_period", now.period.code);
  ctx.SetCount("groups.management.current_seats", now.seats, now_source);
  ctx.SetCount("groups.management.current_developing", now.developing, now_source);
  ctx.SetCount("groups.management.current_not_stated", now.not_stated, now_source);
  ctx.SetShare("groups.management.current_share", ShareOfKnown(now), now_source);
  std::string before_source;
  if (before) {
    before_source = ctx.Provenance(SeatsText(*before));
    ctx.SetText("groups.management.previous_period", before->period.code);
    ctx.SetCount("groups.management.previous_seats", before->seats, before_source);
    ctx.SetCount("groups.management.previous_developing", before->developing, before_source);
    ctx.SetCount("groups.management.previous_not_stated", before->not_stated, before_source);
    ctx.SetShare("groups.management.previous_share", ShareOfKnown(*before), before_source);
  }
  if (now.seats == 0) {
    s.blocks.push_back(ctx.Paragraph("p3.management.none"));
    return std::optional<Section>(std::move(s));
  }
  const bool compare = before && before->seats > 0;
  s.blocks.push_back(
      ctx.Paragraph(compare ? "p3.management.text.other" : "p3.management.text.no_previous"));

  Figure f;
  f.id = "management-representation";
  f.caption = ctx.Text("p3.management.figure.caption");
  // The series carry each period's counts; the figure says how they were counted.
  f.provenance = ctx.Provenance(
      "Study Group management positions by role and study period, each counted by its "
      "holder's country class on the position's start date (the position's country, else the "
      "person's); positions with no country stated are counted as neither");
  Chart& c = f.chart;
  c.kind = ChartKind::kGroupedBar;
  c.category_label = ctx.Text("p3.management.figure.category_label");
  c.value_label = ctx.Text("p3.management.figure.value_label");
  std::vector<const PeriodSeats*> shown;
  if (compare) shown.push_back(&*before);
  shown.push_back(&now);
  for (const auto* p : shown) {
    render::ChartSeries series;
    series.name = p->period.code;
    series.provenance = p == &now ? now_source : before_source;
    c.series.push_back(std::move(series));
  }
  for (auto role : groups::kRoles) {
    const std::string r(role);
    bool any = false;
    for (const auto* p : shown) any = any || p->by_role.count(r) > 0;
    if (!any) continue;
    c.categories.push_back(ctx.Text("p3.management.role." + r));
    for (std::size_t i = 0; i < shown.size(); ++i) {
      auto it = shown[i]->by_role.find(r);
      if (it == shown[i]->by_role.end()) {
        c.series[i].values.push_back(std::nullopt);  // no seat of this role recorded
      } else {
        auto d = it->second.find("developing");
        c.series[i].values.push_back(static_cast<double>(d == it->second.end() ? 0 : d->second));
      }
    }
  }
  if (now.not_stated > 0 || (compare && before->not_stated > 0)) {
    f.notes.push_back(ctx.Text(compare ? "p3.management.figure.note.other"
                                       : "p3.management.figure.note.no_previous"));
  }
  s.blocks.push_back(std::move(f));
  return std::optional<Section>(std::move(s));
}

SectionProvider Management() {
  SectionProvider p;
  p.key = "programme3.management";
  p.programme = 3;
  p.order = 40;
  p.values = {
      {"groups.management.current_period", ValueKind::kText,
       "the study period in force on the last day of the window"},
      {"groups.management.current_seats", ValueKind::kCount,
       "Study Group management positions of that period"},
      {"groups.management.current_developing", ValueKind::kCount,
       "of them held by people from developing countries"},
      {"groups.management.current_not_stated", ValueKind::kCount,
       "of them held by people whose country is not stated"},
      {"groups.management.current_share", ValueKind::kShare,
       "developing-country share among positions whose country is known"},
      {"groups.management.previous_period", ValueKind::kText, "the study period before"},
      {"groups.management.previous_seats", ValueKind::kCount, "its management positions"},
      {"groups.management.previous_developing", ValueKind::kCount,
       "of them held by people from developing countries"},
      {"groups.management.previous_not_stated", ValueKind::kCount,
       "of them held by people whose country is not stated"},
      {"groups.management.previous_share", ValueKind::kShare,
       "developing-country share among its positions whose country is known"},
  };
  p.templates = {
      {"p3.management.title", p.key, "the item heading",
       "Representation of developing countries in Study Group management teams"},
      {"p3.management.text.other", p.key, "the comparison of two study periods",
       "In the {groups.management.current_period} study period, "
       "{groups.management.current_developing} of the {groups.management.current_seats} Study "
       "Group management positions are held by people from developing countries "
       "({groups.management.current_share} of those whose country is known), against "
       "{groups.management.previous_developing} of {groups.management.previous_seats} "
       "({groups.management.previous_share}) in {groups.management.previous_period}."},
      {"p3.management.text.no_previous", p.key, "one study period only",
       "In the {groups.management.current_period} study period, "
       "{groups.management.current_developing} of the {groups.management.current_seats} Study "
       "Group management positions are held by people from developing countries "
       "({groups.management.current_share} of those whose country is known)."},
      {"p3.management.none", p.key, "no management position recorded",
       "No Study Group management positions are recorded for the study period in force on "
       "{until}."},
      {"p3.management.figure.caption", p.key, "the figure's caption",
       "Representation from developing countries in the Study Group management teams between "
       "study periods"},
      {"p3.management.figure.category_label", p.key, "the figure's category axis", "Position"},
      {"p3.management.figure.value_label", p.key, "the figure's value axis",
       "Positions held by people from developing countries"},
      {"p3.management.figure.note.other", p.key, "a note when some countries are not stated",
       "Positions whose holder's country is not stated "
       "({groups.management.previous_not_stated} in {groups.management.previous_period}, "
       "{groups.management.current_not_stated} in {groups.management.current_period}) are "
       "counted as neither developing nor developed."},
      {"p3.management.figure.note.no_previous", p.key,
       "a note when some countries are not stated (one period)",
       "Positions whose holder's country is not stated ({groups.management.current_not_stated}) "
       "are counted as neither developing nor developed."},
      {"p3.management.role.chair", p.key, "a category of the figure", "Chairs"},
      {"p3.management.role.vice_chair", p.key, "a category of the figure", "Vice-chairs"},
      {"p3.management.role.wp_chair", p.key, "a category of the figure", "Working party chairs"},
      {"p3.management.role.rapporteur", p.key, "a category of the figure", "Rapporteurs"},
      {"p3.management.role.associate_rapporteur", p.key, "a category of the figure",
       "Associate rapporteurs"},
  };
  p.build = BuildManagement;
  return p;
}

}  // namespace

std::vector<SectionProvider> BuiltinSectionProviders() {
  return {ReportWording(),       Introduction(), Geography(),
          RemoteParticipation(), Trainings(),    Management()};
}

}  // namespace bsg::reports
