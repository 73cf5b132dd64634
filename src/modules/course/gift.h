// Moodle's GIFT question format: reading a teacher's text file into questions, and writing
// questions back as GIFT.
//
// A file is a list of blocks separated by blank lines (lines of white space count as blank).
// Each block is one question, a `$CATEGORY:` line, or comment lines only:
//
//   $CATEGORY: $course$/top/Module 1           the category of the questions that follow
//
//   // [id:Q-17] [tag:algebra] [tag:week\]2]    comment lines; [id:] and [tag:] set the
//   ::Grant::Who is buried in Grant's tomb?{   idnumber and tags (\] is a ] inside them)
//     =no one#Right!                           a right answer, with its feedback after #
//     ~Grant#No, he is in a sarcophagus.       a wrong answer
//     ~%50%Grant's wife                        a wrong answer worth 50% of the mark
//     ####The tomb holds Grant and his wife.   general feedback, last in the braces
//   }
//
// The types, told apart the way Moodle tells them apart:
//   no braces at all                  description (text only, mark 0)
//   {}                                essay
//   {#3.14:0.005} {#3.1..3.2}         numerical: value:tolerance or min..max; several answers
//   {#=%100%3:0 =%50%3:1 ~#Wrong}     with weights; ~#feedback adds a catch-all "*" answer
//   {~a =b}  {~%50%a ~%50%b ~c}       multiple choice: one right answer (=), or, without any =,
//                                     several right answers whose weights add up to 100%
//   {=Canada -> Ottawa =Italy -> Rome}  matching; "= -> Chat" adds an extra wrong answer
//   {T} {TRUE} {F} {FALSE}            true/false; {TRUE#feedback if wrong#feedback if right}
//   {=Frog =%50%Cat}                  short answer
// Text before and after the braces makes a missing-word question: the braces become "_____".
// Without ::name:: the name is the start of the question text (80 characters at most, cut after
// a space or a full stop and ended with "...", HTML tags removed).
//
// Any text (question, answer, feedback, general feedback, matching item) may start with a format:
// [moodle] [html] [plain] [markdown]. The question text defaults to [moodle]; every other text
// defaults to the question text's format. An empty text always has the default format.
// Escapes: \~ \= \# \{ \} \: \\ stand for the character itself and \n for a line break; any other
// backslash is kept as it is. Lines whose first non-blank characters are // are comments, even
// inside a question. Every text is trimmed of white space at both ends.
//
// Weights are percentages with up to five decimals, from -100% to 100%: "%33.33333%" is exactly
// 3333333 units (question.h). Numbers are decimals with up to six places (an exponent such as
// 1.5e3 is allowed); a range's middle and half-width must also fit in six places.
//
// Defaults of the imported questions (GIFT cannot say otherwise): default_mark 1 (0 for a
// description), penalty 3333333 (kFractionOne for true/false, whose second try would be a sure
// guess, as Moodle sets it), shuffle_answers true, case_sensitive false, single true except for
// a multiple-choice question without "=".
#ifndef BSG_MODULES_COURSE_GIFT_H_
#define BSG_MODULES_COURSE_GIFT_H_

#include <string>
#include <string_view>
#include <vector>

#include "modules/course/question.h"

namespace bsg::course {

// Reads a whole GIFT file. `file_name` is used in problem locations ("name.txt:12", the line
// where the question starts, comments before it not counted).
//
// The file must be UTF-8 (a UTF-8 byte order mark is skipped); anything else gives one problem
// and no questions. Line ends may be LF, CRLF or CR. A malformed question gives one problem and
// reading goes on, so that every problem of the file is reported at once; when there are
// problems, `questions` is empty (an import is all or nothing).
//
// Refused, with a message saying why: a missing { or }, more than one {...}; a question without
// text; an empty answer; a weight that is not between -100% and 100% or has more than five
// decimals; a multiple-choice question with fewer than two answers, without a right answer, or
// (without "=") whose positive weights do not add up to 100% (rounded to a whole percent, as
// Moodle does, so 3 x 33.33333% passes); "=%50%answer" in a multiple-choice question; a short-
// answer or numerical question without an answer worth 100%; a number that is malformed, too
// large (10^12 or more) or more precise than six decimals; a negative tolerance; a range whose
// start is above its end or whose middle needs a seventh decimal; a matching question with fewer
// than two items, an item without "->" or without an answer; an idnumber containing "[tag:"
// (Moodle reads the tag out of it, so no file can carry that idnumber); a category longer than
// 500 characters (the bank's limit).
ParsedQuestions ParseGift(std::string_view content, std::string_view file_name);

// Writes questions as GIFT that ParseGift reads back to equal questions, for every question
// ParseGift can produce: categories ($CATEGORY: when it changes), names, idnumber and tags,
// formats, feedback, weights, numerical answers (value:tolerance, fewest digits), matching
// pairs and general feedback.
//
// What GIFT cannot carry comes back as the import defaults: default_mark, penalty,
// shuffle_answers, case_sensitive, and a description's general feedback. Nor can it carry white
// space at either end of a text, a carriage return, an HTML tag in a name (names are cleaned of
// tags), "->" in a matching item's text (it would split the pair), in a short answer with more
// than one answer or in a short answer's feedback (GIFT has no escape for it, and "=" with "->"
// reads as matching; a one-answer short answer is written without "=" and comes back), a
// category with a line break, or an idnumber or tag that contains a line break or (tags only)
// < > or `. An idnumber or tag ending with a backslash ends its comment line, and comes back.
std::string WriteGift(const std::vector<Question>& questions);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_GIFT_H_
