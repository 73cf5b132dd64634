// GIFT reading and writing. The files below have the shapes of Moodle's own GIFT test files, and
// the expected values are what Moodle reads from them, in this project's exact units.
#include "modules/course/gift.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/course/question.h"

namespace bsg::course {
namespace {

RichText Moodle(std::string text) { return {std::move(text), TextFormat::kMoodle}; }
RichText Html(std::string text) { return {std::move(text), TextFormat::kHtml}; }
RichText Plain(std::string text) { return {std::move(text), TextFormat::kPlain}; }
RichText Markdown(std::string text) { return {std::move(text), TextFormat::kMarkdown}; }

// Reads `gift`, expecting no problem.
std::vector<Question> Read(std::string_view gift) {
  ParsedQuestions parsed = ParseGift(gift, "test.txt");
  for (const ImportProblem& p : parsed.problems) ADD_FAILURE() << p.where << ": " << p.message;
  return parsed.questions;
}

Question ReadOne(std::string_view gift) {
  std::vector<Question> questions = Read(gift);
  EXPECT_EQ(questions.size(), 1u);
  return questions.empty() ? Question{} : questions.front();
}

// The one problem of a file that has exactly one.
ImportProblem OneProblem(std::string_view gift) {
  ParsedQuestions parsed = ParseGift(gift, "bad.txt");
  EXPECT_EQ(parsed.problems.size(), 1u) << gift;
  EXPECT_TRUE(parsed.questions.empty());
  return parsed.problems.empty() ? ImportProblem{} : parsed.problems.front();
}

Answer MakeAnswer(RichText text, std::int32_t fraction, RichText feedback) {
  Answer a;
  a.text = std::move(text);
  a.fraction = fraction;
  a.feedback = std::move(feedback);
  return a;
}

Answer Number(std::int64_t value, std::int64_t tolerance, std::int32_t fraction,
              RichText feedback) {
  Answer a;
  a.value.micros = value;
  a.tolerance.micros = tolerance;
  a.fraction = fraction;
  a.feedback = std::move(feedback);
  return a;
}

// ---- each type, as Moodle reads it

TEST(GiftReadTest, Essay) {
  const Question q = ReadOne(R"gift(
// essay
::Q8:: How are you? {})gift");
  EXPECT_EQ(q.type, QuestionType::kEssay);
  EXPECT_EQ(q.name, "Q8");
  EXPECT_EQ(q.text, Moodle("How are you?"));
  EXPECT_EQ(q.general_feedback, Moodle(""));
  EXPECT_EQ(q.default_mark, 1);
  EXPECT_EQ(q.penalty, 3333333);
  EXPECT_TRUE(q.answers.empty());
  EXPECT_EQ(q.category, "");
  EXPECT_EQ(q.idnumber, "");
  EXPECT_TRUE(q.tags.empty());
  EXPECT_TRUE(q.shuffle_answers);
  EXPECT_FALSE(q.case_sensitive);
}

TEST(GiftReadTest, MatchingWithAFormatPerItem) {
  const Question q = ReadOne(R"gift(
// question: 2  name: Moodle activities
::Moodle activities::[html]Match the <b>activity</b> to the description.{
    =[html]An activity supporting asynchronous discussions. -> Forum
    =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice
    =[plain]A bank of record entries which participants can add to. -> Database
    =[markdown]A collection of web pages that anyone can add to or edit. -> Wiki
    = -> Chat
})gift");
  EXPECT_EQ(q.type, QuestionType::kMatching);
  EXPECT_EQ(q.name, "Moodle activities");
  EXPECT_EQ(q.text, Html("Match the <b>activity</b> to the description."));
  EXPECT_EQ(q.general_feedback, Html(""));
  const std::vector<MatchPair> pairs = {
      {Html("An activity supporting asynchronous discussions."), "Forum"},
      {Moodle("A teacher asks a question and specifies a choice of multiple responses."), "Choice"},
      {Plain("A bank of record entries which participants can add to."), "Database"},
      {Markdown("A collection of web pages that anyone can add to or edit."), "Wiki"},
      {Html(""), "Chat"},  // an extra wrong answer
  };
  EXPECT_EQ(q.pairs, pairs);
  EXPECT_TRUE(q.shuffle_answers);
  EXPECT_EQ(q.penalty, 3333333);
}

TEST(GiftReadTest, MultipleChoiceWithFeedback) {
  const Question q = ReadOne(R"gift(
// multiple choice with specified feedback for right and wrong answers
::Q2:: What's between orange and green in the spectrum?
{
    =yellow # right; good!
    ~red # [html]wrong, it's yellow
    ~[plain]blue # wrong, it's yellow
})gift");
  EXPECT_EQ(q.type, QuestionType::kMultipleChoice);
  EXPECT_EQ(q.name, "Q2");
  EXPECT_EQ(q.text, Moodle("What's between orange and green in the spectrum?"));
  EXPECT_TRUE(q.single);
  EXPECT_TRUE(q.shuffle_answers);
  const std::vector<Answer> answers = {
      MakeAnswer(Moodle("yellow"), kFractionOne, Moodle("right; good!")),
      MakeAnswer(Moodle("red"), 0, Html("wrong, it's yellow")),
      // The feedback takes the question's format, not its answer's.
      MakeAnswer(Plain("blue"), 0, Moodle("wrong, it's yellow")),
  };
  EXPECT_EQ(q.answers, answers);
}

TEST(GiftReadTest, MultipleChoiceWithSeveralRightAnswers) {
  const Question q = ReadOne(R"gift(
// multiple choice, multiple response with specified feedback for right and wrong answers
::colours:: What's between orange and green in the spectrum?
{
    ~%50%yellow # right; good!
    ~%-100%red # [html]wrong
    ~%50%off-beige # right; good!
    ~%-100%[plain]blue # wrong
})gift");
  EXPECT_EQ(q.type, QuestionType::kMultipleChoice);
  EXPECT_EQ(q.name, "colours");
  EXPECT_FALSE(q.single);
  const std::vector<Answer> answers = {
      MakeAnswer(Moodle("yellow"), 5'000'000, Moodle("right; good!")),
      MakeAnswer(Moodle("red"), -10'000'000, Html("wrong")),
      MakeAnswer(Moodle("off-beige"), 5'000'000, Moodle("right; good!")),
      MakeAnswer(Plain("blue"), -10'000'000, Moodle("wrong")),
  };
  EXPECT_EQ(q.answers, answers);
}

TEST(GiftReadTest, MultipleChoiceOneRightAnswerByWeight) {
  const Question q = ReadOne(R"gift(
::colours:: What's between orange and green in the spectrum?
{
    ~%100%yellow # right; good!
    ~%-50%red # wrong
    ~%-50%blue # wrong
})gift");
  EXPECT_FALSE(q.single);  // no "=": several answers may be chosen
  ASSERT_EQ(q.answers.size(), 3u);
  EXPECT_EQ(q.answers[0].fraction, kFractionOne);
  EXPECT_EQ(q.answers[1].fraction, -5'000'000);
  EXPECT_EQ(q.answers[2].fraction, -5'000'000);
  EXPECT_EQ(q.answers[2].feedback, Moodle("wrong"));
}

TEST(GiftReadTest, MultipleChoiceOneAnswerWithPartialCredit) {
  const Question q = ReadOne("::Q::Capital of Australia?{=Canberra ~%50%Sydney ~Perth}");
  EXPECT_TRUE(q.single);
  ASSERT_EQ(q.answers.size(), 3u);
  EXPECT_EQ(q.answers[1].fraction, 5'000'000);
  EXPECT_EQ(q.answers[2].fraction, 0);
}

TEST(GiftReadTest, NumericalWithACatchAllAnswer) {
  const Question q = ReadOne(R"gift(
// math range question
::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong})gift");
  EXPECT_EQ(q.type, QuestionType::kNumerical);
  EXPECT_EQ(q.name, "Q5");
  EXPECT_EQ(q.text, Moodle("What is a number from 1 to 5?"));
  const std::vector<Answer> answers = {
      Number(3'000'000, 2'000'000, kFractionOne, Moodle("")),
      MakeAnswer(Moodle("*"), 0, Moodle("Completely wrong")),
  };
  EXPECT_EQ(q.answers, answers);
}

TEST(GiftReadTest, ShortAnswer) {
  const Question q = ReadOne(R"gift(
// question: 666  name: Shortanswer
::Shortanswer::Which is the best animal?{
    =Frog#Good!
    =%50%Cat#What is it with Moodlers and cats?
    =%0%*#Completely wrong
})gift");
  EXPECT_EQ(q.type, QuestionType::kShortAnswer);
  EXPECT_EQ(q.name, "Shortanswer");
  EXPECT_EQ(q.text, Moodle("Which is the best animal?"));
  EXPECT_FALSE(q.case_sensitive);
  const std::vector<Answer> answers = {
      MakeAnswer(Moodle("Frog"), kFractionOne, Moodle("Good!")),
      MakeAnswer(Moodle("Cat"), 5'000'000, Moodle("What is it with Moodlers and cats?")),
      MakeAnswer(Moodle("*"), 0, Moodle("Completely wrong")),
  };
  EXPECT_EQ(q.answers, answers);
  EXPECT_EQ(q.general_feedback, Moodle(""));
}

TEST(GiftReadTest, ShortAnswerWithGeneralFeedback) {
  const Question q = ReadOne(R"gift(
::Shortanswer::Which is the best animal?{
    =Frog#Good!
    =%50%Cat#What is it with Moodlers and cats?
    =%0%*#Completely wrong
    ####[html]Here is some general feedback!
})gift");
  EXPECT_EQ(q.general_feedback, Html("Here is some general feedback!"));
  ASSERT_EQ(q.answers.size(), 3u);
  EXPECT_EQ(q.answers[2].feedback, Moodle("Completely wrong"));
}

TEST(GiftReadTest, ShortAnswerWithoutEqualsSign) {
  const Question q = ReadOne("::Q::Two plus two?{four}");
  EXPECT_EQ(q.type, QuestionType::kShortAnswer);
  ASSERT_EQ(q.answers.size(), 1u);
  EXPECT_EQ(q.answers[0], MakeAnswer(Moodle("four"), kFractionOne, Moodle("")));
}

TEST(GiftReadTest, TrueFalseFeedbackForWrongThenRight) {
  const Question q = ReadOne(R"gift(
// true/false
::Q1:: 42 is the Absolute Answer to everything.{
FALSE#42 is the Ultimate Answer.#You gave the right answer.})gift");
  EXPECT_EQ(q.type, QuestionType::kTrueFalse);
  EXPECT_EQ(q.name, "Q1");
  EXPECT_EQ(q.text, Moodle("42 is the Absolute Answer to everything."));
  EXPECT_EQ(q.penalty, kFractionOne);  // as Moodle sets it for true/false
  const std::vector<Answer> answers = {
      // The answer is false: choosing true is wrong and shows the first feedback.
      MakeAnswer(Moodle("true"), 0, Moodle("42 is the Ultimate Answer.")),
      MakeAnswer(Moodle("false"), kFractionOne, Moodle("You gave the right answer.")),
  };
  EXPECT_EQ(q.answers, answers);
}

TEST(GiftReadTest, TrueFalseShortAndLongForms) {
  const std::vector<Question> qs = Read(R"gift(// name 0-11
::2-08 TSL::TSL is blablabla.{T}

::a::A{TRUE}

::b::B{F}

::c::C{FALSE}

::d::D{TRUE#wrong#right####general})gift");
  ASSERT_EQ(qs.size(), 5u);
  EXPECT_EQ(qs[0].name, "2-08 TSL");
  EXPECT_EQ(qs[0].text, Moodle("TSL is blablabla."));
  const std::vector<std::int32_t> true_fractions = {kFractionOne, kFractionOne, 0, 0, kFractionOne};
  for (std::size_t i = 0; i < qs.size(); ++i) {
    EXPECT_EQ(qs[i].type, QuestionType::kTrueFalse) << i;
    ASSERT_EQ(qs[i].answers.size(), 2u);
    EXPECT_EQ(qs[i].answers[0].text, Moodle("true"));
    EXPECT_EQ(qs[i].answers[1].text, Moodle("false"));
    EXPECT_EQ(qs[i].answers[0].fraction, true_fractions[i]) << i;
    EXPECT_EQ(qs[i].answers[1].fraction, kFractionOne - true_fractions[i]) << i;
  }
  EXPECT_EQ(qs[4].answers[0].feedback, Moodle("right"));
  EXPECT_EQ(qs[4].answers[1].feedback, Moodle("wrong"));
  EXPECT_EQ(qs[4].general_feedback, Moodle("general"));
}

TEST(GiftReadTest, TrueFalseWordsAreCaseSensitiveAsInMoodle) {
  // Only T, TRUE, F and FALSE make a true/false question; "true" is a short answer.
  const Question q = ReadOne("::Q::Is it?{true}");
  EXPECT_EQ(q.type, QuestionType::kShortAnswer);
}

TEST(GiftReadTest, Description) {
  const Question q = ReadOne("::Intro::[html]<p>The next questions are about <b>Grant</b>.</p>");
  EXPECT_EQ(q.type, QuestionType::kDescription);
  EXPECT_EQ(q.text, Html("<p>The next questions are about <b>Grant</b>.</p>"));
  EXPECT_EQ(q.default_mark, 0);
  EXPECT_TRUE(q.answers.empty());
}

TEST(GiftReadTest, MissingWordJoinsTheTextAroundTheBlank) {
  const Question q = ReadOne("Grant is {~buried =entombed ~living} in Grant's tomb.");
  EXPECT_EQ(q.type, QuestionType::kMultipleChoice);
  EXPECT_EQ(q.text, Moodle("Grant is _____ in Grant's tomb."));
  EXPECT_EQ(q.name, "Grant is _____ in Grant's tomb.");
  ASSERT_EQ(q.answers.size(), 3u);
  EXPECT_EQ(q.answers[1], MakeAnswer(Moodle("entombed"), kFractionOne, Moodle("")));
}

TEST(GiftReadTest, DoubleBackslashIsOneBackslash) {
  const Question q = ReadOne(R"gift(
// essay
::double backslash:: A \\ B \\\\ C{})gift");
  EXPECT_EQ(q.text, Moodle(R"(A \ B \\ C)"));
}

TEST(GiftReadTest, PreformattedTextKeepsItsIndentation) {
  const Question q = ReadOne(R"gift(
::Q001::[html]<p>What would running the test method print?</p>
<pre>
    public void test() \{
        method1();
        method2();
    \}
</pre>
{})gift");
  EXPECT_EQ(q.type, QuestionType::kEssay);
  EXPECT_EQ(q.text, Html("<p>What would running the test method print?</p>\n<pre>\n"
                         "    public void test() {\n        method1();\n        method2();\n"
                         "    }\n</pre>"));
}

TEST(GiftReadTest, IdNumberAndTagsFromComments) {
  const Question q = ReadOne(R"gift(
// This question is to test importing tags: [tag:tag] [tag:other-tag].
// And an idnumber: [id:myid].
::Question name:: How are you? {})gift");
  EXPECT_EQ(q.name, "Question name");
  EXPECT_EQ(q.idnumber, "myid");
  EXPECT_EQ(q.tags, (std::vector<std::string>{"tag", "other-tag"}));
}

TEST(GiftReadTest, IdNumberAndTagSyntax) {
  struct Case {
    std::string comment;
    std::string idnumber;
    std::vector<std::string> tags;
  };
  const std::vector<Case> cases = {
      {"// A basic comment.", "", {}},
      {"// A comment with [id:frog] <-- an idnumber.", "frog", {}},
      {"// Look tags: [tag:frog] [tag:toad].", "", {"frog", "toad"}},
      {"// [tag:add] [tag:basic] [id:four]", "four", {"add", "basic"}},
      {"// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion.",
       "four",
       {"basic", "add"}},
      {"// Ceci n'est pas une [tag:\n// frog].", "", {}},  // a token ends with its line
      {R"(// [id:i\]d].)", "i]d", {}},
      {R"(// [tag:t\]ag].)", "", {"t]ag"}},
      {"// [id:first] [id:second]", "first", {}},
      {"// [tag:<b>bold</b>] [tag:ok]", "", {"ok"}},
  };
  for (const Case& c : cases) {
    const Question q = ReadOne(c.comment + "\n::Q::Text{}");
    EXPECT_EQ(q.idnumber, c.idnumber) << c.comment;
    EXPECT_EQ(q.tags, c.tags) << c.comment;
  }
}

TEST(GiftReadTest, CommentsInABlockOfTheirOwnDoNotTag) {
  const Question q = ReadOne("// [id:lost] [tag:lost]\n\n::Q::Text{}");
  EXPECT_EQ(q.idnumber, "");
  EXPECT_TRUE(q.tags.empty());
}

TEST(GiftReadTest, CommentLinesInsideAQuestionAreIgnored) {
  const Question q = ReadOne(R"gift(::Q::Pick one.{
  =right
  // ~this is a comment, not an answer
  ~wrong
})gift");
  ASSERT_EQ(q.answers.size(), 2u);
  EXPECT_EQ(q.answers[1].text, Moodle("wrong"));
}

// Found while fuzzing: a comment line full of "[id:" or "[tag:" that never close took time
// quadratic in its length (a 1 MB line did not finish in two minutes).
TEST(GiftReadTest, UnclosedIdAndTagOpenersTakeLinearTime) {
  std::string ids = "// ";
  std::string tags = "// [id:x] ";
  for (int i = 0; i < 200'000; ++i) {
    ids += "[id:";
    tags += "[tag:";
  }
  const Question no_id = ReadOne(ids + "\n::Q::Text{}");
  EXPECT_EQ(no_id.idnumber, "");
  const Question no_tags = ReadOne(tags + "\n::Q::Text{}");
  EXPECT_EQ(no_tags.idnumber, "x");
  EXPECT_TRUE(no_tags.tags.empty());
}

// ---- names

TEST(GiftReadTest, UnnamedQuestionIsNamedAfterItsText) {
  std::string long_text;
  for (int i = 0; i < 9; ++i) long_text += "abcdefghi ";  // 90 characters
  std::string shortened;
  for (int i = 0; i < 7; ++i) shortened += "abcdefghi ";  // cut after a space...
  shortened += "...";                                     // ...within 80 characters
  const std::string exactly_80(80, 'x');
  const std::vector<Question> qs =
      Read(long_text + "{T}\n\n" + exactly_80 + "{T}\n\n" + std::string(81, 'y') + "{T}\n\n" +
           "[html]<p>What is <b>2+2</b>?</p>{=4}\n\n" + "[html]<img src=\"x.png\">{}\n\n" +
           "Line one\nline two{}");
  ASSERT_EQ(qs.size(), 6u);
  EXPECT_EQ(qs[0].name, shortened);
  EXPECT_EQ(qs[1].name, exactly_80);
  EXPECT_EQ(qs[2].name, std::string(77, 'y') + "...");  // no space: cut anywhere
  EXPECT_EQ(qs[3].name, "What is 2+2?");                // tags removed
  EXPECT_EQ(qs[4].name, "Untitled question");           // nothing left of the text
  EXPECT_EQ(qs[5].name, "Line one line two");           // one line
}

TEST(GiftReadTest, NamesAreCleaned) {
  const std::vector<Question> qs =
      Read("::  <b>Bold</b> name  ::Text{}\n\n::::Empty name{}\n\n::Q1 What is 2+2? {=4}");
  ASSERT_EQ(qs.size(), 3u);
  EXPECT_EQ(qs[0].name, "Bold name");
  EXPECT_EQ(qs[1].name, "Empty name");
  // An unclosed "::" starts the text, as Moodle reads it.
  EXPECT_EQ(qs[2].name, "Q1 What is 2+2?");
  EXPECT_EQ(qs[2].text, Moodle("Q1 What is 2+2?"));
}

// Found by fuzz/course_gift_fuzzer: removing a tag can join a kept "<" to a "/" or a letter, which
// read again started a tag and emptied the name of the exported question.
TEST(GiftReadTest, CleanedNamesStayTheSameWhenReadAgain) {
  const Question unnamed = ReadOne("b<<b>/");
  EXPECT_EQ(unnamed.name, "b");
  EXPECT_EQ(unnamed.text, Moodle("b<<b>/"));
  const Question named = ReadOne("::<<b>/x>y::Text{}");
  EXPECT_EQ(named.name, "y");
  EXPECT_EQ(ReadOne("::a <<b> b::Text{}").name, "a < b");
  for (const Question& q : {unnamed, named}) {
    EXPECT_EQ(Read(WriteGift({q})), std::vector<Question>{q}) << WriteGift({q});
  }
}

// ---- file structure

TEST(GiftReadTest, Categories) {
  const std::vector<Question> qs = Read(R"gift($CATEGORY: $course$/top/Module 1

::A::a{T}

::B::b{F}

$CATEGORY: $course$/top/Module 2
::C::c{T}

// back to the default category
$CATEGORY:

::D::d{})gift");
  ASSERT_EQ(qs.size(), 4u);
  EXPECT_EQ(qs[0].category, "$course$/top/Module 1");
  EXPECT_EQ(qs[1].category, "$course$/top/Module 1");
  EXPECT_EQ(qs[2].category, "$course$/top/Module 2");  // right below its category line
  EXPECT_EQ(qs[2].name, "C");
  EXPECT_EQ(qs[3].category, "");
}

TEST(GiftReadTest, BlankLinesSeparateQuestions) {
  const std::vector<Question> qs = Read("\n\n::A::a{T}\n   \t\n::B::b{T}\n\n\n\n::C::c{T}\n\n");
  ASSERT_EQ(qs.size(), 3u);
  EXPECT_EQ(qs[1].name, "B");
}

TEST(GiftReadTest, Escapes) {
  const Question q = ReadOne(
      R"gift(::Esc\:ape\::: a \~ b \= c \# d \{ e \} f \: g\nh \q{=x\=y\~z#fb \# done\\})gift");
  EXPECT_EQ(q.name, "Esc:ape:");
  // \n is a line break; an unknown escape such as \q keeps its backslash.
  EXPECT_EQ(q.text, Moodle("a ~ b = c # d { e } f : g\nh \\q"));
  EXPECT_EQ(q.type, QuestionType::kShortAnswer);
  ASSERT_EQ(q.answers.size(), 1u);
  EXPECT_EQ(q.answers[0], MakeAnswer(Moodle("x=y~z"), kFractionOne, Moodle("fb # done\\")));
}

TEST(GiftReadTest, Formats) {
  const Question q = ReadOne(R"gift(::F::[markdown]*Pick* one{
  =[plain]<b>literal</b>#[html]<i>yes</i>
  ~[moodle]no#[markdown]
  ~[unknown]kept as text
  ####general
})gift");
  EXPECT_EQ(q.text, Markdown("*Pick* one"));
  EXPECT_EQ(q.general_feedback, Markdown("general"));  // the question's format by default
  const std::vector<Answer> answers = {
      MakeAnswer(Plain("<b>literal</b>"), kFractionOne, Html("<i>yes</i>")),
      // An empty text has the default format, whatever it was written with.
      MakeAnswer(Moodle("no"), 0, Markdown("")),
      MakeAnswer(Markdown("[unknown]kept as text"), 0, Markdown("")),
  };
  EXPECT_EQ(q.answers, answers);
}

TEST(GiftReadTest, PartialCreditIsExact) {
  const Question q = ReadOne(R"gift(::Primes::Pick the primes.{
  ~%33.33333%2
  ~%33.33333%3
  ~%33.33333%5
  ~%-100%4
})gift");
  EXPECT_FALSE(q.single);
  ASSERT_EQ(q.answers.size(), 4u);
  EXPECT_EQ(q.answers[0].fraction, 3'333'333);
  EXPECT_EQ(q.answers[1].fraction, 3'333'333);
  EXPECT_EQ(q.answers[2].fraction, 3'333'333);
  EXPECT_EQ(q.answers[3].fraction, -kFractionOne);

  const Question fine = ReadOne("::Q::Q{=a ~%0.00001%b ~%-0.5%c ~%12.5%d}");
  ASSERT_EQ(fine.answers.size(), 4u);
  EXPECT_EQ(fine.answers[1].fraction, 1);
  EXPECT_EQ(fine.answers[2].fraction, -50'000);
  EXPECT_EQ(fine.answers[3].fraction, 1'250'000);
}

TEST(GiftReadTest, NumericalValuesAndRanges) {
  const std::vector<Question> qs = Read(R"gift(::pi::Pi?{#3.14:0.005}

::range::Pi?{#3.1..3.2}

::ints::A number from 1 to 5?{#1..5}

::negative::A number from -5 to -1?{#-5..-1}

::grant::When was Ulysses S. Grant born?{#
  =1822:0
  =%50%1822:2#Close
}

::exp::How many?{#1.5e3}

::tiny::Tiny?{#0.000001..0.000003}

::zeros::Trailing zeros are exact{#3.1400000:+0.0100})gift");
  ASSERT_EQ(qs.size(), 8u);
  for (const Question& q : qs) EXPECT_EQ(q.type, QuestionType::kNumerical) << q.name;
  EXPECT_EQ(qs[0].answers, (std::vector<Answer>{Number(3'140'000, 5'000, kFractionOne, {})}));
  EXPECT_EQ(qs[1].answers, (std::vector<Answer>{Number(3'150'000, 50'000, kFractionOne, {})}));
  EXPECT_EQ(qs[2].answers, (std::vector<Answer>{Number(3'000'000, 2'000'000, kFractionOne, {})}));
  EXPECT_EQ(qs[3].answers, (std::vector<Answer>{Number(-3'000'000, 2'000'000, kFractionOne, {})}));
  EXPECT_EQ(qs[4].answers,
            (std::vector<Answer>{Number(1'822'000'000, 0, kFractionOne, {}),
                                 Number(1'822'000'000, 2'000'000, 5'000'000, Moodle("Close"))}));
  EXPECT_EQ(qs[5].answers, (std::vector<Answer>{Number(1'500'000'000, 0, kFractionOne, {})}));
  EXPECT_EQ(qs[6].answers, (std::vector<Answer>{Number(2, 1, kFractionOne, {})}));
  EXPECT_EQ(qs[7].answers, (std::vector<Answer>{Number(3'140'000, 10'000, kFractionOne, {})}));
}

// ---- refusals

TEST(GiftRefusalTest, EachMalformedQuestionIsNamedWithItsLine) {
  struct Case {
    std::string question;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"::Q::Text{=a ~b", "no closing brace } after the answers that start with {"},
      {"::Q::Text =a ~b}", "no opening brace { before the answers that end with }"},
      {"::Q::Text} a {=b}", "a closing brace } comes before the opening brace {"},
      {"::Q::Text {=a} more {=b}",
       "more than one { or }: the answers go in one {...}; write \\{ or \\} for a brace in the "
       "text"},
      {"::Q::Text{~a}", "a multiple-choice question needs at least two answers"},
      {"::Q::Text{~a ~b ~c}",
       "a multiple-choice question needs a right answer: mark it with =, or give the right "
       "answers weights such as ~%50% that add up to 100%"},
      {"::Q::Text{~%50%a ~%40%b ~c}", "the weights of the right answers add up to 90%, not 100%"},
      {"::Q::Text{~%50%a ~%50.5%b ~c}",
       "the weights of the right answers add up to 100.5%, not 100%"},
      {"::Q::Text{~%150%a ~b}", "answer 1: the weight 150% is not between -100% and 100%"},
      {"::Q::Text{=a ~%-100.5%b}", "answer 2: the weight -100.5% is not between -100% and 100%"},
      {"::Q::Text{=a ~%33.333333%b}",
       "answer 2: the weight 33.333333% has more than five decimals (0.00001% is the finest "
       "step)"},
      {"::Q::Text{=%50%a ~b}",
       "answer 1: \"=\" marks a right answer worth 100%; write ~%50%answer for partial credit"},
      {"::Q::Text{=a ~ ~b}", "answer 2 is empty"},
      {"::Q::Text{=a -> 1 =b}", "pair 2 has no \"->\": write =question -> answer"},
      {"::Q::Text{=a -> 1}", "a matching question needs at least two pairs =question -> answer"},
      {"::Q::Text{=a -> 1 = -> 2}",
       "a matching question needs at least two pairs =question -> answer"},
      {"::Q::Text{=a -> 1 =b -> }", "pair 2 (\"b\") has no answer after ->"},
      {"::Q::Text{=a -> 1 = -> }", "pair 2 is empty"},
      {"::Q::Text{=%50%a =%20%b}", "a short-answer question needs an answer worth 100%"},
      {"::Q::Text{=a =}", "answer 2 is empty"},
      {"::Q::Text{=a =%200%b}", "answer 2: the weight 200% is not between -100% and 100%"},
      {"::Q::Text{#}", "a numerical question needs at least one answer, such as {#3.14:0.01}"},
      {"::Q::Text{#abc}", "answer 1: \"abc\" is not a number"},
      {"::Q::Text{#3,5}", "answer 1: \"3,5\" is not a number"},
      {"::Q::Text{#3.1415926}", "answer 1: 3.1415926 has more than six decimals"},
      {"::Q::Text{#1e-7}", "answer 1: 1e-7 has more than six decimals"},
      {"::Q::Text{#1e12}", "answer 1: 1e12 is too large (numbers must be below 1000000000000)"},
      {"::Q::Text{#5..1}", "answer 1: the range 5..1 starts above its end"},
      {"::Q::Text{#3:-1}", "answer 1: the tolerance in 3:-1 is negative"},
      {"::Q::Text{#0.000001..0.000002}",
       "answer 1: the middle of the range 0.000001..0.000002 needs more than six decimals"},
      {"::Q::Text{#=%50%3}", "a numerical question needs an answer worth 100%"},
      {"::Q::Text{#=3 =%10%}", "answer 2 is empty"},
      {"::Q::Text{#=%33.333333%3}",
       "answer 1: the weight 33.333333% has more than five decimals (0.00001% is the finest "
       "step)"},
      {"::Q::{T}", "the question has no text"},
      {"::Q::", "the question has no text"},
  };
  for (const Case& c : cases) {
    // A good question first, then a comment line: the bad question starts on line 4.
    const std::string file = "::Ok::Fine{T}\n\n// a comment\n" + c.question + "\n";
    const ImportProblem p = OneProblem(file);
    EXPECT_EQ(p.where, "bad.txt:4") << c.question;
    EXPECT_EQ(p.message, c.message) << c.question;
  }
}

TEST(GiftRefusalTest, EveryProblemInOnePassAndNoQuestions) {
  const ParsedQuestions parsed = ParseGift(R"gift(::Good::Fine{T}

::Bad1::Text{=a ~b

::Good2::Fine{=x ~y}

// comment
::Bad2::
Text{~a ~b}

::Bad3::Text{#x})gift",
                                           "quiz.txt");
  EXPECT_TRUE(parsed.questions.empty());
  ASSERT_EQ(parsed.problems.size(), 3u);
  EXPECT_EQ(parsed.problems[0].where, "quiz.txt:3");
  EXPECT_EQ(parsed.problems[0].message, "no closing brace } after the answers that start with {");
  EXPECT_EQ(parsed.problems[1].where, "quiz.txt:8");
  EXPECT_EQ(parsed.problems[2].where, "quiz.txt:11");
  EXPECT_EQ(parsed.problems[2].message, "answer 1: \"x\" is not a number");
}

TEST(GiftRefusalTest, ABlankLineInsideBracesSplitsTheQuestion) {
  // As in Moodle, a blank line always ends a question.
  const ParsedQuestions parsed = ParseGift("::Q::Text{\n=a\n\n~b\n}", "q.txt");
  ASSERT_EQ(parsed.problems.size(), 2u);
  EXPECT_EQ(parsed.problems[0].where, "q.txt:1");
  EXPECT_EQ(parsed.problems[0].message, "no closing brace } after the answers that start with {");
  EXPECT_EQ(parsed.problems[1].where, "q.txt:4");
}

// Found while fuzzing: every question after a category holds a copy of it, so a very long path
// before many short questions took memory far beyond the file's size. The question bank stores
// paths of up to 500 characters; a longer one is refused, with its line.
TEST(GiftRefusalTest, CategoryOfMoreThan500Characters) {
  std::string longest;
  for (int i = 0; i < 500; ++i) longest += "\xC3\xA9";  // 500 characters, 1000 bytes
  const Question q = ReadOne("$CATEGORY: " + longest + "\n::Q::Text{}");
  EXPECT_EQ(q.category, longest);

  std::string file = "::A::a{T}\n\n$CATEGORY: " + longest + "x\n";
  for (int i = 0; i < 1000; ++i) file += "\nq{}\n";
  const ParsedQuestions parsed = ParseGift(file, "long.txt");
  EXPECT_TRUE(parsed.questions.empty());
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems[0].where, "long.txt:3");
  EXPECT_EQ(parsed.problems[0].message, "the category has more than 500 characters");
}

// ---- encoding and line ends

TEST(GiftEncodingTest, InvalidByteIsOneProblemWithItsLine) {
  const ParsedQuestions parsed = ParseGift("::A::a{T}\n\n::B::caf\xE9{T}\n\n::C::{", "latin1.txt");
  EXPECT_TRUE(parsed.questions.empty());
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems[0].where, "latin1.txt:3");
  EXPECT_EQ(parsed.problems[0].message,
            "latin1.txt is not UTF-8 (line 3 has the byte 0xE9, which UTF-8 does not allow "
            "there); save it as UTF-8");
}

TEST(GiftEncodingTest, ForeignByteOrderMarks) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {std::string("\xFF\xFE:\0:\0Q\0", 8), "UTF-16"},
      {std::string("\xFE\xFF\0:\0:\0Q", 8), "UTF-16"},
      {std::string("\xFF\xFE\0\0:\0\0\0", 8), "UTF-32"},
      {std::string("\0\0\xFE\xFF\0\0\0:", 8), "UTF-32"},
  };
  for (const auto& [content, encoding] : cases) {
    const ParsedQuestions parsed = ParseGift(content, "wide.txt");
    EXPECT_TRUE(parsed.questions.empty());
    ASSERT_EQ(parsed.problems.size(), 1u);
    EXPECT_EQ(parsed.problems[0].where, "wide.txt:1");
    EXPECT_EQ(parsed.problems[0].message, "wide.txt is not UTF-8 (it starts with a " + encoding +
                                              " byte order mark); save it as UTF-8");
  }
}

TEST(GiftEncodingTest, NulBytesWithoutByteOrderMark) {
  const ImportProblem p = OneProblem(std::string("::A::a{T}\n:\0:\0", 14));
  EXPECT_EQ(p.where, "bad.txt:2");
  EXPECT_EQ(p.message,
            "bad.txt is not UTF-8 (line 2 has NUL bytes, as UTF-16 text has); save it as UTF-8");
}

TEST(GiftEncodingTest, Utf8ByteOrderMarkIsSkipped) {
  const Question q = ReadOne("\xEF\xBB\xBF::Q::Caf\xC3\xA9 ou th\xC3\xA9?{T}");
  EXPECT_EQ(q.name, "Q");
  EXPECT_EQ(q.text, Moodle("Caf\xC3\xA9 ou th\xC3\xA9?"));
  const ImportProblem p = OneProblem("\xEF\xBB\xBF::Q::Text{T}\n\n::R::{");
  EXPECT_EQ(p.where, "bad.txt:3");
}

TEST(GiftEncodingTest, CrLfAndCrLineEndsReadLikeLf) {
  const std::string lf =
      "// comment\n::A::First line\nsecond line{\n=a#fb\n~b\n}\n\n$CATEGORY: X\n\n::B::b{#1..2}\n";
  std::string crlf, cr;
  for (char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  const std::vector<Question> expected = Read(lf);
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(expected[0].text, Moodle("First line\nsecond line"));
  EXPECT_EQ(Read(crlf), expected);
  EXPECT_EQ(Read(cr), expected);

  const ImportProblem p = OneProblem("::A::a{T}\r\n\r\n// c\r\n::B::b{~x}\r\n");
  EXPECT_EQ(p.where, "bad.txt:4");
}

// ---- writing

TEST(GiftWriteTest, WritesMoodleShapes) {
  Question essay;
  essay.type = QuestionType::kEssay;
  essay.name = "Q8";
  essay.text = Moodle("How are you?");
  EXPECT_EQ(WriteGift({essay}), "::Q8::How are you?{}\n\n");

  Question mc;
  mc.name = "Q8";
  mc.text = Moodle("What's between orange and green in the spectrum?");
  mc.answers = {MakeAnswer(Moodle("yellow"), kFractionOne, Moodle("right; good!")),
                MakeAnswer(Moodle("red"), 0, Html("wrong, it's yellow")),
                MakeAnswer(Plain("blue"), 0, Moodle("wrong, it's yellow"))};
  EXPECT_EQ(WriteGift({mc}),
            "::Q8::What's between orange and green in the spectrum?{\n"
            "\t=yellow#right; good!\n"
            "\t~red#[html]wrong, it's yellow\n"
            "\t~[plain]blue#wrong, it's yellow\n"
            "}\n\n");

  Question tf;
  tf.type = QuestionType::kTrueFalse;
  tf.name = "True/false question";
  tf.idnumber = "myid";
  tf.tags = {"tag1", "tag2"};
  tf.text = Html("The answer is true.");
  tf.general_feedback = Html("You should have selected true.");
  tf.answers = {MakeAnswer(Moodle("true"), kFractionOne, Html("This is the right answer.")),
                MakeAnswer(Moodle("false"), 0, Html("This is the wrong answer."))};
  EXPECT_EQ(WriteGift({tf}),
            "// [id:myid] [tag:tag1] [tag:tag2]\n"
            "::True/false question::[html]The answer is true.{TRUE#This is the wrong answer."
            "#This is the right answer.####You should have selected true.}\n\n");

  Question numerical;
  numerical.type = QuestionType::kNumerical;
  numerical.name = "Q5";
  numerical.text = Moodle("What is a number from 1 to 5?");
  numerical.answers = {Number(3'000'000, 2'000'000, kFractionOne, Moodle("")),
                       MakeAnswer(Moodle("*"), 0, Moodle("Completely wrong"))};
  EXPECT_EQ(WriteGift({numerical}),
            "::Q5::What is a number from 1 to 5?{#\n"
            "\t=%100%3:2\n"
            "\t=%0%*#Completely wrong\n"
            "}\n\n");
}

TEST(GiftWriteTest, EscapesSpecialCharacters) {
  Question q;
  q.type = QuestionType::kDescription;
  q.name = "a::b";
  q.text = Moodle("x ~ = # { } : \\ end\nnext");
  EXPECT_EQ(WriteGift({q}), "::a\\:\\:b::x \\~ \\= \\# \\{ \\} \\: \\\\ end\\nnext\n\n");
}

TEST(GiftWriteTest, WritesNumbersWithTheFewestDigits) {
  Question q;
  q.type = QuestionType::kNumerical;
  q.name = "n";
  q.text = Moodle("n");
  q.answers = {Number(3'141'500, 500, kFractionOne, {}), Number(-2'500'000, 0, 3'333'333, {}),
               Number(1, 1'000'000'000'000, -5'000'000, {})};
  EXPECT_EQ(WriteGift({q}),
            "::n::n{#\n"
            "\t=%100%3.1415:0.0005\n"
            "\t=%33.33333%-2.5:0\n"
            "\t=%-50%0.000001:1000000\n"
            "}\n\n");
}

// Questions as ParseGift produces them, covering every type and the texts that need care.
std::vector<Question> VariedQuestions() {
  std::vector<Question> qs;
  const auto make = [](QuestionType type, std::string name, RichText text) {
    Question q;
    q.type = type;
    q.name = std::move(name);
    q.general_feedback = RichText{"", text.format};
    q.text = std::move(text);
    return q;
  };

  Question mc = make(QuestionType::kMultipleChoice, "Links: {a} #1 \\ ~x =y",
                     Html("Which <a href=\"https://example.org/#top\">link</a> works?"));
  mc.category = "$course$/top/Module 1";
  mc.idnumber = "MC-1]x";
  mc.tags = {"week]2", "links", "with space"};
  mc.answers = {
      MakeAnswer(Html("The first"), kFractionOne, Markdown("*Yes*: it has #top")),
      MakeAnswer(Html("[html] looks like a format"), 0, Html("")),
      MakeAnswer(Html("%50 off, a price"), 0, Html("no\nreally")),
      MakeAnswer(Moodle("half"), 5'000'000, Html("a ~ b = c { } : \\")),
      MakeAnswer(Html("minus"), -3'333'333, Html("")),
  };
  mc.general_feedback = Plain("See https://example.org/#top");
  qs.push_back(mc);

  Question multi = make(QuestionType::kMultipleChoice, "Thirds", Moodle("Pick the primes."));
  multi.category = mc.category;
  multi.single = false;
  multi.answers = {MakeAnswer(Moodle("2"), 3'333'333, Moodle("")),
                   MakeAnswer(Moodle("3"), 3'333'333, Moodle("")),
                   MakeAnswer(Moodle("5"), 3'333'334, Moodle("")),
                   MakeAnswer(Moodle("4"), -kFractionOne, Moodle("not prime")),
                   MakeAnswer(Moodle("1"), 0, Moodle(""))};
  qs.push_back(multi);

  Question all_right = make(QuestionType::kMultipleChoice, "Both", Moodle("Both are right."));
  all_right.category = "Module 2";
  all_right.answers = {MakeAnswer(Moodle("this"), kFractionOne, Moodle("")),
                       MakeAnswer(Moodle("that"), kFractionOne, Moodle("also"))};
  qs.push_back(all_right);

  Question missing = make(QuestionType::kMultipleChoice, "Grant is _____ in Grant's tomb.",
                          Moodle("Grant is _____ in Grant's tomb."));
  missing.category = "Module 2";
  missing.answers = {MakeAnswer(Moodle("buried"), 0, Moodle("")),
                     MakeAnswer(Moodle("entombed"), kFractionOne, Moodle(""))};
  qs.push_back(missing);

  Question tf = make(QuestionType::kTrueFalse, "TF true", Markdown("The sky is *blue*."));
  tf.penalty = kFractionOne;
  tf.answers = {MakeAnswer(Moodle("true"), kFractionOne, Markdown("Right #1")),
                MakeAnswer(Moodle("false"), 0, Html("<b>Wrong</b>"))};
  tf.general_feedback = Markdown("Rayleigh scattering.");
  qs.push_back(tf);

  Question tf_false = make(QuestionType::kTrueFalse, "TF false", Moodle("2 + 2 = 5"));
  tf_false.penalty = kFractionOne;
  tf_false.answers = {MakeAnswer(Moodle("true"), 0, Moodle("")),
                      MakeAnswer(Moodle("false"), kFractionOne, Moodle("Indeed."))};
  qs.push_back(tf_false);

  Question tf_bare = make(QuestionType::kTrueFalse, "TF bare", Moodle("Water is wet."));
  tf_bare.penalty = kFractionOne;
  tf_bare.answers = {MakeAnswer(Moodle("true"), kFractionOne, Moodle("")),
                     MakeAnswer(Moodle("false"), 0, Moodle(""))};
  qs.push_back(tf_bare);

  Question sa = make(QuestionType::kShortAnswer, "Animal", Moodle("Which is the best animal?"));
  sa.answers = {MakeAnswer(Moodle("Frog"), kFractionOne, Moodle("Good!")),
                MakeAnswer(Plain("Cat"), 5'000'000, Html("<i>Cats</i>")),
                MakeAnswer(Moodle("T"), 1, Moodle("")),
                MakeAnswer(Moodle("*"), 0, Moodle("Completely wrong"))};
  qs.push_back(sa);

  Question num = make(QuestionType::kNumerical, "Numbers", Html("<p>Pick a number</p>"));
  num.answers = {Number(-3'500'000, 250'000, kFractionOne, Html("")),
                 Number(1'500'000'000, 0, 5'000'000, Html("close: 1500")),
                 Number(1, 999'999, 1'234'567, Html("")),
                 MakeAnswer(Moodle("*"), 0, Markdown("*No*"))};
  num.general_feedback = Html("<p>Any number would do.</p>");
  qs.push_back(num);

  Question match = make(QuestionType::kMatching, "Capitals", Html("Match <b>them</b>."));
  match.category = "";
  match.pairs = {{Html("Canada"), "Ottawa"},
                 {Moodle("Italy = Italia"), "Rome: the city"},
                 {Html("Japan"), "Tokyo {east} #1 ~ \\"},
                 {Html(""), "Chat"}};
  match.general_feedback = Html("Capitals of <i>three</i> countries.");
  qs.push_back(match);

  Question essay = make(QuestionType::kEssay, "Essay", Moodle("How are you?"));
  essay.general_feedback = Html("<p>Any answer</p>");
  qs.push_back(essay);
  qs.push_back(make(QuestionType::kEssay, "Bare essay", Moodle("Write.")));

  Question description =
      make(QuestionType::kDescription,
           "\xC3\x89"
           "coute \xE2\x80\x94 \xE4\xB8\xAD\xE6\x96\x87",
           Moodle("// not a comment\n$CATEGORY: not a category\n[note] not a format"));
  description.default_mark = 0;
  description.tags = {"intro"};
  qs.push_back(description);
  return qs;
}

TEST(GiftRoundTripTest, WrittenQuestionsReadBackEqual) {
  const std::vector<Question> questions = VariedQuestions();
  const std::string gift = WriteGift(questions);
  const ParsedQuestions parsed = ParseGift(gift, "export.txt");
  for (const ImportProblem& p : parsed.problems) ADD_FAILURE() << p.where << ": " << p.message;
  ASSERT_EQ(parsed.questions.size(), questions.size()) << gift;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    EXPECT_EQ(parsed.questions[i], questions[i])
        << "question " << i << "\nwritten:\n"
        << WriteGift({questions[i]}) << "read back and written again:\n"
        << WriteGift({parsed.questions[i]});
  }
  EXPECT_EQ(WriteGift(parsed.questions), gift);
}

TEST(GiftRoundTripTest, CategoryLinesOnlyWhenTheCategoryChanges) {
  const std::string gift = WriteGift(VariedQuestions());
  const auto count = [&](std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t pos = gift.find(needle); pos != std::string::npos;
         pos = gift.find(needle, pos + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(count("$CATEGORY: $course$/top/Module 1\n"), 1u);
  EXPECT_EQ(count("$CATEGORY: Module 2\n"), 1u);
  EXPECT_EQ(count("$CATEGORY: \n"), 1u);  // back to the default category
  EXPECT_EQ(count("\n$CATEGORY:"), 2u);   // not first: after a question's blank line
}

TEST(GiftRoundTripTest, MoodleFixturesSurviveAWriteAndARead) {
  const std::vector<Question> read = Read(R"gift($CATEGORY: $course$/top/Fixtures

::Moodle activities::[html]Match the <b>activity</b> to the description.{
    =[html]An activity supporting asynchronous discussions. -> Forum
    =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice
    = -> Chat
}

::colours:: What's between orange and green in the spectrum?
{
    ~%50%yellow # right; good!
    ~%-100%red # [html]wrong
    ~%50%off-beige # right; good!
    ~%-100%[plain]blue # wrong
}

::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}

::Q1:: 42 is the Absolute Answer to everything.{
FALSE#42 is the Ultimate Answer.#You gave the right answer.}

// [id:myid] [tag:tag]
Grant is {~buried =entombed ~living} in Grant's tomb.)gift");
  ASSERT_EQ(read.size(), 5u);
  EXPECT_EQ(Read(WriteGift(read)), read);
}

// Found by fuzz/course_gift_fuzzer: "\]" at the end of a value closes its token only when no "]"
// follows on the line, so "[id:a\] [tag:b]" read back as the idnumber "a] [tag:b".
TEST(GiftRoundTripTest, IdNumbersAndTagsEndingWithABackslashReadBackEqual) {
  const Question q = ReadOne("// [id:a\\]\n// [tag:b\\] x\n// [tag:c]\n::Q::Text{}");
  EXPECT_EQ(q.idnumber, "a\\");
  EXPECT_EQ(q.tags, (std::vector<std::string>{"b\\", "c"}));
  // A tag holding "[id:" gives the idnumber too; written back, it still does.
  const Question in_tag = ReadOne("//[tag:[id:\\]>x]\nq");
  EXPECT_EQ(in_tag.idnumber, "]>x");
  EXPECT_EQ(in_tag.tags, std::vector<std::string>{"[id:\\"});
  for (const Question& read : {q, in_tag}) {
    const std::string written = WriteGift({read});
    EXPECT_EQ(Read(written), std::vector<Question>{read}) << written;
  }
}

// Found by fuzz/course_gift_fuzzer: the reader looks for [id:] and [tag:] tokens each on its own,
// as Moodle does, so "[id:x[tag:y]" is the idnumber "x[tag:y" and also the tag "y", which no
// file can say without the tag: such a question could not be exported as it was read, and is
// refused.
TEST(GiftRefusalTest, IdNumberHoldingATag) {
  // Each after a good question and a blank line; the location is the question's first line.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"//[id:[tag:d]\n:", "bad.txt:4"},
      {"//[tag:[id:[tag:Z]\nx", "bad.txt:4"},
      {"a\n//[tag:[id:\\]>[tag:i]", "bad.txt:3"},
      {"// [tag:  basic] Here is  \n// a [id:   four   \\] que[tag:add   ]stion.\n::Q::Text{}",
       "bad.txt:5"},
  };
  for (const auto& [file, where] : cases) {
    const ImportProblem p = OneProblem("::Ok::Fine{T}\n\n" + file);
    EXPECT_EQ(p.where, where) << file;
    EXPECT_EQ(p.message.rfind("the idnumber \"", 0), 0u) << p.message;
  }
  EXPECT_EQ(OneProblem("//[id:[tag:d]\n:").message,
            "the idnumber \"[tag:d\" contains \"[tag:\", which also reads as a tag: close the "
            "[id:...] first");
}

// Found by fuzz/course_gift_fuzzer: without "=", an answer with "->" is a short answer, which the
// writer must not turn into matching by writing "=" before it.
TEST(GiftRoundTripTest, ShortAnswerWithAnArrowReadsBackEqual) {
  for (const std::string file :
       {"/{->}", "::Q::Which arrow?{A->B#see x->y}", "::Q::T?{%100%T->F}", "::Q::Q?{a#b->c}"}) {
    const Question q = ReadOne(file);
    EXPECT_EQ(q.type, QuestionType::kShortAnswer) << file;
    const std::string written = WriteGift({q});
    EXPECT_EQ(Read(written), std::vector<Question>{q}) << file << "\nwritten:\n" << written;
  }
  EXPECT_EQ(ReadOne("/{->}").answers,
            std::vector<Answer>{MakeAnswer(Moodle("->"), kFractionOne, Moodle(""))});
}

}  // namespace
}  // namespace bsg::course
