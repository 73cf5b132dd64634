// The check both course fuzzers make on every input: reading any bytes gives questions or
// problems (never both: an import is all or nothing), and questions that read without problems
// are written and read back equal, as gift.h and moodle_xml.h promise ("export then import
// gives the same questions"). A broken promise prints what was written and traps, so that
// libFuzzer saves the input as a crash.
#ifndef BSG_FUZZ_ROUND_TRIP_H_
#define BSG_FUZZ_ROUND_TRIP_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "modules/course/question.h"

namespace bsg::fuzz {

// Reports a broken promise with what was written, then stops with a crash.
[[noreturn]] inline void Fail(const char* format_name, const char* why,
                              const std::string& written) {
  std::fprintf(stderr, "%s round trip: %s\n--- written ---\n%s\n--- end ---\n", format_name, why,
               written.c_str());
  __builtin_trap();
}

// `parse` is ParseGift or ParseMoodleXml, `write` the matching writer.
template <typename Parse, typename Write>
void CheckRoundTrip(const char* format_name, std::string_view input, Parse parse, Write write) {
  const course::ParsedQuestions first = parse(input, "fuzz");
  if (!first.problems.empty()) {
    if (!first.questions.empty()) Fail(format_name, "questions along with problems", "");
    return;
  }
  const std::string written = write(first.questions);
  const course::ParsedQuestions second = parse(written, "export");
  if (!second.problems.empty()) {
    std::fprintf(stderr, "first problem: %s: %s\n", second.problems.front().where.c_str(),
                 second.problems.front().message.c_str());
    Fail(format_name, "the written file has problems", written);
  }
  if (second.questions.size() != first.questions.size()) {
    Fail(format_name, "another number of questions read back", written);
  }
  for (std::size_t i = 0; i < first.questions.size(); ++i) {
    if (second.questions[i] != first.questions[i]) {
      std::fprintf(stderr, "question %zu differs; read back and written again:\n%s\n", i,
                   write(std::vector<course::Question>{second.questions[i]}).c_str());
      Fail(format_name, "a question read back differs", written);
    }
  }
}

}  // namespace bsg::fuzz

#endif  // BSG_FUZZ_ROUND_TRIP_H_
