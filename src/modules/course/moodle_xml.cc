#include "modules/course/moodle_xml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/text.h"

namespace bsg::course {
namespace {

// The longest category path the question bank stores (question_category.path).
constexpr std::size_t kMaxCategoryLength = 500;
// The characters of a question's name shown in the location of its problems.
constexpr std::size_t kMaxNameInLocation = 100;

// ---- numbers
//
// Every number of the format is read as an exact integer count of 10^-places units, so that no
// floating point decides whether "33.33333" is a third: fractions are percentages with five
// places (1e-7 of the mark, question.h's unit), penalties and marks have Moodle's seven places,
// numerical answers six (Decimal).

enum class NumberError { kNone, kNotANumber, kTooPrecise, kTooLarge };

struct FixedPoint {
  std::int64_t units = 0;
  NumberError error = NumberError::kNone;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads "[+-]digits[.digits]" (and with `allow_exponent` a trailing "e[+-]digits", which
// numerical answers may use) as a count of 10^-places units. Digits below the unit are accepted
// only when they are zeros: a value is never rounded.
FixedPoint ParseFixedPoint(std::string_view text, int places, bool allow_exponent) {
  const std::string_view s = TrimSpace(text);
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }
  std::string digits;  // the significant digits: leading zeros dropped
  long fraction_digits = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (IsDigit(c)) {
      any_digit = true;
      if (seen_point) ++fraction_digits;
      if (!digits.empty() || c != '0') digits += c;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return {0, NumberError::kNotANumber};
  long exponent = 0;
  if (allow_exponent && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      exponent_negative = s[i] == '-';
      ++i;
    }
    bool exponent_digit = false;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      exponent_digit = true;
      // Beyond this size no nonzero value fits either way; stop growing.
      if (exponent < 100000) exponent = exponent * 10 + (s[i] - '0');
    }
    if (!exponent_digit) return {0, NumberError::kNotANumber};
    if (exponent_negative) exponent = -exponent;
  }
  if (i != s.size()) return {0, NumberError::kNotANumber};
  if (digits.empty()) return {0, NumberError::kNone};  // zero, whatever its sign and form

  long scale = places - fraction_digits + exponent;
  if (scale < 0) {
    const auto drop = static_cast<std::size_t>(-scale);
    // `digits` starts with a nonzero digit, so it can never be dropped whole.
    if (drop >= digits.size()) return {0, NumberError::kTooPrecise};
    for (std::size_t k = digits.size() - drop; k < digits.size(); ++k) {
      if (digits[k] != '0') return {0, NumberError::kTooPrecise};
    }
    digits.resize(digits.size() - drop);
    scale = 0;
  }
  // Eighteen decimal digits always fit in an int64.
  if (static_cast<long>(digits.size()) + scale > 18) return {0, NumberError::kTooLarge};
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  for (long k = 0; k < scale; ++k) value *= 10;
  return {negative ? -value : value, NumberError::kNone};
}

// The shortest decimal text of `units` 10^-places units: 3333333 with 5 places is "33.33333",
// -5000000 is "-50".
std::string FormatFixedPoint(std::int64_t units, int places) {
  std::uint64_t magnitude = units < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(units)
                                      : static_cast<std::uint64_t>(units);
  std::uint64_t scale = 1;
  for (int k = 0; k < places; ++k) scale *= 10;
  std::string out = units < 0 ? "-" : "";
  out += std::to_string(magnitude / scale);
  std::uint64_t rest = magnitude % scale;
  if (rest != 0) {
    std::string fraction = std::to_string(rest);
    fraction.insert(0, static_cast<std::size_t>(places) - fraction.size(), '0');
    while (fraction.back() == '0') fraction.pop_back();
    out += '.';
    out += fraction;
  }
  return out;
}

// ---- text formats

std::optional<TextFormat> FormatFromName(std::string_view name) {
  if (name == "moodle_auto_format") return TextFormat::kMoodle;
  if (name == "html") return TextFormat::kHtml;
  if (name == "plain_text") return TextFormat::kPlain;
  if (name == "markdown") return TextFormat::kMarkdown;
  return std::nullopt;
}

const char* FormatName(TextFormat format) {
  switch (format) {
    case TextFormat::kMoodle:
      return "moodle_auto_format";
    case TextFormat::kHtml:
      return "html";
    case TextFormat::kPlain:
      return "plain_text";
    case TextFormat::kMarkdown:
      return "markdown";
  }
  return "html";
}

// ---- reading libxml2's tree

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct XmlParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};
struct XmlCharFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};

bool IsElement(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         xmlStrEqual(node->name, reinterpret_cast<const xmlChar*>(name));
}

const xmlNode* FirstChild(const xmlNode* parent, const char* name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (IsElement(child, name)) return child;
  }
  return nullptr;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, const char* name) {
  std::vector<const xmlNode*> found;
  if (parent == nullptr) return found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (IsElement(child, name)) found.push_back(child);
  }
  return found;
}

std::optional<std::string> Attribute(const xmlNode* node, const char* name) {
  std::unique_ptr<xmlChar, XmlCharFree> value(
      xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name)));
  if (value == nullptr) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(value.get()));
}

// The character data directly inside `node`: its text and CDATA sections joined, comments and
// processing instructions skipped. nullopt when it holds an element (HTML written without CDATA
// or escaping) or an entity reference: Moodle's reader refuses the first, and entities are
// never expanded here.
std::optional<std::string> DirectText(const xmlNode* node) {
  std::string text;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      if (child->content != nullptr) text += reinterpret_cast<const char*>(child->content);
    } else if (child->type != XML_COMMENT_NODE && child->type != XML_PI_NODE) {
      return std::nullopt;
    }
  }
  return text;
}

// Moodle's reading of a yes/no element: "false", "0" and empty are no, anything else is yes.
bool MoodleFlag(std::string_view value) {
  const std::string_view v = TrimSpace(value);
  return !(v.empty() || v == "false" || v == "0");
}

// ---- problems

// Collects the problems of one question (or one category) under its location.
class Reporter {
 public:
  Reporter(std::string where, std::vector<ImportProblem>& problems)
      : where_(std::move(where)), problems_(problems) {}

  void Add(std::string message) {
    problems_.push_back({where_, std::move(message)});
    ++count_;
  }
  bool failed() const { return count_ > 0; }
  // How many problems so far: a check that sums up the answers is skipped when reading them
  // already failed, so that one mistake is not reported twice.
  int count() const { return count_; }

 private:
  std::string where_;
  std::vector<ImportProblem>& problems_;
  int count_ = 0;
};

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// The trimmed character data of `element` itself ("<penalty>0.1</penalty>"); nullopt when the
// element is absent.
std::optional<std::string> ReadValue(const xmlNode* element, std::string_view what,
                                     Reporter& reporter) {
  if (element == nullptr) return std::nullopt;
  const std::optional<std::string> text = DirectText(element);
  if (!text) {
    reporter.Add(std::string(what) + " must be plain text, not XML markup");
    return std::string();
  }
  return Trimmed(*text);
}

std::optional<std::string> ReadValue(const xmlNode* parent, const char* name, std::string_view what,
                                     Reporter& reporter) {
  return ReadValue(FirstChild(parent, name), what, reporter);
}

// The trimmed text of the <text> child of `element`, Moodle's shape for every text
// ("<name><text>Capitals</text></name>"): "" when there is none. Like Moodle, leading and
// trailing white space is dropped.
std::string ReadText(const xmlNode* element, std::string_view what, bool multiline,
                     Reporter& reporter) {
  const xmlNode* text_element = FirstChild(element, "text");
  if (text_element == nullptr) return "";
  const std::optional<std::string> text = DirectText(text_element);
  if (!text) {
    reporter.Add(std::string(what) +
                 " contains XML elements: put HTML inside <![CDATA[ ... ]]> or escape its < and &");
    return "";
  }
  std::string trimmed = Trimmed(*text);
  if (std::optional<std::string> reason = ValidateText(trimmed, multiline)) {
    reporter.Add(std::string(what) + " " + *reason);
  }
  return trimmed;
}

TextFormat ReadFormat(const xmlNode* element, std::string_view what, TextFormat default_format,
                      Reporter& reporter) {
  if (element == nullptr) return default_format;
  const std::optional<std::string> name = Attribute(element, "format");
  if (!name) return default_format;
  const std::string_view trimmed = TrimSpace(*name);
  if (std::optional<TextFormat> format = FormatFromName(trimmed)) return *format;
  reporter.Add("the format of " + std::string(what) + " is " + Quoted(trimmed) +
               "; use html, moodle_auto_format, plain_text or markdown");
  return default_format;
}

RichText ReadRichText(const xmlNode* element, std::string_view what, TextFormat default_format,
                      Reporter& reporter) {
  RichText rich;
  rich.text = ReadText(element, what, /*multiline=*/true, reporter);
  rich.format = ReadFormat(element, what, default_format, reporter);
  return rich;
}

// An answer's fraction attribute: a percentage of the mark with at most five decimals, in
// 1e-7 units of the mark. Moodle's default is 0.
std::int32_t ReadFraction(const xmlNode* answer, const std::string& label, Reporter& reporter) {
  const std::optional<std::string> value = Attribute(answer, "fraction");
  if (!value || TrimSpace(*value).empty()) return 0;
  const std::string text = Trimmed(*value);
  const FixedPoint parsed = ParseFixedPoint(text, 5, /*allow_exponent=*/false);
  switch (parsed.error) {
    case NumberError::kNotANumber:
      reporter.Add(label + " has the fraction " + Quoted(text) + ", which is not a number");
      return 0;
    case NumberError::kTooPrecise:
      reporter.Add(label + " has the fraction " + text + "%, which has more than 5 decimal places");
      return 0;
    case NumberError::kTooLarge:
    case NumberError::kNone:
      break;
  }
  if (parsed.error == NumberError::kTooLarge || parsed.units > kFractionOne ||
      parsed.units < -kFractionOne) {
    reporter.Add(label + " has the fraction " + text + "%; it must be between -100% and 100%");
    return 0;
  }
  return static_cast<std::int32_t>(parsed.units);
}

RichText ReadFeedback(const xmlNode* answer, const std::string& label, TextFormat default_format,
                      Reporter& reporter) {
  return ReadRichText(FirstChild(answer, "feedback"), "the feedback of " + label, default_format,
                      reporter);
}

// Reads a numerical answer's number or tolerance into `out`; false (with a problem naming
// `subject`) when it is not a number with at most six decimals.
bool ReadDecimal(std::string_view text, const std::string& subject, Decimal& out,
                 Reporter& reporter) {
  const FixedPoint parsed = ParseFixedPoint(text, 6, /*allow_exponent=*/true);
  switch (parsed.error) {
    case NumberError::kNone:
      out.micros = parsed.units;
      return true;
    case NumberError::kNotANumber:
      reporter.Add(subject + " is " + Quoted(text) + ", which is not a number");
      return false;
    case NumberError::kTooPrecise:
      reporter.Add(subject + " is " + std::string(text) + ", which has more than 6 decimal places");
      return false;
    case NumberError::kTooLarge:
      reporter.Add(subject + " is " + std::string(text) + ", which is too large");
      return false;
  }
  return false;
}

// "1 answer", "3 answers".
std::string Count(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string AnswerLabel(std::size_t index) { return "answer " + std::to_string(index + 1); }

// ---- the question types

void ReadMultipleChoice(const xmlNode* node, Question& q, Reporter& reporter) {
  // Moodle's defaults when the elements are missing: single answer, no shuffling.
  q.single = MoodleFlag(ReadValue(node, "single", "<single>", reporter).value_or("true"));
  q.shuffle_answers =
      MoodleFlag(ReadValue(node, "shuffleanswers", "<shuffleanswers>", reporter).value_or("false"));
  const int problems_before = reporter.count();
  const std::vector<const xmlNode*> answers = Children(node, "answer");
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string label = AnswerLabel(i);
    Answer answer;
    answer.text = ReadRichText(answers[i], label, q.text.format, reporter);
    answer.fraction = ReadFraction(answers[i], label, reporter);
    answer.feedback = ReadFeedback(answers[i], label, q.text.format, reporter);
    if (answer.text.text.empty()) reporter.Add(label + " has no text");
    q.answers.push_back(std::move(answer));
  }
  if (q.answers.size() < 2) {
    reporter.Add("a multiple choice question needs at least 2 answers (it has " +
                 std::to_string(q.answers.size()) + ")");
    return;
  }
  if (reporter.count() != problems_before) return;
  std::int32_t best = -kFractionOne;
  for (const Answer& answer : q.answers) best = std::max(best, answer.fraction);
  if (best <= 0) {
    reporter.Add("has no right answer: give at least one answer a positive fraction");
  } else if (q.single && best != kFractionOne) {
    reporter.Add("allows a single answer, so one answer must be worth 100% (the best is " +
                 FormatFixedPoint(best, 5) + "%)");
  }
}

void ReadTrueFalse(const xmlNode* node, Question& q, Reporter& reporter) {
  const std::vector<const xmlNode*> answers = Children(node, "answer");
  if (answers.size() != 2) {
    reporter.Add("a true/false question needs exactly 2 answers, \"true\" and \"false\" (it has " +
                 std::to_string(answers.size()) + ")");
    return;
  }
  const int problems_before = reporter.count();
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string label = AnswerLabel(i);
    Answer answer;
    answer.text.text = ReadText(answers[i], label, /*multiline=*/false, reporter);
    answer.text.format = ReadFormat(answers[i], label, TextFormat::kMoodle, reporter);
    // Old Moodle versions wrote the answers in the teacher's language, true first; Moodle
    // still reads such files that way.
    if (answer.text.text != "true" && answer.text.text != "false") {
      answer.text.text = i == 0 ? "true" : "false";
    }
    answer.fraction = ReadFraction(answers[i], label, reporter);
    answer.feedback = ReadFeedback(answers[i], label, q.text.format, reporter);
    q.answers.push_back(std::move(answer));
  }
  if (reporter.count() != problems_before) return;
  if (q.answers[0].text.text == q.answers[1].text.text) {
    reporter.Add("a true/false question needs one answer \"true\" and one \"false\"");
  }
  const std::int32_t first = q.answers[0].fraction;
  const std::int32_t second = q.answers[1].fraction;
  if (!((first == kFractionOne && second == 0) || (first == 0 && second == kFractionOne))) {
    reporter.Add("a true/false question needs one answer worth 100% and the other 0%");
  }
}

// Shortanswer and numerical questions are graded by the best matching answer, so one of them
// must give the full mark, as Moodle's editing form demands.
void RequireFullMarkAnswer(const Question& q, int problems_before, Reporter& reporter) {
  if (reporter.count() != problems_before) return;
  if (q.answers.empty()) {
    reporter.Add("has no answers");
    return;
  }
  for (const Answer& answer : q.answers) {
    if (answer.fraction == kFractionOne) return;
  }
  reporter.Add("needs an answer worth 100%");
}

void ReadShortAnswer(const xmlNode* node, Question& q, Reporter& reporter) {
  q.case_sensitive = MoodleFlag(ReadValue(node, "usecase", "<usecase>", reporter).value_or("0"));
  const int problems_before = reporter.count();
  const std::vector<const xmlNode*> answers = Children(node, "answer");
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string label = AnswerLabel(i);
    Answer answer;
    // Moodle treats these answers as plain text whatever they say.
    answer.text = ReadRichText(answers[i], label, TextFormat::kPlain, reporter);
    answer.fraction = ReadFraction(answers[i], label, reporter);
    answer.feedback = ReadFeedback(answers[i], label, q.text.format, reporter);
    if (answer.text.text.empty()) reporter.Add(label + " has no text");
    q.answers.push_back(std::move(answer));
  }
  RequireFullMarkAnswer(q, problems_before, reporter);
}

void ReadNumerical(const xmlNode* node, Question& q, Reporter& reporter) {
  // <units>, <unitgradingtype>, <unitpenalty>, <showunits> and <instructions> have no place in
  // the model: the answers are plain numbers.
  const int problems_before = reporter.count();
  const std::vector<const xmlNode*> answers = Children(node, "answer");
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string label = AnswerLabel(i);
    Answer answer;
    const std::string number = ReadText(answers[i], label, /*multiline=*/false, reporter);
    ReadFormat(answers[i], label, TextFormat::kPlain, reporter);  // checked, not kept
    if (number == "*") {
      // Moodle's catch-all answer: any other response, usually with 0% and a feedback.
      answer.text.text = "*";
    } else if (number.empty()) {
      reporter.Add(label + " has no number");
    } else {
      ReadDecimal(number, label, answer.value, reporter);
    }
    const std::string tolerance =
        ReadValue(answers[i], "tolerance", "the tolerance of " + label, reporter).value_or("");
    if (!tolerance.empty() &&
        ReadDecimal(tolerance, "the tolerance of " + label, answer.tolerance, reporter) &&
        answer.tolerance.micros < 0) {
      reporter.Add("the tolerance of " + label + " must not be negative");
    }
    answer.fraction = ReadFraction(answers[i], label, reporter);
    answer.feedback = ReadFeedback(answers[i], label, q.text.format, reporter);
    q.answers.push_back(std::move(answer));
  }
  RequireFullMarkAnswer(q, problems_before, reporter);
}

void ReadMatching(const xmlNode* node, Question& q, Reporter& reporter) {
  // Moodle shuffles matching answers unless told otherwise.
  q.shuffle_answers =
      MoodleFlag(ReadValue(node, "shuffleanswers", "<shuffleanswers>", reporter).value_or("1"));
  const std::vector<const xmlNode*> subquestions = Children(node, "subquestion");
  std::size_t question_count = 0;
  for (std::size_t i = 0; i < subquestions.size(); ++i) {
    const std::string label = "subquestion " + std::to_string(i + 1);
    MatchPair pair;
    pair.question = ReadRichText(subquestions[i], label, q.text.format, reporter);
    pair.answer = ReadText(FirstChild(subquestions[i], "answer"), "the answer of " + label,
                           /*multiline=*/true, reporter);
    if (pair.question.text.empty() && pair.answer.empty()) {
      reporter.Add(label + " is empty");
    } else if (pair.answer.empty()) {
      reporter.Add(label + " has no answer");
    }
    if (!pair.question.text.empty()) ++question_count;
    q.pairs.push_back(std::move(pair));
  }
  // Moodle's rule: at least two subquestions, and three answers counting the extra wrong ones.
  if (question_count < 2 || q.pairs.size() < 3) {
    reporter.Add("a matching question needs at least 2 subquestions and 3 answers (it has " +
                 Count(question_count, "subquestion") + " and " + Count(q.pairs.size(), "answer") +
                 ")");
  }
}

void ReadDefaultMark(const xmlNode* node, Question& q, Reporter& reporter) {
  const std::optional<std::string> value =
      ReadValue(node, "defaultgrade", "the default mark", reporter);
  if (!value || value->empty()) return;  // Moodle's default: 1 point
  // Moodle writes "1.0000000"; the model counts whole points, so anything else is refused
  // rather than rounded.
  const FixedPoint parsed = ParseFixedPoint(*value, 7, /*allow_exponent=*/false);
  if (parsed.error == NumberError::kNotANumber) {
    reporter.Add("the default mark " + Quoted(*value) + " is not a number");
  } else if (parsed.error == NumberError::kTooLarge) {
    reporter.Add("the default mark " + *value + " is too large");
  } else if (parsed.error == NumberError::kTooPrecise || parsed.units % kFractionOne != 0) {
    reporter.Add("the default mark must be a whole number of points, not " + *value);
  } else if (parsed.units < 0) {
    reporter.Add("the default mark must not be negative");
  } else {
    q.default_mark = parsed.units / kFractionOne;
  }
}

void ReadPenalty(const xmlNode* node, Question& q, Reporter& reporter) {
  const std::optional<std::string> value = ReadValue(node, "penalty", "the penalty", reporter);
  if (!value || value->empty()) return;  // Moodle's default: a third
  const FixedPoint parsed = ParseFixedPoint(*value, 7, /*allow_exponent=*/false);
  if (parsed.error == NumberError::kNotANumber) {
    reporter.Add("the penalty " + Quoted(*value) + " is not a number");
  } else if (parsed.error == NumberError::kTooPrecise) {
    reporter.Add("the penalty " + *value + " has more than 7 decimal places");
  } else if (parsed.error == NumberError::kTooLarge || parsed.units < 0 ||
             parsed.units > kFractionOne) {
    reporter.Add("the penalty must be between 0 and 1, not " + *value);
  } else {
    q.penalty = static_cast<std::int32_t>(parsed.units);
  }
}

void ReadTags(const xmlNode* node, const char* list_name, Question& q, Reporter& reporter) {
  for (const xmlNode* tag : Children(FirstChild(node, list_name), "tag")) {
    std::string text = ReadText(tag, "a tag", /*multiline=*/false, reporter);
    if (!text.empty()) q.tags.push_back(std::move(text));
  }
}

std::optional<QuestionType> TypeFromName(std::string_view name) {
  if (name == "multichoice") return QuestionType::kMultipleChoice;
  if (name == "truefalse") return QuestionType::kTrueFalse;
  if (name == "shortanswer") return QuestionType::kShortAnswer;
  if (name == "numerical") return QuestionType::kNumerical;
  if (name == "matching" || name == "match") return QuestionType::kMatching;
  if (name == "essay") return QuestionType::kEssay;
  if (name == "description") return QuestionType::kDescription;
  return std::nullopt;
}

const char* TypeName(QuestionType type) {
  switch (type) {
    case QuestionType::kMultipleChoice:
      return "multichoice";
    case QuestionType::kTrueFalse:
      return "truefalse";
    case QuestionType::kShortAnswer:
      return "shortanswer";
    case QuestionType::kNumerical:
      return "numerical";
    case QuestionType::kMatching:
      return "matching";
    case QuestionType::kEssay:
      return "essay";
    case QuestionType::kDescription:
      return "description";
  }
  return "description";
}

// The number of characters (code points) of UTF-8 text.
std::size_t CharacterCount(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < s.size(); ++count) DecodeUtf8(s, pos);
  return count;
}

// A question's name as its problems' location shows it: at most kMaxNameInLocation characters,
// then "...". Every problem of the question repeats its location, so a whole name there would
// make the problems of a long name with many bad answers take memory far beyond the file's size.
std::string ShortName(std::string_view name) {
  std::size_t end = 0;
  for (std::size_t count = 0; count < kMaxNameInLocation && end < name.size(); ++count) {
    DecodeUtf8(name, end);
  }
  if (end == name.size()) return std::string(name);
  return std::string(name.substr(0, end)) + "...";
}

// Reads one <question> that is not a category; nullopt when it has problems (all of them are
// added to `problems`).
std::optional<Question> ReadQuestion(const xmlNode* node, std::string_view file_name, int number,
                                     const std::string& category,
                                     std::vector<ImportProblem>& problems) {
  // The name is needed for the location of every other problem, so it is read first and
  // checked once the reporter exists.
  std::string name;
  bool name_is_markup = false;
  if (const xmlNode* text = FirstChild(FirstChild(node, "name"), "text")) {
    if (std::optional<std::string> direct = DirectText(text)) {
      name = Trimmed(*direct);
    } else {
      name_is_markup = true;
    }
  }
  std::string where = std::string(file_name) + ": question " + std::to_string(number);
  if (!name.empty()) where += " (" + ShortName(name) + ")";
  Reporter reporter(std::move(where), problems);

  const std::optional<std::string> type_name = Attribute(node, "type");
  if (!type_name || TrimSpace(*type_name).empty()) {
    reporter.Add("has no type attribute, such as type=\"multichoice\"");
    return std::nullopt;
  }
  const std::optional<QuestionType> type = TypeFromName(TrimSpace(*type_name));
  if (!type) {
    reporter.Add("question type " + Trimmed(*type_name) + " is not supported");
    return std::nullopt;
  }

  Question q;
  q.type = *type;
  q.category = category;
  if (name_is_markup) {
    reporter.Add("the name contains XML elements: write it as plain text");
  } else if (name.empty()) {
    reporter.Add("has no name: add <name><text>...</text></name>");
  } else if (std::optional<std::string> reason = ValidateText(name, /*allow_newlines=*/false)) {
    reporter.Add("the name " + *reason);
  }
  q.name = name;

  q.text = ReadRichText(FirstChild(node, "questiontext"), "the question text", TextFormat::kHtml,
                        reporter);
  if (q.text.text.empty()) reporter.Add("has no question text");
  // Moodle's feedback texts default to the format of the question text.
  q.general_feedback = ReadRichText(FirstChild(node, "generalfeedback"), "the general feedback",
                                    q.text.format, reporter);
  q.idnumber = ReadValue(node, "idnumber", "the idnumber", reporter).value_or("");
  if (std::optional<std::string> reason = ValidateText(q.idnumber, /*allow_newlines=*/false)) {
    reporter.Add("the idnumber " + *reason);
  }
  ReadTags(node, "tags", q, reporter);
  // Moodle keeps course tags apart; the model has a single list of tags.
  ReadTags(node, "coursetags", q, reporter);
  ReadDefaultMark(node, q, reporter);
  ReadPenalty(node, q, reporter);

  switch (q.type) {
    case QuestionType::kMultipleChoice:
      ReadMultipleChoice(node, q, reporter);
      break;
    case QuestionType::kTrueFalse:
      ReadTrueFalse(node, q, reporter);
      break;
    case QuestionType::kShortAnswer:
      ReadShortAnswer(node, q, reporter);
      break;
    case QuestionType::kNumerical:
      ReadNumerical(node, q, reporter);
      break;
    case QuestionType::kMatching:
      ReadMatching(node, q, reporter);
      break;
    case QuestionType::kEssay:
      break;
    case QuestionType::kDescription:
      // Moodle gives descriptions no mark whatever the file says.
      q.default_mark = 0;
      break;
  }
  if (reporter.failed()) return std::nullopt;
  return q;
}

std::string LineWhere(std::string_view file_name, long line) {
  if (line <= 0) return std::string(file_name);
  return std::string(file_name) + ":" + std::to_string(line);
}

// The category path of a category question: "$course$/top/Unit 1". Empty means the default
// category, which is how the writer returns to it.
std::optional<std::string> ReadCategory(const xmlNode* node, std::string_view file_name,
                                        std::vector<ImportProblem>& problems) {
  Reporter reporter(LineWhere(file_name, xmlGetLineNo(node)), problems);
  const xmlNode* category = FirstChild(node, "category");
  if (category == nullptr) {
    reporter.Add("a category question has no <category>");
    return std::nullopt;
  }
  std::string path;
  if (FirstChild(category, "text") != nullptr) {
    path = ReadText(category, "the category", /*multiline=*/false, reporter);
  } else {
    // The oldest files wrote the path directly: <category>tom/dick/harry</category>.
    path = ReadValue(category, "the category", reporter).value_or("");
    if (std::optional<std::string> reason = ValidateText(path, /*allow_newlines=*/false)) {
      reporter.Add("the category " + *reason);
    }
  }
  // The store would refuse a longer path too. It is not kept: each question after it holds a
  // copy, which for a long path and many short questions would take memory far beyond the
  // file's size.
  if (CharacterCount(path) > kMaxCategoryLength) {
    reporter.Add("the category has more than " + std::to_string(kMaxCategoryLength) +
                 " characters");
  }
  // <info> (the category's description) and <idnumber> have no place in the model.
  if (reporter.failed()) return std::nullopt;
  return path;
}

// ---- the file as a whole

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return AsciiLower(a) == AsciiLower(b);
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The encoding named by the XML declaration (`<?xml version="1.0" encoding="..."?>`), if any.
std::optional<std::string> DeclaredEncoding(std::string_view content) {
  if (content.size() < 6 || content.substr(0, 5) != "<?xml" || !IsXmlSpace(content[5])) {
    return std::nullopt;
  }
  const std::size_t end = content.find("?>");
  const std::string_view declaration = content.substr(0, end);
  std::size_t pos = declaration.find("encoding");
  if (pos == std::string_view::npos) return std::nullopt;
  pos += 8;
  while (pos < declaration.size() && IsXmlSpace(declaration[pos])) ++pos;
  if (pos >= declaration.size() || declaration[pos] != '=') return std::nullopt;
  ++pos;
  while (pos < declaration.size() && IsXmlSpace(declaration[pos])) ++pos;
  if (pos >= declaration.size() || (declaration[pos] != '"' && declaration[pos] != '\'')) {
    return std::nullopt;
  }
  const char quote = declaration[pos];
  const std::size_t close = declaration.find(quote, pos + 1);
  if (close == std::string_view::npos) return std::nullopt;
  return std::string(declaration.substr(pos + 1, close - pos - 1));
}

// Refuses a file that is not UTF-8 before any XML parsing: a file declared (or detected) in
// another encoding, or with bytes that are not UTF-8. Teachers fix these by saving again, so
// one problem says so.
std::optional<ImportProblem> CheckEncoding(std::string_view content, std::string_view file_name) {
  const auto starts_with = [&](std::string_view prefix) {
    return content.substr(0, prefix.size()) == prefix;
  };
  auto refuse = [&](std::string_view encoding) {
    return ImportProblem{std::string(file_name),
                         "is encoded as " + std::string(encoding) + "; save it as UTF-8"};
  };
  using std::string_view_literals::operator""sv;
  if (starts_with("\x00\x00\xFE\xFF"sv) || starts_with("\xFF\xFE\x00\x00"sv)) {
    return refuse("UTF-32");
  }
  // A byte order mark, or "<" as a 16-bit unit: UTF-16 with or without a mark.
  if (starts_with("\xFE\xFF"sv) || starts_with("\xFF\xFE"sv) || starts_with("<\0"sv) ||
      starts_with("\0<"sv)) {
    return refuse("UTF-16");
  }
  std::string_view body = content;
  if (starts_with("\xEF\xBB\xBF"sv)) body.remove_prefix(3);  // UTF-8's byte order mark
  if (std::optional<std::string> declared = DeclaredEncoding(body)) {
    if (!EqualsIgnoringAsciiCase(*declared, "UTF-8") &&
        !EqualsIgnoringAsciiCase(*declared, "UTF8")) {
      return refuse(AsciiUpper(*declared));
    }
  }
  std::size_t pos = 0;
  while (pos < content.size()) {
    const std::size_t start = pos;
    if (!DecodeUtf8(content, pos)) {
      const long line =
          1 + static_cast<long>(std::count(content.begin(), content.begin() + start, '\n'));
      return ImportProblem{LineWhere(file_name, line),
                           "contains bytes that are not UTF-8; save the file as UTF-8"};
    }
  }
  return std::nullopt;
}

// The first error libxml2 reports while parsing; the later ones follow from it.
struct XmlErrorSink {
  bool has_error = false;
  long line = 0;
  std::string message;
};

#if LIBXML_VERSION >= 21200
using XmlErrorArg = const xmlError*;
#else
using XmlErrorArg = xmlErrorPtr;
#endif

void RecordXmlError(XmlErrorSink* sink, XmlErrorArg error) {
  if (sink == nullptr || error == nullptr || sink->has_error) return;
  if (error->level < XML_ERR_ERROR) return;  // warnings do not make a file unreadable
  sink->has_error = true;
  sink->line = error->line;
  sink->message = error->message != nullptr ? Trimmed(error->message) : "unknown error";
}

#if LIBXML_VERSION >= 21300
void OnXmlError(void* sink, XmlErrorArg error) {
  RecordXmlError(static_cast<XmlErrorSink*>(sink), error);
}
#else
// The structured error handler of one parser context: libxml2 passes the context itself, whose
// _private points at this parse's sink, so no global handler is involved.
void OnXmlError(void* context, XmlErrorArg error) {
  auto* ctxt = static_cast<xmlParserCtxt*>(context);
  RecordXmlError(ctxt != nullptr ? static_cast<XmlErrorSink*>(ctxt->_private) : nullptr, error);
}
#endif

void InitLibxml() {
  // libxml2 wants its one-time global set-up done before parsers run on several threads.
  static const bool initialized = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialized;
}

// Parses `content` (already checked as UTF-8) into a tree, or nullptr when it is not
// well-formed. Entities are not substituted, no DTD is loaded and the network is off: an
// external entity can never be read.
std::unique_ptr<xmlDoc, XmlDocFree> ParseXml(std::string_view content, XmlErrorSink& sink) {
  InitLibxml();
  std::unique_ptr<xmlParserCtxt, XmlParserCtxtFree> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr) {
    sink.has_error = true;
    sink.message = "the XML parser could not start";
    return nullptr;
  }
#if LIBXML_VERSION >= 21300
  xmlCtxtSetErrorHandler(ctxt.get(), OnXmlError, &sink);
#else
  ctxt->_private = &sink;
  ctxt->sax->serror = OnXmlError;
#endif
  std::unique_ptr<xmlDoc, XmlDocFree> doc(
      xmlCtxtReadMemory(ctxt.get(), content.data(), static_cast<int>(content.size()),
                        /*URL=*/nullptr, "UTF-8", XML_PARSE_NONET | XML_PARSE_BIG_LINES));
  if (doc == nullptr && !sink.has_error) {
    sink.has_error = true;
    sink.message = "the file is not well-formed";
  }
  return doc;
}

// ---- writing

// Appends `text` without what XML 1.0 cannot carry at all: invalid UTF-8 becomes U+FFFD, and
// control characters other than tab, line feed and carriage return, U+FFFE and U+FFFF are
// dropped.
std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::optional<char32_t> cp = DecodeUtf8(text, pos);
    if (!cp) {
      AppendUtf8(out, U'\uFFFD');
    } else if ((*cp < 0x20 && *cp != '\t' && *cp != '\n' && *cp != '\r') || *cp == 0xFFFE ||
               *cp == 0xFFFF) {
      continue;
    } else {
      AppendUtf8(out, *cp);
    }
  }
  return out;
}

// Character data as Moodle writes it: as is when nothing needs escaping, else in a CDATA
// section (so HTML stays readable), split around "]]>". A carriage return is written as &#13;
// between sections, since a parser turns a literal one into a line feed.
void AppendText(std::string& out, std::string_view raw) {
  const std::string text = XmlSafe(raw);
  if (text.find_first_of("&<>\"'\r") == std::string::npos) {
    out += text;
    return;
  }
  out += "<![CDATA[";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "]]>") == 0) {
      out += "]]]]><![CDATA[>";
      i += 2;
    } else if (text[i] == '\r') {
      out += "]]>&#13;<![CDATA[";
    } else {
      out += text[i];
    }
  }
  out += "]]>";
}

// Character data with entities, for the simple elements Moodle does not wrap in CDATA.
void AppendEscaped(std::string& out, std::string_view raw) {
  for (char c : XmlSafe(raw)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out += c;
    }
  }
}

void Indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

// <text>...</text> on its own line.
void AppendTextLine(std::string& out, int depth, std::string_view text) {
  Indent(out, depth);
  out += "<text>";
  AppendText(out, text);
  out += "</text>\n";
}

// <element><text>...</text></element>, with a format attribute for rich texts.
void AppendTextElement(std::string& out, int depth, std::string_view element, std::string_view text,
                       std::optional<TextFormat> format = std::nullopt) {
  Indent(out, depth);
  out += "<";
  out += element;
  if (format) {
    out += " format=\"";
    out += FormatName(*format);
    out += "\"";
  }
  out += ">\n";
  AppendTextLine(out, depth + 1, text);
  Indent(out, depth);
  out += "</";
  out += element;
  out += ">\n";
}

void AppendRichElement(std::string& out, int depth, std::string_view element,
                       const RichText& text) {
  AppendTextElement(out, depth, element, text.text, text.format);
}

void AppendValueElement(std::string& out, int depth, std::string_view element,
                        std::string_view value) {
  Indent(out, depth);
  out += "<";
  out += element;
  out += ">";
  AppendEscaped(out, value);
  out += "</";
  out += element;
  out += ">\n";
}

std::string Bool(bool value) { return value ? "true" : "false"; }

void AppendAnswer(std::string& out, const Answer& answer, std::string_view text,
                  TextFormat text_format, bool numerical) {
  Indent(out, 2);
  out += "<answer fraction=\"" + FormatFixedPoint(answer.fraction, 5) + "\" format=\"" +
         FormatName(text_format) + "\">\n";
  AppendTextLine(out, 3, text);
  AppendRichElement(out, 3, "feedback", answer.feedback);
  if (numerical)
    AppendValueElement(out, 3, "tolerance", FormatFixedPoint(answer.tolerance.micros, 6));
  Indent(out, 2);
  out += "</answer>\n";
}

void AppendCategory(std::string& out, const std::string& category) {
  out += "  <question type=\"category\">\n";
  AppendTextElement(out, 2, "category", category);
  out += "  </question>\n";
}

void AppendQuestion(std::string& out, const Question& q) {
  out += "  <question type=\"";
  out += TypeName(q.type);
  out += "\">\n";
  AppendTextElement(out, 2, "name", q.name);
  AppendRichElement(out, 2, "questiontext", q.text);
  AppendRichElement(out, 2, "generalfeedback", q.general_feedback);
  AppendValueElement(out, 2, "defaultgrade", std::to_string(q.default_mark));
  AppendValueElement(out, 2, "penalty", FormatFixedPoint(q.penalty, 7));
  AppendValueElement(out, 2, "hidden", "0");
  AppendValueElement(out, 2, "idnumber", q.idnumber);
  switch (q.type) {
    case QuestionType::kMultipleChoice:
      AppendValueElement(out, 2, "single", Bool(q.single));
      AppendValueElement(out, 2, "shuffleanswers", Bool(q.shuffle_answers));
      AppendValueElement(out, 2, "answernumbering", "abc");
      for (const Answer& answer : q.answers) {
        AppendAnswer(out, answer, answer.text.text, answer.text.format, /*numerical=*/false);
      }
      break;
    case QuestionType::kTrueFalse:
      for (const Answer& answer : q.answers) {
        AppendAnswer(out, answer, answer.text.text, answer.text.format, /*numerical=*/false);
      }
      break;
    case QuestionType::kShortAnswer:
      AppendValueElement(out, 2, "usecase", q.case_sensitive ? "1" : "0");
      for (const Answer& answer : q.answers) {
        AppendAnswer(out, answer, answer.text.text, answer.text.format, /*numerical=*/false);
      }
      break;
    case QuestionType::kNumerical:
      for (const Answer& answer : q.answers) {
        const std::string number =
            answer.text.text == "*" ? "*" : FormatFixedPoint(answer.value.micros, 6);
        AppendAnswer(out, answer, number, TextFormat::kPlain, /*numerical=*/true);
      }
      break;
    case QuestionType::kMatching:
      AppendValueElement(out, 2, "shuffleanswers", Bool(q.shuffle_answers));
      for (const MatchPair& pair : q.pairs) {
        Indent(out, 2);
        out += "<subquestion format=\"";
        out += FormatName(pair.question.format);
        out += "\">\n";
        AppendTextLine(out, 3, pair.question.text);
        AppendTextElement(out, 3, "answer", pair.answer);
        Indent(out, 2);
        out += "</subquestion>\n";
      }
      break;
    case QuestionType::kEssay:
    case QuestionType::kDescription:
      break;
  }
  if (!q.tags.empty()) {
    out += "    <tags>\n";
    for (const std::string& tag : q.tags) {
      out += "      <tag><text>";
      AppendText(out, tag);
      out += "</text></tag>\n";
    }
    out += "    </tags>\n";
  }
  out += "  </question>\n";
}

}  // namespace

ParsedQuestions ParseMoodleXml(std::string_view content, std::string_view file_name) {
  ParsedQuestions result;
  if (TrimSpace(content).empty()) {
    result.problems.push_back({std::string(file_name), "is empty"});
    return result;
  }
  if (std::optional<ImportProblem> problem = CheckEncoding(content, file_name)) {
    result.problems.push_back(std::move(*problem));
    return result;
  }
  if (content.size() > static_cast<std::size_t>(INT_MAX)) {
    result.problems.push_back({std::string(file_name), "is too large to import"});
    return result;
  }

  XmlErrorSink sink;
  const std::unique_ptr<xmlDoc, XmlDocFree> doc = ParseXml(content, sink);
  if (sink.has_error || doc == nullptr) {
    // libxml2's default limits (kept: they also guard against hostile files) stop at a single
    // text of 10 MB, which only a large embedded file reaches.
    if (sink.message.find("Huge input lookup") != std::string::npos ||
        sink.message.find("huge text node") != std::string::npos) {
      result.problems.push_back(
          {LineWhere(file_name, sink.line),
           "has a text or an embedded file larger than 10 MB, which cannot be imported"});
    } else {
      result.problems.push_back(
          {LineWhere(file_name, sink.line), "is not well-formed XML: " + sink.message});
    }
    return result;
  }
  // Moodle never writes a DOCTYPE, and nothing a DTD could declare (entities above all) is
  // wanted from a question file.
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    result.problems.push_back(
        {std::string(file_name),
         "has a DOCTYPE declaration, which Moodle XML files never have; remove it"});
    return result;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !IsElement(root, "quiz")) {
    const std::string root_name =
        root != nullptr ? reinterpret_cast<const char*>(root->name) : std::string();
    result.problems.push_back(
        {std::string(file_name),
         "is not a Moodle XML question file: its root element is <" + root_name + ">, not <quiz>"});
    return result;
  }

  std::string category;  // the default category until a category question names one
  int number = 0;
  for (const xmlNode* node : Children(root, "question")) {
    const std::optional<std::string> type = Attribute(node, "type");
    if (type && TrimSpace(*type) == "category") {
      if (std::optional<std::string> path = ReadCategory(node, file_name, result.problems)) {
        category = std::move(*path);
      }
      continue;
    }
    ++number;
    if (std::optional<Question> q =
            ReadQuestion(node, file_name, number, category, result.problems)) {
      result.questions.push_back(std::move(*q));
    }
  }
  if (result.problems.empty() && result.questions.empty()) {
    result.problems.push_back({std::string(file_name), "contains no questions"});
  }
  if (!result.problems.empty()) result.questions.clear();
  return result;
}

std::string WriteMoodleXml(const std::vector<Question>& questions) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";
  std::string category;  // what a reader assumes before the first category question
  for (const Question& q : questions) {
    if (q.category != category) {
      AppendCategory(out, q.category);
      category = q.category;
    }
    AppendQuestion(out, q);
  }
  out += "</quiz>\n";
  return out;
}

}  // namespace bsg::course
