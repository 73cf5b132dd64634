#include "modules/course/model.h"

#include <array>
#include <utility>

namespace bsg::course {
namespace {

constexpr std::array<std::pair<QuestionType, std::string_view>, 7> kTypeNames = {{
    {QuestionType::kMultipleChoice, "multichoice"},
    {QuestionType::kTrueFalse, "truefalse"},
    {QuestionType::kShortAnswer, "shortanswer"},
    {QuestionType::kNumerical, "numerical"},
    {QuestionType::kMatching, "matching"},
    {QuestionType::kEssay, "essay"},
    {QuestionType::kDescription, "description"},
}};

}  // namespace

std::string_view TypeName(QuestionType t) {
  for (const auto& [type, name] : kTypeNames) {
    if (type == t) return name;
  }
  return "multichoice";
}

std::optional<QuestionType> TypeFromName(std::string_view name) {
  for (const auto& [type, n] : kTypeNames) {
    if (n == name) return type;
  }
  return std::nullopt;
}

}  // namespace bsg::course
