// JSON shapes of the course module: the stored body of a question version, and the API's.
#ifndef BSG_MODULES_COURSE_JSON_H_
#define BSG_MODULES_COURSE_JSON_H_

#include <nlohmann/json.hpp>

#include "modules/course/model.h"
#include "platform/status.h"

namespace bsg::course {

// A question, every field, exactly (fractions, decimals and marks as integers or decimal text).
nlohmann::json QuestionToJson(const Question& q);
// Unprocessable (question.invalid) naming the field when `j` is not a question.
Result<Question> QuestionFromJson(const nlohmann::json& j);

// "3.1415" for 3141500 micros: the shortest exact decimal.
std::string FormatDecimal(Decimal d);
// "33.33333" for 3333333: a fraction in percent, shortest exact.
std::string FormatFractionPercent(std::int32_t fraction);

// What a learner may see of a question during an attempt: text, choices in `order` (indexes into
// the answers, or for matching into the pairs), no fractions and no feedback.
nlohmann::json QuestionForLearner(const Question& q, const std::vector<std::int64_t>& order);

nlohmann::json CourseJson(const Course& c, std::string_view language);
nlohmann::json AttachmentJson(const ModuleAttachment& a, std::int64_t course_id);
// {"graders": [{"type", "weight_e2", "drop_count"}], "cutoff_e2"}.
nlohmann::json GradingPolicyJson(const GradingPolicy& p);
// Unprocessable (course.invalid) naming the field, e.g. "grading_policy.graders[1].weight_e2",
// when `j` is not a policy of that shape. The weights' sum is checked by the service.
Result<GradingPolicy> GradingPolicyFromJson(const nlohmann::json& j);
nlohmann::json QuizJson(const Quiz& q);
nlohmann::json CertificateJson(const Certificate& c);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_JSON_H_
