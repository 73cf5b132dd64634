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

TEST_P(CourseApiTest, OfficersAttachFilesEnrolListsAndExportResults) {
  BrowserSession officer = User("officer@example.org", "Olu Officer", {"officer"});
  BrowserSession ada = User("ada@example.org", "Ada Lovelace", {"delegate"});
  Reply course = client().Send(
      "POST", "/api/courses",
      json{{"code", "a1"},
           {"title", "Working methods"},
           {"grading_policy",
            {{"graders", {{{"type", "Final"}, {"weight_e2", 10000}, {"drop_count", 0}}}},
             {"cutoff_e2", 7000}}}},
      &officer);
  ASSERT_EQ(course.status, 201) << course.body;
  EXPECT_EQ(course.Json()["grading_policy"]["cutoff_e2"], 7000);
  const std::string id = std::to_string(course.Json()["course_id"].get<std::int64_t>());
  // A policy member the API does not know is named.
  Reply unknown = client().Send(
      "PATCH", "/api/courses/" + id,
      json{{"grading_policy", {{"graders", json::array()}, {"cut_off", 1}}}}, &officer);
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_TRUE(unknown.Json()["fields"].contains("grading_policy.cut_off")) << unknown.body;
  Reply module = client().Send(
      "POST", "/api/courses/" + id + "/modules",
      json{{"position", 1}, {"texts", {{"en", {{"title", "One"}, {"body_markdown", "Text"}}}}}},
      &officer);
  ASSERT_EQ(module.status, 201);
  const std::string module_path =
      "/api/courses/" + id + "/modules/" +
      std::to_string(module.Json()["modules"][0]["module_id"].get<std::int64_t>());

  // Attachments: the officer's file, checked; anyone downloads it under its own name.
  const std::string pdf = "%PDF-1.4\n%%EOF\n";
  EXPECT_EQ(
      Upload(module_path + "/attachments?file_name=a.pdf", pdf, "application/pdf", ada).status,
      403);
  EXPECT_EQ(
      Upload(module_path + "/attachments?file_name=a.pdf", "<html>", "application/pdf", officer)
          .status,
      415);
  Reply attached = Upload(module_path + "/attachments?file_name=R%C3%A9sum%C3%A9%20%22one%22.pdf",
                          pdf, "application/pdf", officer);
  ASSERT_EQ(attached.status, 201) << attached.body;
  const std::string url = attached.Json()["url"];
  Reply listed = client().Send("GET", module_path);
  ASSERT_EQ(listed.Json()["attachments"].size(), 1u);
  Reply download = client().Send("GET", url);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, pdf);
  EXPECT_EQ(download.Header("Content-Type"), "application/pdf");
  // (The test client decodes the filename* part; its encoding is tested with the platform.)
  EXPECT_EQ(download.Header("Content-Disposition")
                .rfind("attachment; filename=\"R_sum_ _one_.pdf\"; filename*=UTF-8''", 0),
            0u)
      << download.Header("Content-Disposition");
  EXPECT_EQ(client().Send("DELETE", url, std::nullopt, &ada).status, 403);
  EXPECT_EQ(client().Send("DELETE", url, std::nullopt, &officer).status, 200);
  EXPECT_EQ(client().Send("GET", url).status, 404);

  // A list to enrol: a dry run names the bad row; the refused import is the error shape.
  Reply bad = Upload("/api/courses/" + id + "/enrolments/import?dry_run=true",
                     "email\nnobody@example.org\n", "text/csv", officer);
  ASSERT_EQ(bad.status, 200) << bad.body;
  EXPECT_FALSE(bad.Json()["ok"]);
  EXPECT_EQ(bad.Json()["errors"][0]["row"], 2);
  Reply refused = Upload("/api/courses/" + id + "/enrolments/import", "email\nnobody@example.org\n",
                         "text/csv", officer);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.Json()["reason"], "course.import_invalid_rows");
  EXPECT_EQ(
      Upload("/api/courses/" + id + "/enrolments/import", "x", "application/pdf", officer).status,
      415);

  // Quizzes: changed by PATCH (unknown members refused), listed per course, results as CSV.
  Reply imported =
      Upload("/api/questions/import?format=gift&file_name=bank.txt", kBank, "text/plain", officer);
  ASSERT_EQ(imported.status, 201);
  Reply quiz =
      client().Send("POST", "/api/quizzes",
                    json{{"course_id", std::stoll(id)},
                         {"title", "Final"},
                         {"slots", {{{"question_id", imported.Json()["question_ids"][0]}}}}},
                    &officer);
  ASSERT_EQ(quiz.status, 201) << quiz.body;
  const std::string quiz_path =
      "/api/quizzes/" + std::to_string(quiz.Json()["quiz_id"].get<std::int64_t>());
  EXPECT_EQ(client().Send("PATCH", quiz_path, json{{"course_id", 2}}, &officer).status, 422);
  Reply patched = client().Send(
      "PATCH", quiz_path, json{{"grader_type", "Final"}, {"time_limit_seconds", 600}}, &officer);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json()["grader_type"], "Final");
  EXPECT_EQ(patched.Json()["slots"].size(), 1u);  // kept
  EXPECT_EQ(client().Send("PATCH", quiz_path, json{{"title", "x"}}, &ada).status, 403);
  Reply quizzes = client().Send("GET", "/api/courses/" + id + "/quizzes", std::nullopt, &officer);
  ASSERT_EQ(quizzes.status, 200);
  EXPECT_EQ(quizzes.Json()["items"].size(), 1u);
  Reply csv = client().Send("GET", quiz_path + "/results?format=csv", std::nullopt, &officer);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("attempt_id,learner_name,", 0), 0u);
  EXPECT_EQ(client().Send("GET", quiz_path + "/results?format=pdf", std::nullopt, &officer).status,
            400);
}

INSTANTIATE_TEST_SUITE_P(Backends, CourseApiTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
