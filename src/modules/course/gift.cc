// See gift.h.
#include "modules/course/gift.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/text.h"

namespace bsg::course {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;

// The name of a question whose text gives no name (its text is only HTML tags, say).
constexpr std::string_view kUntitled = "Untitled question";
// An unnamed question is named after this many characters of its text, as in Moodle.
constexpr std::size_t kDefaultNameLength = 80;
// Names longer than this are shortened, as Moodle's 255-character name column needs.
constexpr std::size_t kMaxNameLength = 255;
// The longest category path the question bank stores (question_category.path).
constexpr std::size_t kMaxCategoryLength = 500;
// What a missing-word question shows where its answers were.
constexpr std::string_view kBlank = "_____";
// A percentage with five decimals is exactly a number of 1e-7 units.
constexpr std::size_t kWeightDecimals = 5;
constexpr std::int64_t kUnitsPerPercent = 100'000;
// Decimal has six places.
constexpr int kDecimalPlaces = 6;
constexpr std::int64_t kMicrosPerUnit = 1'000'000;
// At most 18 digits of micros (numbers below 10^12): two of them still add up within 64 bits,
// which the middle of a range needs.
constexpr std::size_t kMaxMicrosDigits = 18;

// ---- plain text helpers

// The characters PHP's trim() removes, which Moodle applies to every piece of a question.
bool IsTrimmable(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\0';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsTrimmable(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsTrimmable(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsTrimmable(s.back())) s.remove_suffix(1);
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The number of characters (code points) of UTF-8 text.
std::size_t CharacterCount(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < s.size(); ++count) DecodeUtf8(s, pos);
  return count;
}

std::string Where(std::string_view file_name, int line) {
  return std::string(file_name) + ":" + std::to_string(line);
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// `value` / `scale` in decimal, with the fewest digits after the point ("33.33333", "100",
// "-0.5"). `scale` is 10^places.
std::string FormatScaled(std::int64_t value, std::int64_t scale, std::size_t places) {
  std::string out;
  std::uint64_t magnitude = static_cast<std::uint64_t>(value);
  if (value < 0) {
    out += '-';
    magnitude = 0 - magnitude;
  }
  const auto unsigned_scale = static_cast<std::uint64_t>(scale);
  out += std::to_string(magnitude / unsigned_scale);
  const std::uint64_t part = magnitude % unsigned_scale;
  if (part != 0) {
    std::string digits = std::to_string(part);
    digits.insert(0, places - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += '.';
    out += digits;
  }
  return out;
}

std::string FormatPercent(std::int32_t fraction) {
  return FormatScaled(fraction, kUnitsPerPercent, kWeightDecimals);
}

std::string FormatDecimal(Decimal d) {
  return FormatScaled(d.micros, kMicrosPerUnit, static_cast<std::size_t>(kDecimalPlaces));
}

std::optional<TextFormat> FormatFromName(std::string_view name) {
  if (name == "moodle") return TextFormat::kMoodle;
  if (name == "html") return TextFormat::kHtml;
  if (name == "plain") return TextFormat::kPlain;
  if (name == "markdown") return TextFormat::kMarkdown;
  return std::nullopt;
}

std::string_view FormatName(TextFormat format) {
  switch (format) {
    case TextFormat::kMoodle:
      return "moodle";
    case TextFormat::kHtml:
      return "html";
    case TextFormat::kPlain:
      return "plain";
    case TextFormat::kMarkdown:
      return "markdown";
  }
  return "moodle";
}

// ---- names

// Removes HTML tags the way a question name is cleaned: a "<" followed by a letter, "/", "!" or
// "?" starts a tag that runs to the next ">" (a tag never closed takes the rest); any other "<"
// is kept ("a < b" stays). A kept "<" also starts a tag when such a character follows it once a
// tag is removed ("<<b>/x>"), so that cleaning a cleaned name changes nothing.
std::string StripTags(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool starts_tag =
        !out.empty() && out.back() == '<' &&
        ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?');
    if (!starts_tag) {
      out += c;
      continue;
    }
    out.pop_back();
    const std::size_t close = s.find('>', i);
    if (close == kNpos) break;
    i = close;
  }
  return out;
}

// `text` cut to at most `ideal` characters (code points) the way Moodle shortens text: when it
// is longer, it keeps `ideal` - 3 characters or fewer, cut just after the last space or full
// stop (or any CJK character, which may be cut anywhere), and appends "...".
std::string ShortenText(std::string_view text, std::size_t ideal) {
  std::vector<std::size_t> starts;  // the byte offset of each character
  for (std::size_t pos = 0; pos < text.size();) {
    starts.push_back(pos);
    DecodeUtf8(text, pos);
  }
  if (starts.size() <= ideal) return std::string(text);
  const auto char_at = [&](std::size_t k) {
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : text.size();
    return text.substr(starts[k], end - starts[k]);
  };
  const std::size_t left = ideal - 3;  // room for "..."
  std::size_t cut = left;
  for (; cut > 0; --cut) {
    const std::string_view c = char_at(cut);
    if (c == " " || c == "." || c.size() > 2) {
      ++cut;
      break;
    }
  }
  if (cut == 0 || cut > left) cut = left;
  return std::string(text.substr(0, starts[cut])) + "...";
}

std::string CleanName(std::string_view name) {
  const std::string plain = StripTags(name);
  return std::string(Trim(ShortenText(Trim(plain), kMaxNameLength)));
}

std::string DefaultName(std::string_view question_text) {
  std::string plain = StripTags(question_text);
  // A name is one line.
  for (char& c : plain) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  std::string name(Trim(ShortenText(Trim(plain), kDefaultNameLength)));
  return name.empty() ? std::string(kUntitled) : name;
}

// ---- [id:...] and [tag:...] in comments

bool IsControl(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

// The next `opener` token ("[id:", "[tag:") at or after `from` in `comments`: its value up to
// the closing "]", where "\]" stands for a "]" in the value. The value may not contain a control
// character (so it ends with its line) nor any of `forbidden`. A "\]" with no "]" after it
// closes the token itself, its backslash then being part of the value (as a backtracking
// pattern match would read it). Advances `from` past the token; nullopt when there is none.
std::optional<std::string> NextToken(std::string_view comments, std::string_view opener,
                                     std::string_view forbidden, std::size_t& from) {
  for (std::size_t start = comments.find(opener, from), stop = 0; start != kNpos;
       start = comments.find(opener, std::max(start + 1, stop))) {
    const std::size_t value_begin = start + opener.size();
    std::size_t i = value_begin;
    std::size_t last_escape = kNpos;
    std::optional<std::size_t> close;
    while (i < comments.size()) {
      const char c = comments[i];
      if (c == '\\' && i + 1 < comments.size() && comments[i + 1] == ']') {
        last_escape = i;
        i += 2;
        continue;
      }
      if (c == ']') {
        close = i;
        break;
      }
      if (IsControl(c) || forbidden.find(c) != kNpos) break;
      ++i;
    }
    if (!close && last_escape != kNpos) close = last_escape + 1;
    if (!close) {
      // Any opener before `i` would stop there too, without a close: look after it, so that a
      // line of unclosed openers takes linear time, not quadratic.
      stop = i;
      continue;
    }
    from = *close + 1;
    std::string value;
    const std::string_view raw = Trim(comments.substr(value_begin, *close - value_begin));
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '\\' && k + 1 < raw.size() && raw[k + 1] == ']') continue;
      value += raw[k];
    }
    return value;
  }
  from = comments.size();
  return std::nullopt;
}

// Reads the idnumber and the tags of a question from its comment lines; false with `error` for
// an idnumber that holds "[tag:". Each kind of token is looked for on its own, as in Moodle, so
// such an idnumber also gives a tag from its own text, and no file can say that without the tag
// ("[id:x[tag:y]" is the idnumber "x[tag:y" and the tag "y"): the question could not be written
// back as it was read.
bool ReadIdAndTags(std::string_view comments, Question& q, std::string& error) {
  std::size_t from = 0;
  // There should be one id; as in Moodle, the first one counts.
  while (auto id = NextToken(comments, "[id:", "", from)) {
    if (!id->empty()) {
      q.idnumber = std::move(*id);
      break;
    }
  }
  if (q.idnumber.find("[tag:") != std::string::npos) {
    error = "the idnumber " + Quoted(q.idnumber) +
            " contains \"[tag:\", which also reads as a tag: close the [id:...] first";
    return false;
  }
  from = 0;
  while (auto tag = NextToken(comments, "[tag:", "<>`", from)) {
    if (!tag->empty()) q.tags.push_back(std::move(*tag));
  }
  return true;
}

// ---- escapes

// A question after its backslash escapes are decoded. `escaped[i]` marks a character that was
// written with a backslash (\{, \#, \n, ...): it is text, never GIFT syntax, so every search
// for syntax below skips it.
struct Marked {
  std::string chars;
  std::vector<bool> escaped;

  void Append(char c, bool is_escaped) {
    chars.push_back(c);
    escaped.push_back(is_escaped);
  }
  void Append(const Marked& other, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) Append(other.chars[i], other.escaped[i]);
  }
};

bool IsEscapable(char c) {
  return c == '\\' || c == ':' || c == '#' || c == '=' || c == '{' || c == '}' || c == '~';
}

Marked DecodeEscapes(std::string_view raw) {
  Marked out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      const char next = raw[i + 1];
      if (next == 'n' || IsEscapable(next)) {
        out.Append(next == 'n' ? '\n' : next, true);
        ++i;
        continue;
      }
    }
    out.Append(raw[i], false);
  }
  return out;
}

// A piece [begin, end) of a Marked text. Positions are indexes into the whole text, so that a
// position found in a piece can cut any other piece of the same text.
class Span {
 public:
  explicit Span(const Marked& text) : text_(&text), begin_(0), end_(text.chars.size()) {}
  Span(const Marked& text, std::size_t begin, std::size_t end)
      : text_(&text), begin_(begin), end_(std::max(begin, end)) {}

  std::size_t begin() const { return begin_; }
  std::size_t end() const { return end_; }
  bool empty() const { return begin_ == end_; }
  char At(std::size_t pos) const { return text_->chars[pos]; }

  // Whether `syntax` starts at `pos`, inside the span and none of it escaped.
  bool SyntaxAt(std::size_t pos, std::string_view syntax) const {
    if (pos < begin_ || pos + syntax.size() > end_) return false;
    for (std::size_t k = 0; k < syntax.size(); ++k) {
      if (text_->chars[pos + k] != syntax[k] || text_->escaped[pos + k]) return false;
    }
    return true;
  }
  bool StartsWith(std::string_view syntax) const { return SyntaxAt(begin_, syntax); }

  std::size_t Find(std::string_view syntax, std::size_t from) const {
    for (std::size_t pos = std::max(from, begin_); pos + syntax.size() <= end_; ++pos) {
      if (SyntaxAt(pos, syntax)) return pos;
    }
    return kNpos;
  }
  std::size_t Find(std::string_view syntax) const { return Find(syntax, begin_); }
  bool Contains(std::string_view syntax) const { return Find(syntax) != kNpos; }
  std::size_t RFind(std::string_view syntax) const {
    if (end_ - begin_ < syntax.size()) return kNpos;
    for (std::size_t pos = end_ - syntax.size() + 1; pos-- > begin_;) {
      if (SyntaxAt(pos, syntax)) return pos;
    }
    return kNpos;
  }

  Span Sub(std::size_t begin, std::size_t end) const { return Span(*text_, begin, end); }
  Span From(std::size_t begin) const { return Span(*text_, begin, end_); }
  Span Before(std::size_t end) const { return Span(*text_, begin_, end); }

  // Without the unescaped white space at both ends: an escaped \n is text here.
  Span Trimmed() const {
    std::size_t b = begin_, e = end_;
    while (b < e && !text_->escaped[b] && IsTrimmable(text_->chars[b])) ++b;
    while (e > b && !text_->escaped[e - 1] && IsTrimmable(text_->chars[e - 1])) --e;
    return Span(*text_, b, e);
  }
  bool HasEscapes() const {
    for (std::size_t i = begin_; i < end_; ++i) {
      if (text_->escaped[i]) return true;
    }
    return false;
  }
  std::string_view View() const {
    return std::string_view(text_->chars).substr(begin_, end_ - begin_);
  }
  // The characters as a stored text: trimmed of all white space at both ends, escaped line
  // breaks included, as Moodle finishes every text after decoding its escapes.
  std::string Text() const { return std::string(Trim(View())); }

 private:
  const Marked* text_;
  std::size_t begin_;
  std::size_t end_;
};

// The pieces of `span` between unescaped `separator` characters.
std::vector<Span> Split(const Span& span, std::string_view separator) {
  std::vector<Span> pieces;
  std::size_t start = span.begin();
  for (std::size_t pos = span.Find(separator); pos != kNpos;
       pos = span.Find(separator, pos + separator.size())) {
    pieces.push_back(span.Sub(start, pos));
    start = pos + separator.size();
  }
  pieces.push_back(span.From(start));
  return pieces;
}

// Answers are written "=a =b" or "~a ~b": the text before the first marker is an answer only
// when it is not blank.
void DropBlankFirst(std::vector<Span>& pieces) {
  if (!pieces.empty() && pieces.front().Trimmed().empty()) pieces.erase(pieces.begin());
}

// An answer and its feedback, split at the first unescaped "#".
struct WithFeedback {
  Span answer;
  std::optional<Span> feedback;
};

WithFeedback SplitFeedback(const Span& span) {
  const std::size_t hash = span.Find("#");
  if (hash == kNpos) return {span, std::nullopt};
  return {span.Before(hash), span.From(hash + 1)};
}

// A text with its optional leading [format]; `default_format` when there is none. An unknown
// name in brackets is kept as text, as Moodle keeps it.
RichText ReadRichText(const Span& raw, TextFormat default_format) {
  Span span = raw.Trimmed();
  RichText out{"", default_format};
  if (span.StartsWith("[")) {
    const std::size_t close = span.View().find(']');
    if (close != kNpos) {
      if (auto format = FormatFromName(span.View().substr(1, close - 1))) {
        out.format = *format;
        span = span.From(span.begin() + close + 1);
      }
    }
  }
  out.text = span.Text();
  // An empty text has no format of its own, so that it compares equal however it was written.
  if (out.text.empty()) out.format = default_format;
  return out;
}

RichText ReadRichText(const std::optional<Span>& raw, TextFormat default_format) {
  if (!raw) return RichText{"", default_format};
  return ReadRichText(*raw, default_format);
}

// ---- weights and numbers

// Whether `s` is written as a weight: an optional minus, digits, and optionally a point and more
// digits. Text after a "%" that is not a weight stays answer text, as in Moodle.
bool LooksLikeWeight(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  std::size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  return i == s.size();
}

enum class WeightRead { kNone, kRead, kRefused };

// Reads a leading weight "%50%" from `span`, which it then advances past the weight.
WeightRead ReadWeight(Span& span, std::int32_t& fraction, std::string& error) {
  if (!span.StartsWith("%")) return WeightRead::kNone;
  const std::size_t close = span.Find("%", span.begin() + 1);
  if (close == kNpos) return WeightRead::kNone;
  const std::string_view number = span.Sub(span.begin() + 1, close).View();
  if (!LooksLikeWeight(number)) return WeightRead::kNone;
  const bool negative = number.front() == '-';
  std::string_view digits = negative ? number.substr(1) : number;
  const std::size_t point = digits.find('.');
  std::string_view whole = digits.substr(0, point);
  const std::string_view decimals = point == kNpos ? std::string_view() : digits.substr(point + 1);
  if (decimals.size() > kWeightDecimals) {
    error = "the weight " + std::string(number) +
            "% has more than five decimals (0.00001% is the finest step)";
    return WeightRead::kRefused;
  }
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  std::int64_t units = 0;
  if (whole.size() <= 3) {
    for (char c : whole) units = units * 10 + (c - '0');
    units *= kUnitsPerPercent;
    std::int64_t scale = kUnitsPerPercent;
    for (char c : decimals) {
      scale /= 10;
      units += (c - '0') * scale;
    }
  }
  if (whole.size() > 3 || units > kFractionOne) {
    error = "the weight " + std::string(number) + "% is not between -100% and 100%";
    return WeightRead::kRefused;
  }
  fraction = static_cast<std::int32_t>(negative ? -units : units);
  span = span.From(close + 1).Trimmed();
  return WeightRead::kRead;
}

enum class NumberRead { kOk, kNotNumber, kTooPrecise, kTooLarge };

// Reads a decimal number exactly into micros: optional sign, digits with an optional point, an
// optional exponent ("1.5e3"). Never rounds: a value needing a seventh decimal is kTooPrecise.
NumberRead ReadNumber(std::string_view s, std::int64_t& micros) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits;
  std::int64_t decimals = 0;
  while (i < s.size() && IsDigit(s[i])) digits += s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) {
      digits += s[i++];
      ++decimals;
    }
  }
  if (digits.empty()) return NumberRead::kNotNumber;
  std::int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exponent_negative = s[i++] == '-';
    const std::size_t exponent_begin = i;
    while (i < s.size() && IsDigit(s[i])) {
      // Past 10^6 the answer is too large or too precise either way; stop growing.
      if (exponent < 1'000'000) exponent = exponent * 10 + (s[i] - '0');
      ++i;
    }
    if (i == exponent_begin) return NumberRead::kNotNumber;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != s.size()) return NumberRead::kNotNumber;

  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    micros = 0;
    return NumberRead::kOk;
  }
  digits.erase(0, first);
  // The value is digits * 10^shift micros.
  const std::int64_t shift = exponent - decimals + kDecimalPlaces;
  if (shift < 0) {
    const auto dropped = static_cast<std::size_t>(-shift);
    if (dropped >= digits.size()) return NumberRead::kTooPrecise;  // a nonzero digit is lost
    if (digits.find_first_not_of('0', digits.size() - dropped) != std::string::npos) {
      return NumberRead::kTooPrecise;
    }
    digits.resize(digits.size() - dropped);
  } else {
    if (digits.size() + static_cast<std::size_t>(shift) > kMaxMicrosDigits) {
      return NumberRead::kTooLarge;
    }
    digits.append(static_cast<std::size_t>(shift), '0');
  }
  if (digits.size() > kMaxMicrosDigits) return NumberRead::kTooLarge;
  std::int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  micros = negative ? -value : value;
  return NumberRead::kOk;
}

bool ReadNumberOrExplain(std::string_view s, std::int64_t& micros, std::string& error) {
  switch (ReadNumber(s, micros)) {
    case NumberRead::kOk:
      return true;
    case NumberRead::kNotNumber:
      error = Quoted(s) + " is not a number";
      return false;
    case NumberRead::kTooPrecise:
      error = std::string(s) + " has more than six decimals";
      return false;
    case NumberRead::kTooLarge:
      error = std::string(s) + " is too large (numbers must be below 1000000000000)";
      return false;
  }
  return false;
}

// Reads "value", "value:tolerance" or "min..max" into `answer`.
bool ReadNumericalValue(std::string_view spec, Answer& answer, std::string& error) {
  std::int64_t value = 0, tolerance = 0;
  const std::size_t dots = spec.find("..");
  const std::size_t colon = spec.find(':');
  if (dots != kNpos && dots > 0) {
    std::int64_t min = 0, max = 0;
    if (!ReadNumberOrExplain(Trim(spec.substr(0, dots)), min, error) ||
        !ReadNumberOrExplain(Trim(spec.substr(dots + 2)), max, error)) {
      return false;
    }
    if (min > max) {
      error = "the range " + std::string(spec) + " starts above its end";
      return false;
    }
    // Both fit in 18 digits, so their sum fits in 64 bits; the sum and the difference have the
    // same parity, so one check covers the middle and the half-width.
    if ((max + min) % 2 != 0) {
      error = "the middle of the range " + std::string(spec) + " needs more than six decimals";
      return false;
    }
    value = (max + min) / 2;
    tolerance = (max - min) / 2;
  } else if (colon != kNpos && colon > 0) {
    if (!ReadNumberOrExplain(Trim(spec.substr(0, colon)), value, error) ||
        !ReadNumberOrExplain(Trim(spec.substr(colon + 1)), tolerance, error)) {
      return false;
    }
    if (tolerance < 0) {
      error = "the tolerance in " + std::string(spec) + " is negative";
      return false;
    }
  } else if (!ReadNumberOrExplain(spec, value, error)) {
    return false;
  }
  answer.value.micros = value;
  answer.tolerance.micros = tolerance;
  return true;
}

std::string AnswerLabel(std::size_t index) { return "answer " + std::to_string(index + 1); }

std::int32_t MaxFraction(const std::vector<Answer>& answers) {
  std::int32_t best = -kFractionOne - 1;
  for (const Answer& a : answers) best = std::max(best, a.fraction);
  return best;
}

// ---- the question types

bool ReadMultipleChoice(const Span& answers, Question& q, std::string& error) {
  q.type = QuestionType::kMultipleChoice;
  // Moodle's rule: a "=" anywhere makes it a one-answer question.
  q.single = answers.Contains("=");
  struct Choice {
    char marker;  // '~', '=', or '\0' for text before the first marker
    Span span;
  };
  std::vector<Choice> choices;
  char marker = '\0';
  std::size_t start = answers.begin();
  for (std::size_t pos = answers.begin(); pos < answers.end(); ++pos) {
    if (answers.SyntaxAt(pos, "~") || answers.SyntaxAt(pos, "=")) {
      choices.push_back({marker, answers.Sub(start, pos)});
      marker = answers.At(pos);
      start = pos + 1;
    }
  }
  choices.push_back({marker, answers.From(start)});
  if (choices.front().marker == '\0' && choices.front().span.Trimmed().empty()) {
    choices.erase(choices.begin());
  }
  if (choices.size() < 2) {
    error = "a multiple-choice question needs at least two answers";
    return false;
  }
  const TextFormat format = q.text.format;
  for (std::size_t k = 0; k < choices.size(); ++k) {
    Span span = choices[k].span.Trimmed();
    Answer a;
    if (choices[k].marker == '=') {
      a.fraction = kFractionOne;
      std::int32_t ignored = 0;
      std::string weight_error;
      Span probe = span;
      if (ReadWeight(probe, ignored, weight_error) != WeightRead::kNone) {
        error = AnswerLabel(k) +
                ": \"=\" marks a right answer worth 100%; write ~%50%answer for partial credit";
        return false;
      }
    } else if (ReadWeight(span, a.fraction, error) == WeightRead::kRefused) {
      error = AnswerLabel(k) + ": " + error;
      return false;
    }
    const WithFeedback parts = SplitFeedback(span);
    a.text = ReadRichText(parts.answer, format);
    a.feedback = ReadRichText(parts.feedback, format);
    if (a.text.text.empty()) {
      error = AnswerLabel(k) + " is empty";
      return false;
    }
    q.answers.push_back(std::move(a));
  }
  if (!q.single) {
    std::int64_t total = 0;
    for (const Answer& a : q.answers) total += std::max<std::int32_t>(a.fraction, 0);
    if (total == 0) {
      error =
          "a multiple-choice question needs a right answer: mark it with =, or give the right "
          "answers weights such as ~%50% that add up to 100%";
      return false;
    }
    // Moodle accepts a total that rounds to 100% (99.5% up to 100.5%), so that three answers of
    // 33.33333% make a valid question.
    constexpr std::int64_t kHalfPercent = kUnitsPerPercent / 2;
    if (total < kFractionOne - kHalfPercent || total >= kFractionOne + kHalfPercent) {
      error = "the weights of the right answers add up to " +
              FormatScaled(total, kUnitsPerPercent, kWeightDecimals) + "%, not 100%";
      return false;
    }
  }
  return true;
}

bool ReadMatching(const Span& answers, Question& q, std::string& error) {
  q.type = QuestionType::kMatching;
  std::vector<Span> pieces = Split(answers, "=");
  DropBlankFirst(pieces);
  std::size_t items = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Span piece = pieces[k].Trimmed();
    const std::size_t arrow = piece.Find("->");
    const std::string label = "pair " + std::to_string(k + 1);
    if (arrow == kNpos) {
      error = label + " has no \"->\": write =question -> answer";
      return false;
    }
    MatchPair pair;
    pair.question = ReadRichText(piece.Before(arrow), q.text.format);
    pair.answer = piece.From(arrow + 2).Text();
    if (pair.question.text.empty() && pair.answer.empty()) {
      error = label + " is empty";
      return false;
    }
    if (!pair.question.text.empty()) {
      if (pair.answer.empty()) {
        error = label + " (" + Quoted(pair.question.text) + ") has no answer after ->";
        return false;
      }
      ++items;
    }
    q.pairs.push_back(std::move(pair));
  }
  if (items < 2) {
    error = "a matching question needs at least two pairs =question -> answer";
    return false;
  }
  return true;
}

void ReadTrueFalse(const Span& answers, bool truth, Question& q) {
  q.type = QuestionType::kTrueFalse;
  // {TRUE#shown for a wrong response#shown for a right response}: the third part keeps any
  // further "#".
  std::optional<Span> wrong, right;
  const std::size_t first = answers.Find("#");
  if (first != kNpos) {
    const std::size_t second = answers.Find("#", first + 1);
    wrong = answers.Sub(first + 1, second == kNpos ? answers.end() : second);
    if (second != kNpos) right = answers.From(second + 1);
  }
  const RichText wrong_feedback = ReadRichText(wrong, q.text.format);
  const RichText right_feedback = ReadRichText(right, q.text.format);
  Answer true_answer, false_answer;
  true_answer.text = RichText{"true", TextFormat::kMoodle};
  false_answer.text = RichText{"false", TextFormat::kMoodle};
  true_answer.fraction = truth ? kFractionOne : 0;
  false_answer.fraction = truth ? 0 : kFractionOne;
  true_answer.feedback = truth ? right_feedback : wrong_feedback;
  false_answer.feedback = truth ? wrong_feedback : right_feedback;
  q.answers = {std::move(true_answer), std::move(false_answer)};
  // A second try at a true/false question is a sure guess, so Moodle takes the whole mark.
  q.penalty = kFractionOne;
}

bool ReadShortAnswer(const Span& answers, Question& q, std::string& error) {
  q.type = QuestionType::kShortAnswer;
  std::vector<Span> pieces = Split(answers, "=");
  DropBlankFirst(pieces);
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    Span span = pieces[k].Trimmed();
    Answer a;
    a.fraction = kFractionOne;
    if (ReadWeight(span, a.fraction, error) == WeightRead::kRefused) {
      error = AnswerLabel(k) + ": " + error;
      return false;
    }
    const WithFeedback parts = SplitFeedback(span);
    a.text = ReadRichText(parts.answer, q.text.format);
    a.feedback = ReadRichText(parts.feedback, q.text.format);
    if (a.text.text.empty()) {
      error = AnswerLabel(k) + " is empty";
      return false;
    }
    q.answers.push_back(std::move(a));
  }
  if (q.answers.empty()) {
    error = "a short-answer question needs at least one answer";
    return false;
  }
  if (MaxFraction(q.answers) != kFractionOne) {
    error = "a short-answer question needs an answer worth 100%";
    return false;
  }
  return true;
}

// Numerical answers have no text; "*" marks the catch-all answer ("any other number"), which
// GIFT writes as ~#feedback and which is kept for its feedback.
constexpr std::string_view kAnyNumber = "*";

bool ReadNumerical(const Span& answers, Question& q, std::string& error) {
  q.type = QuestionType::kNumerical;
  Span body = answers.From(answers.begin() + 1);  // after the leading "#"
  // "~#feedback" after the answers: a catch-all answer worth 0, for its feedback.
  std::optional<Span> catch_all;
  const std::size_t tilde = body.Find("~");
  if (tilde != kNpos) {
    catch_all = body.From(tilde + 1);
    body = body.Before(tilde);
  }
  std::vector<Span> pieces = Split(body, "=");
  DropBlankFirst(pieces);
  if (pieces.empty() || (pieces.size() == 1 && pieces.front().Trimmed().empty())) {
    error = "a numerical question needs at least one answer, such as {#3.14:0.01}";
    return false;
  }
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    Span span = pieces[k].Trimmed();
    Answer a;
    a.fraction = kFractionOne;
    if (ReadWeight(span, a.fraction, error) == WeightRead::kRefused) {
      error = AnswerLabel(k) + ": " + error;
      return false;
    }
    const WithFeedback parts = SplitFeedback(span);
    a.feedback = ReadRichText(parts.feedback, q.text.format);
    const Span spec = parts.answer.Trimmed();
    if (spec.empty()) {
      error = AnswerLabel(k) + " is empty";
      return false;
    }
    if (spec.HasEscapes()) {
      error = AnswerLabel(k) + ": " + Quoted(spec.Text()) + " is not a number";
      return false;
    }
    if (spec.View() == kAnyNumber) {
      a.text.text = std::string(kAnyNumber);
    } else if (!ReadNumericalValue(spec.View(), a, error)) {
      error = AnswerLabel(k) + ": " + error;
      return false;
    }
    q.answers.push_back(std::move(a));
  }
  if (catch_all) {
    Answer a;
    a.text.text = std::string(kAnyNumber);
    a.feedback = ReadRichText(SplitFeedback(*catch_all).feedback, q.text.format);
    q.answers.push_back(std::move(a));
  }
  if (MaxFraction(q.answers) != kFractionOne) {
    error = "a numerical question needs an answer worth 100%";
    return false;
  }
  return true;
}

// Reads one question: `body` is its lines joined (comment lines emptied), `comments` its comment
// lines. On failure returns false with a teacher-readable `error`.
bool ReadQuestion(std::string_view body, std::string_view comments, Question& q,
                  std::string& error) {
  const Marked marked = DecodeEscapes(body);
  Span text = Span(marked).Trimmed();

  std::optional<std::string> name;
  if (text.StartsWith("::")) {
    const std::size_t close = text.Find("::", text.begin() + 2);
    if (close != kNpos) {
      name = CleanName(text.Sub(text.begin() + 2, close).Text());
      text = text.From(close + 2).Trimmed();
    } else {
      // Moodle reads an unclosed "::" as the start of the text and names the question after it.
      text = text.From(text.begin() + 2).Trimmed();
    }
  }

  const std::size_t open = text.Find("{");
  const std::size_t close = text.Find("}");
  const bool description = open == kNpos && close == kNpos;
  if (!description) {
    if (close == kNpos) {
      error = "no closing brace } after the answers that start with {";
      return false;
    }
    if (open == kNpos) {
      error = "no opening brace { before the answers that end with }";
      return false;
    }
    if (close < open) {
      error = "a closing brace } comes before the opening brace {";
      return false;
    }
    if (text.Find("{", open + 1) != kNpos || text.Find("}", close + 1) != kNpos) {
      error =
          "more than one { or }: the answers go in one {...}; write \\{ or \\} for a brace in the "
          "text";
      return false;
    }
  }

  // The question text: without the answers, or with "_____" in their place when text follows
  // them (the missing-word format).
  Marked joined;
  Span question_text = text;
  Span answers = text.Sub(text.begin(), text.begin());
  if (!description) {
    answers = text.Sub(open + 1, close).Trimmed();
    if (close + 1 == text.end()) {
      question_text = text.Before(open);
    } else {
      joined.Append(marked, text.begin(), open);
      for (char c : kBlank) joined.Append(c, false);
      joined.Append(marked, close + 1, text.end());
      question_text = Span(joined);
    }
  }
  std::optional<Span> general_feedback;
  if (const std::size_t hashes = answers.RFind("####"); hashes != kNpos) {
    general_feedback = answers.From(hashes + 4);
    answers = answers.Before(hashes).Trimmed();
  }

  q.text = ReadRichText(question_text, TextFormat::kMoodle);
  if (q.text.text.empty()) {
    error = "the question has no text";
    return false;
  }
  q.general_feedback = ReadRichText(general_feedback, q.text.format);
  q.name = name && !name->empty() ? std::move(*name) : DefaultName(q.text.text);
  if (!ReadIdAndTags(comments, q, error)) return false;

  if (description) {
    q.type = QuestionType::kDescription;
    q.default_mark = 0;  // a description is not answered, so it has no mark
    return true;
  }
  if (answers.empty()) {
    q.type = QuestionType::kEssay;
    return true;
  }
  if (answers.StartsWith("#")) return ReadNumerical(answers, q, error);
  if (answers.Contains("~")) return ReadMultipleChoice(answers, q, error);
  if (answers.Contains("=") && answers.Contains("->")) return ReadMatching(answers, q, error);
  const std::size_t hash = answers.Find("#");
  const Span head = (hash == kNpos ? answers : answers.Before(hash)).Trimmed();
  if (!head.HasEscapes()) {
    const std::string_view word = head.View();
    if (word == "T" || word == "TRUE" || word == "F" || word == "FALSE") {
      ReadTrueFalse(answers, word.front() == 'T', q);
      return true;
    }
  }
  return ReadShortAnswer(answers, q, error);
}

// ---- the file

// Why `content` (line ends already made LF) is not UTF-8 text, and on which line; nullopt when
// it is.
std::optional<std::string> EncodingProblem(std::string_view content, int& line) {
  line = 1;
  for (std::size_t pos = 0; pos < content.size();) {
    const auto byte = static_cast<unsigned char>(content[pos]);
    if (byte == '\n') ++line;
    if (byte == 0) return "line " + std::to_string(line) + " has NUL bytes, as UTF-16 text has";
    if (byte < 0x80) {
      ++pos;
      continue;
    }
    if (!DecodeUtf8(content, pos)) {
      constexpr char kHex[] = "0123456789ABCDEF";
      return "line " + std::to_string(line) + " has the byte 0x" + kHex[byte >> 4] +
             kHex[byte & 0xF] + ", which UTF-8 does not allow there";
    }
  }
  return std::nullopt;
}

std::optional<std::string> ForeignByteOrderMark(std::string_view content) {
  // Explicit lengths: the marks contain NUL bytes.
  const auto starts = [&](const char* bom, std::size_t size) {
    return content.substr(0, size) == std::string_view(bom, size);
  };
  if (starts("\x00\x00\xFE\xFF", 4) || starts("\xFF\xFE\x00\x00", 4)) {
    return "it starts with a UTF-32 byte order mark";
  }
  if (starts("\xFE\xFF", 2) || starts("\xFF\xFE", 2)) {
    return "it starts with a UTF-16 byte order mark";
  }
  return std::nullopt;
}

struct Line {
  int number;
  std::string_view text;
};

// Reads one block of lines (no blank line inside) into `out`. A "$CATEGORY:" line changes
// `category` for this and the following questions.
void ReadBlock(const std::vector<Line>& block, std::string& category, std::string_view file_name,
               ParsedQuestions& out) {
  std::string comments;
  std::vector<std::string_view> content;
  for (const Line& line : block) {
    const std::string_view trimmed = Trim(line.text);
    if (trimmed.starts_with("//")) {
      comments += trimmed;
      comments += '\n';
      content.emplace_back();
    } else {
      // Trailing white space is invisible to the teacher; leading white space is kept, as it
      // matters inside <pre>.
      content.push_back(TrimRight(line.text));
    }
  }
  const auto next_text_line = [&](std::size_t from) {
    while (from < content.size() && Trim(content[from]).empty()) ++from;
    return from;
  };
  std::size_t first = next_text_line(0);
  if (first == content.size()) return;  // only comments
  constexpr std::string_view kCategory = "$CATEGORY:";
  if (const std::string_view head = Trim(content[first]); head.starts_with(kCategory)) {
    const std::string_view path = Trim(head.substr(kCategory.size()));
    if (CharacterCount(path) <= kMaxCategoryLength) {
      category = std::string(path);
    } else {
      // The store would refuse it too. It is not kept: each question after it holds a copy,
      // which for a long path and many short questions would take memory far beyond the file's
      // size.
      out.problems.push_back(
          {Where(file_name, block[first].number),
           "the category has more than " + std::to_string(kMaxCategoryLength) + " characters"});
    }
    // A question right below the category line, with no blank line between, is still read.
    first = next_text_line(first + 1);
    if (first == content.size()) return;
  }
  std::string body;
  for (std::size_t k = first; k < content.size(); ++k) {
    if (k > first) body += '\n';
    body += content[k];
  }
  Question q;
  q.category = category;
  std::string error;
  if (ReadQuestion(body, comments, q, error)) {
    out.questions.push_back(std::move(q));
  } else {
    out.problems.push_back({Where(file_name, block[first].number), std::move(error)});
  }
}

// ---- writing

// A text with GIFT's special characters escaped; a line break becomes \n, so that every text
// stays on one line.
std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      continue;  // not representable; line ends are LF
    } else {
      if (IsEscapable(c)) out += '\\';
      out += c;
    }
  }
  return out;
}

// A rich text as GIFT, with its format written when it differs from `default_format`, and also
// when the text starts with "[" (which would be read as a format) or "%" (a weight).
std::string WriteRichText(const RichText& t, TextFormat default_format) {
  if (t.text.empty()) return "";
  std::string out;
  if (t.format != default_format || t.text.front() == '[' || t.text.front() == '%') {
    out += '[';
    out += FormatName(t.format);
    out += ']';
  }
  out += Escape(t.text);
  return out;
}

std::string WriteFeedback(const RichText& feedback, TextFormat default_format) {
  if (feedback.text.empty()) return "";
  return "#" + WriteRichText(feedback, default_format);
}

std::string WriteGeneralFeedback(const Question& q, std::string_view indent) {
  if (q.general_feedback.text.empty()) return "";
  std::string out(indent);
  out += "####" + WriteRichText(q.general_feedback, q.text.format);
  if (!indent.empty()) out += '\n';
  return out;
}

// An idnumber or tag inside [id:...] or [tag:...].
std::string EscapeToken(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ']') out += '\\';
    out += c;
  }
  return out;
}

// The comment line with the idnumber and the tags: "// [id:Q-17] [tag:algebra]". A value that
// ends with a backslash is written "[id:a\]", which closes there only when no "]" follows on
// the line, so the line ends after it.
std::string WriteIdAndTags(const Question& q) {
  std::string out;
  const auto add = [&out](std::string_view opener, const std::string& value) {
    if (out.empty() || out.back() == '\n') out += "//";
    out += ' ';
    out += opener;
    out += EscapeToken(value);
    out += ']';
    if (value.ends_with('\\')) out += '\n';
  };
  if (!q.idnumber.empty()) add("[id:", q.idnumber);
  for (const std::string& tag : q.tags) add("[tag:", tag);
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::string WriteAnswers(const Question& q) {
  const TextFormat format = q.text.format;
  std::string out = "{\n";
  switch (q.type) {
    case QuestionType::kMultipleChoice: {
      // "~" must appear for the question to read as multiple choice: with every answer right,
      // the last one is written ~%100%, which keeps its weight.
      std::size_t last_tilde_free = q.answers.size();
      if (q.single) {
        bool any_tilde = false;
        for (std::size_t k = 0; k < q.answers.size(); ++k) {
          if (q.answers[k].fraction == kFractionOne) {
            last_tilde_free = k;
          } else {
            any_tilde = true;
          }
        }
        if (any_tilde) last_tilde_free = q.answers.size();
      }
      for (std::size_t k = 0; k < q.answers.size(); ++k) {
        const Answer& a = q.answers[k];
        out += '\t';
        if (q.single && a.fraction == kFractionOne && k != last_tilde_free) {
          out += '=';
        } else if (a.fraction == 0) {
          out += '~';
        } else {
          out += "~%" + FormatPercent(a.fraction) + "%";
        }
        out += WriteRichText(a.text, format) + WriteFeedback(a.feedback, format) + "\n";
      }
      break;
    }
    case QuestionType::kShortAnswer: {
      // "=" with "->" anywhere in the braces reads as matching, and GIFT has no escape for
      // "->". A single answer (the only kind that can hold "->", since several need "=") is
      // then written without "=": its weight still keeps "T" or "F" from reading as true/false.
      const auto holds_arrow = [](const Answer& a) {
        return a.text.text.find("->") != std::string::npos ||
               a.feedback.text.find("->") != std::string::npos;
      };
      const std::string_view marker =
          q.answers.size() == 1 && holds_arrow(q.answers.front()) ? "" : "=";
      for (const Answer& a : q.answers) {
        out += "\t" + std::string(marker) + "%" + FormatPercent(a.fraction) + "%" +
               WriteRichText(a.text, format) + WriteFeedback(a.feedback, format) + "\n";
      }
      break;
    }
    case QuestionType::kNumerical:
      out = "{#\n";
      for (const Answer& a : q.answers) {
        out += "\t=%" + FormatPercent(a.fraction) + "%";
        if (a.text.text == kAnyNumber) {
          out += kAnyNumber;
        } else {
          out += FormatDecimal(a.value) + ":" + FormatDecimal(a.tolerance);
        }
        out += WriteFeedback(a.feedback, format) + "\n";
      }
      break;
    case QuestionType::kMatching:
      for (const MatchPair& pair : q.pairs) {
        out += "\t=" + WriteRichText(pair.question, format) + " -> " + Escape(pair.answer) + "\n";
      }
      break;
    case QuestionType::kTrueFalse:
    case QuestionType::kEssay:
    case QuestionType::kDescription:
      break;
  }
  out += WriteGeneralFeedback(q, "\t");
  out += "}";
  return out;
}

std::string WriteTrueFalse(const Question& q) {
  const Answer* true_answer = nullptr;
  const Answer* false_answer = nullptr;
  for (const Answer& a : q.answers) {
    if (a.text.text == "true" && !true_answer) true_answer = &a;
    if (a.text.text == "false" && !false_answer) false_answer = &a;
  }
  const bool truth = true_answer ? true_answer->fraction == kFractionOne
                                 : !(false_answer && false_answer->fraction == kFractionOne);
  const RichText none{"", q.text.format};
  const RichText& true_feedback = true_answer ? true_answer->feedback : none;
  const RichText& false_feedback = false_answer ? false_answer->feedback : none;
  const RichText& right = truth ? true_feedback : false_feedback;
  const RichText& wrong = truth ? false_feedback : true_feedback;
  std::string out = truth ? "{TRUE" : "{FALSE";
  if (!wrong.text.empty()) {
    out += "#" + WriteRichText(wrong, q.text.format);
  } else if (!right.text.empty()) {
    out += '#';
  }
  if (!right.text.empty()) out += "#" + WriteRichText(right, q.text.format);
  out += WriteGeneralFeedback(q, "");
  out += '}';
  return out;
}

}  // namespace

ParsedQuestions ParseGift(std::string_view content, std::string_view file_name) {
  ParsedQuestions result;
  const auto refuse_encoding = [&](int line, const std::string& why) {
    result.problems.push_back({Where(file_name, line), std::string(file_name) + " is not UTF-8 (" +
                                                           why + "); save it as UTF-8"});
    return result;
  };
  if (auto bom = ForeignByteOrderMark(content)) return refuse_encoding(1, *bom);
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);

  // CRLF and a lone CR (old Mac files) both end a line.
  std::string text;
  text.reserve(content.size());
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\r') {
      text += '\n';
      if (i + 1 < content.size() && content[i + 1] == '\n') ++i;
    } else {
      text += content[i];
    }
  }
  int bad_line = 0;
  if (auto why = EncodingProblem(text, bad_line)) return refuse_encoding(bad_line, *why);

  std::vector<Line> lines;
  int number = 1;
  for (std::size_t start = 0;; ++number) {
    const std::size_t end = text.find('\n', start);
    lines.push_back({number, std::string_view(text).substr(start, end - start)});
    if (end == std::string::npos) break;
    start = end + 1;
  }

  std::string category;
  std::vector<Line> block;
  for (const Line& line : lines) {
    if (!Trim(line.text).empty()) {
      block.push_back(line);
      continue;
    }
    if (!block.empty()) ReadBlock(block, category, file_name, result);
    block.clear();
  }
  if (!block.empty()) ReadBlock(block, category, file_name, result);

  if (!result.problems.empty()) result.questions.clear();
  return result;
}

std::string WriteGift(const std::vector<Question>& questions) {
  std::string out;
  std::string category;
  for (const Question& q : questions) {
    if (q.category != category) {
      out += "$CATEGORY: " + q.category + "\n\n";
      category = q.category;
    }
    out += WriteIdAndTags(q);
    // The name is always written, so that the text never starts a line where it could read as
    // a comment or a category.
    out += "::" + Escape(q.name) + "::" + WriteRichText(q.text, TextFormat::kMoodle);
    switch (q.type) {
      case QuestionType::kDescription:
        break;
      case QuestionType::kEssay:
        out += "{" + WriteGeneralFeedback(q, "") + "}";
        break;
      case QuestionType::kTrueFalse:
        out += WriteTrueFalse(q);
        break;
      case QuestionType::kMultipleChoice:
      case QuestionType::kShortAnswer:
      case QuestionType::kNumerical:
      case QuestionType::kMatching:
        out += WriteAnswers(q);
        break;
    }
    out += "\n\n";
  }
  return out;
}

}  // namespace bsg::course
