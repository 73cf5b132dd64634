// One body decoder behaviour for every write route, derived from the reviewed route table
// (tests/http/route_roles.tsv) so that a new route is covered the day it is added: every POST,
// PUT and PATCH route refuses a JSON body with a member it does not take, and one naming a
// member twice, with a 4xx JSON error whose `fields` names that member. A route that takes no
// JSON body is listed in kExempt with the reason; the list may not name routes that are gone.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "http/app_server.h"
#include "http/route_table.h"
#include "modules/identity/password.h"
#include "modules/identity/service.h"
#include "support/test_db.h"

namespace bsg {
namespace {

using nlohmann::json;
using testing::ApiClient;
using testing::BrowserSession;
using testing::Reply;

constexpr const char* kPassword = "violet-harbour-41-kettle";
constexpr const char* kTablePath = BSG_SOURCE_DIR "/tests/http/route_roles.tsv";

// Write routes whose body is not a JSON object: "METHOD pattern" -> why.
const std::map<std::string, std::string> kExempt = {
    {"POST /api/imports/organizations", "the body is the CSV or XLSX file"},
    {"POST /api/imports/people", "the body is the CSV or XLSX file"},
    {"POST /api/imports/positions", "the body is the CSV or XLSX file"},
    {"POST /api/events/{id:int}/participants/import", "the body is the CSV or XLSX file"},
    {"POST /api/people/{id:int}/erase", "takes no body"},
    {"POST /api/questions/import", "the body is the GIFT or Moodle XML file"},
    {"POST /api/courses/{id:int}/enrolments/import", "the body is the CSV or XLSX file"},
    {"POST /api/courses/{id:int}/modules/{module_id:int}/attachments", "the body is the file"},
    {"POST /api/events/{id:int}/registrations/{rid:int}/cancel", "takes no body"},
    {"POST /api/events/{id:int}/registrations/{rid:int}/approve", "takes no body"},
    {"POST /api/events/{id:int}/registrations/{rid:int}/no-show", "takes no body"},
};

std::set<std::string> KnownRoles() {
  std::set<std::string> roles;
  for (const auto role : identity::kRoles) roles.insert(std::string(role));
  return roles;
}

// `pattern` with `event_id` for an event's {id:int}, 999999 for other integers and KE for text.
std::string PathFor(const std::string& pattern, std::int64_t event_id) {
  std::string path = pattern;
  if (path.starts_with("/api/events/{id:int}")) {
    path.replace(0, std::string("/api/events/{id:int}").size(),
                 "/api/events/" + std::to_string(event_id));
  }
  path = std::regex_replace(path, std::regex(R"(\{[A-Za-z_][A-Za-z0-9_]*:int\})"), "999999");
  return std::regex_replace(path, std::regex(R"(\{[A-Za-z_][A-Za-z0-9_]*\})"), "KE");
}

class BodyDecodingTest : public testing::DatabaseTest {
 protected:
  testing::FastPasswords fast_passwords_;
};

// Sends `raw` as a JSON body (the duplicate key cannot go through nlohmann::json).
Reply SendRaw(std::uint16_t port, const std::string& method, const std::string& path,
              const std::string& raw, const BrowserSession& session,
              const std::string& content_type = "application/json") {
  httplib::Client client("127.0.0.1", port);
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.body = raw;
  req.set_header("Content-Type", content_type);
  req.set_header("Cookie",
                 "bsg_session=" + session.session_cookie + "; bsg_csrf=" + session.csrf_token);
  req.set_header("X-CSRF-Token", session.csrf_token);
  auto res = client.send(req);
  Reply r;
  if (!res) {
    r.status = -1;
    return r;
  }
  r.status = res->status;
  r.body = res->body;
  return r;
}

TEST_P(BodyDecodingTest, EveryWriteRouteRefusesUnknownAndDuplicateMembers) {
  std::ifstream file(kTablePath);
  ASSERT_TRUE(file) << "cannot read " << kTablePath;
  std::stringstream text;
  text << file.rdbuf();
  const testing::RouteTable table = testing::ParseRouteTable(text.str(), KnownRoles());
  ASSERT_TRUE(table.errors.empty());

  identity::IdentityOptions options;
  options.password_limits = identity::PasswordLimits::Min();
  identity::IdentityService users(db(), options);
  identity::CreateUserInput in;
  in.email = "bodies@example.org";
  in.display_name = "Bodies";
  in.roles = {"admin", "officer"};
  in.password = kPassword;
  ASSERT_TRUE(users.CreateUser(in, CliActor("test")).ok());

  testing::AppServer app(db());
  ASSERT_TRUE(app.Start().ok());
  ApiClient client(app.port());
  std::optional<BrowserSession> session = client.SignIn(in.email, kPassword);
  ASSERT_TRUE(session);

  // An event for the routes that load it before reading the body (a patch applies to it).
  Reply created = client.Send("POST", "/api/events",
                              json{{"kind", "workshop"},
                                   {"title", "Body decoding"},
                                   {"start_date", "2030-05-04"},
                                   {"mode", "virtual"}},
                              &*session);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t event_id = created.Json().value("id", std::int64_t{0});

  std::set<std::string> in_table;
  int checked = 0;
  for (const testing::RouteRow& row : table.rows) {
    const std::string name = row.method + " " + row.pattern;
    in_table.insert(name);
    if (row.method != "POST" && row.method != "PUT" && row.method != "PATCH") continue;
    if (kExempt.count(name) > 0) continue;
    ++checked;
    const std::string path = PathFor(row.pattern, event_id);
    for (const auto& [raw, member] : std::vector<std::pair<std::string, std::string>>{
             {R"({"bsg_no_such_member": 1})", "bsg_no_such_member"},
             {R"({"bsg_twice": 1, "bsg_twice": 2})", "bsg_twice"}}) {
      const Reply r = SendRaw(app.port(), row.method, path, raw, *session);
      EXPECT_TRUE(r.status == 400 || r.status == 422)
          << name << " with " << raw << ": " << r.status << " " << r.body;
      const json error = json::parse(r.body, nullptr, false);
      ASSERT_TRUE(error.is_object()) << name << ": " << r.body;
      EXPECT_TRUE(error.contains("fields") && error["fields"].contains(member))
          << name << " with " << raw << ": the error does not name " << member << ": " << r.body;
    }
  }
  for (const auto& [name, why] : kExempt) {
    EXPECT_EQ(in_table.count(name), 1u) << "exempt route " << name << " is not in the table";
  }
  EXPECT_GE(checked, 20) << "the write routes taking JSON";
}

// Text that could not be written back (a NUL cuts an XLSX export), paging beyond 32 bits, a
// search that is not text, and the date a message blames.
TEST_P(BodyDecodingTest, TextRulesPagingAndSearchHoldEndToEnd) {
  identity::IdentityOptions options;
  options.password_limits = identity::PasswordLimits::Min();
  identity::IdentityService users(db(), options);
  identity::CreateUserInput in;
  in.email = "rules@example.org";
  in.display_name = "Rules";
  in.roles = {"admin", "officer"};
  in.password = kPassword;
  ASSERT_TRUE(users.CreateUser(in, CliActor("test")).ok());
  testing::AppServer app(db());
  ASSERT_TRUE(app.Start().ok());
  ApiClient client(app.port());
  std::optional<BrowserSession> s = client.SignIn(in.email, kPassword);
  ASSERT_TRUE(s);

  // JSON "\u0000" in a name: refused, naming the field; so is a line break in a name.
  Reply nul = SendRaw(app.port(), "POST", "/api/people", R"({"full_name": "Ana\u0000Maria"})", *s);
  EXPECT_EQ(nul.status, 422) << nul.body;
  EXPECT_EQ(nul.Json()["fields"].value("full_name", ""), "must not contain control characters");
  Reply line = client.Send("POST", "/api/people", json{{"full_name", "Ana\nMaria"}}, &*s);
  EXPECT_EQ(line.status, 422) << line.body;
  EXPECT_EQ(line.Json()["fields"].value("full_name", ""), "must be a single line (no line breaks)");
  EXPECT_EQ(client.Send("GET", "/api/people", std::nullopt, &*s).Json().value("total", -1), 0);

  // An event's description may hold line breaks; its title may not.
  Reply event = client.Send("POST", "/api/events",
                            json{{"kind", "workshop"},
                                 {"title", "Rules"},
                                 {"description", "First line\nSecond line"},
                                 {"start_date", "2030-05-04"},
                                 {"mode", "virtual"}},
                            &*s);
  ASSERT_EQ(event.status, 201) << event.body;
  EXPECT_EQ(event.Json().value("description", ""), "First line\nSecond line");
  const std::string event_path = "/api/events/" + std::to_string(event.Json().value("id", 0));
  Reply title = client.Send("PATCH", event_path, json{{"title", "Two\nlines"}}, &*s);
  EXPECT_EQ(title.status, 422) << title.body;
  EXPECT_EQ(title.Json()["fields"].count("title"), 1u) << title.body;

  // An impossible start date without an end date blames the start date only.
  Reply feb = client.Send("POST", "/api/events",
                          json{{"kind", "workshop"},
                               {"title", "Feb"},
                               {"start_date", "2019-02-30"},
                               {"mode", "virtual"}},
                          &*s);
  EXPECT_EQ(feb.status, 422) << feb.body;
  EXPECT_EQ(feb.Json()["fields"].count("start_date"), 1u) << feb.body;
  EXPECT_EQ(feb.Json()["fields"].count("end_date"), 0u) << feb.body;

  // An offset beyond 32 bits is a page past the end, not the first page again.
  Reply far = client.Send("GET", "/api/events?offset=2147483648", std::nullopt, &*s);
  ASSERT_EQ(far.status, 200) << far.body;
  ASSERT_TRUE(far.Json()["events"].is_array()) << far.body;
  EXPECT_TRUE(far.Json()["events"].empty()) << far.body;
  Reply first = client.Send("GET", "/api/events?offset=0", std::nullopt, &*s);
  EXPECT_FALSE(first.Json()["events"].empty()) << first.body;

  // A search that is not UTF-8 is a bad query, not a search matching everyone.
  ASSERT_EQ(client.Send("POST", "/api/people", json{{"full_name", "Someone"}}, &*s).status, 201);
  Reply bad_q = client.Send("GET", "/api/people?q=%ff", std::nullopt, &*s);
  EXPECT_EQ(bad_q.status, 400) << bad_q.body;
  EXPECT_EQ(bad_q.Reason(), "request.bad_query");
  EXPECT_EQ(client.Send("GET", "/api/organizations?q=%ff", std::nullopt, &*s).status, 400);
  EXPECT_EQ(client.Send("GET", "/api/events?q=%ff", std::nullopt, &*s).status, 400);

  // A raw NUL in a CSV import is an error naming the row and column; nothing is imported.
  const std::string csv =
      std::string("full_name,email\r\nAna") + '\0' + "Maria,ana@example.org\r\n";
  Reply imported = SendRaw(app.port(), "POST", "/api/imports/people", csv, *s, "text/csv");
  EXPECT_NE(imported.status, 200) << imported.body;
  EXPECT_NE(imported.body.find("must not contain control characters"), std::string::npos)
      << imported.body;
  EXPECT_NE(imported.body.find("full_name"), std::string::npos) << imported.body;
  EXPECT_EQ(client.Send("GET", "/api/people", std::nullopt, &*s).Json().value("total", -1), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, BodyDecodingTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
