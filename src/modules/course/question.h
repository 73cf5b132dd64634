// Questions as the question bank, the GIFT and Moodle XML formats and the grader see them.
//
// Everything that counts is an integer: an answer's fraction of the question's mark is in units
// of 1e-7 (kFractionOne = 100%, so Moodle's "33.33333%" is exactly 3333333), a numerical answer
// and its tolerance are decimals with six places (Decimal), and marks are whole points. No
// floating point takes part in grading.
#ifndef BSG_MODULES_COURSE_QUESTION_H_
#define BSG_MODULES_COURSE_QUESTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsg::course {

// An answer's share of the question's mark: 1e-7 units, -kFractionOne..kFractionOne.
inline constexpr std::int32_t kFractionOne = 10'000'000;

// A decimal number with six places: units of 1e-6 (3.1415 is 3141500).
struct Decimal {
  std::int64_t micros = 0;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

enum class QuestionType {
  kMultipleChoice,  // one right answer (single) or several with partial credit
  kTrueFalse,       // answers "true" and "false"
  kShortAnswer,     // typed text matched against the answers (`*` wildcard, case option)
  kNumerical,       // a number within a tolerance of an answer
  kMatching,        // pairs: each subquestion's text with its answer text
  kEssay,           // free text, graded by hand: imported and exported, not put in quizzes
  kDescription,     // text only, no answer and no mark
};

// Moodle's text formats: GIFT's [moodle] [html] [plain] [markdown], XML's format attribute
// moodle_auto_format, html, plain_text, markdown.
enum class TextFormat { kMoodle, kHtml, kPlain, kMarkdown };

struct RichText {
  std::string text;
  TextFormat format = TextFormat::kMoodle;
  friend bool operator==(const RichText&, const RichText&) = default;
};

struct Answer {
  // kNumerical: empty (see value), or "*" for the catch-all answer that any number matches;
  // kTrueFalse: "true" or "false".
  RichText text;
  std::int32_t fraction = 0;  // 1e-7 units of the mark
  RichText feedback;          // shown after the attempt when review allows
  Decimal value;              // kNumerical only
  Decimal tolerance;          // kNumerical only: |response - value| <= tolerance
  friend bool operator==(const Answer&, const Answer&) = default;
};

struct MatchPair {
  RichText question;   // empty text: an extra wrong answer (a distractor)
  std::string answer;  // plain text
  friend bool operator==(const MatchPair&, const MatchPair&) = default;
};

struct Question {
  QuestionType type = QuestionType::kMultipleChoice;
  std::string category;            // "$course$/top/Module 1", "" for the default category
  std::string name;                // GIFT ::name::, XML <name>; never empty after an import
  std::string idnumber;            // GIFT [id:...], XML <idnumber>; optional
  std::vector<std::string> tags;   // GIFT [tag:...], XML <tags>
  RichText text;                   // the question
  RichText general_feedback;       // GIFT ####..., XML <generalfeedback>
  std::int64_t default_mark = 1;   // whole points (XML defaultgrade, rounded: see the parsers)
  std::int32_t penalty = 3333333;  // 1e-7 units; XML <penalty>, GIFT: Moodle's default
  std::vector<Answer> answers;     // kMultipleChoice, kTrueFalse, kShortAnswer, kNumerical
  std::vector<MatchPair> pairs;    // kMatching
  bool single = true;              // kMultipleChoice: one answer may be chosen
  bool shuffle_answers = true;     // kMultipleChoice, kMatching
  bool case_sensitive = false;     // kShortAnswer
  friend bool operator==(const Question&, const Question&) = default;
};

// Where a problem is: GIFT "file.txt:12" (line of the question's first line), XML "question 3
// (name)". `message` says what is wrong in words a teacher understands.
struct ImportProblem {
  std::string where;
  std::string message;
};

// The result of reading a whole file: every question, or every problem found (an import is all
// or nothing, so a caller stores `questions` only when `problems` is empty).
struct ParsedQuestions {
  std::vector<Question> questions;
  std::vector<ImportProblem> problems;
};

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_QUESTION_H_
