// The progress report built from the demo programme, on SQLite and PostgreSQL: the seed report's
// numbers come out because the report counts them; counts agree with the events and groups
// modules' own statistics; changing the data or the window changes the numbers; an empty window
// says so; officers' wording is used, checked and audited.
#include "modules/reports/report.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "modules/events/service.h"
#include "modules/events/stats.h"
#include "modules/events/store.h"
#include "modules/groups/rules.h"
#include "modules/groups/store.h"
#include "modules/registry/store.h"
#include "modules/reports/json.h"
#include "modules/reports/reports_testing.h"
#include "modules/reports/store.h"
#include "platform/time/clock.h"
#include "platform/time/date.h"
#include "platform/time/names.h"
#include "support/test_db.h"

namespace bsg::reports {
namespace {

using testing::AllText;
using testing::FindFigure;
using testing::FindTable;
using testing::Number;

constexpr char kSince[] = "2019-09-01";
constexpr char kUntil[] = "2020-03-31";

class ReportTest : public bsg::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    testing::SeedDemo(db());
  }

  Report Build(const std::string& since = kSince, const std::string& until = kUntil,
               const std::string& language = "en") {
    BuildOptions o;
    o.window = {since, until};
    o.language = language;
    o.data_dir = testing::DataDir();
    auto r = BuildProgressReport(db(), o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : Report();
  }
};

TEST_P(ReportTest, DemoReportShowsTheSeedReportsNumbers) {
  const Report r = Build();
  const std::string text = AllText(r.document);

  // Programme 1, item 2: nine regional group meetings and the two forums.
  EXPECT_EQ(Number(r, "events.regional_group_meetings.held"), 9);
  EXPECT_NE(text.find("Since September 2019, 9 regional group meetings have been held."),
            std::string::npos)
      << text;
  EXPECT_EQ(Number(r, "events.forums.held"), 2);
  EXPECT_NE(text.find("Two regional standardization forums have been organized:"),
            std::string::npos);
  EXPECT_NE(text.find("- Colombo, Sri Lanka, 1 October 2019: ITU Regional Standardization Forum "
                      "(RSF) on \"Addressing Competition Issues in ICT Economy\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- Dubai, United Arab Emirates, 22 October 2019: ITU Inter-Regional "
                      "Standardization Forum on \"Operational issues on numbering, emergency "
                      "service and OTTs\""),
            std::string::npos)
      << text;
  const render::Figure* map = FindFigure(r.document, "meetings-map");
  ASSERT_NE(map, nullptr);
  EXPECT_EQ(map->chart.kind, render::ChartKind::kWorldMap);
  EXPECT_FALSE(map->chart.categories.empty());

  // Programme 1, item 3: remote participation with its split.
  EXPECT_GT(Number(r, "events.remote.participations"), 0);
  EXPECT_GT(Number(r, "events.remote.in_person"), 0);
  EXPECT_NE(FindFigure(r.document, "remote-participation"), nullptr);

  // Programme 3, item 1: over 700 delegates, 74 countries, 80 organizations, over 300 in 2019.
  EXPECT_GE(Number(r, "events.training.delegates_trained"), 701);
  EXPECT_LT(Number(r, "events.training.delegates_trained"), 800);
  EXPECT_EQ(Number(r, "events.training.countries"), 74);
  EXPECT_EQ(Number(r, "events.training.organizations"), 80);
  EXPECT_NE(text.find("Over 700 delegates have been trained, representing 74 countries and 80 "
                      "organizations."),
            std::string::npos)
      << text;
  EXPECT_GE(Number(r, "events.training.year_delegates"), 301);
  EXPECT_LT(Number(r, "events.training.year_delegates"), 400);
  EXPECT_NE(text.find("In 2019, over 300 delegates were trained."), std::string::npos) << text;

  // Table 2: trainings with dates, related groups and places; planned ones asterisked.
  const render::Table* t = FindTable(r.document, "trainings");
  ASSERT_NE(t, nullptr);
  std::vector<std::string> dates;
  for (const auto& row : t->rows) dates.push_back(row[0].text);
  for (const char* d :
       {"12 September 2019", "1 October 2019", "20-21 October 2019", "22 October 2019",
        "25 November 2019", "February 2020*", "4 March 2020*", "16 March 2020", "July 2020*"}) {
    EXPECT_NE(std::find(dates.begin(), dates.end(), d), dates.end()) << d;
  }
  int asterisked = 0;
  for (const auto& d : dates) asterisked += d.ends_with("*") ? 1 : 0;
  EXPECT_EQ(asterisked, 3);
  ASSERT_EQ(t->footnotes.size(), 1u);
  EXPECT_EQ(t->footnotes[0], "*planned trainings");
  EXPECT_NE(text.find("February 2020* | SG13 Regional Group for Africa | Abuja, Nigeria"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("16 March 2020 | Arab Smart Agriculture Forum | Doha, Qatar"),
            std::string::npos)
      << text;

  // Table 1: the Resolutions from the mandates module.
  const render::Table* resolutions = FindTable(r.document, "resolutions");
  ASSERT_NE(resolutions, nullptr);
  EXPECT_EQ(resolutions->rows.size(), 3u);
  EXPECT_NE(text.find("PP-18 Resolution 123 (Rev. Dubai, 2018)"), std::string::npos);

  // The management figure: this study period against the previous one.
  const render::Figure* mgmt = FindFigure(r.document, "management-representation");
  ASSERT_NE(mgmt, nullptr);
  ASSERT_EQ(mgmt->chart.series.size(), 2u);
  EXPECT_EQ(mgmt->chart.series[0].name, "2013-2016");
  EXPECT_EQ(mgmt->chart.series[1].name, "2017-2020");
  EXPECT_EQ(mgmt->chart.kind, render::ChartKind::kGroupedBar);

  // Sections of modules that do not exist yet are left out, not faked.
  EXPECT_EQ(text.find("Fellowships to attend"), std::string::npos);
  EXPECT_EQ(text.find("fellowships have been provided"), std::string::npos);
  EXPECT_EQ(text.find("online course"), std::string::npos);
  EXPECT_EQ(text.find("Programme 2"), std::string::npos);
  EXPECT_EQ(text.find("Programme 4"), std::string::npos);
  EXPECT_NE(text.find("Programme 1: Strengthening standards-making capabilities"),
            std::string::npos);
  EXPECT_NE(text.find("Programme 3: Human resources capacity building"), std::string::npos);
}

TEST_P(ReportTest, EveryNumberSaysWhereItComesFrom) {
  const Report r = Build();
  const LiveValue& trained = r.values.at("events.training.delegates_trained");
  // The exact figure is in the provenance of the rounded wording.
  EXPECT_NE(trained.provenance.find(std::to_string(static_cast<int>(*trained.number)) +
                                    " distinct people"),
            std::string::npos)
      << trained.provenance;
  EXPECT_NE(trained.provenance.find("counted " + r.generated_at), std::string::npos);
  const LiveValue& rg = r.values.at("events.regional_group_meetings.held");
  EXPECT_NE(rg.provenance.find("regional_group_meeting with status held"), std::string::npos);
  EXPECT_NE(rg.provenance.find("event ids "), std::string::npos) << rg.provenance;
  for (const auto& [key, v] : r.values) {
    if (v.kind == ValueKind::kCount) {
      EXPECT_FALSE(v.provenance.empty()) << key;
    }
  }
  const nlohmann::json j = ToJson(r);
  EXPECT_EQ(j["tables"].size(), 2u);
  EXPECT_EQ(j["figures"].size(), 3u);
  EXPECT_EQ(j["tables"][1]["id"], "trainings");
  EXPECT_FALSE(j["sources"].empty());
  EXPECT_EQ(j["values"]["events.training.countries"]["value"], 74);
}

TEST_P(ReportTest, CountsAgreeWithTheEventsAndGroupsStatistics) {
  const Report r = Build();
  auto outcomes = events::stats::ComputeTrainingOutcomes(db(), {std::nullopt, std::string(kUntil)});
  ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  EXPECT_EQ(Number(r, "events.training.delegates_trained"), outcomes->total.delegates_trained);
  EXPECT_EQ(Number(r, "events.training.countries"), outcomes->total.countries);
  EXPECT_EQ(Number(r, "events.training.organizations"), outcomes->total.organizations);
  EXPECT_EQ(Number(r, "events.training.trainings"), outcomes->total.trainings);
  EXPECT_EQ(Number(r, "events.training.year_delegates"),
            outcomes->by_year.at(2019).delegates_trained);
  auto in_window =
      events::stats::ComputeTrainingOutcomes(db(), {std::string(kSince), std::string(kUntil)});
  ASSERT_TRUE(in_window.ok());
  EXPECT_EQ(Number(r, "events.training.window_delegates"), in_window->total.delegates_trained);

  auto participation =
      events::stats::ComputeParticipation(db(), {std::string(kSince), std::string(kUntil)});
  ASSERT_TRUE(participation.ok());
  EXPECT_EQ(Number(r, "events.remote.participations"), participation->attended_remote);
  EXPECT_EQ(Number(r, "events.remote.in_person"), participation->attended_in_person);
  const render::Figure* months = FindFigure(r.document, "remote-participation");
  ASSERT_NE(months, nullptr);
  ASSERT_FALSE(participation->months.empty());
  for (const auto& m : participation->months) {
    auto d = time::Date::ParseMonth(m.month);
    ASSERT_TRUE(d);
    const std::string label =
        std::string(time::MonthName(d->month)).substr(0, 3) + " " + std::to_string(d->year);
    auto it = std::find(months->chart.categories.begin(), months->chart.categories.end(), label);
    ASSERT_NE(it, months->chart.categories.end()) << label;
    const auto i = static_cast<std::size_t>(it - months->chart.categories.begin());
    EXPECT_EQ(months->chart.series[0].values[i], static_cast<double>(m.in_person)) << label;
    EXPECT_EQ(months->chart.series[1].values[i], static_cast<double>(m.remote)) << label;
  }

  auto geography = events::stats::ComputeGeography(db(), {std::string(kSince), std::string(kUntil)},
                                                   events::EventKind::kRegionalGroupMeeting);
  ASSERT_TRUE(geography.ok());
  EXPECT_EQ(Number(r, "events.regional_group_meetings.held"), geography->figures.total.held);

  // Management: the groups module's representation over the same Study Group seats, and the
  // seats counted straight from the positions.
  Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
    const groups::Store store;
    for (const char* code : {"2013-2016", "2017-2020"}) {
      BSG_ASSIGN_OR_RETURN(groups::StudyPeriod period, store.PeriodByCode(tx, code));
      BSG_ASSIGN_OR_RETURN(auto all, store.SeatsByClass(tx, period.id));
      std::vector<groups::SeatClassCount> seats;
      for (const auto& seat : all) {
        if (seat.group_kind == "study_group") seats.push_back(seat);
      }
      const groups::PeriodRepresentation rep = groups::Represent(period, seats);
      std::int64_t developing = 0;
      for (const auto& [bucket, n] : rep.breakdowns.at("development").buckets) {
        if (bucket == "developing") developing = n;
      }
      BSG_ASSIGN_OR_RETURN(
          db::Row positions,
          tx.QueryOne("SELECT COUNT(*) FROM group_position gp JOIN itu_group g ON g.id = "
                      "gp.group_id WHERE g.period_id = ? AND g.kind = 'study_group'",
                      {period.id}));
      EXPECT_EQ(rep.seats, positions.Int(0)) << code;
      EXPECT_GT(developing, 0) << code;
      const std::string prefix = std::string(code) == "2017-2020" ? "current" : "previous";
      EXPECT_EQ(Number(r, "groups.management." + prefix + "_seats"), rep.seats) << code;
      EXPECT_EQ(Number(r, "groups.management." + prefix + "_developing"), developing) << code;
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ReportTest, AnAttendanceRecordedMovesTheCount) {
  const Report before = Build();
  events::EventService service(db());
  const events::Caller officer = events::SystemCaller("report test");
  std::int64_t training = 0, person = 0;
  Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(auto e,
                         events::SqlEventStore().FindEventByCode(tx, "demo-2019-11-training-sg20"));
    training = e->id;
    registry::PersonDraft d;
    d.given_name = "New";
    d.family_name = "Trainee";
    d.full_name = "New Trainee";
    d.email = "new.trainee@example.org";
    d.country = "KE";
    d.sort_key = "trainee new";
    d.search_key = "new trainee";
    BSG_ASSIGN_OR_RETURN(person, registry::Store().CreatePerson(tx, d, time::CurrentTimestamp()));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  events::RegistrationInput in;
  in.person_id = person;
  auto reg = service.Register(officer, training, in);
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  events::Attendance day;
  day.day = "2019-11-25";
  day.mode = events::ParticipationMode::kInPerson;
  day.source = events::AttendanceSource::kCheckin;
  auto recorded = service.RecordAttendance(officer, training, reg->id, day);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();

  const Report after = Build();
  EXPECT_EQ(Number(after, "events.training.delegates_trained"),
            Number(before, "events.training.delegates_trained") + 1);
  EXPECT_EQ(Number(after, "events.training.window_delegates"),
            Number(before, "events.training.window_delegates") + 1);
  EXPECT_EQ(Number(after, "events.training.year_delegates"),
            Number(before, "events.training.year_delegates") + 1);
  EXPECT_EQ(Number(after, "events.remote.in_person"),
            Number(before, "events.remote.in_person") + 1);
}

TEST_P(ReportTest, ChangingTheWindowChangesTheNumbers) {
  const Report autumn = Build("2019-09-01", "2019-10-31");
  EXPECT_EQ(Number(autumn, "events.regional_group_meetings.held"), 5);
  EXPECT_EQ(Number(autumn, "events.forums.held"), 2);
  const Report winter = Build("2019-11-01", "2020-03-31");
  EXPECT_EQ(Number(winter, "events.regional_group_meetings.held"), 4);
  EXPECT_EQ(Number(winter, "events.forums.held"), 0);
  EXPECT_NE(AllText(winter.document)
                .find("No regional standardization forums were held in this "
                      "period."),
            std::string::npos);
  EXPECT_LT(Number(winter, "events.training.window_delegates"),
            Number(Build(), "events.training.window_delegates"));
  // Up to the end of 2018 fewer delegates had been trained, and "the year" is 2018.
  const Report earlier = Build("2018-01-01", "2018-12-31");
  EXPECT_LT(Number(earlier, "events.training.delegates_trained"), 700);
  EXPECT_EQ(earlier.values.at("events.training.year").text, "2018");
}

TEST_P(ReportTest, AWindowWithoutEventsSaysSo) {
  const Report r = Build("2031-01-01", "2031-06-30");
  const std::string text = AllText(r.document);
  for (const char* sentence :
       {"No regional group meetings were held in this period.",
        "No regional standardization forums were held in this period.",
        "No Study Group, TSAG or regional group meetings or forums were held in this period.",
        "No attendance was recorded at the events of this period.",
        "No BSG trainings were held in this period.",
        "No BSG trainings were held in this period or are planned.",
        "No delegates were trained at BSG trainings in 2030."}) {
    EXPECT_NE(text.find(sentence), std::string::npos) << sentence << "\n" << text;
  }
  EXPECT_EQ(FindTable(r.document, "trainings"), nullptr);
  EXPECT_EQ(FindFigure(r.document, "meetings-map"), nullptr);
  EXPECT_EQ(FindFigure(r.document, "remote-participation"), nullptr);
  // No study period covers 2031: said, not shown as zero.
  EXPECT_NE(text.find("No Study Group management positions are recorded for the study period in "
                      "force on 30 June 2031."),
            std::string::npos)
      << text;
  EXPECT_EQ(r.values.at("events.remote.share").number, std::nullopt);
}

TEST_P(ReportTest, TheDashboardOpensOnTheLatestYearWithActivity) {
  // The demo programme's last held event ends on 17 March 2020.
  auto later = SuggestDashboardWindow(db(), "2026-11-28");
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(later->basis, WindowBasis::kLatestHeldEvent);
  EXPECT_EQ(later->latest_held_end, "2020-03-17");
  EXPECT_EQ(later->window.since, "2019-03-19");
  EXPECT_EQ(later->window.until, "2020-03-17");
  EXPECT_GT(Number(Build(later->window.since, later->window.until), "events.meetings.held"), 0);

  auto during = SuggestDashboardWindow(db(), "2020-06-30");
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(during->basis, WindowBasis::kRecentActivity);
  EXPECT_EQ(during->window.since, "2019-07-02");
  EXPECT_EQ(during->window.until, "2020-06-30");

  // Events held later than "today" do not count.
  auto before = SuggestDashboardWindow(db(), "2016-01-01");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->basis, WindowBasis::kNoHeldEvents);
  EXPECT_EQ(before->latest_held_end, std::nullopt);
  EXPECT_EQ(before->window.until, "2016-01-01");
}

TEST_P(ReportTest, OfficersWordingIsCheckedUsedAndAudited) {
  const AuditActor actor = CliActor("report test");
  Status unknown = UpdateTemplates(
      db(), actor, std::nullopt, "en",
      {{"p1.geo.meetings.other", "Since {since}, {events.rg.held} meetings and {nope}."}});
  EXPECT_EQ(unknown.code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(unknown.reason(), "reports.unknown_placeholder");
  EXPECT_NE(unknown.message().find("{events.rg.held}"), std::string::npos) << unknown.message();
  EXPECT_NE(unknown.message().find("{nope}"), std::string::npos);
  EXPECT_TRUE(unknown.fields().count("templates.p1.geo.meetings.other"));
  EXPECT_EQ(UpdateTemplates(db(), actor, std::nullopt, "en", {{"no.such.key", "x"}}).reason(),
            "reports.unknown_template");
  EXPECT_EQ(UpdateTemplates(db(), actor, std::nullopt, "xx", {{"report.title", "x"}}).reason(),
            "reports.bad_language");

  Status ok = UpdateTemplates(
      db(), actor, std::nullopt, "en",
      {{"p1.geo.meetings.other",
        "From {since|month_year}: {events.regional_group_meetings.held|words} regional group "
        "meetings."}});
  ASSERT_TRUE(ok.ok()) << ok.ToString();
  EXPECT_NE(AllText(Build().document).find("From September 2019: nine regional group meetings."),
            std::string::npos);
  auto audit = db().Query(
      "SELECT action, record_id FROM audit_event WHERE record_type = 'report_template' ORDER BY "
      "id");
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].Text(0), "update");
  EXPECT_EQ((*audit)[0].Text(1), "progress/p1.geo.meetings.other/en");

  auto views = ListTemplates(db(), "en");
  ASSERT_TRUE(views.ok());
  const auto changed = std::find_if(views->begin(), views->end(), [](const TemplateView& v) {
    return v.entry.spec.key == "p1.geo.meetings.other";
  });
  ASSERT_NE(changed, views->end());
  ASSERT_TRUE(changed->override.has_value());
  EXPECT_EQ(changed->override->text, changed->text);
  EXPECT_NE(changed->text.find("regional group meetings."), std::string::npos) << changed->text;

  ASSERT_TRUE(
      UpdateTemplates(db(), actor, std::nullopt, "en", {{"p1.geo.meetings.other", std::nullopt}})
          .ok());
  EXPECT_NE(AllText(Build().document).find("Since September 2019, 9 regional group meetings"),
            std::string::npos);
  auto reset = db().Query(
      "SELECT action FROM audit_event WHERE record_type = 'report_template' ORDER BY id");
  ASSERT_TRUE(reset.ok());
  ASSERT_EQ(reset->size(), 2u);
  EXPECT_EQ((*reset)[1].Text(0), "reset");

  // Another language falls back to the English defaults until an officer writes its wording.
  const Report fr = Build(kSince, kUntil, "fr");
  EXPECT_EQ(fr.document.language, "fr");
  EXPECT_NE(AllText(fr.document).find("Since September 2019, 9 regional group meetings"),
            std::string::npos);
  EXPECT_EQ(Build(kSince, kUntil, "ar").document.direction, render::Direction::kRtl);
}

TEST_P(ReportTest, TemplateStoreRoundTrips) {
  const TemplateStore store;
  Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
    TemplateOverride o{"progress", "report.title", "fr",
                       "Rapport",  std::nullopt,   "2024-01-01T00:00:00.000Z"};
    BSG_RETURN_IF_ERROR(store.Put(tx, o));
    o.text = "Rapport d'avancement";
    BSG_RETURN_IF_ERROR(store.Put(tx, o));
    BSG_ASSIGN_OR_RETURN(auto found, store.Find(tx, "progress", "report.title", "fr"));
    EXPECT_TRUE(found.has_value());
    if (found) {
      EXPECT_EQ(found->text, "Rapport d'avancement");
    }
    BSG_ASSIGN_OR_RETURN(auto list, store.List(tx, "progress", "fr"));
    EXPECT_EQ(list.size(), 1u);
    BSG_ASSIGN_OR_RETURN(auto en, store.List(tx, "progress", "en"));
    EXPECT_TRUE(en.empty());
    BSG_RETURN_IF_ERROR(store.Remove(tx, "progress", "report.title", "fr"));
    BSG_ASSIGN_OR_RETURN(auto gone, store.Find(tx, "progress", "report.title", "fr"));
    EXPECT_FALSE(gone.has_value());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ReportTest, BadWindowsAndLanguagesAreRefused) {
  BuildOptions o;
  o.window = {"2020-02-30", "2020-03-31"};
  EXPECT_EQ(BuildProgressReport(db(), o).status().reason(), "reports.bad_window");
  o.window = {"2020-03-31", "2020-01-01"};
  EXPECT_EQ(BuildProgressReport(db(), o).status().code(), ErrorCode::kUnprocessable);
  o.window = {kSince, kUntil};
  o.language = "de";
  EXPECT_EQ(BuildProgressReport(db(), o).status().reason(), "reports.bad_language");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::reports
