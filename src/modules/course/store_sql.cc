// All SQL of the course module, with bound parameters only.
#include <algorithm>
#include <sstream>

#include "modules/course/json.h"
#include "modules/course/store.h"

namespace bsg::course {
namespace {

using nlohmann::json;

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string OrderText(const std::vector<std::int64_t>& order) {
  std::string out;
  for (std::int64_t i : order) out += (out.empty() ? "" : ",") + std::to_string(i);
  return out;
}

std::vector<std::int64_t> OrderFrom(const std::string& text) {
  std::vector<std::int64_t> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(std::stoll(text.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

Result<Question> ParseBody(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded())
    return Status::Internal("question.corrupt", "a stored question is not JSON");
  return QuestionFromJson(j);
}

constexpr const char* kCourseColumns =
    "id, code, title, description, languages, opens_on, closes_on, pass_mark_e2, created_at, "
    "updated_at, grading_policy";

// The policy as stored: its JSON, or "" for none.
std::string PolicyText(const Course& c) {
  return c.grading_policy ? GradingPolicyJson(*c.grading_policy).dump() : std::string();
}

Course ReadCourse(const db::Row& r) {
  Course c;
  c.id = r.Int(0);
  c.code = r.Text(1);
  c.title = r.Text(2);
  c.description = r.Text(3);
  c.languages = Words(r.Text(4));
  c.opens_on = r.OptText(5);
  c.closes_on = r.OptText(6);
  c.pass_mark_e2 = r.Int(7);
  c.created_at = r.Text(8);
  c.updated_at = r.Text(9);
  const std::string policy = r.Text(10);
  if (!policy.empty()) {
    // Written by PolicyText from a validated policy; anything else is left out, not guessed.
    auto parsed = GradingPolicyFromJson(json::parse(policy, nullptr, false));
    if (parsed.ok()) c.grading_policy = std::move(*parsed);
  }
  return c;
}

constexpr const char* kEnrolmentColumns =
    "id, course_id, person_id, user_id, language, source, enrolled_at, enrolled_on, completed_at";

Enrolment ReadEnrolment(const db::Row& r) {
  Enrolment e;
  e.id = r.Int(0);
  e.course_id = r.Int(1);
  e.person_id = r.Int(2);
  e.user_id = r.OptInt(3);
  e.language = r.Text(4);
  e.source = r.Text(5);
  e.enrolled_at = r.Text(6);
  e.enrolled_on = r.Text(7);
  e.completed_at = r.OptText(8);
  return e;
}

constexpr const char* kAttemptColumns =
    "id, quiz_id, enrolment_id, number, started_at, deadline_at, submitted_at, earned_e7, max_e7, "
    "percent_e2";

Attempt ReadAttempt(const db::Row& r) {
  Attempt a;
  a.id = r.Int(0);
  a.quiz_id = r.Int(1);
  a.enrolment_id = r.Int(2);
  a.number = r.Int(3);
  a.started_at = r.Text(4);
  a.deadline_at = r.OptText(5);
  a.submitted_at = r.OptText(6);
  a.earned_e7 = r.OptInt(7);
  a.max_e7 = r.OptInt(8);
  a.percent_e2 = r.OptInt(9);
  return a;
}

constexpr const char* kCertificateSelect =
    "SELECT c.id, c.code, c.enrolment_id, c.course_id, c.person_id, co.title, c.learner_name, "
    "c.learner_name_latin, c.language, c.score_e2, c.issued_at, c.issued_on, c.status_index, "
    "c.revoked_at, c.revoked_reason FROM certificate c JOIN course co ON co.id = c.course_id";

Certificate ReadCertificate(const db::Row& r) {
  Certificate c;
  c.id = r.Int(0);
  c.code = r.Text(1);
  c.enrolment_id = r.Int(2);
  c.course_id = r.Int(3);
  c.person_id = r.Int(4);
  c.course_title = r.Text(5);
  c.learner_name = r.Text(6);
  c.learner_name_latin = r.OptText(7);
  c.language = r.Text(8);
  c.score_e2 = r.Int(9);
  c.issued_at = r.Text(10);
  c.issued_on = r.Text(11);
  c.status_index = r.Int(12);
  c.revoked_at = r.OptText(13);
  c.revoked_reason = r.OptText(14);
  return c;
}

std::string TagsText(const Question& q) { return Joined(q.tags); }

}  // namespace

// ---- courses and modules

Result<std::vector<Course>> Store::Courses(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query(std::string("SELECT ") + kCourseColumns + " FROM course ORDER BY title, id", {}));
  std::vector<Course> out;
  for (const db::Row& r : rows) out.push_back(ReadCourse(r));
  return out;
}

Result<Course> Store::GetCourse(db::Session& s, std::int64_t id, bool count_enrolments) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row, s.QueryOne(std::string("SELECT ") + kCourseColumns + " FROM course WHERE id = ?",
                              {id}, "course.not_found"));
  Course c = ReadCourse(row);
  BSG_ASSIGN_OR_RETURN(db::Rows modules,
                       s.Query("SELECT m.id, m.position, m.estimated_minutes, "
                               "(SELECT min(q.id) FROM quiz q WHERE q.module_id = m.id) "
                               "FROM course_module m WHERE m.course_id = ? ORDER BY m.position",
                               {id}));
  for (const db::Row& r : modules) {
    CourseModule m;
    m.id = r.Int(0);
    m.course_id = id;
    m.position = r.Int(1);
    m.estimated_minutes = r.Int(2);
    m.quiz_id = r.OptInt(3);
    c.modules.push_back(std::move(m));
  }
  BSG_ASSIGN_OR_RETURN(
      db::Rows texts,
      s.Query("SELECT t.module_id, t.language, t.title, t.body_markdown FROM course_module_text t "
              "JOIN course_module m ON m.id = t.module_id WHERE m.course_id = ?",
              {id}));
  for (const db::Row& r : texts) {
    for (CourseModule& m : c.modules) {
      if (m.id == r.Int(0)) m.texts[r.Text(1)] = ModuleText{r.Text(2), r.Text(3)};
    }
  }
  BSG_ASSIGN_OR_RETURN(
      db::Rows files,
      s.Query("SELECT a.id, a.module_id, a.file_name, a.content_type, a.size_bytes, a.sha256, "
              "a.created_at FROM course_module_attachment a JOIN course_module m ON "
              "m.id = a.module_id WHERE m.course_id = ? ORDER BY a.id",
              {id}));
  for (const db::Row& r : files) {
    for (CourseModule& m : c.modules) {
      if (m.id != r.Int(1)) continue;
      m.attachments.push_back(
          {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), r.Text(5), r.Text(6)});
    }
  }
  BSG_ASSIGN_OR_RETURN(
      db::Rows assessment,
      s.Query("SELECT min(id) FROM quiz WHERE course_id = ? AND module_id IS NULL", {id}));
  if (!assessment.empty()) c.assessment_quiz_id = assessment.front().OptInt(0);
  if (count_enrolments) {
    BSG_ASSIGN_OR_RETURN(db::Row count,
                         s.QueryOne("SELECT COUNT(*) FROM enrolment WHERE course_id = ?", {id}));
    c.enrolment_count = count.Int(0);
  }
  return c;
}

Result<std::optional<std::int64_t>> Store::CourseIdByCode(db::Session& s,
                                                          const std::string& code) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query("SELECT id FROM course WHERE code = ?", {code}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows.front().Int(0));
}

Result<std::int64_t> Store::InsertCourse(db::Session& s, const Course& c,
                                         const std::string& now) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne("INSERT INTO course (code, title, description, languages, opens_on, closes_on, "
                 "pass_mark_e2, grading_policy, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                 "?, ?, ?, ?) RETURNING id",
                 {c.code, c.title, c.description, Joined(c.languages), c.opens_on, c.closes_on,
                  c.pass_mark_e2, PolicyText(c), now, now}));
  return row.Int(0);
}

Status Store::UpdateCourse(db::Session& s, const Course& c, const std::string& now) const {
  return s
      .Exec(
          "UPDATE course SET code = ?, title = ?, description = ?, languages = ?, opens_on = ?, "
          "closes_on = ?, pass_mark_e2 = ?, grading_policy = ?, updated_at = ? WHERE id = ?",
          {c.code, c.title, c.description, Joined(c.languages), c.opens_on, c.closes_on,
           c.pass_mark_e2, PolicyText(c), now, c.id})
      .status();
}

Result<std::int64_t> Store::InsertModule(db::Session& s, const CourseModule& m) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne("INSERT INTO course_module (course_id, position, "
                                               "estimated_minutes) VALUES (?, ?, ?) RETURNING id",
                                               {m.course_id, m.position, m.estimated_minutes}));
  const std::int64_t id = row.Int(0);
  for (const auto& [language, text] : m.texts) {
    BSG_RETURN_IF_ERROR(s.Exec("INSERT INTO course_module_text (module_id, language, title, "
                               "body_markdown) VALUES (?, ?, ?, ?)",
                               {id, language, text.title, text.body_markdown})
                            .status());
  }
  return id;
}

Status Store::UpdateModule(db::Session& s, const CourseModule& m) const {
  BSG_RETURN_IF_ERROR(
      s.Exec("UPDATE course_module SET position = ?, estimated_minutes = ? WHERE id = ?",
             {m.position, m.estimated_minutes, m.id})
          .status());
  BSG_RETURN_IF_ERROR(
      s.Exec("DELETE FROM course_module_text WHERE module_id = ?", {m.id}).status());
  for (const auto& [language, text] : m.texts) {
    BSG_RETURN_IF_ERROR(s.Exec("INSERT INTO course_module_text (module_id, language, title, "
                               "body_markdown) VALUES (?, ?, ?, ?)",
                               {m.id, language, text.title, text.body_markdown})
                            .status());
  }
  return Status::Ok();
}

// ---- enrolment and progress

Result<std::optional<Enrolment>> Store::FindEnrolment(db::Session& s, std::int64_t course_id,
                                                      std::int64_t person_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string("SELECT ") + kEnrolmentColumns +
                                   " FROM enrolment WHERE course_id = ? AND person_id = ?",
                               {course_id, person_id}));
  if (rows.empty()) return std::optional<Enrolment>();
  return std::optional<Enrolment>(ReadEnrolment(rows.front()));
}

Result<Enrolment> Store::GetEnrolment(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(std::string("SELECT ") + kEnrolmentColumns +
                                                   " FROM enrolment WHERE id = ?",
                                               {id}, "enrolment.not_found"));
  return ReadEnrolment(row);
}

Result<std::vector<Enrolment>> Store::EnrolmentsOfPerson(db::Session& s,
                                                         std::int64_t person_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string("SELECT ") + kEnrolmentColumns +
                                                  " FROM enrolment WHERE person_id = ? ORDER BY id",
                                              {person_id}));
  std::vector<Enrolment> out;
  for (const db::Row& r : rows) out.push_back(ReadEnrolment(r));
  return out;
}

Result<std::int64_t> Store::InsertEnrolment(db::Session& s, const Enrolment& e) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne("INSERT INTO enrolment (course_id, person_id, user_id, language, source, "
                 "enrolled_at, enrolled_on) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {e.course_id, e.person_id, e.user_id, e.language, e.source, e.enrolled_at,
                  e.enrolled_on}));
  return row.Int(0);
}

Status Store::SetCompleted(db::Session& s, std::int64_t enrolment_id, const std::string& at) const {
  return s
      .Exec("UPDATE enrolment SET completed_at = ? WHERE id = ? AND completed_at IS NULL",
            {at, enrolment_id})
      .status();
}

Result<std::vector<ModuleProgress>> Store::Progress(db::Session& s,
                                                    std::int64_t enrolment_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query("SELECT module_id, visited_at, quiz_passed_at FROM "
                                              "module_progress WHERE enrolment_id = ?",
                                              {enrolment_id}));
  std::vector<ModuleProgress> out;
  for (const db::Row& r : rows) out.push_back({r.Int(0), r.Text(1), r.OptText(2)});
  return out;
}

Status Store::MarkVisited(db::Session& s, std::int64_t enrolment_id, std::int64_t module_id,
                          const std::string& at) const {
  return s
      .Exec(
          "INSERT INTO module_progress (enrolment_id, module_id, visited_at) VALUES (?, ?, ?) "
          "ON CONFLICT (enrolment_id, module_id) DO NOTHING",
          {enrolment_id, module_id, at})
      .status();
}

Status Store::MarkModuleQuizPassed(db::Session& s, std::int64_t enrolment_id,
                                   std::int64_t module_id, const std::string& at) const {
  BSG_RETURN_IF_ERROR(MarkVisited(s, enrolment_id, module_id, at));
  return s
      .Exec(
          "UPDATE module_progress SET quiz_passed_at = ? WHERE enrolment_id = ? AND "
          "module_id = ? AND quiz_passed_at IS NULL",
          {at, enrolment_id, module_id})
      .status();
}

// ---- question bank

Result<std::int64_t> Store::CategoryId(db::Session& s, const std::string& path) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query("SELECT id FROM question_category WHERE path = ?", {path}));
  if (!rows.empty()) return rows.front().Int(0);
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne("INSERT INTO question_category (path) VALUES (?) RETURNING id", {path}));
  return row.Int(0);
}

Result<std::vector<std::pair<std::int64_t, std::string>>> Store::Categories(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query("SELECT id, path FROM question_category ORDER BY path", {}));
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const db::Row& r : rows) out.emplace_back(r.Int(0), r.Text(1));
  return out;
}

Result<std::int64_t> Store::InsertQuestion(db::Session& s, std::int64_t category_id,
                                           const Question& q, const std::string& now) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne("INSERT INTO question (category_id, current_version, name, type, tags, "
                 "created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?) RETURNING id",
                 {category_id, q.name, TypeName(q.type), TagsText(q), now, now}));
  const std::int64_t id = row.Int(0);
  BSG_RETURN_IF_ERROR(s.Exec("INSERT INTO question_version (question_id, version, body, "
                             "created_at) VALUES (?, 1, ?, ?)",
                             {id, QuestionToJson(q).dump(), now})
                          .status());
  return id;
}

Result<std::int64_t> Store::AddQuestionVersion(db::Session& s, std::int64_t id,
                                               std::int64_t category_id, const Question& q,
                                               const std::string& now) const {
  BSG_ASSIGN_OR_RETURN(db::Row row,
                       s.QueryOne("UPDATE question SET current_version = current_version + 1, "
                                  "category_id = ?, name = ?, type = ?, tags = ?, updated_at = ? "
                                  "WHERE id = ? RETURNING current_version",
                                  {category_id, q.name, TypeName(q.type), TagsText(q), now, id},
                                  "question.not_found"));
  const std::int64_t version = row.Int(0);
  BSG_RETURN_IF_ERROR(s.Exec("INSERT INTO question_version (question_id, version, body, "
                             "created_at) VALUES (?, ?, ?, ?)",
                             {id, version, QuestionToJson(q).dump(), now})
                          .status());
  return version;
}

namespace {
constexpr const char* kQuestionSelect =
    "SELECT q.id, q.category_id, c.path, q.current_version, v.body, q.created_at, q.updated_at "
    "FROM question q JOIN question_category c ON c.id = q.category_id "
    "JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version";

Result<BankQuestion> ReadQuestion(const db::Row& r) {
  BankQuestion b;
  b.id = r.Int(0);
  b.category_id = r.Int(1);
  b.category = r.Text(2);
  b.version = r.Int(3);
  BSG_ASSIGN_OR_RETURN(b.question, ParseBody(r.Text(4)));
  b.question.category = b.category;
  b.created_at = r.Text(5);
  b.updated_at = r.Text(6);
  return b;
}
}  // namespace

Result<BankQuestion> Store::GetQuestion(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(std::string(kQuestionSelect) + " WHERE q.id = ?",
                                               {id}, "question.not_found"));
  return ReadQuestion(row);
}

Result<std::map<std::int64_t, BankQuestion>> Store::QuestionsById(
    db::Session& s, const std::set<std::int64_t>& ids) const {
  std::map<std::int64_t, BankQuestion> out;
  if (ids.empty()) return out;
  std::string sql = std::string(kQuestionSelect) + " WHERE q.id IN (";
  db::Params params;
  for (std::int64_t id : ids) {
    sql += params.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  sql += ")";
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
  for (const db::Row& r : rows) {
    BSG_ASSIGN_OR_RETURN(BankQuestion b, ReadQuestion(r));
    out.emplace(b.id, std::move(b));
  }
  if (out.size() != ids.size()) return Status::NotFound("question.not_found", "No such question.");
  return out;
}

Result<Question> Store::QuestionVersion(db::Session& s, std::int64_t id,
                                        std::int64_t version) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne("SELECT body FROM question_version WHERE question_id = ? AND version = ?",
                 {id, version}, "question.not_found"));
  return ParseBody(row.Text(0));
}

Result<std::vector<BankQuestion>> Store::Questions(db::Session& s,
                                                   std::optional<std::int64_t> category_id) const {
  db::Rows rows;
  if (category_id) {
    BSG_ASSIGN_OR_RETURN(rows, s.Query(std::string(kQuestionSelect) +
                                           " WHERE q.category_id = ? ORDER BY c.path, q.id",
                                       {*category_id}));
  } else {
    BSG_ASSIGN_OR_RETURN(rows,
                         s.Query(std::string(kQuestionSelect) + " ORDER BY c.path, q.id", {}));
  }
  std::vector<BankQuestion> out;
  for (const db::Row& r : rows) {
    BSG_ASSIGN_OR_RETURN(BankQuestion b, ReadQuestion(r));
    out.push_back(std::move(b));
  }
  return out;
}

// ---- quizzes

namespace {

constexpr const char* kQuizColumns =
    "id, course_id, module_id, title, time_limit_seconds, attempts_allowed, grading_method, "
    "pass_mark_e2, shuffle_answers, review_correct, grader_type";

Quiz ReadQuiz(const db::Row& r) {
  Quiz q;
  q.id = r.Int(0);
  q.course_id = r.Int(1);
  q.module_id = r.OptInt(2);
  q.title = r.Text(3);
  q.time_limit_seconds = r.Int(4);
  q.attempts_allowed = r.Int(5);
  q.grading_method = r.Text(6);
  q.pass_mark_e2 = r.Int(7);
  q.shuffle_answers = r.Int(8) != 0;
  q.review_correct = r.Int(9) != 0;
  q.grader_type = r.OptText(10);
  return q;
}

}  // namespace

Result<std::vector<Quiz>> Store::QuizzesOfCourse(db::Session& s, std::int64_t course_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string("SELECT ") + kQuizColumns +
                                                  " FROM quiz WHERE course_id = ? ORDER BY id",
                                              {course_id}));
  std::vector<Quiz> out;
  for (const db::Row& r : rows) out.push_back(ReadQuiz(r));
  return out;
}

Result<Quiz> Store::GetQuiz(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row r, s.QueryOne(std::string("SELECT ") + kQuizColumns + " FROM quiz WHERE id = ?", {id},
                            "quiz.not_found"));
  Quiz q = ReadQuiz(r);
  BSG_ASSIGN_OR_RETURN(db::Rows slots, s.Query("SELECT position, question_id, category_id, mark "
                                               "FROM quiz_slot WHERE quiz_id = ? ORDER BY position",
                                               {id}));
  for (const db::Row& sr : slots) {
    q.slots.push_back({sr.Int(0), sr.OptInt(1), sr.OptInt(2), sr.Int(3)});
  }
  return q;
}

Result<std::int64_t> Store::InsertQuiz(db::Session& s, const Quiz& q) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne(
          "INSERT INTO quiz (course_id, module_id, title, time_limit_seconds, "
          "attempts_allowed, grading_method, pass_mark_e2, shuffle_answers, "
          "review_correct, grader_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {q.course_id, q.module_id, q.title, q.time_limit_seconds, q.attempts_allowed,
           q.grading_method, q.pass_mark_e2, q.shuffle_answers, q.review_correct, q.grader_type}));
  const std::int64_t id = row.Int(0);
  BSG_RETURN_IF_ERROR(ReplaceSlots(s, id, q.slots));
  return id;
}

Status Store::UpdateQuiz(db::Session& s, const Quiz& q) const {
  BSG_RETURN_IF_ERROR(
      s.Exec("UPDATE quiz SET title = ?, time_limit_seconds = ?, attempts_allowed = ?, "
             "grading_method = ?, pass_mark_e2 = ?, shuffle_answers = ?, review_correct = ?, "
             "grader_type = ? WHERE id = ?",
             {q.title, q.time_limit_seconds, q.attempts_allowed, q.grading_method, q.pass_mark_e2,
              q.shuffle_answers, q.review_correct, q.grader_type, q.id})
          .status());
  return ReplaceSlots(s, q.id, q.slots);
}

// ---- attachments

Result<std::int64_t> Store::InsertAttachment(db::Session& s, const ModuleAttachment& a,
                                             std::string_view content) const {
  const db::Blob blob(content.begin(), content.end());
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne(
          "INSERT INTO course_module_attachment (module_id, file_name, content_type, "
          "size_bytes, sha256, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {a.module_id, a.file_name, a.content_type, a.size_bytes, a.sha256, blob, a.created_at}));
  return row.Int(0);
}

Result<std::pair<ModuleAttachment, std::string>> Store::GetAttachment(db::Session& s,
                                                                      std::int64_t module_id,
                                                                      std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row r, s.QueryOne("SELECT id, module_id, file_name, content_type, size_bytes, sha256, "
                            "created_at, content FROM course_module_attachment WHERE id = ? AND "
                            "module_id = ?",
                            {id, module_id}, "attachment.not_found"));
  const db::Blob blob = r.GetBlob(7);
  return std::pair<ModuleAttachment, std::string>(
      ModuleAttachment{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), r.Text(5), r.Text(6)},
      std::string(blob.begin(), blob.end()));
}

Status Store::DeleteAttachment(db::Session& s, std::int64_t id) const {
  return s.Exec("DELETE FROM course_module_attachment WHERE id = ?", {id}).status();
}

Status Store::ReplaceSlots(db::Session& s, std::int64_t quiz_id,
                           const std::vector<QuizSlot>& slots) const {
  BSG_RETURN_IF_ERROR(s.Exec("DELETE FROM quiz_slot WHERE quiz_id = ?", {quiz_id}).status());
  for (const QuizSlot& slot : slots) {
    BSG_RETURN_IF_ERROR(
        s.Exec("INSERT INTO quiz_slot (quiz_id, position, question_id, "
               "category_id, mark) VALUES (?, ?, ?, ?, ?)",
               {quiz_id, slot.position, slot.question_id, slot.category_id, slot.mark})
            .status());
  }
  return Status::Ok();
}

// ---- attempts

Result<std::vector<Attempt>> Store::Attempts(db::Session& s, std::int64_t quiz_id,
                                             std::int64_t enrolment_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string("SELECT ") + kAttemptColumns +
                                   " FROM attempt WHERE quiz_id = ? AND enrolment_id = ? "
                                   "ORDER BY number",
                               {quiz_id, enrolment_id}));
  std::vector<Attempt> out;
  for (const db::Row& r : rows) out.push_back(ReadAttempt(r));
  return out;
}

namespace {

constexpr const char* kSlotSelect =
    "SELECT s.position, s.question_id, s.version, s.mark, s.answer_order, s.earned_e7, v.body, "
    "a.response, a.answer_id FROM attempt_slot s "
    "JOIN question_version v ON v.question_id = s.question_id AND v.version = s.version "
    "LEFT JOIN attempt_answer a ON a.attempt_id = s.attempt_id AND a.position = s.position "
    "WHERE s.attempt_id = ?";

Result<AttemptSlot> ReadSlot(const db::Row& r) {
  AttemptSlot slot;
  slot.position = r.Int(0);
  slot.question_id = r.Int(1);
  slot.version = r.Int(2);
  slot.mark = r.Int(3);
  slot.answer_order = OrderFrom(r.Text(4));
  slot.earned_e7 = r.OptInt(5);
  BSG_ASSIGN_OR_RETURN(slot.question, ParseBody(r.Text(6)));
  slot.response = r.OptText(7);
  slot.answer_id = r.OptText(8);
  return slot;
}

}  // namespace

Result<Attempt> Store::GetAttemptHead(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(std::string("SELECT ") + kAttemptColumns +
                                                   " FROM attempt WHERE id = ?",
                                               {id}, "attempt.not_found"));
  return ReadAttempt(row);
}

Result<std::optional<AttemptSlot>> Store::GetAttemptSlot(db::Session& s, std::int64_t attempt_id,
                                                         std::int64_t position) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kSlotSelect) + " AND s.position = ?",
                                              {attempt_id, position}));
  if (rows.empty()) return std::optional<AttemptSlot>();
  BSG_ASSIGN_OR_RETURN(AttemptSlot slot, ReadSlot(rows.front()));
  return std::optional<AttemptSlot>(std::move(slot));
}

Result<Attempt> Store::GetAttempt(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(Attempt a, GetAttemptHead(s, id));
  BSG_ASSIGN_OR_RETURN(db::Rows slots,
                       s.Query(std::string(kSlotSelect) + " ORDER BY s.position", {id}));
  for (const db::Row& r : slots) {
    BSG_ASSIGN_OR_RETURN(AttemptSlot slot, ReadSlot(r));
    a.slots.push_back(std::move(slot));
  }
  return a;
}

Result<std::int64_t> Store::InsertAttempt(db::Session& s, const Attempt& a) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne("INSERT INTO attempt (quiz_id, enrolment_id, number, started_at, deadline_at) "
                 "VALUES (?, ?, ?, ?, ?) RETURNING id",
                 {a.quiz_id, a.enrolment_id, a.number, a.started_at, a.deadline_at}));
  const std::int64_t id = row.Int(0);
  std::vector<db::Params> slots;
  for (const AttemptSlot& slot : a.slots) {
    slots.push_back({id, slot.position, slot.question_id, slot.version, slot.mark,
                     OrderText(slot.answer_order)});
  }
  BSG_RETURN_IF_ERROR(s.BulkInsert(
      "attempt_slot", {"attempt_id", "position", "question_id", "version", "mark", "answer_order"},
      slots));
  return id;
}

Result<std::set<std::int64_t>> Store::SeenQuestions(db::Session& s,
                                                    std::int64_t enrolment_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query("SELECT DISTINCT s.question_id FROM attempt_slot s JOIN attempt a "
                               "ON a.id = s.attempt_id WHERE a.enrolment_id = ?",
                               {enrolment_id}));
  std::set<std::int64_t> out;
  for (const db::Row& r : rows) out.insert(r.Int(0));
  return out;
}

Result<bool> Store::SaveAnswer(db::Session& s, std::int64_t attempt_id, std::int64_t position,
                               const std::string& answer_id, const std::string& response,
                               const std::string& at) const {
  BSG_ASSIGN_OR_RETURN(
      std::int64_t changed,
      s.Exec("INSERT INTO attempt_answer (attempt_id, position, answer_id, response, saved_at) "
             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, position) DO UPDATE SET "
             "answer_id = excluded.answer_id, response = excluded.response, "
             "saved_at = excluded.saved_at WHERE attempt_answer.answer_id <> excluded.answer_id",
             {attempt_id, position, answer_id, response, at}));
  return changed > 0;
}

Result<std::vector<QuizResult>> Store::QuizResults(db::Session& s, std::int64_t quiz_id) const {
  BSG_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query("SELECT a.id, a.enrolment_id, e.person_id, a.number, a.started_at, a.submitted_at, "
              "a.percent_e2 FROM attempt a JOIN enrolment e ON e.id = a.enrolment_id "
              "WHERE a.quiz_id = ? ORDER BY a.started_at, a.id",
              {quiz_id}));
  std::vector<QuizResult> out;
  for (const db::Row& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Text(4), r.OptText(5), r.OptInt(6)});
  }
  return out;
}

Result<bool> Store::FinishAttempt(db::Session& s, const Attempt& graded,
                                  const std::string& at) const {
  BSG_ASSIGN_OR_RETURN(
      std::int64_t changed,
      s.Exec("UPDATE attempt SET submitted_at = ?, earned_e7 = ?, max_e7 = ?, percent_e2 = ? "
             "WHERE id = ? AND submitted_at IS NULL",
             {at, graded.earned_e7, graded.max_e7, graded.percent_e2, graded.id}));
  if (changed == 0) return false;
  for (const AttemptSlot& slot : graded.slots) {
    BSG_RETURN_IF_ERROR(
        s.Exec("UPDATE attempt_slot SET earned_e7 = ? WHERE attempt_id = ? AND position = ?",
               {slot.earned_e7, graded.id, slot.position})
            .status());
  }
  return true;
}

// ---- statistics

Result<CourseFigures> Store::Figures(db::Session& s, const std::string& since,
                                     const std::string& until) const {
  CourseFigures f;
  BSG_ASSIGN_OR_RETURN(
      db::Rows regions,
      s.Query("SELECT COALESCE(c.region, 'not_stated'), COUNT(*), "
              "SUM(CASE WHEN cert.id IS NOT NULL AND cert.revoked_at IS NULL AND "
              "cert.issued_on <= ? THEN 1 ELSE 0 END) "
              "FROM enrolment e JOIN registry_person_facts p ON p.person_id = e.person_id "
              "LEFT JOIN registry_country c ON c.iso2 = p.country "
              "LEFT JOIN certificate cert ON cert.enrolment_id = e.id "
              "WHERE e.enrolled_on <= ? GROUP BY COALESCE(c.region, 'not_stated')",
              {until, until}));
  for (const db::Row& r : regions) {
    f.by_region[r.Text(0)] = {r.Int(1), r.Int(2)};
    f.enrolments += r.Int(1);
    f.certificates += r.Int(2);
  }
  BSG_ASSIGN_OR_RETURN(
      db::Row classes,
      s.QueryOne("SELECT COALESCE(SUM(CASE WHEN p.country IS NULL THEN 1 ELSE 0 END), 0), "
                 "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM registry_country_class k WHERE "
                 "k.iso2 = p.country AND k.class = 'ldc' AND (k.since_effective IS NULL OR "
                 "k.since_effective <= e.enrolled_on) AND (k.until_effective IS NULL OR "
                 "k.until_effective > e.enrolled_on)) THEN 1 ELSE 0 END), 0), "
                 "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM registry_country_class k WHERE "
                 "k.iso2 = p.country AND k.class = 'developing' AND (k.since_effective IS NULL OR "
                 "k.since_effective <= e.enrolled_on) AND (k.until_effective IS NULL OR "
                 "k.until_effective > e.enrolled_on)) THEN 1 ELSE 0 END), 0), "
                 "COALESCE(SUM(CASE WHEN e.completed_at IS NOT NULL AND "
                 "substr(e.completed_at, 1, 10) <= ? THEN 1 ELSE 0 END), 0), "
                 "COALESCE(SUM(CASE WHEN e.enrolled_on >= ? THEN 1 ELSE 0 END), 0) "
                 "FROM enrolment e JOIN registry_person_facts p ON p.person_id = e.person_id "
                 "WHERE e.enrolled_on <= ?",
                 {until, since, until}));
  f.country_not_stated = classes.Int(0);
  f.ldc = classes.Int(1);
  f.developing = classes.Int(2);
  f.completed = classes.Int(3);
  f.window_enrolments = classes.Int(4);
  BSG_ASSIGN_OR_RETURN(db::Row window,
                       s.QueryOne("SELECT COUNT(*) FROM certificate WHERE revoked_at IS NULL AND "
                                  "issued_on >= ? AND issued_on <= ?",
                                  {since, until}));
  f.window_certificates = window.Int(0);
  BSG_ASSIGN_OR_RETURN(
      db::Rows genders,
      s.Query("SELECT COALESCE(p.gender, 'not_stated'), COUNT(*), "
              "SUM(CASE WHEN cert.id IS NOT NULL AND cert.revoked_at IS NULL AND "
              "cert.issued_on <= ? THEN 1 ELSE 0 END) "
              "FROM enrolment e JOIN registry_person_facts p ON p.person_id = e.person_id "
              "LEFT JOIN certificate cert ON cert.enrolment_id = e.id "
              "WHERE e.enrolled_on <= ? GROUP BY COALESCE(p.gender, 'not_stated')",
              {until, until}));
  for (const db::Row& r : genders) f.by_gender[r.Text(0)] = {r.Int(1), r.Int(2)};
  BSG_ASSIGN_OR_RETURN(db::Rows enrolled_years,
                       s.Query("SELECT substr(enrolled_on, 1, 4), COUNT(*) FROM enrolment WHERE "
                               "enrolled_on <= ? GROUP BY substr(enrolled_on, 1, 4)",
                               {until}));
  for (const db::Row& r : enrolled_years) f.by_year[r.Text(0)].first = r.Int(1);
  BSG_ASSIGN_OR_RETURN(
      db::Rows issued_years,
      s.Query("SELECT substr(issued_on, 1, 4), COUNT(*) FROM certificate WHERE revoked_at IS NULL "
              "AND issued_on <= ? GROUP BY substr(issued_on, 1, 4)",
              {until}));
  for (const db::Row& r : issued_years) f.by_year[r.Text(0)].second = r.Int(1);
  return f;
}

Status Store::InsertAnswers(db::Session& s, std::int64_t attempt_id,
                            const std::vector<std::pair<std::int64_t, std::string>>& responses,
                            const std::string& at) const {
  std::vector<db::Params> rows;
  for (const auto& [position, response] : responses) {
    rows.push_back({attempt_id, position, "seed-" + std::to_string(position), response, at});
  }
  return s.BulkInsert("attempt_answer",
                      {"attempt_id", "position", "answer_id", "response", "saved_at"}, rows);
}

// ---- certificates

Result<std::optional<Certificate>> Store::CertificateByCode(db::Session& s,
                                                            const std::string& code) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kCertificateSelect) + " WHERE c.code = ?", {code}));
  if (rows.empty()) return std::optional<Certificate>();
  return std::optional<Certificate>(ReadCertificate(rows.front()));
}

Result<std::optional<Certificate>> Store::CertificateOfEnrolment(db::Session& s,
                                                                 std::int64_t enrolment_id) const {
  BSG_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query(std::string(kCertificateSelect) + " WHERE c.enrolment_id = ?", {enrolment_id}));
  if (rows.empty()) return std::optional<Certificate>();
  return std::optional<Certificate>(ReadCertificate(rows.front()));
}

Result<std::vector<Certificate>> Store::CertificatesOfPerson(db::Session& s,
                                                             std::int64_t person_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kCertificateSelect) +
                                                  " WHERE c.person_id = ? ORDER BY c.issued_at",
                                              {person_id}));
  std::vector<Certificate> out;
  for (const db::Row& r : rows) out.push_back(ReadCertificate(r));
  return out;
}

Result<std::int64_t> Store::InsertCertificate(db::Session& s, const Certificate& c) const {
  BSG_ASSIGN_OR_RETURN(
      db::Row row,
      s.QueryOne(
          "INSERT INTO certificate (code, enrolment_id, course_id, person_id, learner_name, "
          "learner_name_latin, language, score_e2, issued_at, issued_on, status_index) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {c.code, c.enrolment_id, c.course_id, c.person_id, c.learner_name, c.learner_name_latin,
           c.language, c.score_e2, c.issued_at, c.issued_on, c.status_index}));
  return row.Int(0);
}

Status Store::RevokeCertificate(db::Session& s, std::int64_t id, const std::string& at,
                                const std::string& reason) const {
  return s
      .Exec(
          "UPDATE certificate SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND "
          "revoked_at IS NULL",
          {at, reason, id})
      .status();
}

Result<std::set<std::int64_t>> Store::UsedStatusIndexes(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query("SELECT status_index FROM certificate", {}));
  std::set<std::int64_t> out;
  for (const db::Row& r : rows) out.insert(r.Int(0));
  return out;
}

Result<std::optional<std::string>> Store::StatusBits(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query("SELECT bits FROM certificate_status_list WHERE id = 1", {}));
  if (rows.empty()) return std::optional<std::string>();
  const db::Blob blob = rows.front().GetBlob(0);
  return std::optional<std::string>(std::string(blob.begin(), blob.end()));
}

Status Store::PutStatusBits(db::Session& s, const std::string& bits, const std::string& now) const {
  const db::Blob blob(bits.begin(), bits.end());
  return s
      .Exec(
          "INSERT INTO certificate_status_list (id, bits, updated_at) VALUES (1, ?, ?) "
          "ON CONFLICT (id) DO UPDATE SET bits = excluded.bits, updated_at = excluded.updated_at",
          {blob, now})
      .status();
}

Result<std::vector<std::pair<std::string, std::string>>> Store::SigningKeys(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query("SELECT kid, seed FROM certificate_signing_key ORDER BY created_at DESC, kid", {}));
  std::vector<std::pair<std::string, std::string>> out;
  for (const db::Row& r : rows) out.emplace_back(r.Text(0), r.Text(1));
  return out;
}

Status Store::InsertSigningKey(db::Session& s, const std::string& kid, const std::string& seed,
                               const std::string& now) const {
  return s
      .Exec(
          "INSERT INTO certificate_signing_key (kid, seed, created_at) VALUES (?, ?, ?) "
          "ON CONFLICT (kid) DO NOTHING",
          {kid, seed, now})
      .status();
}

}  // namespace bsg::course
