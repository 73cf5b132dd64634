// All SQL of the course module (store_sql.cc). Every function runs on the caller's session, so a
// use case's reads and writes share its transaction.
#ifndef BSG_MODULES_COURSE_STORE_H_
#define BSG_MODULES_COURSE_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/course/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::course {

struct QuizResult {
  std::int64_t attempt_id = 0;
  std::int64_t enrolment_id = 0;
  std::int64_t person_id = 0;
  std::int64_t number = 0;
  std::string started_at;
  std::optional<std::string> submitted_at;
  std::optional<std::int64_t> percent_e2;
};

// What the progress report counts about the courses (every course together), up to `until` and
// within [since, until]. Enrolments by the learner's region and development class as of the
// enrolment date; a learner without a stated country is counted as not stated, never dropped.
struct CourseFigures {
  std::int64_t enrolments = 0;    // enrolled on or before until
  std::int64_t completed = 0;     // of them, completed on or before until
  std::int64_t certificates = 0;  // issued on or before until and not revoked
  std::int64_t window_enrolments = 0;
  std::int64_t window_certificates = 0;
  std::int64_t ldc = 0;         // enrolments from an LDC on the enrolment date
  std::int64_t developing = 0;  // ... from a developing country on that date
  std::int64_t country_not_stated = 0;
  // region ("AFR", ..., "not_stated") -> {enrolments, certificates}
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_region;
  // gender ("female", "male", "other", "not_stated") -> {enrolments, certificates}
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_gender;
  // year of enrolment -> enrolments; year of issue -> certificates (both up to until)
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_year;
};

class Store {
 public:
  // ---- courses and modules
  Result<std::vector<Course>> Courses(db::Session& s) const;  // without modules
  // NotFound course.not_found. With modules, their texts and quizzes.
  // With modules, texts and attachments; with the number of enrolments only when asked (a
  // count over every enrolment of the course, which the learners' writes should not read).
  Result<Course> GetCourse(db::Session& s, std::int64_t id,
                           bool count_enrolments = false) const;  // course.not_found
  Result<std::optional<std::int64_t>> CourseIdByCode(db::Session& s, const std::string& code) const;
  Result<std::int64_t> InsertCourse(db::Session& s, const Course& c, const std::string& now) const;
  Status UpdateCourse(db::Session& s, const Course& c, const std::string& now) const;
  Result<std::int64_t> InsertModule(db::Session& s, const CourseModule& m) const;
  Status UpdateModule(db::Session& s, const CourseModule& m) const;

  // ---- enrolment and progress
  Result<std::optional<Enrolment>> FindEnrolment(db::Session& s, std::int64_t course_id,
                                                 std::int64_t person_id) const;
  Result<Enrolment> GetEnrolment(db::Session& s, std::int64_t id) const;  // enrolment.not_found
  Result<std::vector<Enrolment>> EnrolmentsOfPerson(db::Session& s, std::int64_t person_id) const;
  Result<std::int64_t> InsertEnrolment(db::Session& s, const Enrolment& e) const;
  Status SetCompleted(db::Session& s, std::int64_t enrolment_id, const std::string& at) const;
  Result<std::vector<ModuleProgress>> Progress(db::Session& s, std::int64_t enrolment_id) const;
  // Records the first visit (later visits change nothing).
  Status MarkVisited(db::Session& s, std::int64_t enrolment_id, std::int64_t module_id,
                     const std::string& at) const;
  Status MarkModuleQuizPassed(db::Session& s, std::int64_t enrolment_id, std::int64_t module_id,
                              const std::string& at) const;

  // ---- question bank
  Result<std::int64_t> CategoryId(db::Session& s, const std::string& path) const;  // creates
  Result<std::vector<std::pair<std::int64_t, std::string>>> Categories(db::Session& s) const;
  Result<std::int64_t> InsertQuestion(db::Session& s, std::int64_t category_id, const Question& q,
                                      const std::string& now) const;
  // A new version of question `id` becomes the current one.
  Result<std::int64_t> AddQuestionVersion(db::Session& s, std::int64_t id, std::int64_t category_id,
                                          const Question& q, const std::string& now) const;
  Result<BankQuestion> GetQuestion(db::Session& s, std::int64_t id) const;  // question.not_found
  // The current versions of `ids` in one query (a quiz's fixed slots); question.not_found when
  // one is missing.
  Result<std::map<std::int64_t, BankQuestion>> QuestionsById(
      db::Session& s, const std::set<std::int64_t>& ids) const;
  Result<Question> QuestionVersion(db::Session& s, std::int64_t id, std::int64_t version) const;
  // The current versions, in category path then id order; all categories when nullopt.
  Result<std::vector<BankQuestion>> Questions(db::Session& s,
                                              std::optional<std::int64_t> category_id) const;

  // ---- quizzes
  Result<Quiz> GetQuiz(db::Session& s, std::int64_t id) const;  // quiz.not_found
  // Every quiz of a course, without slots, oldest first.
  Result<std::vector<Quiz>> QuizzesOfCourse(db::Session& s, std::int64_t course_id) const;
  // Settings and slots (not the course or module).
  Status UpdateQuiz(db::Session& s, const Quiz& q) const;

  // Attachments: listed with their course (GetCourse); the bytes only here.
  Result<std::int64_t> InsertAttachment(db::Session& s, const ModuleAttachment& a,
                                        std::string_view content) const;
  // attachment.not_found unless `id` is attached to `module_id`.
  Result<std::pair<ModuleAttachment, std::string>> GetAttachment(db::Session& s,
                                                                 std::int64_t module_id,
                                                                 std::int64_t id) const;
  Status DeleteAttachment(db::Session& s, std::int64_t id) const;
  Result<std::int64_t> InsertQuiz(db::Session& s, const Quiz& q) const;
  Status ReplaceSlots(db::Session& s, std::int64_t quiz_id,
                      const std::vector<QuizSlot>& slots) const;

  // ---- attempts
  Result<std::vector<Attempt>> Attempts(db::Session& s, std::int64_t quiz_id,
                                        std::int64_t enrolment_id) const;  // without slots
  Result<Attempt> GetAttempt(db::Session& s, std::int64_t id) const;       // with slots; not_found
  // The attempt without its slots; and one slot with its question and latest answer.
  Result<Attempt> GetAttemptHead(db::Session& s, std::int64_t id) const;  // attempt.not_found
  Result<std::optional<AttemptSlot>> GetAttemptSlot(db::Session& s, std::int64_t attempt_id,
                                                    std::int64_t position) const;
  Result<std::int64_t> InsertAttempt(db::Session& s, const Attempt& a) const;  // with slots
  // The questions this enrolment was given in earlier attempts of any quiz of the course.
  Result<std::set<std::int64_t>> SeenQuestions(db::Session& s, std::int64_t enrolment_id) const;
  // Saves a response unless `answer_id` is already the slot's latest (then false: no change).
  Result<bool> SaveAnswer(db::Session& s, std::int64_t attempt_id, std::int64_t position,
                          const std::string& answer_id, const std::string& response,
                          const std::string& at) const;
  // Every attempt of a quiz, oldest first (the results table).
  Result<std::vector<QuizResult>> QuizResults(db::Session& s, std::int64_t quiz_id) const;
  // Records the grade of every slot and the attempt, once: false when it was already submitted.
  Result<bool> FinishAttempt(db::Session& s, const Attempt& graded, const std::string& at) const;

  // ---- statistics
  Result<CourseFigures> Figures(db::Session& s, const std::string& since,
                                const std::string& until) const;
  // Answers of seeded attempts, many at once.
  Status InsertAnswers(db::Session& s, std::int64_t attempt_id,
                       const std::vector<std::pair<std::int64_t, std::string>>& responses,
                       const std::string& at) const;

  // ---- certificates
  Result<std::optional<Certificate>> CertificateByCode(db::Session& s,
                                                       const std::string& code) const;
  Result<std::optional<Certificate>> CertificateOfEnrolment(db::Session& s,
                                                            std::int64_t enrolment_id) const;
  Result<std::vector<Certificate>> CertificatesOfPerson(db::Session& s,
                                                        std::int64_t person_id) const;
  Result<std::int64_t> InsertCertificate(db::Session& s, const Certificate& c) const;
  Status RevokeCertificate(db::Session& s, std::int64_t id, const std::string& at,
                           const std::string& reason) const;
  Result<std::set<std::int64_t>> UsedStatusIndexes(db::Session& s) const;
  // The revocation bits (empty when none were written yet), and their replacement.
  Result<std::optional<std::string>> StatusBits(db::Session& s) const;
  Status PutStatusBits(db::Session& s, const std::string& bits, const std::string& now) const;
  // kid -> seed, newest first.
  Result<std::vector<std::pair<std::string, std::string>>> SigningKeys(db::Session& s) const;
  Status InsertSigningKey(db::Session& s, const std::string& kid, const std::string& seed,
                          const std::string& now) const;
};

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_STORE_H_
