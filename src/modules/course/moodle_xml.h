// Moodle XML question files (the <quiz> format of Moodle's question bank import and export):
// read into bsg::course::Question values and written back from them.
//
// Reading is all or nothing: every problem of the file is reported in one pass, each with the
// question it belongs to ("quiz.xml: question 3 (Capitals)") or the line it is on
// ("quiz.xml:12"), and the caller stores the questions only when there is none. The file must be
// UTF-8; it is parsed with libxml2 without network access, without loading DTDs and without
// substituting entities, and a file with a DOCTYPE is refused.
//
// Supported question types: multichoice, truefalse, shortanswer, numerical, matching (also
// spelled "match"), essay and description, with the category questions that set the category
// of the questions after them. Other types (cloze, calculated, ddwtos, ...) are refused by name.
// Elements the data model has no place for (hints, combined feedback, units, essay response
// options, embedded <file>s, <hidden>) are accepted and ignored. A category longer than 500
// characters (the bank's limit) is refused; problem locations show a question's name up to its
// first 100 characters.
#ifndef BSG_MODULES_COURSE_MOODLE_XML_H_
#define BSG_MODULES_COURSE_MOODLE_XML_H_

#include <string>
#include <string_view>
#include <vector>

#include "modules/course/question.h"

namespace bsg::course {

// Reads a whole Moodle XML <quiz> file. `file_name` is used in problem locations.
ParsedQuestions ParseMoodleXml(std::string_view content, std::string_view file_name);

// Writes questions as Moodle XML that ParseMoodleXml reads back to equal questions.
std::string WriteMoodleXml(const std::vector<Question>& questions);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_MOODLE_XML_H_
