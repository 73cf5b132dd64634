// The events API end to end, on SQLite and PostgreSQL: a delegate registers remotely, an officer
// records the attendance, and the training outcome figures and the in-person/remote split move;
// remote links are shown only to those allowed; the iCalendar feed parses in python3-icalendar
// and passes strict checks; participant imports are all or nothing; focal points approve their
// own country's delegates.
#include <gtest/gtest.h>

#include "http/app_server.h"
#include "modules/events/ical_testing.h"
#include "modules/events/seed.h"
#include "modules/identity/password.h"
#include "modules/identity/service.h"
#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/time/clock.h"
#include "support/test_db.h"

namespace bsg {
namespace {

using nlohmann::json;
using testing::ApiClient;
using testing::BrowserSession;
using testing::Reply;

constexpr const char* kPassword = "violet-harbour-41-kettle";

class EventsFlowTest : public testing::DatabaseTest {
 protected:
  testing::FastPasswords fast_passwords_;
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::IdentityOptions options;
    options.password_limits = identity::PasswordLimits::Min();
    users_ = std::make_unique<identity::IdentityService>(db(), options);
    auto seeded = events::SeedDemoEvents(db());
    ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
    app_ = std::make_unique<testing::AppServer>(db());
    Status started = app_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    client_ = std::make_unique<ApiClient>(app_->port());
    today_ = time::Today().ToString();
  }
  void TearDown() override {
    client_.reset();
    app_.reset();
    users_.reset();
    DatabaseTest::TearDown();
  }

  std::int64_t MakeUser(const std::string& email, std::set<std::string> roles,
                        std::optional<std::string> country = std::nullopt) {
    identity::CreateUserInput in;
    in.email = email;
    in.display_name = email.substr(0, email.find('@'));
    in.roles = std::move(roles);
    in.country = std::move(country);
    in.password = kPassword;
    auto user = users_->CreateUser(in, CliActor("test"));
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    return user.ok() ? user->user_id : 0;
  }

  // A person record (registry) linked to a user account.
  std::int64_t MakePerson(const std::string& email, const std::string& country,
                          std::optional<std::int64_t> user_id) {
    std::int64_t id = 0;
    Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
      registry::Store store;
      BSG_ASSIGN_OR_RETURN(auto held_countries, store.LoadClassIndex(tx));
      const registry::ClassIndex& countries = *held_countries;
      registry::PersonDraft d;
      d.given_name = "Flow";
      d.family_name = email.substr(0, email.find('@'));
      d.email = email;
      d.country = country;
      d.gender = "female";
      d.user_id = user_id;
      BSG_RETURN_IF_ERROR(registry::ValidatePerson(d, countries));
      BSG_ASSIGN_OR_RETURN(id, store.CreatePerson(tx, d, time::CurrentTimestamp()));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  BrowserSession SignedIn(const std::string& email) {
    Reply r;
    auto s = client_->SignIn(email, kPassword, &r);
    EXPECT_TRUE(s) << r.status << " " << r.body;
    return s.value_or(BrowserSession{});
  }

  json TrainingTotal() {
    Reply r = client_->Send("GET", "/api/events/training-outcomes");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json()["total"];
  }

  json ParticipationOf(std::int64_t event_id) {
    Reply r =
        client_->Send("GET", "/api/events/participation?since=" + today_ + "&until=" + today_);
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = r.Json();
    for (const auto& e : body["events"]) {
      if (e["event_id"] == event_id) return e;
    }
    ADD_FAILURE() << "event " << event_id << " not in " << r.body;
    return json::object();
  }

  // A hybrid BSG training today, created by the officer.
  std::int64_t CreateTraining(const BrowserSession& officer, json extra = json::object()) {
    json body = {
        {"kind", "bsg_training"},
        {"title", "BSG hands-on training (flow test)"},
        {"start_date", today_},
        {"end_date", today_},
        {"time_zone", "Europe/Zurich"},
        {"start_time", "09:00"},
        {"end_time", "12:30"},
        {"city", "Geneva"},
        {"country", "CH"},
        {"mode", "hybrid"},
        {"status", "confirmed"},
        {"programme", 3},
        {"pillar", "know_how"},
        {"topics", {"Recommendation ITU-T A.1"}},
        {"remote",
         {{"link", "https://meet.example.org/flow-test"}, {"interpretation_languages", {"fr"}}}}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    Reply r = client_->Send("POST", "/api/events", body, &officer);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().value("id", std::int64_t{0});
  }

  std::unique_ptr<identity::IdentityService> users_;
  std::unique_ptr<testing::AppServer> app_;
  std::unique_ptr<ApiClient> client_;
  std::string today_;
};

TEST_P(EventsFlowTest, RemoteRegistrationAndAttendanceMoveTheFigures) {
  MakeUser("officer@example.org", {"officer"});
  const std::int64_t delegate_user = MakeUser("delegate@example.org", {"delegate"});
  MakePerson("delegate@example.org", "HT", delegate_user);  // Haiti: an LDC
  const BrowserSession officer = SignedIn("officer@example.org");
  const BrowserSession delegate = SignedIn("delegate@example.org");

  const std::int64_t id = CreateTraining(officer);
  ASSERT_GT(id, 0);
  const json before = TrainingTotal();
  ASSERT_GT(before["delegates_trained"].get<int>(), 700);
  EXPECT_EQ(before["countries"], 74);
  EXPECT_EQ(before["organizations"], 80);
  const json split_before = ParticipationOf(id);
  EXPECT_EQ(split_before["attended_remote"], 0);

  // Anonymous callers do not see the conference link; the feed omits it too.
  Reply anon = client_->Send("GET", "/api/events/" + std::to_string(id));
  ASSERT_EQ(anon.status, 200) << anon.body;
  EXPECT_TRUE(anon.Json()["remote"]["link"].is_null());
  EXPECT_TRUE(anon.Json()["remote"]["has_link"].get<bool>());

  // The delegate registers remotely (self-registration through the person linked to the user).
  Reply reg = client_->Send("POST", "/api/events/" + std::to_string(id) + "/registrations",
                            json{{"mode", "remote"}}, &delegate);
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(reg.Json()["status"], "registered");
  const std::int64_t rid = reg.Json()["id"];
  Reply again = client_->Send("POST", "/api/events/" + std::to_string(id) + "/registrations",
                              json{{"mode", "remote"}}, &delegate);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Reason(), "events.already_registered");

  // Now registered, the delegate sees the link, in the page and in the event's .ics.
  Reply mine = client_->Send("GET", "/api/events/" + std::to_string(id), std::nullopt, &delegate);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.Json()["remote"]["link"], "https://meet.example.org/flow-test");
  EXPECT_EQ(mine.Json()["my_registration"]["id"], rid);
  Reply ics =
      client_->Send("GET", "/api/events/" + std::to_string(id) + ".ics", std::nullopt, &delegate);
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_NE(events::ical::Unfold(ics.body).find("CONFERENCE;VALUE=URI;FEATURE=VIDEO"),
            std::string::npos);
  Reply public_ics = client_->Send("GET", "/api/events/" + std::to_string(id) + ".ics");
  EXPECT_EQ(public_ics.body.find("CONFERENCE"), std::string::npos);

  // The delegate cannot check in; the officer records the remote join.
  const std::string attendance_path =
      "/api/events/" + std::to_string(id) + "/registrations/" + std::to_string(rid) + "/attendance";
  Reply self =
      client_->Send("POST", attendance_path,
                    json{{"day", today_}, {"mode", "remote"}, {"source", "checkin"}}, &delegate);
  EXPECT_EQ(self.status, 403) << self.body;
  Reply bad = client_->Send(
      "POST", attendance_path,
      json{{"day", "1999-01-01"}, {"mode", "remote"}, {"source", "remote_join"}}, &officer);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.Json()["fields"].contains("day"));
  Reply att =
      client_->Send("POST", attendance_path,
                    json{{"day", today_}, {"mode", "remote"}, {"source", "remote_join"}}, &officer);
  ASSERT_EQ(att.status, 201) << att.body;
  EXPECT_EQ(att.Json()["registration"]["status"], "attended");

  // The figures moved: one more delegate trained (from a 75th country, an LDC), one remote
  // participant at this event.
  const json after = TrainingTotal();
  EXPECT_EQ(after["delegates_trained"].get<int>(), before["delegates_trained"].get<int>() + 1);
  EXPECT_EQ(after["countries"], 75);
  EXPECT_EQ(after["ldc"]["counts"]["ldc"].get<int>(),
            before["ldc"]["counts"]["ldc"].get<int>() + 1);
  EXPECT_EQ(after["organization"]["counts"]["not_stated"].get<int>(),
            before["organization"]["counts"]["not_stated"].get<int>() + 1);
  const json split_after = ParticipationOf(id);
  EXPECT_EQ(split_after["attended_remote"], 1);
  EXPECT_EQ(split_after["attended_in_person"], 0);
  EXPECT_EQ(split_after["registered_remote"], 1);

  // The officer's list of registrations shows the person and the attendance.
  Reply list = client_->Send("GET", "/api/events/" + std::to_string(id) + "/registrations",
                             std::nullopt, &officer);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["count"], 1);
  EXPECT_EQ(list.Json()["registrations"][0]["attendance"].size(), 1u);
  Reply forbidden = client_->Send("GET", "/api/events/" + std::to_string(id) + "/registrations",
                                  std::nullopt, &delegate);
  EXPECT_EQ(forbidden.status, 403);
}

TEST_P(EventsFlowTest, FeedParsesAndPassesStrictChecks) {
  MakeUser("officer@example.org", {"officer"});
  const BrowserSession officer = SignedIn("officer@example.org");
  const std::int64_t id = CreateTraining(
      officer, json{{"remote", {{"link", "https://meet.example.org/pub"}, {"link_public", true}}}});
  Reply feed = client_->Send("GET", "/api/events.ics");
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_NE(feed.Header("Content-Type").find("text/calendar"), std::string::npos);
  auto report = events::ical::CheckCalendar(feed.body);
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  Reply list = client_->Send("GET", "/api/events?limit=1000");
  ASSERT_EQ(list.status, 200);
  const int count = list.Json()["count"];
  EXPECT_EQ(report.events, count);
  const std::string uid = "event-" + std::to_string(id) + "@bsg.invalid";
  ASSERT_TRUE(report.by_uid.count(uid));
  EXPECT_TRUE(report.by_uid.at(uid).Has("CONFERENCE"));  // hybrid with a public link
  EXPECT_EQ(report.by_uid.at(uid).Value("SEQUENCE"), "0");

  auto parsed = events::ical::ParseWithPythonIcalendar(feed.body);
  if (parsed.unavailable) GTEST_SKIP() << "python3-icalendar is not installed";
  EXPECT_EQ(parsed.exit_code, 0) << parsed.output;
  EXPECT_EQ(parsed.events, count) << parsed.output;

  // Cancelling bumps the sequence and shows STATUS:CANCELLED; the UID stays.
  Reply cancel = client_->Send("PATCH", "/api/events/" + std::to_string(id),
                               json{{"status", "cancelled"}}, &officer);
  ASSERT_EQ(cancel.status, 200) << cancel.body;
  EXPECT_EQ(cancel.Json()["sequence"], 1);
  Reply one = client_->Send("GET", "/api/events/" + std::to_string(id) + ".ics");
  ASSERT_EQ(one.status, 200);
  auto single = events::ical::CheckCalendar(one.body);
  EXPECT_TRUE(single.problems.empty());
  ASSERT_TRUE(single.by_uid.count(uid));
  EXPECT_EQ(single.by_uid.at(uid).Value("STATUS"), "CANCELLED");
  EXPECT_EQ(single.by_uid.at(uid).Value("SEQUENCE"), "1");
  parsed = events::ical::ParseWithPythonIcalendar(one.body);
  EXPECT_EQ(parsed.exit_code, 0) << parsed.output;
  EXPECT_NE(parsed.output.find("CANCELLED 1"), std::string::npos) << parsed.output;

  // Filters.
  Reply trainings = client_->Send("GET", "/api/events.ics?kind=bsg_training&region=AFR");
  ASSERT_EQ(trainings.status, 200);
  auto filtered = events::ical::CheckCalendar(trainings.body);
  EXPECT_TRUE(filtered.problems.empty());
  EXPECT_GT(filtered.events, 0);
  EXPECT_LT(filtered.events, count);
  EXPECT_EQ(client_->Send("GET", "/api/events.ics?kind=nonsense").status, 400);
}

TEST_P(EventsFlowTest, ValidationImportsAndEndorsement) {
  MakeUser("officer@example.org", {"officer"});
  MakeUser("focal.ke@example.org", {"focal_point"}, "KE");
  MakeUser("focal.gh@example.org", {"focal_point"}, "GH");
  const std::int64_t ke_user = MakeUser("ke.delegate@example.org", {"delegate"});
  MakePerson("ke.delegate@example.org", "KE", ke_user);
  const BrowserSession officer = SignedIn("officer@example.org");
  const BrowserSession focal_ke = SignedIn("focal.ke@example.org");
  const BrowserSession focal_gh = SignedIn("focal.gh@example.org");
  const BrowserSession ke = SignedIn("ke.delegate@example.org");

  // A held event cannot end in the future: 422 naming the fields.
  Reply held = client_->Send("POST", "/api/events",
                             json{{"kind", "workshop"},
                                  {"title", "Future workshop"},
                                  {"start_date", "2099-01-01"},
                                  {"mode", "virtual"},
                                  {"status", "held"}},
                             &officer);
  EXPECT_EQ(held.status, 422) << held.body;
  EXPECT_TRUE(held.Json()["fields"].contains("end_date"));
  EXPECT_EQ(client_->Send("POST", "/api/events", json{{"kind", "workshop"}}, &ke).status, 403);

  // Endorsement by the focal point of the delegate's country only.
  const std::int64_t id = CreateTraining(officer, json{{"requires_endorsement", true}});
  Reply reg = client_->Send("POST", "/api/events/" + std::to_string(id) + "/registrations",
                            json{{"mode", "in_person"}}, &ke);
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string approve = "/api/events/" + std::to_string(id) + "/registrations/" +
                              std::to_string(reg.Json()["id"].get<std::int64_t>()) + "/approve";
  EXPECT_EQ(client_->Send("POST", approve, json::object(), &focal_gh).status, 403);
  Reply ok = client_->Send("POST", approve, json::object(), &focal_ke);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json()["status"], "approved");

  // A participant list with a bad row imports nothing and names the row.
  const std::string path =
      "/api/events/" + std::to_string(id) + "/participants/import?create_missing=true";
  httplib::Client raw("127.0.0.1", app_->port());
  auto send = [&](const std::string& csv, const std::string& p) {
    httplib::Headers h = {
        {"Cookie", "bsg_session=" + officer.session_cookie + "; bsg_csrf=" + officer.csrf_token},
        {"X-CSRF-Token", officer.csrf_token}};
    return raw.Post(p.c_str(), h, csv, "text/csv");
  };
  auto bad = send(
      "email,full_name,country,attended\r\n"
      "imp.one@example.org,Imp One,Kenya,yes\r\n"
      "imp.two@example.org,Imp Two,Narnia,yes\r\n",
      path);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  json body = json::parse(bad->body);
  EXPECT_EQ(body["reason"], "events.import_invalid_rows");
  ASSERT_EQ(body["errors"].size(), 1u);
  EXPECT_EQ(body["errors"][0]["row"], 3);
  EXPECT_EQ(body["errors"][0]["column"], "country");
  auto good = send(
      "email,full_name,country,attended\r\n"
      "imp.one@example.org,Imp One,Kenya,yes\r\n"
      "imp.two@example.org,Imp Two,Ghana,yes\r\n",
      path);
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200) << good->body;
  EXPECT_EQ(json::parse(good->body)["registrations_created"], 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsFlowTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
