// The reports API end to end on SQLite and PostgreSQL: the progress report in every format, its
// errors, the dashboard, and the editable wording (public read, officer write with CSRF, audited,
// unknown placeholders named in a 422).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>

#include "http/app_server.h"
#include "modules/events/seed.h"
#include "modules/groups/service.h"
#include "modules/identity/password.h"
#include "modules/identity/service.h"
#include "platform/time/clock.h"
#include "support/test_db.h"

namespace bsg {
namespace {

using nlohmann::json;
using testing::ApiClient;
using testing::BrowserSession;
using testing::Reply;

constexpr const char* kPassword = "violet-harbour-41-kettle";
constexpr const char* kWindow = "since=2019-09-01&until=2020-03-31";

// The text of every paragraph of a report model, one per line (runs joined).
std::string Paragraphs(const json& model) {
  std::string out;
  std::function<void(const json&)> section = [&](const json& s) {
    for (const auto& b : s["blocks"]) {
      if (b["type"] != "paragraph") continue;
      for (const auto& run : b["runs"]) out += run["text"].get<std::string>();
      out += "\n";
    }
    for (const auto& sub : s["subsections"]) section(sub);
  };
  for (const auto& s : model["document"]["sections"]) section(s);
  return out;
}

class ReportsApiTest : public testing::DatabaseTest {
 protected:
  testing::FastPasswords fast_passwords_;
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::IdentityOptions options;
    options.password_limits = identity::PasswordLimits::Min();
    users_ = std::make_unique<identity::IdentityService>(db(), options);
    Status teams = groups::SeedDemoTeams(db());
    ASSERT_TRUE(teams.ok()) << teams.ToString();
    auto events = events::SeedDemoEvents(db());
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    setenv("BSG_DATA_DIR", BSG_SOURCE_DIR "/data", 1);
    app_ = std::make_unique<testing::AppServer>(db());
    Status started = app_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    client_ = std::make_unique<ApiClient>(app_->port());
  }
  void TearDown() override {
    client_.reset();
    app_.reset();
    users_.reset();
    DatabaseTest::TearDown();
  }

  void MakeUser(const std::string& email, std::set<std::string> roles) {
    identity::CreateUserInput in;
    in.email = email;
    in.display_name = email.substr(0, email.find('@'));
    in.roles = std::move(roles);
    in.password = kPassword;
    auto user = users_->CreateUser(in, CliActor("test"));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
  }

  BrowserSession SignedIn(const std::string& email) {
    Reply r;
    auto s = client_->SignIn(email, kPassword, &r);
    EXPECT_TRUE(s) << r.status << " " << r.body;
    return s.value_or(BrowserSession{});
  }

  Reply Get(const std::string& path) { return client_->Send("GET", path); }

  std::unique_ptr<identity::IdentityService> users_;
  std::unique_ptr<testing::AppServer> app_;
  std::unique_ptr<ApiClient> client_;
};

TEST_P(ReportsApiTest, ProgressReportInEveryFormat) {
  Reply model = Get(std::string("/api/reports/progress?") + kWindow);
  ASSERT_EQ(model.status, 200) << model.body;
  const json j = model.Json();
  EXPECT_EQ(j["values"]["events.regional_group_meetings.held"]["value"], 9);
  EXPECT_EQ(j["values"]["events.training.countries"]["value"], 74);
  EXPECT_NE(j["values"]["events.training.delegates_trained"]["provenance"].get<std::string>().find(
                "distinct people"),
            std::string::npos);
  ASSERT_EQ(j["tables"].size(), 2u);
  ASSERT_EQ(j["figures"].size(), 3u);
  EXPECT_EQ(j["figures"][2]["id"], "management-representation");

  Reply pdf = Get(std::string("/api/reports/progress.pdf?") + kWindow);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.Header("Content-Disposition").find("bsg-progress-report_2019-09-01_2020-03-31.pdf"),
            std::string::npos);
  Reply pdf2 = Get(std::string("/api/reports/progress?format=pdf&") + kWindow);
  EXPECT_EQ(pdf2.status, 200);
  EXPECT_EQ(pdf2.body.substr(0, 5), "%PDF-");

  Reply html = Get(std::string("/api/reports/progress.html?") + kWindow);
  ASSERT_EQ(html.status, 200);
  EXPECT_TRUE(html.Header("Content-Type").starts_with("text/html"));
  EXPECT_NE(html.body.find("February 2020*"), std::string::npos);

  Reply csv = Get(std::string("/api/reports/progress.csv?table=2&") + kWindow);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.Header("Content-Type").starts_with("text/csv"));
  EXPECT_NE(csv.body.find("February 2020*,SG13 Regional Group for Africa"), std::string::npos)
      << csv.body;
  Reply figure_csv = Get(std::string("/api/reports/progress?format=csv&figure=3&") + kWindow);
  ASSERT_EQ(figure_csv.status, 200);
  EXPECT_NE(figure_csv.body.find("2013-2016"), std::string::npos);

  Reply svg =
      Get(std::string("/api/reports/progress.svg?figure=management-representation&") + kWindow);
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_TRUE(svg.Header("Content-Type").starts_with("image/svg+xml"));
  Reply png = Get(std::string("/api/reports/progress.png?figure=1&") + kWindow);
  ASSERT_EQ(png.status, 200) << png.body;
  EXPECT_EQ(png.Header("Content-Type"), "image/png");
  EXPECT_EQ(png.body.substr(1, 3), "PNG");

  Reply dashboard = Get(std::string("/api/reports/dashboard?") + kWindow);
  ASSERT_EQ(dashboard.status, 200);
  ASSERT_EQ(dashboard.Json()["figures"].size(), 3u);
  EXPECT_EQ(dashboard.Json()["figures"][1]["chart"]["series"].size(), 2u);
  EXPECT_EQ(dashboard.Json()["values"]["events.forums.held"]["value"], 2);
}

TEST_P(ReportsApiTest, DocumentsAreCachedUntilTheirDataChanges) {
  time::ScopedTestClock clock(*time::ParseTimestamp("2026-03-01T09:00:00Z"));
  const std::string url = std::string("/api/reports/progress?") + kWindow;
  Reply first = Get(url);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_FALSE(first.Header("ETag").empty());
  EXPECT_EQ(first.Header("Cache-Control"), "no-cache");
  clock.Advance(std::chrono::minutes(5));
  Reply second = Get(url);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.Json()["generated_at"], first.Json()["generated_at"])
      << "the second identical request is answered from the cache";
  EXPECT_EQ(second.Header("ETag"), first.Header("ETag"));
  Reply revalidated =
      client_->Send("GET", url, std::nullopt, nullptr, {{"If-None-Match", first.Header("ETag")}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_TRUE(revalidated.body.empty());
  Reply pdf = Get(std::string("/api/reports/progress.pdf?") + kWindow);
  Reply pdf_again = Get(std::string("/api/reports/progress.pdf?") + kWindow);
  EXPECT_EQ(pdf_again.body, pdf.body);
  EXPECT_EQ(pdf_again.Header("ETag"), pdf.Header("ETag"));

  // A new attendance: the report is built anew, as of the new time.
  ASSERT_TRUE(db().Exec("INSERT INTO event_attendance (registration_id, day, mode, source, "
                        "recorded_at) SELECT MIN(id), '2019-12-31', 'remote', 'remote_join', "
                        "'2026-03-01T09:05:00.000Z' FROM event_registration")
                  .ok());
  Reply third = Get(url);
  ASSERT_EQ(third.status, 200);
  EXPECT_NE(third.Json()["generated_at"], first.Json()["generated_at"]);
  EXPECT_NE(third.Header("ETag"), first.Header("ETag"));
  EXPECT_EQ(
      client_->Send("GET", url, std::nullopt, nullptr, {{"If-None-Match", first.Header("ETag")}})
          .status,
      200)
      << "the old ETag no longer matches";
}

TEST_P(ReportsApiTest, AnonymousAddressesMayBuildSoManyDocumentsAMinute) {
  client_.reset();
  app_ = std::make_unique<testing::AppServer>(db());
  http::ServerOptions options;
  options.anonymous_renders_per_minute = 1;
  options.anonymous_render_burst = 3;
  ASSERT_TRUE(app_->Start(options).ok());
  client_ = std::make_unique<ApiClient>(app_->port());
  int built = 0;
  Reply refused;
  for (int day = 1; day <= 9 && refused.status != 429; ++day) {
    Reply r = Get("/api/reports/progress?since=2019-09-01&until=2020-03-0" + std::to_string(day));
    if (r.status == 200) ++built;
    if (r.status == 429) refused = r;
  }
  ASSERT_EQ(refused.status, 429) << "after " << built << " documents";
  EXPECT_EQ(built, 3);
  EXPECT_EQ(refused.Reason(), "request.rate_limited");
  EXPECT_FALSE(refused.Header("Retry-After").empty());
  // What is cached is still served; a signed-in officer is not limited.
  EXPECT_EQ(Get("/api/reports/progress?since=2019-09-01&until=2020-03-01").status, 200);
  MakeUser("officer@example.org", {"officer"});
  BrowserSession officer = SignedIn("officer@example.org");
  EXPECT_EQ(client_
                ->Send("GET", "/api/reports/progress?since=2019-08-01&until=2020-03-01",
                       std::nullopt, &officer)
                .status,
            200);
}

TEST_P(ReportsApiTest, BadRequestsAreExplained) {
  Reply bad_date = Get("/api/reports/progress?since=2019-13-01&until=2020-03-31");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(bad_date.Reason(), "reports.bad_window");
  EXPECT_TRUE(bad_date.Json()["fields"].contains("since"));
  Reply inverted = Get("/api/reports/progress?since=2020-03-31&until=2019-09-01");
  EXPECT_EQ(inverted.status, 422);
  EXPECT_EQ(Get(std::string("/api/reports/progress?format=docx&") + kWindow).status, 400);
  Reply no_part = Get(std::string("/api/reports/progress.csv?") + kWindow);
  EXPECT_EQ(no_part.status, 400);
  EXPECT_EQ(no_part.Reason(), "reports.part_required");
  Reply missing = Get(std::string("/api/reports/progress.csv?table=9&") + kWindow);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Reason(), "reports.table_not_found");
  EXPECT_EQ(Get(std::string("/api/reports/progress.svg?table=1&") + kWindow).Reason(),
            "reports.figure_only");
  EXPECT_EQ(Get(std::string("/api/reports/progress.pdf?table=1&") + kWindow).status, 400);
  EXPECT_EQ(Get(std::string("/api/reports/progress?language=de&") + kWindow).status, 400);
  // An empty window is a report that says so, not an error.
  Reply empty = Get("/api/reports/progress?since=2031-01-01&until=2031-03-31");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.Json()["values"]["events.training.window_trainings"]["value"], 0);
  EXPECT_NE(empty.body.find("No BSG trainings were held in this period."), std::string::npos);
}

TEST_P(ReportsApiTest, OfficersEditTheWording) {
  MakeUser("officer@example.org", {"officer"});
  MakeUser("delegate@example.org", {"delegate"});
  Reply list = Get("/api/reports/progress/templates");
  ASSERT_EQ(list.status, 200);
  const json templates = list.Json()["templates"];
  auto found = std::find_if(templates.begin(), templates.end(),
                            [](const json& t) { return t["key"] == "p3.training.total.other"; });
  ASSERT_NE(found, templates.end());
  EXPECT_EQ((*found)["overridden"], false);
  EXPECT_NE((*found)["text"].get<std::string>().find("{events.training.delegates_trained"),
            std::string::npos);

  const json change = {
      {"templates", json::array({{{"key", "p3.training.total.other"},
                                  {"text",
                                   "So far {events.training.delegates_trained|floor100}+ delegates "
                                   "from {events.training.countries} countries."}}})}};
  EXPECT_EQ(client_->Send("PUT", "/api/reports/progress/templates", change).status, 401);
  BrowserSession delegate = SignedIn("delegate@example.org");
  EXPECT_EQ(client_->Send("PUT", "/api/reports/progress/templates", change, &delegate).status, 403);
  BrowserSession officer = SignedIn("officer@example.org");
  EXPECT_EQ(
      client_->Send("PUT", "/api/reports/progress/templates", change, &officer, {}, "").status,
      403);  // no CSRF token

  const json unknown = {{"templates", json::array({{{"key", "p3.training.total.other"},
                                                    {"text", "{delegates} from {countries}"}}})}};
  Reply rejected = client_->Send("PUT", "/api/reports/progress/templates", unknown, &officer);
  EXPECT_EQ(rejected.status, 422);
  EXPECT_EQ(rejected.Reason(), "reports.unknown_placeholder");
  EXPECT_NE(rejected.Json()["message"].get<std::string>().find("{delegates}"), std::string::npos);
  EXPECT_NE(rejected.Json()["message"].get<std::string>().find("{countries}"), std::string::npos);

  Reply saved = client_->Send("PUT", "/api/reports/progress/templates", change, &officer);
  ASSERT_EQ(saved.status, 200) << saved.body;
  Reply report = Get(std::string("/api/reports/progress?") + kWindow);
  EXPECT_NE(Paragraphs(report.Json()).find("So far 700+ delegates from 74 countries."),
            std::string::npos)
      << Paragraphs(report.Json());
  auto audit = db().Query(
      "SELECT action, actor_user_id FROM audit_event WHERE record_type = 'report_template'");
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_FALSE((*audit)[0].IsNull(1));

  Reply reset =
      client_->Send("PUT", "/api/reports/progress/templates",
                    json{{"key", "p3.training.total.other"}, {"text", nullptr}}, &officer);
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_NE(Paragraphs(Get(std::string("/api/reports/progress?") + kWindow).Json())
                .find("Over 700 delegates have been trained"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportsApiTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
