// The course use cases on SQLite and PostgreSQL: a course with modules, a question bank imported
// from GIFT, an assessment drawn at random, attempts that resume and run on the server's clock,
// exact grading, the certificate issued by itself, verified and revoked.
#include "modules/course/service.h"

#include <gtest/gtest.h>

#include "modules/course/credential.h"
#include "modules/course/grading.h"
#include "modules/course/status_list.h"
#include "modules/identity/audit.h"
#include "modules/identity/service.h"
#include "modules/registry/store.h"
#include "platform/time/clock.h"
#include "support/test_db.h"

namespace bsg::course {
namespace {

using nlohmann::json;

constexpr const char* kBank = R"(// The demo bank: one category, five questions.
$CATEGORY: $course$/top/A.1 assessment

::Who approves::Which body approves most ITU-T Recommendations?{=The study group ~The Council ~The Plenipotentiary Conference}

::Contribution::Who may submit a contribution to a study group?{=A member of ITU-T ~Anyone on the Internet ~Only the chairman}

::TSAG::What does TSAG review?{=Priorities and working methods ~National budgets ~Spectrum assignments}

::Questions::Where is the technical work of a study group done?{=In its Questions ~In the Council ~In the press}

::Reports::Which document reports a meeting's results?{=The meeting report ~A press release ~A tweet}
)";

class CourseServiceTest : public bsg::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::RegisterAuditRecorder();
    service_ = std::make_unique<CourseService>(db());
    staff_.actor = CliActor("test");
    staff_.roles = {"officer"};
  }

  // A signed-in learner (an account with no person record yet).
  Caller Learner(const std::string& email, const std::string& name) {
    identity::IdentityOptions options;
    options.password_limits = identity::PasswordLimits::Min();
    identity::IdentityService users(db(), options);
    identity::CreateUserInput in;
    in.email = email;
    in.display_name = name;
    in.roles = {"delegate"};
    in.password = "violet-harbour-41-kettle";
    auto user = users.CreateUser(in, CliActor("test"));
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    Caller c;
    c.actor = AuditActor{user->user_id, email, "192.0.2.7", "r"};
    c.user_id = user->user_id;
    c.roles = {"delegate"};
    c.display_name = name;
    c.email = email;
    return c;
  }

  // A course of two modules with a final assessment of four questions drawn from the bank.
  Course MakeCourse(std::int64_t time_limit_seconds = 1800) {
    Course c;
    c.code = "a1";
    c.title = "Working methods of ITU-T study groups";
    auto course = service_->CreateCourse(staff_, c);
    EXPECT_TRUE(course.ok()) << course.status().ToString();
    for (int i = 1; i <= 2; ++i) {
      CourseModule m;
      m.position = i;
      m.estimated_minutes = 20;
      m.texts["en"] =
          ModuleText{"Module " + std::to_string(i), "Text of *module* " + std::to_string(i)};
      EXPECT_TRUE(service_->AddModule(staff_, course->id, m).ok());
    }
    auto imported = service_->ImportQuestions(staff_, "gift", "bank.txt", kBank, false);
    EXPECT_TRUE(imported.ok()) << imported.status().ToString();
    EXPECT_TRUE(imported->problems.empty());
    auto categories = service_->ListCategories();
    Quiz q;
    q.course_id = course->id;
    q.title = "Final assessment";
    q.time_limit_seconds = time_limit_seconds;
    for (int i = 0; i < 4; ++i) q.slots.push_back({0, std::nullopt, categories->front().first, 1});
    EXPECT_TRUE(service_->CreateQuiz(staff_, q).ok());
    return *service_->GetCourse(course->id);
  }

  // The index of the right choice of a slot.
  static std::int64_t RightChoice(const AttemptSlot& s) {
    for (std::size_t i = 0; i < s.question.answers.size(); ++i) {
      if (s.question.answers[i].fraction == kFractionOne) return static_cast<std::int64_t>(i);
    }
    return -1;
  }

  time::ScopedTestClock clock_{*time::ParseTimestamp("2020-01-15T09:00:00Z")};
  std::unique_ptr<CourseService> service_;
  Caller staff_;
};

TEST_P(CourseServiceTest, ImportsAreAllOrNothingWithADryRun) {
  auto dry = service_->ImportQuestions(staff_, "gift", "bank.txt", kBank, true);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->questions, 5);
  EXPECT_TRUE(dry->question_ids.empty());
  EXPECT_TRUE(service_->ListQuestions(std::nullopt)->empty());
  // One broken question: nothing is stored, and the problem names the file and line.
  const std::string broken = std::string(kBank) + "\n::Broken::No closing brace {=yes ~no\n";
  auto refused = service_->ImportQuestions(staff_, "gift", "bank.txt", broken, false);
  ASSERT_TRUE(refused.ok());
  ASSERT_FALSE(refused->problems.empty());
  EXPECT_EQ(refused->problems.front().where.rfind("bank.txt:", 0), 0u)
      << refused->problems.front().where;
  EXPECT_TRUE(service_->ListQuestions(std::nullopt)->empty());
  // A file over the size limit is refused before it is read.
  EXPECT_EQ(service_
                ->ImportQuestions(staff_, "gift", "big.txt",
                                  std::string(kMaxQuestionFileBytes + 1, ' '), true)
                .status()
                .code(),
            ErrorCode::kPayloadTooLarge);
  // Learners may not import.
  Caller learner = Learner("ada@example.org", "Ada Lovelace");
  EXPECT_EQ(service_->ImportQuestions(learner, "gift", "x", kBank, true).status().code(),
            ErrorCode::kPermissionDenied);
  // Export then import gives the same questions.
  ASSERT_TRUE(service_->ImportQuestions(staff_, "gift", "bank.txt", kBank, false).ok());
  auto gift = service_->ExportQuestions("gift", std::nullopt);
  ASSERT_TRUE(gift.ok());
  auto again = service_->ImportQuestions(staff_, "gift", "export.txt", *gift, true);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->problems.empty());
  EXPECT_EQ(again->questions, 5);
}

TEST_P(CourseServiceTest, ALearnerCompletesTheCourseAndGetsACertificateByItself) {
  const Course course = MakeCourse();
  ASSERT_TRUE(course.assessment_quiz_id);
  Caller ada = Learner("ada@example.org", "Ada Lovelace");
  auto enrolled = service_->Enrol(ada, course.id, "en");
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().ToString();
  EXPECT_EQ(service_->Enrol(ada, course.id, "en")->id, enrolled->id);  // once

  auto attempt = service_->StartAttempt(ada, *course.assessment_quiz_id);
  ASSERT_TRUE(attempt.ok()) << attempt.status().ToString();
  ASSERT_EQ(attempt->slots.size(), 4u);
  std::set<std::int64_t> questions;
  for (const AttemptSlot& s : attempt->slots) questions.insert(s.question_id);
  EXPECT_EQ(questions.size(), 4u);  // no question twice
  ASSERT_TRUE(attempt->deadline_at);
  EXPECT_EQ(*attempt->deadline_at, "2020-01-15T09:30:00.000Z");
  // Starting again resumes the same attempt (a reload, another device).
  EXPECT_EQ(service_->StartAttempt(ada, *course.assessment_quiz_id)->id, attempt->id);

  // Three right, one wrong: 75%.
  for (const AttemptSlot& s : attempt->slots) {
    const std::int64_t right = RightChoice(s);
    const std::int64_t choice = s.position == 4 ? (right + 1) % 3 : right;
    auto saved = service_->SaveAnswer(ada, attempt->id, s.position,
                                      "a" + std::to_string(s.position), json{{"choice", choice}});
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }
  // The same request again changes nothing; a malformed one is refused.
  EXPECT_TRUE(service_->SaveAnswer(ada, attempt->id, 1, "a1", json{{"choice", 0}}).ok());
  EXPECT_EQ(service_->SaveAnswer(ada, attempt->id, 1, "x", json{{"choice", 9}}).status().reason(),
            "attempt.bad_response");
  auto graded = service_->SubmitAttempt(ada, attempt->id);
  ASSERT_TRUE(graded.ok()) << graded.status().ToString();
  EXPECT_EQ(*graded->percent_e2, 7500);
  EXPECT_EQ(service_->SubmitAttempt(ada, attempt->id)->submitted_at, graded->submitted_at);
  EXPECT_EQ(
      service_->SaveAnswer(ada, attempt->id, 2, "late", json{{"choice", 0}}).status().reason(),
      "attempt.closed");
  EXPECT_FALSE(service_->Progress(ada, course.id)->certificate);

  // A second attempt prefers questions not seen: the fifth is in it.
  auto second = service_->StartAttempt(ada, *course.assessment_quiz_id);
  ASSERT_TRUE(second.ok());
  bool fifth = false;
  for (const AttemptSlot& s : second->slots) fifth = fifth || !questions.count(s.question_id);
  EXPECT_TRUE(fifth);
  for (const AttemptSlot& s : second->slots) {
    ASSERT_TRUE(service_
                    ->SaveAnswer(ada, second->id, s.position, "b" + std::to_string(s.position),
                                 json{{"choice", RightChoice(s)}})
                    .ok());
  }
  ASSERT_EQ(*service_->SubmitAttempt(ada, second->id)->percent_e2, 10000);
  // 100% but the modules are not read yet: no certificate.
  EXPECT_FALSE(service_->Progress(ada, course.id)->certificate);
  ASSERT_TRUE(service_->VisitModule(ada, course.id, course.modules[0].id).ok());
  auto done = service_->VisitModule(ada, course.id, course.modules[1].id);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_TRUE(done->certificate);
  EXPECT_TRUE(done->enrolment->completed_at);
  const Certificate cert = *done->certificate;
  EXPECT_EQ(cert.code.size(), 10u);
  EXPECT_EQ(cert.score_e2, 10000);
  EXPECT_EQ(cert.learner_name, "Ada Lovelace");
  EXPECT_FALSE(cert.revoked_at);

  // Anyone can verify it; the credential is signed and points at the revocation list.
  auto found = service_->FindCertificate(cert.code);
  ASSERT_TRUE(found.ok() && *found);
  auto jwt = service_->CredentialJwt(cert.code);
  ASSERT_TRUE(jwt.ok()) << jwt.status().ToString();
  auto keys = service_->Jwks();
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ((*keys)["keys"].size(), 1u);

  // Revoked with a reason: the page and the list say so.
  EXPECT_EQ(service_->RevokeCertificate(ada, cert.code, "mistake").status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->RevokeCertificate(staff_, cert.code, " ").status().reason(),
            "course.invalid");
  auto revoked = service_->RevokeCertificate(staff_, cert.code, "Issued by mistake");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_TRUE(revoked->revoked_at);
  EXPECT_EQ(service_->RevokeCertificate(staff_, cert.code, "again").status().reason(),
            "certificate.revoked");
  EXPECT_TRUE(service_->StatusListJwt().ok());

  // What the report counts: the enrolment, and the certificate only while it is not revoked.
  const Store store;
  auto counted = [&](const std::string& until) {
    auto tx = db().Begin({.read_only = true});
    auto f = store.Figures(**tx, "2020-01-01", until);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : CourseFigures{};
  };
  const CourseFigures after = counted("2020-12-31");
  EXPECT_EQ(after.enrolments, 1);
  EXPECT_EQ(after.window_enrolments, 1);
  EXPECT_EQ(after.completed, 1);
  EXPECT_EQ(after.certificates, 0);        // revoked above
  EXPECT_EQ(after.country_not_stated, 1);  // the learner stated no country: counted as such
  EXPECT_EQ(after.by_region.at("not_stated").first, 1);
  EXPECT_EQ(after.by_gender.at("not_stated"), std::make_pair(std::int64_t{1}, std::int64_t{0}));
  EXPECT_EQ(after.by_year.at("2020"), std::make_pair(std::int64_t{1}, std::int64_t{0}));
  EXPECT_EQ(counted("2020-01-14").enrolments, 0);  // enrolled on the 15th
}

TEST_P(CourseServiceTest, ANewCertificateMovesTheReportsCount) {
  const Course course = MakeCourse();
  const Store store;
  auto certificates = [&]() {
    auto tx = db().Begin({.read_only = true});
    auto f = store.Figures(**tx, "2020-01-01", "2020-12-31");
    return f.ok() ? f->certificates : -1;
  };
  EXPECT_EQ(certificates(), 0);
  Caller ada = Learner("ada@example.org", "Ada Lovelace");
  ASSERT_TRUE(service_->Enrol(ada, course.id, "en").ok());
  for (const CourseModule& m : course.modules) {
    ASSERT_TRUE(service_->VisitModule(ada, course.id, m.id).ok());
  }
  auto attempt = service_->StartAttempt(ada, *course.assessment_quiz_id);
  ASSERT_TRUE(attempt.ok());
  for (const AttemptSlot& s : attempt->slots) {
    ASSERT_TRUE(service_
                    ->SaveAnswer(ada, attempt->id, s.position, "a" + std::to_string(s.position),
                                 json{{"choice", RightChoice(s)}})
                    .ok());
  }
  ASSERT_TRUE(service_->SubmitAttempt(ada, attempt->id).ok());
  EXPECT_EQ(certificates(), 1);
}

TEST_P(CourseServiceTest, TheServersClockEndsAnAttemptAndWhatWasSavedCounts) {
  const Course course = MakeCourse(600);
  Caller ada = Learner("ada@example.org", "Ada Lovelace");
  ASSERT_TRUE(service_->Enrol(ada, course.id, "en").ok());
  auto attempt = service_->StartAttempt(ada, *course.assessment_quiz_id);
  ASSERT_TRUE(attempt.ok());
  const AttemptSlot& first = attempt->slots.front();
  ASSERT_TRUE(
      service_->SaveAnswer(ada, attempt->id, 1, "a1", json{{"choice", RightChoice(first)}}).ok());
  clock_.Advance(std::chrono::minutes(11));  // the laptop was closed; the clock ran on
  EXPECT_EQ(service_->SaveAnswer(ada, attempt->id, 2, "a2", json{{"choice", 0}}).status().reason(),
            "attempt.closed");
  auto seen = service_->GetAttempt(ada, attempt->id);
  ASSERT_TRUE(seen.ok());
  ASSERT_TRUE(seen->submitted_at);
  EXPECT_EQ(*seen->submitted_at, *attempt->deadline_at);
  EXPECT_EQ(*seen->percent_e2, 2500);  // one of four, saved in time
  // Another learner cannot see it.
  Caller grace = Learner("grace@example.org", "Grace Hopper");
  EXPECT_EQ(service_->GetAttempt(grace, attempt->id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->StartAttempt(grace, *course.assessment_quiz_id).status().reason(),
            "course.not_enrolled");
}

TEST_P(CourseServiceTest, AWeightedPolicyDecidesCompletion) {
  Course course = MakeCourse();
  // A policy whose weights do not add up to 100% is refused, naming the field.
  Course wrong = course;
  wrong.grading_policy = GradingPolicy{{{"Module quiz", 4000, 0}, {"Final", 5000, 0}}, 8000};
  EXPECT_EQ(service_->UpdateCourse(staff_, course.id, wrong)
                .status()
                .fields()
                .count("grading_policy.graders"),
            1u);
  course.grading_policy = GradingPolicy{{{"Module quiz", 4000, 0}, {"Final", 6000, 0}}, 8000};
  ASSERT_TRUE(service_->UpdateCourse(staff_, course.id, course).ok());
  // The final assessment counts as "Final"; module 1 gets a quiz that counts as "Module quiz".
  auto final_quiz = service_->GetQuiz(*course.assessment_quiz_id);
  ASSERT_TRUE(final_quiz.ok());
  Quiz changed = *final_quiz;
  changed.grader_type = " Final ";
  auto updated = service_->UpdateQuiz(staff_, final_quiz->id, changed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->grader_type, "Final");
  EXPECT_EQ(updated->slots.size(), 4u);
  Quiz module_quiz = *final_quiz;
  module_quiz.id = 0;
  module_quiz.module_id = course.modules[0].id;
  module_quiz.title = "Module 1 check";
  module_quiz.grader_type = "Module quiz";
  module_quiz.slots.resize(1);
  auto created = service_->CreateQuiz(staff_, module_quiz);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(service_->ListQuizzes(course.id)->size(), 2u);

  Caller ada = Learner("ada@example.org", "Ada Lovelace");
  ASSERT_TRUE(service_->Enrol(ada, course.id, "en").ok());
  for (const CourseModule& m : course.modules) {
    ASSERT_TRUE(service_->VisitModule(ada, course.id, m.id).ok());
  }
  auto answer_all = [&](std::int64_t quiz_id) {
    auto attempt = service_->StartAttempt(ada, quiz_id);
    ASSERT_TRUE(attempt.ok()) << attempt.status().ToString();
    for (const AttemptSlot& slot : attempt->slots) {
      ASSERT_TRUE(
          service_
              ->SaveAnswer(ada, attempt->id, slot.position,
                           "q" + std::to_string(quiz_id) + "-" + std::to_string(slot.position),
                           json{{"choice", RightChoice(slot)}})
              .ok());
    }
    ASSERT_TRUE(service_->SubmitAttempt(ada, attempt->id).ok());
  };
  // 100% in the final alone is 60% of the grade: below the 80% cut-off.
  answer_all(final_quiz->id);
  auto progress = service_->Progress(ada, course.id);
  ASSERT_TRUE(progress.ok());
  ASSERT_TRUE(progress->grade);
  EXPECT_EQ(progress->grade->percent_e2, 6000);
  EXPECT_FALSE(progress->grade->passed);
  EXPECT_FALSE(progress->certificate);
  // The module quiz as well: 100%, and the certificate is issued with the weighted grade.
  answer_all(created->id);
  progress = service_->Progress(ada, course.id);
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->grade->percent_e2, 10000);
  ASSERT_TRUE(progress->certificate);
  EXPECT_EQ(progress->certificate->score_e2, 10000);
}

TEST_P(CourseServiceTest, AttachmentsAreCheckedStoredAndServed) {
  const Course course = MakeCourse();
  const std::int64_t module_id = course.modules[0].id;
  const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
  auto added = service_->AddAttachment(staff_, course.id, module_id, "slides/Module 1.pdf",
                                       "application/pdf", pdf);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->file_name, "Module 1.pdf");  // the last path segment
  EXPECT_EQ(added->size_bytes, static_cast<std::int64_t>(pdf.size()));
  EXPECT_EQ(added->sha256.size(), 64u);
  auto listed = service_->GetCourse(course.id);
  ASSERT_EQ(listed->modules[0].attachments.size(), 1u);
  auto fetched = service_->GetAttachment(course.id, module_id, added->id);
  ASSERT_TRUE(fetched.ok());
  EXPECT_EQ(fetched->second, pdf);
  // Through another module or course it does not exist.
  EXPECT_EQ(service_->GetAttachment(course.id, course.modules[1].id, added->id).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetAttachment(course.id + 1, module_id, added->id).status().code(),
            ErrorCode::kNotFound);
  // A type not allowed, content not of its type, too large, a bad name, a learner: refused.
  EXPECT_EQ(service_->AddAttachment(staff_, course.id, module_id, "x.sh", "text/x-sh", "ls")
                .status()
                .code(),
            ErrorCode::kUnsupportedMedia);
  EXPECT_EQ(
      service_->AddAttachment(staff_, course.id, module_id, "x.pdf", "application/pdf", "MZ\x90")
          .status()
          .reason(),
      "attachment.bad_type");
  EXPECT_EQ(service_
                ->AddAttachment(staff_, course.id, module_id, "big.txt", "text/plain",
                                std::string(kMaxAttachmentBytes + 1, 'a'))
                .status()
                .code(),
            ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(service_->AddAttachment(staff_, course.id, module_id, "a\x01b.txt", "text/plain", "a")
                .status()
                .code(),
            ErrorCode::kUnprocessable);
  Caller ada = Learner("ada@example.org", "Ada Lovelace");
  EXPECT_EQ(service_->AddAttachment(ada, course.id, module_id, "n.txt", "text/plain", "notes")
                .status()
                .code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->DeleteAttachment(ada, course.id, module_id, added->id).code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->DeleteAttachment(staff_, course.id, module_id, added->id).ok());
  EXPECT_TRUE(service_->GetCourse(course.id)->modules[0].attachments.empty());
  EXPECT_EQ(service_->DeleteAttachment(staff_, course.id, module_id, added->id).code(),
            ErrorCode::kNotFound);
}

TEST_P(CourseServiceTest, OfficersEnrolAListAllOrNothing) {
  const Course course = MakeCourse();
  {
    auto tx = db().Begin({});
    ASSERT_TRUE(tx.ok());
    const registry::Store registry;
    for (const char* email : {"ada@example.org", "grace@example.org"}) {
      registry::PersonDraft d;
      d.full_name = std::string(email).substr(0, std::string(email).find('@'));
      d.email = email;
      ASSERT_TRUE(registry.CreatePerson(**tx, d, "2020-01-01T00:00:00.000Z").ok());
    }
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto enrolments = [&] {
    auto tx = db().Begin({.read_only = true});
    auto rows = (*tx)->Query("SELECT COUNT(*) FROM enrolment", {});
    return rows.ok() ? rows->front().Int(0) : -1;
  };
  const std::string good = "Email,Language\nada@example.org,en\nGRACE@example.org,\n";
  auto dry = service_->ImportEnrolments(staff_, course.id, good, tabular::Format::kCsv, true);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_TRUE(dry->errors.empty());
  EXPECT_EQ(dry->enrolled, 2);
  EXPECT_EQ(enrolments(), 0);
  // One bad row: nobody is enrolled, and every problem is named by row and column.
  const std::string bad = good + "nobody@example.org,en\nada@example.org,fr\n";
  auto refused = service_->ImportEnrolments(staff_, course.id, bad, tabular::Format::kCsv, false);
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->errors.size(), 3u);
  EXPECT_EQ(refused->errors[0].row, 4);
  EXPECT_EQ(refused->errors[0].column, "Email");
  EXPECT_EQ(refused->errors[1].column, "Language");  // fr: not a language of the course
  EXPECT_EQ(refused->errors[2].reason, "names the same person as row 2");
  EXPECT_EQ(enrolments(), 0);
  auto missing =
      service_->ImportEnrolments(staff_, course.id, "name\nAda\n", tabular::Format::kCsv, true);
  ASSERT_TRUE(missing.ok());
  ASSERT_EQ(missing->errors.size(), 2u);  // an unknown column, and email missing
  auto done = service_->ImportEnrolments(staff_, course.id, good, tabular::Format::kCsv, false);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->enrolled, 2);
  EXPECT_EQ(enrolments(), 2);
  auto again = service_->ImportEnrolments(staff_, course.id, good, tabular::Format::kCsv, false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->enrolled, 0);
  EXPECT_EQ(again->already_enrolled, 2);
  Caller ada = Learner("ada2@example.org", "Ada");
  EXPECT_EQ(
      service_->ImportEnrolments(ada, course.id, good, tabular::Format::kCsv, true).status().code(),
      ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, CourseServiceTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::course
