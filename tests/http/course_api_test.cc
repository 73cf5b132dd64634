// The course API end to end, on SQLite and PostgreSQL: an officer builds a course and imports its
// questions; a delegate enrols, takes the assessment (answers saved one by one, a repeated save
// changes nothing), reads the modules and receives the certificate by itself; anyone verifies it;
// the officer revokes it and the verification says so.
#include <gtest/gtest.h>

#include "http/app_server.h"
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

constexpr const char* kBank = R"($CATEGORY: $course$/top/Assessment

::Approves::Which body approves most ITU-T Recommendations?{=The study group ~The Council ~A press office}

::Contributes::Who may submit a contribution?{=A member of ITU-T ~Anyone at all ~Only the chairman}
)";

class CourseApiTest : public testing::DatabaseTest {
 protected:
  testing::FastPasswords fast_passwords_;
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::IdentityOptions options;
    options.password_limits = identity::PasswordLimits::Min();
    users_ = std::make_unique<identity::IdentityService>(db(), options);
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

  BrowserSession User(const std::string& email, const std::string& name,
                      std::set<std::string> roles) {
    identity::CreateUserInput in;
    in.email = email;
    in.display_name = name;
    in.roles = std::move(roles);
    in.password = kPassword;
    EXPECT_TRUE(users_->CreateUser(in, CliActor("test")).ok());
    auto s = client_->SignIn(email, kPassword);
    EXPECT_TRUE(s);
    return s.value_or(BrowserSession{});
  }

  // Posts a file body (not JSON) with the session's cookie and CSRF token.
  Reply Upload(const std::string& path, const std::string& body, const std::string& type,
               const BrowserSession& s) {
    httplib::Client raw("127.0.0.1", app_->port());
    httplib::Headers h = {
        {"Cookie", "bsg_session=" + s.session_cookie + "; bsg_csrf=" + s.csrf_token},
        {"X-CSRF-Token", s.csrf_token}};
    auto res = raw.Post(path.c_str(), h, body, type.c_str());
    Reply r;
    if (res) {
      r.status = res->status;
      r.body = res->body;
    }
    return r;
  }

  ApiClient& client() { return *client_; }
  std::unique_ptr<identity::IdentityService> users_;
  std::unique_ptr<testing::AppServer> app_;
  std::unique_ptr<ApiClient> client_;
};

TEST_P(CourseApiTest, ADelegateEarnsACertificateThatAnyoneCanVerifyUntilItIsRevoked) {
  BrowserSession officer = User("officer@example.org", "Olu Officer", {"officer"});
  Reply course = client().Send(
      "POST", "/api/courses",
      json{{"code", "a1"}, {"title", "Working methods of ITU-T study groups"}}, &officer);
  ASSERT_EQ(course.status, 201) << course.body;
  const std::string id = std::to_string(course.Json()["course_id"].get<std::int64_t>());
  Reply module =
      client().Send("POST", "/api/courses/" + id + "/modules",
                    json{{"position", 1},
                         {"estimated_minutes", 20},
                         {"texts",
                          {{"en",
                            {{"title", "Standardization in ITU-T"},
                             {"body_markdown", "# Welcome\n<script>alert(1)</script>"}}}}}},
                    &officer);
  ASSERT_EQ(module.status, 201) << module.body;
  const std::int64_t module_id = module.Json()["modules"][0]["module_id"];
  // The page is safe HTML.
  Reply page = client().Send("GET", "/api/courses/" + id + "/modules/" + std::to_string(module_id));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.Json()["body_html"].get<std::string>().find("<h1>Welcome</h1>"),
            std::string::npos);
  EXPECT_EQ(page.Json()["body_html"].get<std::string>().find("<script>"), std::string::npos);

  // Questions: the wrong media type, a refused file, then the file.
  EXPECT_EQ(Upload("/api/questions/import?format=gift", kBank, "text/csv", officer).status, 415);
  Reply refused = Upload("/api/questions/import?format=gift&file_name=bank.txt",
                         std::string(kBank) + "\n::Bad::{=yes ~no\n", "text/plain", officer);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json()["reason"], "question.import_failed");
  EXPECT_FALSE(refused.Json()["problems"].empty());
  Reply imported =
      Upload("/api/questions/import?format=gift&file_name=bank.txt", kBank, "text/plain", officer);
  ASSERT_EQ(imported.status, 201) << imported.body;
  ASSERT_EQ(imported.Json()["question_ids"].size(), 2u);
  json slots = json::array();
  const json ids = imported.Json()["question_ids"];
  for (const json& q : ids) slots.push_back({{"question_id", q}, {"mark", 1}});
  Reply quiz = client().Send("POST", "/api/quizzes",
                             json{{"course_id", std::stoll(id)},
                                  {"title", "Final assessment"},
                                  {"time_limit_seconds", 1800},
                                  {"slots", slots}},
                             &officer);
  ASSERT_EQ(quiz.status, 201) << quiz.body;
  const std::string quiz_id = std::to_string(quiz.Json()["quiz_id"].get<std::int64_t>());

  // The delegate: no person record yet; enrolling makes one.
  BrowserSession ada = User("ada@example.org", "Ada Lovelace", {"delegate"});
  EXPECT_EQ(
      client().Send("POST", "/api/quizzes/" + quiz_id + "/attempts", json::object(), &ada).status,
      409);  // not enrolled
  Reply enrolled =
      client().Send("POST", "/api/courses/" + id + "/enrolment", json{{"language", "en"}}, &ada);
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  EXPECT_TRUE(enrolled.Json()["enrolled"]);
  Reply attempt =
      client().Send("POST", "/api/quizzes/" + quiz_id + "/attempts", json::object(), &ada);
  ASSERT_EQ(attempt.status, 201) << attempt.body;
  const json a = attempt.Json();
  const std::string attempt_id = std::to_string(a["attempt_id"].get<std::int64_t>());
  // The learner sees no shares and no feedback.
  EXPECT_EQ(attempt.body.find("fraction"), std::string::npos);
  EXPECT_EQ(attempt.body.find("feedback"), std::string::npos);
  // Answer every question with the choice that reads like the right one.
  for (const json& q : a["questions"]) {
    std::int64_t choice = -1;
    for (const json& c : q["question"]["choices"]) {
      const std::string text = c["text"]["text"];
      if (text == "The study group" || text == "A member of ITU-T") choice = c["index"];
    }
    const std::string path =
        "/api/attempts/" + attempt_id + "/answers/" + std::to_string(q["position"].get<int>());
    const json body = {{"answer_id", "x" + std::to_string(q["position"].get<int>())},
                       {"response", {{"choice", choice}}}};
    ASSERT_EQ(client().Send("PUT", path, body, &ada).status, 200);
    ASSERT_EQ(client().Send("PUT", path, body, &ada).status, 200);  // the same request again
  }
  // Reloaded: the answers are there.
  Reply reloaded = client().Send("GET", "/api/attempts/" + attempt_id, std::nullopt, &ada);
  ASSERT_EQ(reloaded.status, 200);
  const json saved = reloaded.Json()["questions"];
  for (const json& q : saved) EXPECT_FALSE(q["response"].is_null());
  // Someone else cannot read it.
  BrowserSession grace = User("grace@example.org", "Grace Hopper", {"delegate"});
  EXPECT_EQ(client().Send("GET", "/api/attempts/" + attempt_id, std::nullopt, &grace).status, 404);

  Reply submitted =
      client().Send("POST", "/api/attempts/" + attempt_id + "/submit", json::object(), &ada);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.Json()["score"], "100.00%");
  EXPECT_TRUE(submitted.Json()["questions"][0].contains("review"));
  Reply visited = client().Send(
      "POST", "/api/courses/" + id + "/modules/" + std::to_string(module_id) + "/visit",
      json::object(), &ada);
  ASSERT_EQ(visited.status, 200) << visited.body;
  ASSERT_FALSE(visited.Json()["certificate"].is_null()) << visited.body;
  const std::string code = visited.Json()["certificate"]["code"];

  // Anyone verifies it, without signing in.
  Reply verified = client().Send("GET", "/api/certificates/" + code);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.Json()["status"], "valid");
  EXPECT_EQ(verified.Json()["learner_name"], "Ada Lovelace");
  EXPECT_EQ(verified.body.find("ada@example.org"), std::string::npos);
  EXPECT_EQ(client().Send("GET", "/api/certificates/NOSUCHCODE").status, 404);
  Reply credential = client().Send("GET", "/api/certificates/" + code + "/credential");
  ASSERT_EQ(credential.status, 200) << credential.body;
  EXPECT_EQ(std::count(credential.body.begin(), credential.body.end(), '.'), 2);
  EXPECT_EQ(client().Send("GET", "/api/credentials/keys").status, 200);
  Reply pdf = client().Send("GET", "/api/certificates/" + code + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(client().Send("GET", "/api/me/certificates", std::nullopt, &ada).Json()["items"].size(),
            1u);

  // Only the secretariat revokes, with a reason.
  EXPECT_EQ(client()
                .Send("POST", "/api/certificates/" + code + "/revoke", json{{"reason", "x"}}, &ada)
                .status,
            403);
  EXPECT_EQ(client()
                .Send("POST", "/api/certificates/" + code + "/revoke", json::object(), &officer)
                .status,
            422);
  Reply revoked = client().Send("POST", "/api/certificates/" + code + "/revoke",
                                json{{"reason", "Issued by mistake"}}, &officer);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(client().Send("GET", "/api/certificates/" + code + "/pdf").status, 409);
  Reply after = client().Send("GET", "/api/certificates/" + code);
  EXPECT_EQ(after.Json()["status"], "revoked");
  EXPECT_EQ(after.Json()["revoked_reason"], "Issued by mistake");
}

INSTANTIATE_TEST_SUITE_P(Backends, CourseApiTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
