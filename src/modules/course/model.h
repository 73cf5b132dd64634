// The course module's records. See README.md for the rules they follow.
#ifndef BSG_MODULES_COURSE_MODEL_H_
#define BSG_MODULES_COURSE_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/course/question.h"

namespace bsg::course {

struct ModuleText {
  std::string title;
  std::string body_markdown;
};

// A file attached to a module (slides, a reading): its bytes are read only when downloaded.
struct ModuleAttachment {
  std::int64_t id = 0;
  std::int64_t module_id = 0;
  std::string file_name;
  std::string content_type;
  std::int64_t size_bytes = 0;
  std::string sha256;  // hex
  std::string created_at;
};

struct CourseModule {
  std::int64_t id = 0;
  std::int64_t course_id = 0;
  std::int64_t position = 0;
  std::int64_t estimated_minutes = 0;
  std::map<std::string, ModuleText> texts;  // by language
  std::optional<std::int64_t> quiz_id;      // the module's own quiz, if it has one
  std::vector<ModuleAttachment> attachments;
};

// One line of a weighted grading policy, in Open edX's form: the quizzes whose grader_type is
// `type` are averaged after dropping the `drop_count` lowest, and the average counts for
// `weight_e2` hundredths of a percent of the course grade.
struct Grader {
  std::string type;
  std::int64_t weight_e2 = 0;
  std::int64_t drop_count = 0;
};

// A course's weighted grading policy: the weights sum to 10000; the course grade must reach
// `cutoff_e2` (and every module must be visited) for the course to be completed.
struct GradingPolicy {
  std::vector<Grader> graders;
  std::int64_t cutoff_e2 = 8000;
};

struct Course {
  std::int64_t id = 0;
  std::string code;
  std::string title;
  std::string description;
  std::vector<std::string> languages;  // the languages its modules are written in
  std::optional<std::string> opens_on;
  std::optional<std::string> closes_on;
  std::int64_t pass_mark_e2 = 8000;
  // nullopt: the default rule (every module done and the final assessment at the pass mark).
  std::optional<GradingPolicy> grading_policy;
  std::string created_at;
  std::string updated_at;
  std::optional<std::int64_t> enrolment_count;     // people enrolled, when counted
  std::vector<CourseModule> modules;               // by position
  std::optional<std::int64_t> assessment_quiz_id;  // the final assessment
};

struct Enrolment {
  std::int64_t id = 0;
  std::int64_t course_id = 0;
  std::int64_t person_id = 0;
  std::optional<std::int64_t> user_id;
  std::string language = "en";
  std::string source = "self";
  std::string enrolled_at;
  std::string enrolled_on;
  std::optional<std::string> completed_at;
};

struct ModuleProgress {
  std::int64_t module_id = 0;
  std::string visited_at;
  std::optional<std::string> quiz_passed_at;
};

inline constexpr std::string_view kGradingMethods[] = {"highest", "average", "first", "last"};

struct QuizSlot {
  std::int64_t position = 0;
  std::optional<std::int64_t> question_id;  // a fixed question...
  std::optional<std::int64_t> category_id;  // ...or one drawn from this category
  std::int64_t mark = 1;
};

struct Quiz {
  std::int64_t id = 0;
  std::int64_t course_id = 0;
  std::optional<std::int64_t> module_id;  // nullopt: the course's final assessment
  std::string title;
  std::int64_t time_limit_seconds = 0;  // 0: no limit
  std::int64_t attempts_allowed = 0;    // 0: unlimited
  std::string grading_method = "highest";
  std::int64_t pass_mark_e2 = 8000;
  bool shuffle_answers = true;
  bool review_correct = true;              // after submitting, show what was right
  std::optional<std::string> grader_type;  // the grader of the course's policy it counts in
  std::vector<QuizSlot> slots;
};

struct BankQuestion {
  std::int64_t id = 0;
  std::int64_t category_id = 0;
  std::string category;  // the path
  std::int64_t version = 1;
  Question question;
  std::string created_at;
  std::string updated_at;
};

struct AttemptSlot {
  std::int64_t position = 0;
  std::int64_t question_id = 0;
  std::int64_t version = 0;
  std::int64_t mark = 1;
  std::vector<std::int64_t> answer_order;  // indexes into the question's answers or pairs
  std::optional<std::int64_t> earned_e7;   // once graded
  Question question;                       // the version the attempt was given
  std::optional<std::string> response;     // the latest saved response (JSON text)
  std::optional<std::string> answer_id;
};

struct Attempt {
  std::int64_t id = 0;
  std::int64_t quiz_id = 0;
  std::int64_t enrolment_id = 0;
  std::int64_t number = 1;
  std::string started_at;
  std::optional<std::string> deadline_at;
  std::optional<std::string> submitted_at;
  std::optional<std::int64_t> earned_e7;
  std::optional<std::int64_t> max_e7;
  std::optional<std::int64_t> percent_e2;
  std::vector<AttemptSlot> slots;
};

struct Certificate {
  std::int64_t id = 0;
  std::string code;
  std::int64_t enrolment_id = 0;
  std::int64_t course_id = 0;
  std::int64_t person_id = 0;
  std::string course_title;  // joined
  std::string learner_name;
  std::optional<std::string> learner_name_latin;
  std::string language;
  std::int64_t score_e2 = 0;
  std::string issued_at;
  std::string issued_on;
  std::int64_t status_index = 0;
  std::optional<std::string> revoked_at;
  std::optional<std::string> revoked_reason;
};

// Text names of the question types, as stored and in JSON.
std::string_view TypeName(QuestionType t);
std::optional<QuestionType> TypeFromName(std::string_view name);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_MODEL_H_
