// Grading a response to a question, exactly: every share is an integer in the 1e-7 units of
// question.h, a question's points are its mark times that share, and an attempt's score is the
// sum, so the same answers always give the same score on any machine and in any order.
//
// A response is JSON, one shape per question type (the quiz page sends these):
//   multiple choice, one answer:   {"choice": 2}              index into Question::answers
//   multiple choice, several:      {"choices": [0, 3]}
//   true/false:                    {"value": true}
//   short answer:                  {"text": "Study Group"}
//   numerical:                     {"number": "3.14"}         "." or "," as the decimal mark
//   matching:                      {"matches": {"0": "answer text", ...}}  pair index -> answer
// An empty object is "not answered" and scores 0.
#ifndef BSG_MODULES_COURSE_GRADING_H_
#define BSG_MODULES_COURSE_GRADING_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/course/model.h"
#include "modules/course/question.h"
#include "platform/status.h"

namespace bsg::course {

// The share of the mark a response earns, 0..kFractionOne. InvalidArgument
// (attempt.bad_response) when the response does not have the question type's shape.
Result<std::int32_t> GradeResponse(const Question& q, const nlohmann::json& response);

// Whether `q` can be put in a quiz that grades itself (not essays; a description scores nothing
// and is allowed).
bool AutoGraded(const Question& q);

// Points in 1e-7 units: mark * share. Exact (the product fits in 64 bits for any mark below
// 900 billion points).
inline std::int64_t PointsE7(std::int64_t mark, std::int32_t share) { return mark * share; }

// Hundredths of a percent of `earned_e7` out of `max_e7`, rounded down (8000 is 80.00%).
std::int64_t PercentE2(std::int64_t earned_e7, std::int64_t max_e7);

// Whether `earned_e7` out of `max_e7` reaches `pass_mark_e2` hundredths of a percent, compared
// without rounding (79.999% does not pass an 80% mark).
bool Reaches(std::int64_t earned_e7, std::int64_t max_e7, std::int64_t pass_mark_e2);

// "85.00%": hundredths of a percent as text.
std::string FormatPercentE2(std::int64_t percent_e2);

// Grades every slot of `a` from its saved responses (a response that is not valid JSON, or not
// of the question's shape, scores 0) and sets the attempt's earned, max and percent.
void GradeAttempt(Attempt& a);

// One quiz of a course as a grading policy sees it: its grader type and the learner's result
// under the quiz's grading method (nullopt: no graded attempt yet, which counts as 0).
struct QuizStanding {
  std::int64_t quiz_id = 0;
  std::optional<std::string> grader_type;
  std::optional<std::int64_t> percent_e2;
};

struct GraderResult {
  std::string type;
  std::int64_t weight_e2 = 0;
  std::int64_t percent_e2 = 0;        // the average of the counted quizzes, rounded down
  std::vector<std::int64_t> counted;  // quiz ids
  std::vector<std::int64_t> dropped;  // the lowest, per drop_count
};

struct CourseGrade {
  std::int64_t percent_e2 = 0;  // rounded down; `passed` is decided without rounding
  bool passed = false;
  std::int64_t cutoff_e2 = 0;
  std::vector<GraderResult> graders;
};

// The course grade under a weighted policy (Open edX's form): for each grader the quizzes of its
// type, the `drop_count` lowest dropped (ties: the later quiz first), averaged; the average
// weighted. A grader with no quiz left counts 0. Exact: the sum of weight * average is compared
// with the cut-off as a fraction, so 79.999...% does not pass an 80% cut-off.
CourseGrade GradeCourse(const GradingPolicy& policy, const std::vector<QuizStanding>& quizzes);

// A decimal number typed by a learner or written in a file: optional sign, digits, one "." or
// "," and digits after it, of which those past `max_places` are dropped. nullopt when
// malformed. The value is scaled by 10^max_places.
std::optional<__int128> ParseScaledDecimal(std::string_view text, int max_places);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_GRADING_H_
