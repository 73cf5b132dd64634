// Moodle XML questions: reading the shapes of Moodle's own test fixtures, every refusal with
// its location, the encoding and safety checks, and writing questions that read back equal.
#include "modules/course/moodle_xml.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "modules/course/question.h"
#include "platform/text.h"

namespace bsg::course {
namespace {

// A readable dump of a question for failure messages.
std::string Describe(const Question& q) {
  std::ostringstream out;
  const auto rich = [&](const RichText& t) {
    out << "{\"" << t.text << "\", " << static_cast<int>(t.format) << "}";
  };
  out << "type=" << static_cast<int>(q.type) << " category=\"" << q.category << "\" name=\""
      << q.name << "\" idnumber=\"" << q.idnumber << "\" tags=[";
  for (const std::string& tag : q.tags) out << "\"" << tag << "\" ";
  out << "] text=";
  rich(q.text);
  out << " feedback=";
  rich(q.general_feedback);
  out << " mark=" << q.default_mark << " penalty=" << q.penalty << " single=" << q.single
      << " shuffle=" << q.shuffle_answers << " case=" << q.case_sensitive << "\n";
  for (const Answer& a : q.answers) {
    out << "  answer ";
    rich(a.text);
    out << " fraction=" << a.fraction << " value=" << a.value.micros
        << " tolerance=" << a.tolerance.micros << " feedback=";
    rich(a.feedback);
    out << "\n";
  }
  for (const MatchPair& p : q.pairs) {
    out << "  pair ";
    rich(p.question);
    out << " -> \"" << p.answer << "\"\n";
  }
  return out.str();
}

std::string Describe(const ParsedQuestions& parsed) {
  std::string out;
  for (const ImportProblem& p : parsed.problems) out += p.where + ": " + p.message + "\n";
  for (const Question& q : parsed.questions) out += Describe(q);
  return out;
}

std::string Quiz(std::string_view body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n" + std::string(body) + "</quiz>\n";
}

// Parses a file that must be fine and returns its only question.
Question ParseOne(const std::string& xml) {
  const ParsedQuestions parsed = ParseMoodleXml(xml, "moodle.xml");
  EXPECT_TRUE(parsed.problems.empty()) << Describe(parsed);
  EXPECT_EQ(parsed.questions.size(), 1u) << Describe(parsed);
  return parsed.questions.empty() ? Question() : parsed.questions[0];
}

// Parses a file that must be refused and returns its problems.
std::vector<ImportProblem> Problems(const std::string& xml, std::string_view file = "moodle.xml") {
  const ParsedQuestions parsed = ParseMoodleXml(xml, file);
  EXPECT_TRUE(parsed.questions.empty()) << Describe(parsed);
  EXPECT_FALSE(parsed.problems.empty());
  return parsed.problems;
}

// The one problem of a file with a single bad question.
ImportProblem OnlyProblem(const std::string& xml) {
  const std::vector<ImportProblem> problems = Problems(xml);
  EXPECT_EQ(problems.size(), 1u) << Describe(ParsedQuestions{{}, problems});
  return problems.empty() ? ImportProblem() : problems[0];
}

RichText Html(std::string text) { return {std::move(text), TextFormat::kHtml}; }
RichText Moodle(std::string text) { return {std::move(text), TextFormat::kMoodle}; }
RichText Plain(std::string text) { return {std::move(text), TextFormat::kPlain}; }

Answer MakeAnswer(RichText text, std::int32_t fraction, RichText feedback) {
  Answer a;
  a.text = std::move(text);
  a.fraction = fraction;
  a.feedback = std::move(feedback);
  return a;
}

Answer NumberAnswer(std::int64_t micros, std::int64_t tolerance, std::int32_t fraction,
                    RichText feedback) {
  Answer a;
  a.value.micros = micros;
  a.tolerance.micros = tolerance;
  a.fraction = fraction;
  a.feedback = std::move(feedback);
  return a;
}

// A minimal valid question of `type` around `inner` elements, for the refusal tests.
std::string OneQuestion(std::string_view type, std::string_view name, std::string_view inner) {
  return Quiz("  <question type=\"" + std::string(type) + "\">\n    <name><text>" +
              std::string(name) +
              "</text></name>\n    <questiontext format=\"html\"><text>Q?</text></questiontext>\n" +
              std::string(inner) + "  </question>\n");
}

// ---- each type, in the shapes of Moodle's fixtures (question/format/xml/tests)

TEST(MoodleXmlTest, ReadsDescription) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="description">
    <name>
      <text>A description</text>
    </name>
    <questiontext format="html">
      <text>The question text.</text>
    </questiontext>
    <generalfeedback>
      <text>Here is some general feedback.</text>
    </generalfeedback>
    <defaultgrade>0</defaultgrade>
    <penalty>0</penalty>
    <hidden>0</hidden>
    <tags>
      <tag><text>tagDescription</text></tag>
      <tag><text>tagTest</text></tag>
    </tags>
  </question>
)xml"));
  Question expected;
  expected.type = QuestionType::kDescription;
  expected.name = "A description";
  expected.text = Html("The question text.");
  expected.general_feedback = Html("Here is some general feedback.");
  expected.default_mark = 0;
  expected.penalty = 0;
  expected.tags = {"tagDescription", "tagTest"};
  EXPECT_EQ(q, expected) << Describe(q);
}

TEST(MoodleXmlTest, DescriptionsHaveNoMarkWhateverTheFileSays) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="description">
    <name><text>Intro</text></name>
    <questiontext format="moodle_auto_format"><text>Read this.</text></questiontext>
    <defaultgrade>1.0000000</defaultgrade>
  </question>
)xml"));
  EXPECT_EQ(q.default_mark, 0);
}

TEST(MoodleXmlTest, ReadsEssaysOfMoodle20And21) {
  const Question q20 = ParseOne(Quiz(R"xml(
  <question type="essay">
    <name>
      <text>An essay</text>
    </name>
    <questiontext format="moodle_auto_format">
      <text>Write something.</text>
    </questiontext>
    <generalfeedback>
      <text>I hope you wrote something interesting.</text>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0</penalty>
    <hidden>0</hidden>
    <tags>
      <tag><text>tagEssay</text></tag>
      <tag><text>tagEssay20</text></tag>
      <tag><text>tagTest</text></tag>
    </tags>
  </question>
)xml"));
  Question expected;
  expected.type = QuestionType::kEssay;
  expected.name = "An essay";
  expected.text = Moodle("Write something.");
  expected.general_feedback = Moodle("I hope you wrote something interesting.");
  expected.default_mark = 1;
  expected.penalty = 0;
  expected.tags = {"tagEssay", "tagEssay20", "tagTest"};
  EXPECT_EQ(q20, expected) << Describe(q20);

  // Moodle 2.1's response options and grader information have no place in the model.
  const Question q21 = ParseOne(Quiz(R"xml(
  <question type="essay">
    <name>
      <text>An essay</text>
    </name>
    <questiontext format="moodle_auto_format">
      <text>Write something.</text>
    </questiontext>
    <generalfeedback>
      <text>I hope you wrote something interesting.</text>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0</penalty>
    <hidden>0</hidden>
    <responseformat>monospaced</responseformat>
    <responserequired>0</responserequired>
    <responsefieldlines>42</responsefieldlines>
    <attachments>-1</attachments>
    <attachmentsrequired>1</attachmentsrequired>
    <graderinfo format="html">
        <text><![CDATA[<p>Grade <b>generously</b>!</p>]]></text>
    </graderinfo>
    <responsetemplate format="html">
        <text><![CDATA[<p>Here is something <b>really</b> interesting.</p>]]></text>
    </responsetemplate>
    <tags>
      <tag><text>tagEssay</text></tag>
      <tag><text>tagEssay20</text></tag>
      <tag><text>tagTest</text></tag>
    </tags>
  </question>
)xml"));
  EXPECT_EQ(q21, expected) << Describe(q21);
}

TEST(MoodleXmlTest, ReadsMatching) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="matching">
    <name>
      <text>Matching question</text>
    </name>
    <questiontext format="html">
      <text>Match the upper and lower case letters.</text>
    </questiontext>
    <generalfeedback>
      <text>The answer is A -> a, B -> b and C -> c.</text>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <shuffleanswers>false</shuffleanswers>
    <correctfeedback>
      <text>Well done.</text>
    </correctfeedback>
    <partiallycorrectfeedback>
      <text>Not entirely.</text>
    </partiallycorrectfeedback>
    <incorrectfeedback>
      <text>Completely wrong!</text>
    </incorrectfeedback>
    <subquestion>
      <text>A</text>
      <answer>
        <text>a</text>
      </answer>
    </subquestion>
    <subquestion>
      <text>B</text>
      <answer>
        <text>b</text>
      </answer>
    </subquestion>
    <subquestion>
      <text>C</text>
      <answer>
        <text>c</text>
      </answer>
    </subquestion>
    <subquestion>
      <text></text>
      <answer>
        <text>d</text>
      </answer>
    </subquestion>
    <hint>
      <text>Hint 1</text>
      <shownumcorrect />
    </hint>
    <hint>
      <text></text>
      <shownumcorrect />
      <clearwrong />
    </hint>
    <tags>
      <tag><text>tagMatching</text></tag>
      <tag><text>tagTest</text></tag>
    </tags>
  </question>
)xml"));
  Question expected;
  expected.type = QuestionType::kMatching;
  expected.name = "Matching question";
  expected.text = Html("Match the upper and lower case letters.");
  expected.general_feedback = Html("The answer is A -> a, B -> b and C -> c.");
  expected.default_mark = 1;
  expected.penalty = 3333333;
  expected.shuffle_answers = false;
  expected.pairs = {{Html("A"), "a"}, {Html("B"), "b"}, {Html("C"), "c"}, {Html(""), "d"}};
  expected.tags = {"tagMatching", "tagTest"};
  EXPECT_EQ(q, expected) << Describe(q);
}

TEST(MoodleXmlTest, ReadsMatchAsAnotherNameOfMatchingAndShufflesByDefault) {
  const Question q = ParseOne(OneQuestion("match", "M", R"xml(
    <subquestion format="plain_text"><text>1 + 1</text><answer><text>2</text></answer></subquestion>
    <subquestion format="markdown"><text>2 + 2</text><answer><text>4</text></answer></subquestion>
    <subquestion><text></text><answer><text>5</text></answer></subquestion>
)xml"));
  EXPECT_EQ(q.type, QuestionType::kMatching);
  EXPECT_TRUE(q.shuffle_answers);
  ASSERT_EQ(q.pairs.size(), 3u);
  EXPECT_EQ(q.pairs[0].question, Plain("1 + 1"));
  EXPECT_EQ(q.pairs[1].question, (RichText{"2 + 2", TextFormat::kMarkdown}));
  EXPECT_EQ(q.pairs[2].question, Html(""));
  EXPECT_EQ(q.pairs[2].answer, "5");
}

TEST(MoodleXmlTest, ReadsMultipleChoice) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="multichoice">
    <name>
      <text>Multiple choice question</text>
    </name>
    <questiontext format="html">
      <text>Which are the even numbers?</text>
    </questiontext>
    <generalfeedback>
      <text>The even numbers are 2 and 4.</text>
    </generalfeedback>
    <defaultgrade>2</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <single>false</single>
    <shuffleanswers>false</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <correctfeedback>
      <text><![CDATA[<p>Your answer is correct.</p>]]></text>
    </correctfeedback>
    <partiallycorrectfeedback>
      <text><![CDATA[<p>Your answer is partially correct.</p>]]></text>
    </partiallycorrectfeedback>
    <incorrectfeedback>
      <text><![CDATA[<p>Your answer is incorrect.</p>]]></text>
    </incorrectfeedback>
    <shownumcorrect/>
    <answer fraction="0">
      <text>1</text>
      <feedback>
        <text></text>
      </feedback>
    </answer>
    <answer fraction="100">
      <text>2</text>
      <feedback>
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0">
      <text>3</text>
      <feedback>
        <text></text>
      </feedback>
    </answer>
    <answer fraction="100">
      <text>4</text>
      <feedback>
        <text></text>
      </feedback>
    </answer>
    <hint>
      <text>Hint 1.</text>
    </hint>
    <hint>
      <text>Hint 2.</text>
    </hint>
  </question>
)xml"));
  Question expected;
  expected.type = QuestionType::kMultipleChoice;
  expected.name = "Multiple choice question";
  expected.text = Html("Which are the even numbers?");
  expected.general_feedback = Html("The even numbers are 2 and 4.");
  expected.default_mark = 2;
  expected.penalty = 3333333;
  expected.single = false;
  expected.shuffle_answers = false;
  expected.answers = {
      MakeAnswer(Html("1"), 0, Html("")), MakeAnswer(Html("2"), kFractionOne, Html("")),
      MakeAnswer(Html("3"), 0, Html("")), MakeAnswer(Html("4"), kFractionOne, Html(""))};
  EXPECT_EQ(q, expected) << Describe(q);
}

TEST(MoodleXmlTest, MultipleChoiceDefaultsAreMoodles) {
  // Without <single> and <shuffleanswers> Moodle makes a single-answer question that is not
  // shuffled; "1" and "0" are read like "true" and "false".
  const Question q = ParseOne(OneQuestion("multichoice", "Defaults", R"xml(
    <answer fraction="100"><text>yes</text></answer>
    <answer fraction="0"><text>no</text></answer>
)xml"));
  EXPECT_TRUE(q.single);
  EXPECT_FALSE(q.shuffle_answers);
  const Question flags = ParseOne(OneQuestion("multichoice", "Flags", R"xml(
    <single>0</single>
    <shuffleanswers>1</shuffleanswers>
    <answer fraction="50"><text>yes</text></answer>
    <answer fraction="50"><text>also</text></answer>
)xml"));
  EXPECT_FALSE(flags.single);
  EXPECT_TRUE(flags.shuffle_answers);
}

TEST(MoodleXmlTest, ReadsNumerical) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="numerical">
    <name>
      <text>Numerical question</text>
    </name>
    <questiontext format="html">
      <text>What is the answer?</text>
    </questiontext>
    <generalfeedback>
      <text>General feedback: Think Hitch-hikers guide to the Galaxy.</text>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.1</penalty>
    <hidden>0</hidden>
    <answer fraction="100">
      <text>42</text>
      <feedback>
        <text>Well done!</text>
      </feedback>
      <tolerance>0.001</tolerance>
    </answer>
    <answer fraction="0">
      <text>13</text>
      <feedback>
        <text>What were you thinking?!</text>
      </feedback>
      <tolerance>1</tolerance>
    </answer>
    <answer fraction="0">
      <text>*</text>
      <feedback>
        <text>Completely wrong.</text>
      </feedback>
      <tolerance></tolerance>
    </answer>
  </question>
)xml"));
  Question expected;
  expected.type = QuestionType::kNumerical;
  expected.name = "Numerical question";
  expected.text = Html("What is the answer?");
  expected.general_feedback = Html("General feedback: Think Hitch-hikers guide to the Galaxy.");
  expected.default_mark = 1;
  expected.penalty = 1000000;
  Answer any = NumberAnswer(0, 0, 0, Html("Completely wrong."));
  any.text.text = "*";
  expected.answers = {NumberAnswer(42000000, 1000, kFractionOne, Html("Well done!")),
                      NumberAnswer(13000000, 1000000, 0, Html("What were you thinking?!")), any};
  EXPECT_EQ(q, expected) << Describe(q);
}

TEST(MoodleXmlTest, ReadsNumbersExactly) {
  const Question q = ParseOne(OneQuestion("numerical", "Numbers", R"xml(
    <answer fraction="100"><text>3.1415</text><tolerance>0.0005</tolerance></answer>
    <answer fraction="50"><text>-0.000001</text></answer>
    <answer fraction="25"><text>1.5e3</text><tolerance>2E-6</tolerance></answer>
    <answer fraction="10"><text>+7.000000000</text><tolerance>1e-1</tolerance></answer>
    <units>
      <unit><multiplier>1</multiplier><unit_name>m</unit_name></unit>
    </units>
    <unitgradingtype>0</unitgradingtype>
)xml"));
  ASSERT_EQ(q.answers.size(), 4u);
  EXPECT_EQ(q.answers[0].value.micros, 3141500);
  EXPECT_EQ(q.answers[0].tolerance.micros, 500);
  EXPECT_EQ(q.answers[1].value.micros, -1);
  EXPECT_EQ(q.answers[1].tolerance.micros, 0);
  EXPECT_EQ(q.answers[2].value.micros, 1500000000);
  EXPECT_EQ(q.answers[2].tolerance.micros, 2);
  EXPECT_EQ(q.answers[3].value.micros, 7000000);
  EXPECT_EQ(q.answers[3].tolerance.micros, 100000);
  for (const Answer& a : q.answers) EXPECT_EQ(a.text, RichText()) << Describe(q);
}

TEST(MoodleXmlTest, ReadsShortAnswer) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="shortanswer">
    <name>
      <text>Short answer question</text>
    </name>
    <questiontext format="html">
      <text>Fill in the gap in this sequence: Alpha, ________, Gamma.</text>
    </questiontext>
    <generalfeedback>
      <text>The answer is Beta.</text>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <usecase>0</usecase>
    <answer fraction="100" format="plain_text">
      <text>Beta</text>
      <feedback>
        <text>Well done!</text>
      </feedback>
    </answer>
    <answer fraction="0" format="plain_text">
      <text>*</text>
      <feedback>
        <text>Doh!</text>
      </feedback>
    </answer>
    <hint>
      <text>Hint 1</text>
    </hint>
    <hint>
      <text>Hint 2</text>
    </hint>
  </question>
)xml"));
  Question expected;
  expected.type = QuestionType::kShortAnswer;
  expected.name = "Short answer question";
  expected.text = Html("Fill in the gap in this sequence: Alpha, ________, Gamma.");
  expected.general_feedback = Html("The answer is Beta.");
  expected.default_mark = 1;
  expected.penalty = 3333333;
  expected.case_sensitive = false;
  expected.answers = {MakeAnswer(Plain("Beta"), kFractionOne, Html("Well done!")),
                      MakeAnswer(Plain("*"), 0, Html("Doh!"))};
  EXPECT_EQ(q, expected) << Describe(q);
}

TEST(MoodleXmlTest, ShortAnswerCaseAndDefaultAnswerFormat) {
  const Question q = ParseOne(OneQuestion("shortanswer", "Case", R"xml(
    <usecase>1</usecase>
    <answer fraction="100"><text>Paris</text></answer>
)xml"));
  EXPECT_TRUE(q.case_sensitive);
  ASSERT_EQ(q.answers.size(), 1u);
  EXPECT_EQ(q.answers[0].text, Plain("Paris"));  // Moodle's answers are plain text
}

TEST(MoodleXmlTest, ReadsTrueFalseWithIdnumber) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="truefalse">
    <name>
      <text>True false question</text>
    </name>
    <questiontext format="html">
      <text>The answer is true.</text>
    </questiontext>
    <generalfeedback>
      <text>General feedback: You should have chosen true.</text>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>1</penalty>
    <hidden>0</hidden>
    <idnumber>TestIdNum1</idnumber>
    <answer fraction="100">
      <text>true</text>
      <feedback>
        <text>Well done!</text>
      </feedback>
    </answer>
    <answer fraction="0">
      <text>false</text>
      <feedback>
        <text>Doh!</text>
      </feedback>
    </answer>
  </question>
)xml"));
  Question expected;
  expected.type = QuestionType::kTrueFalse;
  expected.name = "True false question";
  expected.idnumber = "TestIdNum1";
  expected.text = Html("The answer is true.");
  expected.general_feedback = Html("General feedback: You should have chosen true.");
  expected.default_mark = 1;
  expected.penalty = kFractionOne;
  expected.answers = {MakeAnswer(Moodle("true"), kFractionOne, Html("Well done!")),
                      MakeAnswer(Moodle("false"), 0, Html("Doh!"))};
  EXPECT_EQ(q, expected) << Describe(q);
}

TEST(MoodleXmlTest, IgnoresEmbeddedFilesAndReadsSevenPlaceMarks) {
  // The shape of Moodle 2.x exports: files inside the texts, marks with seven places.
  const Question q = ParseOne(Quiz(R"xml(
<!-- question: 2284  -->
  <question type="truefalse">
    <name>
      <text>truefalse</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p><a href="@@PLUGINFILE@@/myfolder/moodle.txt">File</a></p>]]></text>
<file name="moodle.txt" path="/myfolder/" encoding="base64">TW9vZGxl</file>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>For further information, see the documentation about Moodle.</p>]]></text>
</generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>1.0000000</penalty>
    <hidden>0</hidden>
    <answer fraction="0" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html">
        <text><![CDATA[<p><img src="@@PLUGINFILE@@/thumbdown.jpg" alt="Down" /> Wrong.</p>]]></text>
<file name="thumbdown.jpg" encoding="base64">/9j/4AAQSkZJRgABAQAAAQABAAD/2w==</file>
      </feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
  </question>
)xml"));
  EXPECT_EQ(q.text, Html("<p><a href=\"@@PLUGINFILE@@/myfolder/moodle.txt\">File</a></p>"));
  EXPECT_EQ(q.general_feedback,
            Html("<p>For further information, see the documentation about Moodle.</p>"));
  EXPECT_EQ(q.default_mark, 1);
  EXPECT_EQ(q.penalty, kFractionOne);
  ASSERT_EQ(q.answers.size(), 2u);
  EXPECT_EQ(q.answers[0],
            MakeAnswer(Moodle("true"), 0,
                       Html("<p><img src=\"@@PLUGINFILE@@/thumbdown.jpg\" alt=\"Down\" /> "
                            "Wrong.</p>")));
  EXPECT_EQ(q.answers[1], MakeAnswer(Moodle("false"), kFractionOne, Html("")));
}

TEST(MoodleXmlTest, ReadsOldTrueFalseAnswersInOrder) {
  // Old exports wrote the answers in the teacher's language, true first.
  const Question q = ParseOne(OneQuestion("truefalse", "Old", R"xml(
    <answer fraction="0"><text>Vrai</text></answer>
    <answer fraction="100"><text>Faux</text></answer>
)xml"));
  ASSERT_EQ(q.answers.size(), 2u);
  EXPECT_EQ(q.answers[0].text.text, "true");
  EXPECT_EQ(q.answers[0].fraction, 0);
  EXPECT_EQ(q.answers[1].text.text, "false");
  EXPECT_EQ(q.answers[1].fraction, kFractionOne);
}

TEST(MoodleXmlTest, RefusesUnsupportedTypesByName) {
  const std::vector<ImportProblem> problems = Problems(Quiz(R"xml(
  <question type="cloze">
    <name>
      <text>Simple multianswer</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[Complete this opening line of verse: "The
        {1:SHORTANSWER:Dog#Wrong, silly!~=Owl#Well done!~*#Wrong answer} and the
        {1:MULTICHOICE:Bow-wow#You seem to have a dog obsessions!~Wiggly worm#Now you are just
        being ridiculous!~=Pussy-cat#Well done!} went to sea".]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[General feedback: It's from "The Owl and the Pussy-cat" by Lear.]]></text>
    </generalfeedback>
    <penalty>0.5</penalty>
    <hidden>0</hidden>
  </question>
  <question type="calculated">
    <name><text>Area</text></name>
    <questiontext format="html"><text>{r}</text></questiontext>
  </question>
  <question type="ddwtos">
    <name><text>Drag</text></name>
    <questiontext format="html"><text>[[1]]</text></questiontext>
  </question>
  <question>
    <name><text>Untyped</text></name>
  </question>
)xml"));
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].where, "moodle.xml: question 1 (Simple multianswer)");
  EXPECT_EQ(problems[0].message, "question type cloze is not supported");
  EXPECT_EQ(problems[1].where, "moodle.xml: question 2 (Area)");
  EXPECT_EQ(problems[1].message, "question type calculated is not supported");
  EXPECT_EQ(problems[2].where, "moodle.xml: question 3 (Drag)");
  EXPECT_EQ(problems[2].message, "question type ddwtos is not supported");
  EXPECT_EQ(problems[3].where, "moodle.xml: question 4 (Untyped)");
  EXPECT_EQ(problems[3].message, "has no type attribute, such as type=\"multichoice\"");
}

// ---- categories

TEST(MoodleXmlTest, CategoriesApplyToTheQuestionsAfterThem) {
  const ParsedQuestions parsed = ParseMoodleXml(Quiz(R"xml(
  <question type="essay">
    <name><text>Before any category</text></name>
    <questiontext format="html"><text>Q0</text></questiontext>
  </question>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/Iota</text>
    </category>
    <info format="plain_text">
      <text>This is Iota category for test</text>
    </info>
    <idnumber>The inequalities &lt; &amp; &gt;</idnumber>
  </question>
  <question type="essay">
    <name><text>Iota Question</text></name>
    <questiontext format="html"><text>Q1</text></questiontext>
  </question>
  <question type="category">
    <category>
        <text>$course$/top/Iota/Kappa</text>

    </category>
    <info format="markdown"><text>Kappa</text></info>
    <idnumber></idnumber>
  </question>
  <question type="essay">
    <name><text>Kappa Question</text></name>
    <questiontext format="html"><text>Q2</text></questiontext>
  </question>
  <question type="essay">
    <name><text>Kappa Question 2</text></name>
    <questiontext format="html"><text>Q3</text></questiontext>
  </question>
  <question type="category">
    <category>$course$/Old style</category>
  </question>
  <question type="essay">
    <name><text>Old style question</text></name>
    <questiontext format="html"><text>Q4</text></questiontext>
  </question>
  <question type="category">
    <category><text></text></category>
  </question>
  <question type="essay">
    <name><text>Back in the default category</text></name>
    <questiontext format="html"><text>Q5</text></questiontext>
  </question>
)xml"),
                                                "nested.xml");
  ASSERT_TRUE(parsed.problems.empty()) << Describe(parsed);
  ASSERT_EQ(parsed.questions.size(), 6u);
  EXPECT_EQ(parsed.questions[0].category, "");
  EXPECT_EQ(parsed.questions[1].category, "$course$/Iota");
  EXPECT_EQ(parsed.questions[2].category, "$course$/top/Iota/Kappa");
  EXPECT_EQ(parsed.questions[3].category, "$course$/top/Iota/Kappa");
  EXPECT_EQ(parsed.questions[4].category, "$course$/Old style");
  EXPECT_EQ(parsed.questions[5].category, "");
}

TEST(MoodleXmlTest, CategoryProblemsGiveTheirLine) {
  const std::vector<ImportProblem> problems = Problems(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<quiz>\n"
      "  <question type=\"category\">\n"
      "    <info><text>no path</text></info>\n"
      "  </question>\n"
      "</quiz>\n",
      "cat.xml");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "cat.xml:3");
  EXPECT_EQ(problems[0].message, "a category question has no <category>");
}

// ---- texts and formats

TEST(MoodleXmlTest, ReadsEveryFormatAndTheirDefaults) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="multichoice">
    <name><text>Formats</text></name>
    <questiontext format="markdown"><text>**Pick**</text></questiontext>
    <generalfeedback><text>Follows the question text</text></generalfeedback>
    <answer fraction="100" format="plain_text">
      <text>a &lt; b</text>
      <feedback format="moodle_auto_format"><text>auto</text></feedback>
    </answer>
    <answer fraction="0">
      <text>_b_</text>
      <feedback><text>also markdown</text></feedback>
    </answer>
  </question>
)xml"));
  EXPECT_EQ(q.text, (RichText{"**Pick**", TextFormat::kMarkdown}));
  EXPECT_EQ(q.general_feedback, (RichText{"Follows the question text", TextFormat::kMarkdown}));
  ASSERT_EQ(q.answers.size(), 2u);
  EXPECT_EQ(q.answers[0].text, Plain("a < b"));
  EXPECT_EQ(q.answers[0].feedback, Moodle("auto"));
  EXPECT_EQ(q.answers[1].text, (RichText{"_b_", TextFormat::kMarkdown}));
  EXPECT_EQ(q.answers[1].feedback, (RichText{"also markdown", TextFormat::kMarkdown}));

  // Without a format attribute the question text is HTML, as in Moodle.
  const Question html = ParseOne(Quiz(R"xml(
  <question type="essay">
    <name><text>Default</text></name>
    <questiontext><text>Text</text></questiontext>
  </question>
)xml"));
  EXPECT_EQ(html.text, Html("Text"));
  EXPECT_EQ(html.general_feedback, Html(""));
}

TEST(MoodleXmlTest, ReadsCdataEntitiesAndTrimsLikeMoodle) {
  const Question q = ParseOne(Quiz(R"xml(
  <question type="essay">
    <name>
      <text>
        <![CDATA[Question with <strong>invalid grades</strong> : x > 1 & x < 2]]>
      </text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Part one]]> &amp; <![CDATA[part <b>two</b></p>]]>
      </text>
    </questiontext>
    <generalfeedback format="html">
      <text>caf&#233; &#x65E5;&#26412; &quot;q&quot; &apos;a&apos;</text>
    </generalfeedback>
    <idnumber>T &amp; F</idnumber>
    <tags><tag><text><![CDATA[a<b]]></text></tag><tag><text></text></tag></tags>
    <coursetags><tag><text>course tag</text></tag></coursetags>
  </question>
)xml"));
  EXPECT_EQ(q.name, "Question with <strong>invalid grades</strong> : x > 1 & x < 2");
  EXPECT_EQ(q.text.text, "<p>Part one & part <b>two</b></p>");
  EXPECT_EQ(q.general_feedback.text, "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \"q\" 'a'");
  EXPECT_EQ(q.idnumber, "T & F");
  EXPECT_EQ(q.tags, (std::vector<std::string>{"a<b", "course tag"}));
}

// ---- exact numbers

TEST(MoodleXmlTest, ReadsFractionsExactly) {
  const Question q = ParseOne(OneQuestion("multichoice", "Fractions", R"xml(
    <single>false</single>
    <answer fraction="33.33333"><text>a</text></answer>
    <answer fraction="33.33333"><text>b</text></answer>
    <answer fraction="33.33334"><text>c</text></answer>
    <answer fraction="-50"><text>d</text></answer>
    <answer fraction="-100.000000"><text>e</text></answer>
    <answer fraction=" 0.00001 "><text>f</text></answer>
    <answer fraction="83.33333"><text>g</text></answer>
    <answer><text>h</text></answer>
)xml"));
  ASSERT_EQ(q.answers.size(), 8u);
  EXPECT_EQ(q.answers[0].fraction, 3333333);
  EXPECT_EQ(q.answers[1].fraction, 3333333);
  EXPECT_EQ(q.answers[2].fraction, 3333334);
  EXPECT_EQ(q.answers[3].fraction, -5000000);
  EXPECT_EQ(q.answers[4].fraction, -kFractionOne);
  EXPECT_EQ(q.answers[5].fraction, 1);
  EXPECT_EQ(q.answers[6].fraction, 8333333);
  EXPECT_EQ(q.answers[7].fraction, 0);
}

TEST(MoodleXmlTest, ReadsMarksAndPenaltiesExactly) {
  const Question q = ParseOne(OneQuestion("essay", "Marks", R"xml(
    <defaultgrade>3.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
)xml"));
  EXPECT_EQ(q.default_mark, 3);
  EXPECT_EQ(q.penalty, 3333333);
  // Moodle rounds penalties near a third from old files; here every penalty stays as written.
  const Question old = ParseOne(OneQuestion("essay", "Old", "<penalty>0.333333</penalty>\n"));
  EXPECT_EQ(old.penalty, 3333330);
  const Question defaults = ParseOne(OneQuestion("essay", "Defaults", ""));
  EXPECT_EQ(defaults.default_mark, 1);
  EXPECT_EQ(defaults.penalty, 3333333);
}

// ---- refusals, each with its location and message

struct Refusal {
  std::string_view type;
  std::string_view inner;
  std::string_view message;
};

TEST(MoodleXmlTest, RefusesBadQuestionsWithTheirLocation) {
  const Refusal refusals[] = {
      {"multichoice",
       R"(<answer fraction="0"><text>a</text></answer>)"
       R"(<answer fraction="-50"><text>b</text></answer>)",
       "has no right answer: give at least one answer a positive fraction"},
      {"multichoice",
       R"(<answer fraction="50"><text>a</text></answer>)"
       R"(<answer fraction="50"><text>b</text></answer>)",
       "allows a single answer, so one answer must be worth 100% (the best is 50%)"},
      {"multichoice", R"(<answer fraction="100"><text>a</text></answer>)",
       "a multiple choice question needs at least 2 answers (it has 1)"},
      {"multichoice",
       R"(<answer fraction="100"><text>a</text></answer>)"
       R"(<answer fraction="0"><text></text></answer>)",
       "answer 2 has no text"},
      {"multichoice",
       R"(<answer fraction="33.333333"><text>a</text></answer><answer><text>b</text></answer>)",
       "answer 1 has the fraction 33.333333%, which has more than 5 decimal places"},
      {"multichoice",
       R"(<answer fraction="150"><text>a</text></answer><answer><text>b</text></answer>)",
       "answer 1 has the fraction 150%; it must be between -100% and 100%"},
      {"multichoice",
       R"(<answer fraction="full"><text>a</text></answer><answer><text>b</text></answer>)",
       "answer 1 has the fraction \"full\", which is not a number"},
      {"multichoice",
       R"(<answer fraction="100" format="wiki_like"><text>a</text></answer>)"
       R"(<answer><text>b</text></answer>)",
       "the format of answer 1 is \"wiki_like\"; use html, moodle_auto_format, plain_text or "
       "markdown"},
      {"truefalse", R"(<answer fraction="100"><text>true</text></answer>)",
       "a true/false question needs exactly 2 answers, \"true\" and \"false\" (it has 1)"},
      {"truefalse",
       R"(<answer fraction="50"><text>true</text></answer>)"
       R"(<answer fraction="50"><text>false</text></answer>)",
       "a true/false question needs one answer worth 100% and the other 0%"},
      {"truefalse",
       R"(<answer fraction="100"><text>true</text></answer>)"
       R"(<answer fraction="0"><text>true</text></answer>)",
       "a true/false question needs one answer \"true\" and one \"false\""},
      {"shortanswer", R"(<answer fraction="90"><text>Paris</text></answer>)",
       "needs an answer worth 100%"},
      {"shortanswer", "", "has no answers"},
      {"numerical", R"(<answer fraction="100"><text>1.2345678</text></answer>)",
       "answer 1 is 1.2345678, which has more than 6 decimal places"},
      {"numerical", R"(<answer fraction="100"><text>1,5</text></answer>)",
       "answer 1 is \"1,5\", which is not a number"},
      {"numerical", R"(<answer fraction="100"><text>1e30</text></answer>)",
       "answer 1 is 1e30, which is too large"},
      {"numerical", R"(<answer fraction="100"><text></text></answer>)", "answer 1 has no number"},
      {"numerical", R"(<answer fraction="100"><text>2</text><tolerance>-0.5</tolerance></answer>)",
       "the tolerance of answer 1 must not be negative"},
      {"numerical",
       R"(<answer fraction="100"><text>2</text><tolerance>0.0000001</tolerance></answer>)",
       "the tolerance of answer 1 is 0.0000001, which has more than 6 decimal places"},
      {"matching",
       R"(<subquestion><text>A</text><answer><text>a</text></answer></subquestion>
          <subquestion><text></text><answer><text>b</text></answer></subquestion>
          <subquestion><text></text><answer><text>c</text></answer></subquestion>)",
       "a matching question needs at least 2 subquestions and 3 answers (it has 1 subquestion "
       "and 3 answers)"},
      {"matching",
       R"(<subquestion><text>A</text><answer><text>a</text></answer></subquestion>
          <subquestion><text>B</text><answer><text>b</text></answer></subquestion>)",
       "a matching question needs at least 2 subquestions and 3 answers (it has 2 subquestions "
       "and 2 answers)"},
      {"matching",
       R"(<subquestion><text>A</text><answer><text>a</text></answer></subquestion>
          <subquestion><text>B</text><answer><text>b</text></answer></subquestion>
          <subquestion><text>C</text><answer><text></text></answer></subquestion>)",
       "subquestion 3 has no answer"},
      {"essay", "<defaultgrade>1.5</defaultgrade>",
       "the default mark must be a whole number of points, not 1.5"},
      {"essay", "<defaultgrade>1.00000001</defaultgrade>",
       "the default mark must be a whole number of points, not 1.00000001"},
      {"essay", "<defaultgrade>-2</defaultgrade>", "the default mark must not be negative"},
      {"essay", "<defaultgrade>two</defaultgrade>", "the default mark \"two\" is not a number"},
      {"essay", "<penalty>1.5</penalty>", "the penalty must be between 0 and 1, not 1.5"},
      {"essay", "<penalty>0.33333333</penalty>",
       "the penalty 0.33333333 has more than 7 decimal places"},
      {"essay", "<generalfeedback format=\"rtf\"><text>x</text></generalfeedback>",
       "the format of the general feedback is \"rtf\"; use html, moodle_auto_format, plain_text "
       "or markdown"},
      {"essay", "<generalfeedback><text><p>Unescaped</p></text></generalfeedback>",
       "the general feedback contains XML elements: put HTML inside <![CDATA[ ... ]]> or escape "
       "its < and &"},
      {"essay", "<idnumber>a\nb</idnumber>", "the idnumber must be a single line (no line breaks)"},
      {"essay", "<tags><tag><text>bad\xC2\x85tag</text></tag></tags>",
       "a tag must not contain control characters"},
  };
  for (const Refusal& refusal : refusals) {
    SCOPED_TRACE(refusal.message);
    const ImportProblem problem =
        OnlyProblem(OneQuestion(refusal.type, "Bad one", std::string(refusal.inner) + "\n"));
    EXPECT_EQ(problem.where, "moodle.xml: question 1 (Bad one)");
    EXPECT_EQ(problem.message, refusal.message);
  }
}

// Found while fuzzing: each problem of a question repeats its location, so a 1 MB name with
// 20,000 bad answers (a 1.4 MB file) took more than 20 GB. The location shows the name's first
// 100 characters.
TEST(MoodleXmlTest, LocationsShowTheStartOfALongName) {
  std::string name;
  for (int i = 0; i < 10'000; ++i) name += "\xC3\xA9";
  std::string answers;
  for (int i = 0; i < 3; ++i) answers += "<answer fraction=\"x\"><text>a</text></answer>";
  const std::vector<ImportProblem> problems = Problems(OneQuestion("multichoice", name, answers));
  ASSERT_EQ(problems.size(), 3u);
  std::string start;
  for (int i = 0; i < 100; ++i) start += "\xC3\xA9";
  for (const ImportProblem& p : problems) {
    EXPECT_EQ(p.where, "moodle.xml: question 1 (" + start + "...)");
  }
  EXPECT_EQ(OnlyProblem(OneQuestion("essay", start, "<penalty>2</penalty>")).where,
            "moodle.xml: question 1 (" + start + ")");
}

// Found while fuzzing: every question after a category holds a copy of it, so a very long path
// before many short questions took memory far beyond the file's size. The question bank stores
// paths of up to 500 characters; a longer one is refused, with its line.
TEST(MoodleXmlTest, RefusesCategoriesOfMoreThan500Characters) {
  std::string longest;
  for (int i = 0; i < 500; ++i) longest += "\xC3\xA9";
  const std::string essay =
      "<question type=\"essay\"><name><text>E</text></name>"
      "<questiontext><text>T</text></questiontext></question>\n";
  EXPECT_EQ(ParseOne(Quiz("<question type=\"category\"><category><text>" + longest +
                          "</text></category></question>\n" + essay))
                .category,
            longest);
  std::string many;
  for (int i = 0; i < 1000; ++i) many += essay;
  const std::vector<ImportProblem> problems =
      Problems(Quiz("<question type=\"category\"><category><text>" + longest +
                    "x</text></category></question>\n" + many),
               "long.xml");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "long.xml:3");
  EXPECT_EQ(problems[0].message, "the category has more than 500 characters");
}

TEST(MoodleXmlTest, RefusesMissingNameAndText) {
  const std::vector<ImportProblem> problems = Problems(Quiz(R"xml(
  <question type="essay">
    <questiontext format="html"><text>No name</text></questiontext>
  </question>
  <question type="essay">
    <name><text>No text</text></name>
  </question>
  <question type="essay">
    <name><text>Empty text</text></name>
    <questiontext format="html"><text>   </text></questiontext>
  </question>
  <question type="essay">
    <name><text><b>Bold</b></text></name>
    <questiontext format="html"><text>Marked-up name</text></questiontext>
  </question>
  <question type="essay">
    <name><text>Bad format</text></name>
    <questiontext format="rich"><text>x</text></questiontext>
  </question>
)xml"));
  ASSERT_EQ(problems.size(), 5u) << Describe(ParsedQuestions{{}, problems});
  EXPECT_EQ(problems[0].where, "moodle.xml: question 1");
  EXPECT_EQ(problems[0].message, "has no name: add <name><text>...</text></name>");
  EXPECT_EQ(problems[1].where, "moodle.xml: question 2 (No text)");
  EXPECT_EQ(problems[1].message, "has no question text");
  EXPECT_EQ(problems[2].where, "moodle.xml: question 3 (Empty text)");
  EXPECT_EQ(problems[2].message, "has no question text");
  EXPECT_EQ(problems[3].where, "moodle.xml: question 4");
  EXPECT_EQ(problems[3].message, "the name contains XML elements: write it as plain text");
  EXPECT_EQ(problems[4].where, "moodle.xml: question 5 (Bad format)");
  EXPECT_EQ(problems[4].message,
            "the format of the question text is \"rich\"; use html, moodle_auto_format, "
            "plain_text or markdown");
}

TEST(MoodleXmlTest, ReportsEveryProblemOfTheFileInOnePass) {
  // Categories are not counted in the question numbers; good questions are not returned when
  // another one is bad.
  const ParsedQuestions parsed = ParseMoodleXml(Quiz(R"xml(
  <question type="category"><category><text>$course$/A</text></category></question>
  <question type="essay">
    <name><text>Good</text></name>
    <questiontext format="html"><text>Fine</text></questiontext>
  </question>
  <question type="category"><category><text>$course$/B</text></category></question>
  <question type="multichoice">
    <name><text>Bad format</text></name>
    <questiontext format="html"><text>Pick</text></questiontext>
    <answer fraction="0" format="htm"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>
  </question>
  <question type="multichoice">
    <name><text>No right answer</text></name>
    <questiontext format="html"><text>Pick</text></questiontext>
    <answer fraction="0"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>
  </question>
  <question type="essay">
    <name><text>No text</text></name>
    <defaultgrade>2.5</defaultgrade>
  </question>
)xml"),
                                                "all.xml");
  EXPECT_TRUE(parsed.questions.empty());
  ASSERT_EQ(parsed.problems.size(), 4u) << Describe(parsed);
  EXPECT_EQ(parsed.problems[0].where, "all.xml: question 2 (Bad format)");
  EXPECT_EQ(parsed.problems[0].message,
            "the format of answer 1 is \"htm\"; use html, moodle_auto_format, plain_text or "
            "markdown");
  EXPECT_EQ(parsed.problems[1].where, "all.xml: question 3 (No right answer)");
  EXPECT_EQ(parsed.problems[1].message,
            "has no right answer: give at least one answer a positive fraction");
  EXPECT_EQ(parsed.problems[2].where, "all.xml: question 4 (No text)");
  EXPECT_EQ(parsed.problems[2].message, "has no question text");
  EXPECT_EQ(parsed.problems[3].where, "all.xml: question 4 (No text)");
  EXPECT_EQ(parsed.problems[3].message,
            "the default mark must be a whole number of points, not 2.5");
}

// ---- the file as a whole

TEST(MoodleXmlTest, MalformedXmlGivesTheLine) {
  const std::vector<ImportProblem> problems = Problems(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<quiz>\n"
      "  <question type=\"essay\">\n"
      "    <name><text>Broken</name>\n"
      "  </question>\n"
      "</quiz>\n",
      "broken.xml");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "broken.xml:4");
  EXPECT_EQ(problems[0].message.rfind("is not well-formed XML: ", 0), 0u) << problems[0].message;
  EXPECT_NE(problems[0].message.find("mismatch"), std::string::npos) << problems[0].message;

  const std::vector<ImportProblem> truncated =
      Problems(Quiz("<question type=\"essay\">\n<name>").substr(0, 70), "cut.xml");
  ASSERT_EQ(truncated.size(), 1u);
  EXPECT_EQ(truncated[0].where.rfind("cut.xml:", 0), 0u) << truncated[0].where;
}

TEST(MoodleXmlTest, RefusesTextsOverLibxmlsLimit) {
  const std::string huge = Quiz(
      "<question type=\"essay\"><name><text>Big</text></name><questiontext><text>x</text>"
      "<file name=\"a.mp3\" encoding=\"base64\">" +
      std::string(11'000'000, 'A') + "</file></questiontext></question>\n");
  const std::vector<ImportProblem> problems = Problems(huge, "big.xml");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "big.xml:3");
  EXPECT_EQ(problems[0].message,
            "has a text or an embedded file larger than 10 MB, which cannot be imported");
}

TEST(MoodleXmlTest, RefusesFilesThatAreNotQuizzes) {
  EXPECT_EQ(OnlyProblem("<?xml version=\"1.0\"?><html><body/></html>").message,
            "is not a Moodle XML question file: its root element is <html>, not <quiz>");
  EXPECT_EQ(OnlyProblem(Quiz("")).message, "contains no questions");
  EXPECT_EQ(OnlyProblem(Quiz("<question type=\"category\"><category><text>$course$/A</text>"
                             "</category></question>"))
                .message,
            "contains no questions");
  const ImportProblem empty = OnlyProblem("  \n");
  EXPECT_EQ(empty.where, "moodle.xml");
  EXPECT_EQ(empty.message, "is empty");
}

TEST(MoodleXmlTest, RefusesOtherEncodings) {
  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<quiz>\n<question type=\"essay\">"
      "<name><text>Caf\xE9</text></name><questiontext><text>x</text></questiontext>"
      "</question></quiz>\n";
  const std::vector<ImportProblem> problems = Problems(latin1, "latin.xml");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "latin.xml");
  EXPECT_EQ(problems[0].message, "is encoded as ISO-8859-1; save it as UTF-8");

  EXPECT_EQ(OnlyProblem("<?xml version='1.0' encoding='windows-1252'?><quiz/>").message,
            "is encoded as WINDOWS-1252; save it as UTF-8");

  // UTF-16 with a byte order mark (little-endian) and without one (big-endian).
  const std::string ascii = Quiz("<question type=\"essay\"/>");
  std::string le = "\xFF\xFE";
  std::string be;
  for (char c : ascii) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  for (const std::string& utf16 : {le, be}) {
    const std::vector<ImportProblem> p = Problems(utf16, "wide.xml");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].where, "wide.xml");
    EXPECT_EQ(p[0].message, "is encoded as UTF-16; save it as UTF-8");
  }
}

TEST(MoodleXmlTest, RefusesBytesThatAreNotUtf8WithTheirLine) {
  const std::vector<ImportProblem> problems = Problems(
      "<?xml version=\"1.0\"?>\n<quiz>\n<question type=\"essay\">\n<name>\n"
      "<text>Caf\xE9</text>\n</name>\n</question>\n</quiz>\n",
      "bytes.xml");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "bytes.xml:5");
  EXPECT_EQ(problems[0].message, "contains bytes that are not UTF-8; save the file as UTF-8");
}

TEST(MoodleXmlTest, AcceptsUtf8WithByteOrderMarkOrLowerCaseName) {
  const std::string body = Quiz(R"xml(<question type="essay"><name><text>Ωμέγα</text></name>
    <questiontext><text>日本語</text></questiontext></question>
)xml");
  EXPECT_EQ(ParseOne("\xEF\xBB\xBF" + body).name, "Ωμέγα");
  std::string lower = body;
  lower.replace(lower.find("UTF-8"), 5, "utf-8");
  EXPECT_EQ(ParseOne(lower).text.text, "日本語");
  EXPECT_EQ(ParseOne(body.substr(body.find("<quiz>"))).name, "Ωμέγα");  // no declaration
}

TEST(MoodleXmlTest, NeverReadsExternalEntities) {
  const std::string secret_path = testing::TempDir() + "moodle_xml_secret.txt";
  // Not well-formed on purpose: had the parser read the file, it would have reported an error
  // instead of the DOCTYPE.
  const std::string secret = "TOP-SECRET-7f3a9c <unclosed";
  {
    std::ofstream file(secret_path);
    file << secret;
  }
  const std::string general =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE quiz [<!ENTITY xxe SYSTEM \"file://" +
      secret_path +
      "\">]>\n"
      "<quiz><question type=\"essay\"><name><text>&xxe;</text></name>"
      "<questiontext><text>&xxe;</text></questiontext></question></quiz>\n";
  const std::string parameter =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE quiz [<!ENTITY % p SYSTEM \"file://" +
      secret_path +
      "\"> %p;]>\n"
      "<quiz><question type=\"essay\"><name><text>n</text></name>"
      "<questiontext><text>t</text></questiontext></question></quiz>\n";
  const std::string internal =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE quiz [<!ENTITY a \"EXPANDED\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
      "<quiz><question type=\"essay\"><name><text>&b;</text></name>"
      "<questiontext><text>&b;</text></questiontext></question></quiz>\n";
  for (const std::string& xml : {general, parameter, internal}) {
    const ParsedQuestions parsed = ParseMoodleXml(xml, "evil.xml");
    EXPECT_TRUE(parsed.questions.empty());
    ASSERT_FALSE(parsed.problems.empty());
    for (const ImportProblem& p : parsed.problems) {
      EXPECT_EQ(p.where.find(secret), std::string::npos);
      EXPECT_EQ(p.message.find(secret), std::string::npos) << p.message;
      EXPECT_EQ(p.message.find("EXPANDED"), std::string::npos) << p.message;
    }
  }
  for (const std::string& xml : {general, parameter, internal}) {
    EXPECT_EQ(OnlyProblem(xml).message,
              "has a DOCTYPE declaration, which Moodle XML files never have; remove it");
  }
  std::remove(secret_path.c_str());

  // Exponential entity expansion is stopped by libxml2 before the DOCTYPE is even looked at.
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 10; ++i) {
    laughs += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&l" + std::to_string(i - 1) + ";";
    laughs += "\">";
  }
  laughs +=
      "]>\n<quiz><question type=\"essay\"><name><text>&l10;</text></name>"
      "<questiontext><text>&l10;</text></questiontext></question></quiz>\n";
  EXPECT_EQ(OnlyProblem(laughs).message.rfind("is not well-formed XML: ", 0), 0u);
}

// ---- writing

std::vector<Question> VariedQuestions() {
  std::vector<Question> questions;

  Question single;
  single.type = QuestionType::kMultipleChoice;
  single.category = "$course$/top/Unit 1";
  single.name = "Capitals & <cities>";
  single.idnumber = "cap-1 & <2>";
  single.tags = {"geography", "europe", "a \"quoted\" tag"};
  single.text = Html("<p>What is the capital of <b>France</b>?</p>");
  single.general_feedback = Html("<p>Paris has been the capital since 987.</p>");
  single.default_mark = 2;
  single.penalty = 1000000;
  single.answers = {MakeAnswer(Html("Paris"), kFractionOne, Html("<p>Right</p>")),
                    MakeAnswer(Html("Lyon"), -5000000, Moodle("Too far south")),
                    MakeAnswer(Html("Lille"), 0, Html(""))};
  questions.push_back(single);

  Question multi;
  multi.type = QuestionType::kMultipleChoice;
  multi.category = "$course$/top/Unit 1";
  multi.name = "Primes";
  multi.text = Moodle("Which are prime?");
  multi.general_feedback = Plain("2, 3 and 5.");
  multi.single = false;
  multi.shuffle_answers = false;
  multi.penalty = 0;
  multi.answers = {MakeAnswer(Plain("2"), 3333333, Plain("")),
                   MakeAnswer(Plain("3"), 3333333, Plain("")),
                   MakeAnswer(Plain("5"), 3333334, Plain("")),
                   MakeAnswer(Plain("4"), -kFractionOne, Plain("4 = 2 x 2"))};
  questions.push_back(multi);

  Question tf;
  tf.type = QuestionType::kTrueFalse;
  tf.category = "$course$/top/Unit 2";
  tf.name = "Earth is flat";
  tf.text = {"The *Earth* is flat.", TextFormat::kMarkdown};
  tf.general_feedback = {"It is round.", TextFormat::kMarkdown};
  tf.penalty = kFractionOne;
  tf.answers = {MakeAnswer(Moodle("false"), kFractionOne, Html("Right")),
                MakeAnswer(Moodle("true"), 0, Html("No"))};
  questions.push_back(tf);

  Question shortanswer;
  shortanswer.type = QuestionType::kShortAnswer;
  shortanswer.category = "$course$/top/Unit 2";
  shortanswer.name = "Chemistry";
  shortanswer.text = Html("Symbol of gold?");
  shortanswer.general_feedback = Html("Au, from <i>aurum</i>.");
  shortanswer.case_sensitive = true;
  shortanswer.answers = {MakeAnswer(Plain("Au"), kFractionOne, Html("Yes")),
                         MakeAnswer(Moodle("au"), 5000000, Html("Mind the case")),
                         MakeAnswer(Plain("*"), 0, Html("No"))};
  questions.push_back(shortanswer);

  Question numerical;
  numerical.type = QuestionType::kNumerical;
  numerical.category = "";  // back to the default category
  numerical.name = "Pi";
  numerical.text = Html("Give pi to two places.");
  numerical.general_feedback = Html("");
  numerical.default_mark = 5;
  numerical.answers = {NumberAnswer(3140000, 5000, kFractionOne, Html("Good")),
                       NumberAnswer(3000000, 0, 5000000, Html("Close")),
                       NumberAnswer(-1, 1, 1, Html("Tiny")),
                       NumberAnswer(123456789012345, 999999, 0, Html("Huge"))};
  Answer any = NumberAnswer(0, 0, 0, Html("Anything else"));
  any.text.text = "*";
  numerical.answers.push_back(any);
  questions.push_back(numerical);

  Question matching;
  matching.type = QuestionType::kMatching;
  matching.category = "$course$/top/Unit 3";
  matching.name = "Pairs";
  matching.text = Html("Match them.");
  matching.general_feedback = Html("See the table.");
  matching.shuffle_answers = false;
  matching.pairs = {{Html("<b>Cat</b>"), "Meow"},
                    {Plain("Dog"), "Woof & bark"},
                    {Html(""), "Moo"},
                    {Html(""), "Quack"}};
  questions.push_back(matching);

  Question essay;
  essay.type = QuestionType::kEssay;
  essay.category = "$course$/top/Unit 3";
  essay.name = "Essay: line\tbreaks";
  essay.text = Html("Line one\nline two\r\nline three\rend with ]]> and ]]]]> inside");
  essay.general_feedback = Moodle("Ελληνικά, 日本語, emoji \xF0\x9F\x98\x80");
  essay.default_mark = 10;
  essay.penalty = 0;
  essay.tags = {"long"};
  questions.push_back(essay);

  Question description;
  description.type = QuestionType::kDescription;
  description.category = "$course$/top/Unit 3";
  description.name = "Intro";
  description.idnumber = "intro";
  description.text = {"Read *carefully*.", TextFormat::kMarkdown};
  description.general_feedback = {"", TextFormat::kMarkdown};
  description.default_mark = 0;
  description.penalty = 0;
  questions.push_back(description);
  return questions;
}

TEST(MoodleXmlTest, WrittenQuestionsReadBackEqual) {
  const std::vector<Question> questions = VariedQuestions();
  const std::string xml = WriteMoodleXml(questions);
  const ParsedQuestions parsed = ParseMoodleXml(xml, "export.xml");
  ASSERT_TRUE(parsed.problems.empty()) << Describe(parsed) << xml;
  ASSERT_EQ(parsed.questions.size(), questions.size()) << xml;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    EXPECT_EQ(parsed.questions[i], questions[i]) << "written:\n"
                                                 << Describe(questions[i]) << "read:\n"
                                                 << Describe(parsed.questions[i]) << xml;
  }
  // Writing what was read gives the same file.
  EXPECT_EQ(WriteMoodleXml(parsed.questions), xml);
}

TEST(MoodleXmlTest, WritesMoodlesShape) {
  const std::string xml = WriteMoodleXml(VariedQuestions());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n", 0), 0u);
  EXPECT_TRUE(IsValidUtf8(xml));
  // A category question only where the category changes: Unit 1, Unit 2, the default, Unit 3.
  std::size_t categories = 0;
  for (std::size_t pos = xml.find("type=\"category\""); pos != std::string::npos;
       pos = xml.find("type=\"category\"", pos + 1)) {
    ++categories;
  }
  EXPECT_EQ(categories, 4u);
  EXPECT_NE(xml.find("<text>$course$/top/Unit 1</text>"), std::string::npos);
  EXPECT_NE(xml.find("<category>\n      <text></text>\n    </category>"), std::string::npos);
  // HTML goes in CDATA as Moodle writes it; plain text is left alone.
  EXPECT_NE(xml.find("<questiontext format=\"html\">\n      <text><![CDATA[<p>What is the capital "
                     "of <b>France</b>?</p>]]></text>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<text>Primes</text>"), std::string::npos);
  EXPECT_NE(xml.find("<answer fraction=\"33.33333\" format=\"plain_text\">"), std::string::npos);
  EXPECT_NE(xml.find("<answer fraction=\"-50\" format=\"html\">"), std::string::npos);
  EXPECT_NE(xml.find("<penalty>0.3333333</penalty>"), std::string::npos);
  EXPECT_NE(xml.find("<tolerance>0.005</tolerance>"), std::string::npos);
  EXPECT_NE(xml.find("<text>3.14</text>"), std::string::npos);
  EXPECT_NE(xml.find("<idnumber>cap-1 &amp; &lt;2&gt;</idnumber>"), std::string::npos);
  EXPECT_NE(xml.find("]]]]><![CDATA[>"), std::string::npos);
  EXPECT_NE(xml.find("]]>&#13;<![CDATA["), std::string::npos);
  EXPECT_NE(xml.find("<single>false</single>"), std::string::npos);
  EXPECT_NE(xml.find("<usecase>1</usecase>"), std::string::npos);
}

TEST(MoodleXmlTest, WritesWellFormedXmlWhateverTheText) {
  // Text that cannot be stored (invalid UTF-8, control characters) is still written as
  // well-formed XML: bad bytes become U+FFFD and XML's forbidden characters are dropped.
  Question q;
  q.type = QuestionType::kEssay;
  q.name = "Bad \xFF bytes";
  q.text = Html("nul\x01 and \x1F controls \xEF\xBF\xBE");
  const std::string xml = WriteMoodleXml({q});
  EXPECT_TRUE(IsValidUtf8(xml));
  const Question back = ParseOne(xml);
  EXPECT_EQ(back.name, "Bad \xEF\xBF\xBD bytes");
  EXPECT_EQ(back.text.text, "nul and  controls");
}

}  // namespace
}  // namespace bsg::course
