#include "modules/course/grading.h"

#include <algorithm>
#include <set>
#include <vector>

#include "platform/text.h"

namespace bsg::course {
namespace {

using nlohmann::json;

Status BadResponse(std::string_view why) {
  return Status::InvalidArgument("attempt.bad_response", "The answer " + std::string(why) + ".",
                                 {{"response", std::string(why)}});
}

std::int32_t Clamp(std::int64_t share) {
  return static_cast<std::int32_t>(std::clamp<std::int64_t>(share, 0, kFractionOne));
}

// Moodle's short-answer rule: `*` matches any run of characters, `\*` a star.
bool Glob(std::string_view pattern, std::string_view text) {
  // Iterative match with one backtrack point: linear in practice, no recursion.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '\\' && p + 1 < pattern.size() &&
        pattern[p + 1] == '*') {
      if (text[t] == '*') {
        p += 2;
        ++t;
        continue;
      }
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
      continue;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    t = ++mark;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Spaces trimmed and runs of white space made one; letters folded unless case matters.
std::string Normalized(std::string_view text, bool case_sensitive) {
  if (!case_sensitive) return Fold(text);
  std::string out;
  bool space = false;
  for (char c : TrimSpace(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

Result<std::int32_t> GradeChoice(const Question& q, const json& r) {
  if (q.single) {
    if (!r.contains("choice") || !r["choice"].is_number_integer()) {
      return BadResponse("must name one choice");
    }
    const auto i = r["choice"].get<std::int64_t>();
    if (i < 0 || i >= static_cast<std::int64_t>(q.answers.size())) {
      return BadResponse("names a choice the question does not have");
    }
    return Clamp(q.answers[static_cast<std::size_t>(i)].fraction);
  }
  if (!r.contains("choices") || !r["choices"].is_array()) {
    return BadResponse("must list the choices");
  }
  std::set<std::int64_t> seen;
  std::int64_t share = 0;
  for (const json& c : r["choices"]) {
    if (!c.is_number_integer()) return BadResponse("must list choices by number");
    const auto i = c.get<std::int64_t>();
    if (i < 0 || i >= static_cast<std::int64_t>(q.answers.size())) {
      return BadResponse("names a choice the question does not have");
    }
    if (!seen.insert(i).second) continue;  // the same choice twice counts once
    share += q.answers[static_cast<std::size_t>(i)].fraction;
  }
  return Clamp(share);
}

Result<std::int32_t> GradeTrueFalse(const Question& q, const json& r) {
  if (!r.contains("value") || !r["value"].is_boolean()) return BadResponse("must be true or false");
  const std::string wanted = r["value"].get<bool>() ? "true" : "false";
  for (const Answer& a : q.answers) {
    if (a.text.text == wanted) return Clamp(a.fraction);
  }
  return 0;
}

Result<std::int32_t> GradeShortAnswer(const Question& q, const json& r) {
  if (!r.contains("text") || !r["text"].is_string()) return BadResponse("must be text");
  const std::string given = Normalized(r["text"].get<std::string>(), q.case_sensitive);
  if (given.empty()) return 0;
  for (const Answer& a : q.answers) {  // the first answer that matches decides, as in Moodle
    if (Glob(Normalized(a.text.text, q.case_sensitive), given)) return Clamp(a.fraction);
  }
  return 0;
}

Result<std::int32_t> GradeNumerical(const Question& q, const json& r) {
  if (!r.contains("number") || !r["number"].is_string()) return BadResponse("must be a number");
  // Twelve places: the answers have six, so the comparison below is exact.
  std::optional<__int128> given = ParseScaledDecimal(r["number"].get<std::string>(), 12);
  if (!given) return BadResponse("is not a number");
  std::int32_t best = 0;
  for (const Answer& a : q.answers) {
    if (a.text.text == "*") {  // the catch-all answer: any number
      best = Clamp(a.fraction);
      break;
    }
    const __int128 value = static_cast<__int128>(a.value.micros) * 1'000'000;
    const __int128 tolerance = static_cast<__int128>(a.tolerance.micros) * 1'000'000;
    const __int128 diff = *given > value ? *given - value : value - *given;
    if (diff <= tolerance) {
      best = Clamp(a.fraction);
      break;  // the first answer that matches decides, as in Moodle
    }
  }
  return best;
}

Result<std::int32_t> GradeMatching(const Question& q, const json& r) {
  if (!r.contains("matches") || !r["matches"].is_object()) {
    return BadResponse("must pair each item with an answer");
  }
  const json& m = r["matches"];
  std::int64_t items = 0, right = 0;
  for (std::size_t i = 0; i < q.pairs.size(); ++i) {
    if (q.pairs[i].question.text.empty()) continue;  // a distractor answer
    ++items;
    auto it = m.find(std::to_string(i));
    if (it != m.end() && it->is_string() && it->get<std::string>() == q.pairs[i].answer) ++right;
  }
  for (const auto& [key, value] : m.items()) {
    if (!value.is_string()) return BadResponse("must pair items with answer texts");
    std::size_t index = 0;
    for (char c : key) {
      if (c < '0' || c > '9' || index > q.pairs.size()) return BadResponse("names no item");
      index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    if (key.empty() || index >= q.pairs.size()) return BadResponse("names no item");
  }
  if (items == 0) return 0;
  return Clamp(right * kFractionOne / items);
}

}  // namespace

bool AutoGraded(const Question& q) { return q.type != QuestionType::kEssay; }

Result<std::int32_t> GradeResponse(const Question& q, const json& response) {
  if (!response.is_object()) return BadResponse("must be a JSON object");
  if (response.empty()) return 0;  // not answered
  switch (q.type) {
    case QuestionType::kMultipleChoice:
      return GradeChoice(q, response);
    case QuestionType::kTrueFalse:
      return GradeTrueFalse(q, response);
    case QuestionType::kShortAnswer:
      return GradeShortAnswer(q, response);
    case QuestionType::kNumerical:
      return GradeNumerical(q, response);
    case QuestionType::kMatching:
      return GradeMatching(q, response);
    case QuestionType::kEssay:
    case QuestionType::kDescription:
      return 0;
  }
  return 0;
}

void GradeAttempt(Attempt& a) {
  std::int64_t earned = 0, max = 0;
  for (AttemptSlot& slot : a.slots) {
    json response = json::object();
    if (slot.response) {
      response = json::parse(*slot.response, nullptr, false);
      if (response.is_discarded()) response = json::object();
    }
    Result<std::int32_t> share = GradeResponse(slot.question, response);
    const std::int64_t points = PointsE7(slot.mark, share.ok() ? *share : 0);
    slot.earned_e7 = points;
    earned += points;
    if (slot.question.type != QuestionType::kDescription) max += PointsE7(slot.mark, kFractionOne);
  }
  a.earned_e7 = earned;
  a.max_e7 = max;
  a.percent_e2 = PercentE2(earned, max);
}

CourseGrade GradeCourse(const GradingPolicy& policy, const std::vector<QuizStanding>& quizzes) {
  CourseGrade out;
  out.cutoff_e2 = policy.cutoff_e2;
  // The grade is sum_i(weight_i * sum_i / count_i) / 10000 in hundredths of a percent; kept as
  // the fraction num / den with den the product of the counts (a handful of small numbers).
  __int128 num = 0, den = 1;
  for (const Grader& g : policy.graders) {
    GraderResult r;
    r.type = g.type;
    r.weight_e2 = g.weight_e2;
    std::vector<const QuizStanding*> mine;
    for (const QuizStanding& q : quizzes) {
      if (q.grader_type && *q.grader_type == g.type) mine.push_back(&q);
    }
    // Lowest first; among equals the later quiz is dropped first.
    std::stable_sort(mine.begin(), mine.end(), [](const QuizStanding* a, const QuizStanding* b) {
      const std::int64_t pa = a->percent_e2.value_or(0), pb = b->percent_e2.value_or(0);
      if (pa != pb) return pa < pb;
      return a->quiz_id > b->quiz_id;
    });
    const std::size_t drop =
        std::min(mine.size(), static_cast<std::size_t>(std::max<std::int64_t>(g.drop_count, 0)));
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < mine.size(); ++i) {
      if (i < drop) {
        r.dropped.push_back(mine[i]->quiz_id);
      } else {
        r.counted.push_back(mine[i]->quiz_id);
        sum += mine[i]->percent_e2.value_or(0);
      }
    }
    std::sort(r.counted.begin(), r.counted.end());
    std::sort(r.dropped.begin(), r.dropped.end());
    const auto count = static_cast<std::int64_t>(r.counted.size());
    if (count > 0) {
      r.percent_e2 = sum / count;
      num = num * count + static_cast<__int128>(g.weight_e2) * sum * den;
      den *= count;
    }
    out.graders.push_back(std::move(r));
  }
  // grade_e2 = num / (den * 10000).
  out.percent_e2 = static_cast<std::int64_t>(num / (den * 10000));
  out.passed = num >= static_cast<__int128>(policy.cutoff_e2) * den * 10000;
  return out;
}

std::int64_t PercentE2(std::int64_t earned_e7, std::int64_t max_e7) {
  if (max_e7 <= 0) return 0;
  return static_cast<std::int64_t>(static_cast<__int128>(earned_e7) * 10000 / max_e7);
}

bool Reaches(std::int64_t earned_e7, std::int64_t max_e7, std::int64_t pass_mark_e2) {
  if (max_e7 <= 0) return false;
  return static_cast<__int128>(earned_e7) * 10000 >= static_cast<__int128>(pass_mark_e2) * max_e7;
}

std::string FormatPercentE2(std::int64_t percent_e2) {
  const std::int64_t whole = percent_e2 / 100, part = percent_e2 % 100;
  return std::to_string(whole) + "." + (part < 10 ? "0" : "") + std::to_string(part) + "%";
}

std::optional<__int128> ParseScaledDecimal(std::string_view text, int max_places) {
  std::string_view s = TrimSpace(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  __int128 value = 0;
  int places = -1;  // -1: before the decimal mark
  bool digits = false;
  for (char c : s) {
    if (c == '.' || c == ',') {
      if (places >= 0) return std::nullopt;
      places = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits = true;
    if (places >= 0 && ++places > max_places) continue;  // beyond the precision: dropped
    value = value * 10 + (c - '0');
    if (value > static_cast<__int128>(1) << 100) return std::nullopt;
  }
  if (!digits) return std::nullopt;
  for (int i = std::clamp(places, 0, max_places); i < max_places; ++i) value *= 10;
  return negative ? -value : value;
}

}  // namespace bsg::course
