// The course use cases: courses and their modules, enrolment and progress, the question bank
// with its imports and exports, quizzes, attempts that survive a dropped link, and the
// certificates issued when the completion rule is met. Each use case is one transaction with its
// audit event; the learners' own traffic (answers) is not audited, their attempts' results are.
//
// Thread-safety: thread-safe; the database is the only shared state.
#ifndef BSG_MODULES_COURSE_SERVICE_H_
#define BSG_MODULES_COURSE_SERVICE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modules/course/grading.h"
#include "modules/course/model.h"
#include "modules/course/store.h"
#include "platform/audit.h"
#include "platform/db/database.h"
#include "platform/status.h"
#include "platform/tabular/table.h"
#include "platform/time/timestamp.h"

namespace bsg::course {

struct Caller {
  AuditActor actor;
  std::optional<std::int64_t> user_id;
  std::set<std::string> roles;
  std::string display_name;
  std::string email;
  std::string language = "en";

  bool IsStaff() const { return roles.count("admin") > 0 || roles.count("officer") > 0; }
};

// Where certificates and credentials point (the platform's public address) and who issues them.
struct CourseOptions {
  std::string base_url = "http://127.0.0.1:8080";
  std::string issuer_name = "ITU Telecommunication Standardization Bureau (TSB)";
};

struct ImportReport {
  bool dry_run = true;
  std::int64_t questions = 0;              // read from the file
  std::vector<std::string> categories;     // in the file, in order
  std::vector<ImportProblem> problems;     // none when the import was stored
  std::vector<std::int64_t> question_ids;  // stored (empty on a dry run)
};

// What a learner's course page shows.
struct CourseProgress {
  Course course;
  std::optional<Enrolment> enrolment;
  std::vector<ModuleProgress> progress;
  std::optional<Attempt> best_assessment;  // the assessment's graded result, per grading method
  std::optional<CourseGrade> grade;        // under the course's weighted policy, when it has one
  std::optional<Certificate> certificate;
};

// An officer's list of learners to enrol (CSV or XLSX: email, language).
struct EnrolmentImportReport {
  bool dry_run = true;
  std::int64_t rows = 0;
  std::int64_t enrolled = 0;               // new enrolments (would be, on a dry run)
  std::int64_t already_enrolled = 0;       // rows whose person was enrolled before
  std::vector<tabular::CellError> errors;  // none when the import was stored
};

// A question file's size limit: a bank of thousands of questions is a few hundred kB, and reading
// GIFT takes about 200 times the file's size in memory at worst.
inline constexpr std::size_t kMaxQuestionFileBytes = 2 * 1024 * 1024;

// Attachments: what a module may carry.
inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

class CourseService {
 public:
  explicit CourseService(db::Database& db, CourseOptions options = {});

  // ---- courses and modules
  Result<std::vector<Course>> ListCourses();
  Result<Course> GetCourse(std::int64_t id);  // NotFound course.not_found
  // Unprocessable course.invalid; Conflict course.code_taken. Staff only (PermissionDenied).
  Result<Course> CreateCourse(const Caller& caller, Course c);
  Result<Course> UpdateCourse(const Caller& caller, std::int64_t id, Course c);
  Result<Course> AddModule(const Caller& caller, std::int64_t course_id, CourseModule m);
  Result<Course> UpdateModule(const Caller& caller, std::int64_t course_id, CourseModule m);
  // Attaches a file to a module. The content must be of `content_type` (PDF, PNG, JPEG, DOCX,
  // XLSX, PPTX or UTF-8 text, checked against the bytes: UnsupportedMedia
  // attachment.bad_type); PayloadTooLarge beyond kMaxAttachmentBytes.
  Result<ModuleAttachment> AddAttachment(const Caller& caller, std::int64_t course_id,
                                         std::int64_t module_id, std::string file_name,
                                         std::string content_type, std::string_view content);
  // The attachment and its bytes (public, like the module). NotFound attachment.not_found.
  Result<std::pair<ModuleAttachment, std::string>> GetAttachment(std::int64_t course_id,
                                                                 std::int64_t module_id,
                                                                 std::int64_t attachment_id);
  Status DeleteAttachment(const Caller& caller, std::int64_t course_id, std::int64_t module_id,
                          std::int64_t attachment_id);

  // ---- enrolment and progress
  // Enrols the caller's person (created from the account when none is linked yet) in `language`.
  // Already enrolled: the enrolment. Conflict course.closed outside the course's dates.
  Result<Enrolment> Enrol(const Caller& caller, std::int64_t course_id, std::string language);
  // Staff: enrols `person_id`. NotFound person.not_found.
  Result<Enrolment> EnrolPerson(const Caller& caller, std::int64_t course_id,
                                std::int64_t person_id, std::string language,
                                std::string_view source);
  // Staff: enrols the people of a list (column email, matched to the registry; column language,
  // optional). All or nothing: a bad row enrols nobody and is named in the report's errors.
  Result<EnrolmentImportReport> ImportEnrolments(const Caller& caller, std::int64_t course_id,
                                                 std::string_view bytes, tabular::Format format,
                                                 bool dry_run);
  Result<CourseProgress> Progress(const Caller& caller, std::int64_t course_id);
  // Records a visit of the caller to a module (once) and may complete the course.
  Result<CourseProgress> VisitModule(const Caller& caller, std::int64_t course_id,
                                     std::int64_t module_id);
  Result<std::vector<CourseProgress>> MyCourses(const Caller& caller);

  // ---- question bank (staff)
  // format "gift" or "xml". All or nothing: with problems nothing is stored; a dry run stores
  // nothing either way. PayloadTooLarge (question.file_too_large) beyond kMaxQuestionFileBytes.
  Result<ImportReport> ImportQuestions(const Caller& caller, std::string_view format,
                                       std::string_view file_name, std::string_view content,
                                       bool dry_run);
  Result<std::string> ExportQuestions(std::string_view format,
                                      std::optional<std::int64_t> category_id);
  Result<std::vector<BankQuestion>> ListQuestions(std::optional<std::int64_t> category_id);
  Result<std::vector<std::pair<std::int64_t, std::string>>> ListCategories();
  Result<BankQuestion> GetQuestion(std::int64_t id);
  // A new version; attempts keep the version they were given.
  Result<BankQuestion> UpdateQuestion(const Caller& caller, std::int64_t id, Question q);

  // ---- quizzes
  Result<Quiz> CreateQuiz(const Caller& caller, Quiz q);
  Result<Quiz> GetQuiz(std::int64_t id);
  // Settings and slots; the course and module stay. Attempts already started keep their
  // questions.
  Result<Quiz> UpdateQuiz(const Caller& caller, std::int64_t id, Quiz q);
  Result<std::vector<Quiz>> ListQuizzes(std::int64_t course_id);  // NotFound course.not_found

  // ---- attempts (the enrolled learner; staff may read any)
  // The open attempt of the caller for `quiz_id`, or a new one: questions drawn (random slots
  // prefer questions the learner has not seen), answers shuffled, the deadline set from the
  // server's clock. Conflict attempt.limit when no attempt is left; course.not_enrolled.
  // `quiz_out`, when given, receives the quiz's settings as read in the same transaction.
  Result<Attempt> StartAttempt(const Caller& caller, std::int64_t quiz_id,
                               Quiz* quiz_out = nullptr);
  // Graded first when its deadline has passed.
  Result<Attempt> GetAttempt(const Caller& caller, std::int64_t attempt_id);
  // Saves the response of slot `position`. The same answer_id again changes nothing. Conflict
  // attempt.closed after the deadline or the submission; InvalidArgument attempt.bad_response.
  // Answers the attempt without its slots unless it was closed on the way.
  Result<Attempt> SaveAnswer(const Caller& caller, std::int64_t attempt_id, std::int64_t position,
                             const std::string& answer_id, const nlohmann::json& response);
  // Grades the attempt once (a second submission answers the same result) on what was saved by
  // the deadline, then completes the course and issues the certificate when the rule is met.
  Result<Attempt> SubmitAttempt(const Caller& caller, std::int64_t attempt_id);
  // Staff: every attempt of a quiz with the learner's name (results table).
  Result<nlohmann::json> Results(std::int64_t quiz_id);
  // The same as a file (CSV or XLSX), one row per attempt.
  Result<std::string> ResultsFile(std::int64_t quiz_id, tabular::Format format);

  // ---- certificates
  Result<std::optional<Certificate>> FindCertificate(const std::string& code);
  Result<std::vector<Certificate>> MyCertificates(const Caller& caller);
  // Staff. NotFound certificate.not_found; Conflict certificate.revoked when already revoked.
  Result<Certificate> RevokeCertificate(const Caller& caller, const std::string& code,
                                        const std::string& reason);
  // The Open Badges 3.0 credential of a certificate, signed (VC-JWT).
  Result<std::string> CredentialJwt(const std::string& code);
  // The certificate as a PDF (A4 landscape, with a QR code of its verification page). NotFound
  // certificate.not_found; Conflict certificate.revoked for a revoked certificate.
  Result<std::string> CertificatePdfBytes(const std::string& code);
  // The revocation list as a signed BitstringStatusListCredential (VC-JWT).
  Result<std::string> StatusListJwt();
  // The public keys that verify the credentials (JWKS).
  Result<nlohmann::json> Jwks();
  std::string StatusListUrl() const;

  // Completes `enrolment` and issues its certificate, dated `now`, when the course's rule is met.
  // Inside `tx` (the use cases' and the demo seed's).
  Status MaybeComplete(db::Transaction& tx, const Enrolment& enrolment, const AuditActor& actor,
                       time::TimePoint now);

 private:
  // Grades `a` on what was saved and ends it at its deadline when `now` is past it (then the
  // course may be completed); `a` is read again. Nothing when it is not overdue.
  Status CloseIfOverdue(db::Transaction& tx, Attempt& a, const Enrolment& owner,
                        const AuditActor& actor, const std::string& now);
  // Attempt `attempt_id` if the caller may see it (its learner, or staff; NotFound otherwise),
  // closed first when overdue. Without its slots unless `with_slots` (or it was closed).
  Result<Attempt> OwnAttempt(db::Transaction& tx, const Caller& caller, std::int64_t attempt_id,
                             const std::string& now, bool with_slots = true);
  Result<CourseProgress> LoadProgress(db::Session& s, const Course& course,
                                      const Enrolment& enrolment);
  // The enrolment's grade under the course's weighted policy (which it must have).
  Result<CourseGrade> WeightedGrade(db::Session& s, const Course& course,
                                    const Enrolment& enrolment);
  // The checks CreateQuiz and UpdateQuiz share, inside their transaction; numbers the slots.
  Status CheckQuiz(db::Session& s, Quiz& q);

  db::Database& db_;
  CourseOptions options_;
  Store store_;
};

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_SERVICE_H_
