// Grading is exact and follows Moodle's rules per question type.
#include "modules/course/grading.h"

#include <gtest/gtest.h>

namespace bsg::course {
namespace {

using nlohmann::json;

Answer A(std::string text, std::int32_t fraction) {
  Answer a;
  a.text.text = std::move(text);
  a.fraction = fraction;
  return a;
}

TEST(GradingTest, SingleChoiceTakesTheChosenAnswersShare) {
  Question q;
  q.answers = {A("Study Group", kFractionOne), A("Working Party", 0), A("Rapporteur", 0)};
  EXPECT_EQ(*GradeResponse(q, {{"choice", 0}}), kFractionOne);
  EXPECT_EQ(*GradeResponse(q, {{"choice", 2}}), 0);
  EXPECT_EQ(*GradeResponse(q, json::object()), 0);  // not answered
  EXPECT_EQ(GradeResponse(q, {{"choice", 3}}).status().reason(), "attempt.bad_response");
  EXPECT_EQ(GradeResponse(q, {{"choices", {0}}}).status().reason(), "attempt.bad_response");
  EXPECT_EQ(GradeResponse(q, json::array()).status().reason(), "attempt.bad_response");
}

TEST(GradingTest, MultipleChoiceAddsSharesAndClampsToZeroAndOne) {
  Question q;
  q.single = false;
  // Thirds as Moodle writes them: 33.33333% each, a wrong answer costs 100%.
  q.answers = {A("a", 3333333), A("b", 3333333), A("c", 3333334), A("d", -kFractionOne)};
  EXPECT_EQ(*GradeResponse(q, {{"choices", {0, 1, 2}}}), kFractionOne);
  EXPECT_EQ(*GradeResponse(q, {{"choices", {0, 1}}}), 6666666);
  EXPECT_EQ(*GradeResponse(q, {{"choices", {0, 0, 0}}}), 3333333);  // a choice counts once
  EXPECT_EQ(*GradeResponse(q, {{"choices", {0, 3}}}), 0);
  EXPECT_EQ(*GradeResponse(q, {{"choices", json::array()}}), 0);
}

TEST(GradingTest, TrueFalse) {
  Question q;
  q.type = QuestionType::kTrueFalse;
  q.answers = {A("true", 0), A("false", kFractionOne)};
  EXPECT_EQ(*GradeResponse(q, {{"value", false}}), kFractionOne);
  EXPECT_EQ(*GradeResponse(q, {{"value", true}}), 0);
  EXPECT_FALSE(GradeResponse(q, {{"value", "false"}}).ok());
}

TEST(GradingTest, ShortAnswerFoldsCaseAndSpacesAndTakesWildcards) {
  Question q;
  q.type = QuestionType::kShortAnswer;
  q.answers = {A("Study Group", kFractionOne), A("SG*", 5000000), A("a\\*b", kFractionOne)};
  EXPECT_EQ(*GradeResponse(q, {{"text", "  study   GROUP "}}), kFractionOne);
  EXPECT_EQ(*GradeResponse(q, {{"text", "SG13"}}), 5000000);
  EXPECT_EQ(*GradeResponse(q, {{"text", "a*b"}}), kFractionOne);
  EXPECT_EQ(*GradeResponse(q, {{"text", "axb"}}), 0);
  EXPECT_EQ(*GradeResponse(q, {{"text", ""}}), 0);
  q.case_sensitive = true;
  EXPECT_EQ(*GradeResponse(q, {{"text", "study group"}}), 0);
  EXPECT_EQ(*GradeResponse(q, {{"text", "Study  Group"}}), kFractionOne);
}

TEST(GradingTest, NumericalComparesExactlyWithinTheTolerance) {
  Question q;
  q.type = QuestionType::kNumerical;
  Answer exact = A("", kFractionOne);
  exact.value = Decimal{3141500};  // 3.1415
  exact.tolerance = Decimal{500};  // 0.0005
  Answer near = A("", 5000000);
  near.value = Decimal{3000000};
  near.tolerance = Decimal{200000};
  q.answers = {exact, near};
  EXPECT_EQ(*GradeResponse(q, {{"number", "3.1420"}}), kFractionOne);  // on the edge: in
  EXPECT_EQ(*GradeResponse(q, {{"number", "3.1410"}}), kFractionOne);
  EXPECT_EQ(*GradeResponse(q, {{"number", "3.14200000001"}}), 5000000);  // just out: next answer
  EXPECT_EQ(*GradeResponse(q, {{"number", "3,1415"}}), kFractionOne);    // a decimal comma
  EXPECT_EQ(*GradeResponse(q, {{"number", "2.8"}}), 5000000);
  EXPECT_EQ(*GradeResponse(q, {{"number", "-3.1415"}}), 0);
  EXPECT_FALSE(GradeResponse(q, {{"number", "three"}}).ok());
  EXPECT_FALSE(GradeResponse(q, {{"number", "1.2.3"}}).ok());
}

TEST(GradingTest, MatchingGivesTheShareOfRightPairs) {
  Question q;
  q.type = QuestionType::kMatching;
  MatchPair p1, p2, p3, extra;
  p1.question.text = "TSAG";
  p1.answer = "reviews priorities";
  p2.question.text = "SG";
  p2.answer = "studies Questions";
  p3.question.text = "WP";
  p3.answer = "groups Questions";
  extra.answer = "approves budgets";  // a distractor
  q.pairs = {p1, p2, p3, extra};
  json all = {
      {"matches",
       {{"0", "reviews priorities"}, {"1", "studies Questions"}, {"2", "groups Questions"}}}};
  EXPECT_EQ(*GradeResponse(q, all), kFractionOne);
  json one = {{"matches", {{"0", "reviews priorities"}, {"1", "approves budgets"}}}};
  EXPECT_EQ(*GradeResponse(q, one), 3333333);
  EXPECT_FALSE(GradeResponse(q, {{"matches", {{"9", "x"}}}}).ok());
  EXPECT_FALSE(GradeResponse(q, {{"matches", {{"0", 1}}}}).ok());
}

TEST(GradingTest, PercentagesAndPassMarksAreExact) {
  // 16 of 20 one-point questions: exactly 80%.
  const std::int64_t max = PointsE7(20, kFractionOne);
  EXPECT_EQ(PercentE2(PointsE7(16, kFractionOne), max), 8000);
  EXPECT_TRUE(Reaches(PointsE7(16, kFractionOne), max, 8000));
  EXPECT_FALSE(Reaches(PointsE7(16, kFractionOne) - 1, max, 8000));
  EXPECT_EQ(PercentE2(PointsE7(16, kFractionOne) - 1, max), 7999);
  EXPECT_EQ(FormatPercentE2(8000), "80.00%");
  EXPECT_EQ(FormatPercentE2(8505), "85.05%");
  EXPECT_EQ(PercentE2(0, 0), 0);
  EXPECT_FALSE(Reaches(0, 0, 0));
}

TEST(GradingTest, WeightedPolicyDropsTheLowestAndWeighs) {
  // Open edX's example shape: module quizzes 40% with the lowest dropped, the exam 60%.
  GradingPolicy policy;
  policy.graders = {{"Module quiz", 4000, 1}, {"Final exam", 6000, 0}};
  policy.cutoff_e2 = 8000;
  std::vector<QuizStanding> quizzes = {
      {1, "Module quiz", 10000}, {2, "Module quiz", 5000}, {3, "Module quiz", 9000},
      {4, "Final exam", 7500},   {5, std::nullopt, 0},  // not in the policy: ignored
  };
  CourseGrade g = GradeCourse(policy, quizzes);
  ASSERT_EQ(g.graders.size(), 2u);
  EXPECT_EQ(g.graders[0].percent_e2, 9500);  // (100 + 90) / 2
  EXPECT_EQ(g.graders[0].dropped, std::vector<std::int64_t>{2});
  EXPECT_EQ(g.graders[0].counted, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(g.graders[1].percent_e2, 7500);
  EXPECT_EQ(g.percent_e2, 8300);  // 0.4 * 95 + 0.6 * 75
  EXPECT_TRUE(g.passed);

  // A quiz not attempted counts 0 (and is the one dropped).
  quizzes[0].percent_e2.reset();
  g = GradeCourse(policy, quizzes);
  EXPECT_EQ(g.graders[0].dropped, std::vector<std::int64_t>{1});
  EXPECT_EQ(g.graders[0].percent_e2, 7000);  // (50 + 90) / 2
  EXPECT_EQ(g.percent_e2, 7300);
  EXPECT_FALSE(g.passed);
}

TEST(GradingTest, WeightedPolicyComparesTheCutOffWithoutRounding) {
  // Thirds: (80 + 80 + 79.99) / 3 = 79.9966...%, shown as 79.99%, and below an 80% cut-off;
  // the same with 80.01 is 80.0033...% and passes although it shows as 80.00%.
  GradingPolicy policy;
  policy.graders = {{"Quiz", 10000, 0}};
  policy.cutoff_e2 = 8000;
  std::vector<QuizStanding> q = {{1, "Quiz", 8000}, {2, "Quiz", 8000}, {3, "Quiz", 7999}};
  CourseGrade g = GradeCourse(policy, q);
  EXPECT_EQ(g.percent_e2, 7999);
  EXPECT_FALSE(g.passed);
  q[2].percent_e2 = 8001;
  g = GradeCourse(policy, q);
  EXPECT_EQ(g.percent_e2, 8000);
  EXPECT_TRUE(g.passed);
  // Every quiz dropped, or none of the type: the grader counts 0.
  policy.graders = {{"Quiz", 5000, 3}, {"Exam", 5000, 0}};
  g = GradeCourse(policy, q);
  EXPECT_EQ(g.graders[0].dropped.size(), 3u);
  EXPECT_EQ(g.percent_e2, 0);
  EXPECT_FALSE(g.passed);
}

TEST(GradingTest, DecimalsParseExactly) {
  EXPECT_EQ(ParseScaledDecimal("3.1415", 6), static_cast<__int128>(3141500));
  EXPECT_EQ(ParseScaledDecimal("-0,5", 6), static_cast<__int128>(-500000));
  EXPECT_EQ(ParseScaledDecimal("12", 2), static_cast<__int128>(1200));
  EXPECT_EQ(ParseScaledDecimal("0.1234567", 6), static_cast<__int128>(123456));  // dropped
  EXPECT_FALSE(ParseScaledDecimal("", 6));
  EXPECT_FALSE(ParseScaledDecimal("-", 6));
  EXPECT_FALSE(ParseScaledDecimal(".", 6));
  EXPECT_FALSE(ParseScaledDecimal("1e5", 6));
}

}  // namespace
}  // namespace bsg::course
