#include "modules/course/json.h"

#include <array>
#include <set>

#include "modules/course/grading.h"

namespace bsg::course {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kFormats = {"moodle", "html", "plain", "markdown"};

json Rich(const RichText& t) {
  return {{"text", t.text}, {"format", kFormats[static_cast<std::size_t>(t.format)]}};
}

Status Bad(const std::string& field, const std::string& why) {
  return Status::Unprocessable("question.invalid",
                               "The question is not valid: " + field + " " + why, {{field, why}});
}

Result<RichText> RichFrom(const json& j, const std::string& field) {
  if (j.is_string()) return RichText{j.get<std::string>(), TextFormat::kMoodle};
  if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
    return Bad(field, "must be text, or {text, format}");
  }
  RichText t{j["text"].get<std::string>(), TextFormat::kMoodle};
  if (j.contains("format")) {
    if (!j["format"].is_string()) return Bad(field + ".format", "must be text");
    const std::string f = j["format"].get<std::string>();
    bool found = false;
    for (std::size_t i = 0; i < kFormats.size(); ++i) {
      if (kFormats[i] == f) {
        t.format = static_cast<TextFormat>(i);
        found = true;
      }
    }
    if (!found) return Bad(field + ".format", "must be moodle, html, plain or markdown");
  }
  return t;
}

Result<Decimal> DecimalFrom(const json& j, const std::string& field) {
  if (!j.is_string()) return Bad(field, "must be a decimal number as text");
  std::optional<__int128> v = ParseScaledDecimal(j.get<std::string>(), 6);
  if (!v || *v > INT64_MAX || *v < INT64_MIN) return Bad(field, "must be a decimal number");
  return Decimal{static_cast<std::int64_t>(*v)};
}

// "12.5" <- 125 with scale 1: trailing zeros dropped, no exponent.
std::string Scaled(std::int64_t value, int places) {
  const bool negative = value < 0;
  unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(value)
                                  : static_cast<unsigned long long>(value);
  unsigned long long scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  std::string out = (negative ? "-" : "") + std::to_string(v / scale);
  std::string frac = std::to_string(v % scale);
  frac.insert(0, static_cast<std::size_t>(places) - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) out += "." + frac;
  return out;
}

}  // namespace

std::string FormatDecimal(Decimal d) { return Scaled(d.micros, 6); }
std::string FormatFractionPercent(std::int32_t fraction) { return Scaled(fraction, 5); }

json QuestionToJson(const Question& q) {
  json answers = json::array();
  for (const Answer& a : q.answers) {
    json one = {{"text", Rich(a.text)}, {"fraction", a.fraction}, {"feedback", Rich(a.feedback)}};
    if (q.type == QuestionType::kNumerical) {
      one["value"] = FormatDecimal(a.value);
      one["tolerance"] = FormatDecimal(a.tolerance);
    }
    answers.push_back(std::move(one));
  }
  json pairs = json::array();
  for (const MatchPair& p : q.pairs)
    pairs.push_back({{"question", Rich(p.question)}, {"answer", p.answer}});
  return {{"type", TypeName(q.type)},
          {"category", q.category},
          {"name", q.name},
          {"idnumber", q.idnumber},
          {"tags", q.tags},
          {"text", Rich(q.text)},
          {"general_feedback", Rich(q.general_feedback)},
          {"default_mark", q.default_mark},
          {"penalty", q.penalty},
          {"answers", std::move(answers)},
          {"pairs", std::move(pairs)},
          {"single", q.single},
          {"shuffle_answers", q.shuffle_answers},
          {"case_sensitive", q.case_sensitive}};
}

Result<Question> QuestionFromJson(const json& j) {
  if (!j.is_object()) return Bad("question", "must be an object");
  Question q;
  if (!j.contains("type") || !j["type"].is_string()) return Bad("type", "is required");
  auto type = TypeFromName(j["type"].get<std::string>());
  if (!type) return Bad("type", "is not a known question type");
  q.type = *type;
  auto text = [&](const char* key, std::string& out) -> Status {
    if (!j.contains(key)) return Status::Ok();
    if (!j[key].is_string()) return Bad(key, "must be text");
    out = j[key].get<std::string>();
    return Status::Ok();
  };
  BSG_RETURN_IF_ERROR(text("category", q.category));
  BSG_RETURN_IF_ERROR(text("name", q.name));
  BSG_RETURN_IF_ERROR(text("idnumber", q.idnumber));
  if (j.contains("tags")) {
    if (!j["tags"].is_array()) return Bad("tags", "must be a list of text");
    for (const json& t : j["tags"]) {
      if (!t.is_string()) return Bad("tags", "must be a list of text");
      q.tags.push_back(t.get<std::string>());
    }
  }
  if (!j.contains("text")) return Bad("text", "is required");
  BSG_ASSIGN_OR_RETURN(q.text, RichFrom(j["text"], "text"));
  if (j.contains("general_feedback")) {
    BSG_ASSIGN_OR_RETURN(q.general_feedback, RichFrom(j["general_feedback"], "general_feedback"));
  }
  auto integer = [&](const char* key, auto& out, std::int64_t lo, std::int64_t hi) -> Status {
    if (!j.contains(key)) return Status::Ok();
    if (!j[key].is_number_integer()) return Bad(key, "must be a whole number");
    const auto v = j[key].get<std::int64_t>();
    if (v < lo || v > hi) return Bad(key, "is out of range");
    out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    return Status::Ok();
  };
  BSG_RETURN_IF_ERROR(integer("default_mark", q.default_mark, 0, 1000));
  BSG_RETURN_IF_ERROR(integer("penalty", q.penalty, 0, kFractionOne));
  auto flag = [&](const char* key, bool& out) -> Status {
    if (!j.contains(key)) return Status::Ok();
    if (!j[key].is_boolean()) return Bad(key, "must be true or false");
    out = j[key].get<bool>();
    return Status::Ok();
  };
  BSG_RETURN_IF_ERROR(flag("single", q.single));
  BSG_RETURN_IF_ERROR(flag("shuffle_answers", q.shuffle_answers));
  BSG_RETURN_IF_ERROR(flag("case_sensitive", q.case_sensitive));
  if (j.contains("answers")) {
    if (!j["answers"].is_array()) return Bad("answers", "must be a list");
    for (std::size_t i = 0; i < j["answers"].size(); ++i) {
      const json& a = j["answers"][i];
      const std::string at = "answers[" + std::to_string(i) + "]";
      if (!a.is_object()) return Bad(at, "must be an object");
      Answer out;
      if (a.contains("text")) {
        BSG_ASSIGN_OR_RETURN(out.text, RichFrom(a["text"], at + ".text"));
      }
      if (a.contains("feedback")) {
        BSG_ASSIGN_OR_RETURN(out.feedback, RichFrom(a["feedback"], at + ".feedback"));
      }
      if (!a.contains("fraction") || !a["fraction"].is_number_integer()) {
        return Bad(at + ".fraction", "must be a whole number of 1e-7 units");
      }
      const auto f = a["fraction"].get<std::int64_t>();
      if (f < -kFractionOne || f > kFractionOne) return Bad(at + ".fraction", "is out of range");
      out.fraction = static_cast<std::int32_t>(f);
      if (a.contains("value")) {
        BSG_ASSIGN_OR_RETURN(out.value, DecimalFrom(a["value"], at + ".value"));
      }
      if (a.contains("tolerance")) {
        BSG_ASSIGN_OR_RETURN(out.tolerance, DecimalFrom(a["tolerance"], at + ".tolerance"));
      }
      q.answers.push_back(std::move(out));
    }
  }
  if (j.contains("pairs")) {
    if (!j["pairs"].is_array()) return Bad("pairs", "must be a list");
    for (std::size_t i = 0; i < j["pairs"].size(); ++i) {
      const json& p = j["pairs"][i];
      const std::string at = "pairs[" + std::to_string(i) + "]";
      if (!p.is_object() || !p.contains("answer") || !p["answer"].is_string()) {
        return Bad(at, "must be {question, answer}");
      }
      MatchPair out;
      if (p.contains("question")) {
        BSG_ASSIGN_OR_RETURN(out.question, RichFrom(p["question"], at + ".question"));
      }
      out.answer = p["answer"].get<std::string>();
      q.pairs.push_back(std::move(out));
    }
  }
  return q;
}

json QuestionForLearner(const Question& q, const std::vector<std::int64_t>& order) {
  json out = {{"type", TypeName(q.type)}, {"text", Rich(q.text)}, {"mark", q.default_mark}};
  if (q.type == QuestionType::kMultipleChoice) {
    json choices = json::array();
    for (std::int64_t i : order) {
      if (i >= 0 && static_cast<std::size_t>(i) < q.answers.size()) {
        choices.push_back(
            {{"index", i}, {"text", Rich(q.answers[static_cast<std::size_t>(i)].text)}});
      }
    }
    out["choices"] = std::move(choices);
    out["single"] = q.single;
  } else if (q.type == QuestionType::kMatching) {
    json items = json::array();
    std::set<std::string> answers;
    for (std::int64_t i : order) {
      if (i < 0 || static_cast<std::size_t>(i) >= q.pairs.size()) continue;
      const MatchPair& p = q.pairs[static_cast<std::size_t>(i)];
      if (!p.question.text.empty()) items.push_back({{"index", i}, {"text", Rich(p.question)}});
    }
    for (const MatchPair& p : q.pairs) answers.insert(p.answer);  // sorted: no order to learn from
    out["items"] = std::move(items);
    out["answers"] = answers;
  }
  return out;
}

json AttachmentJson(const ModuleAttachment& a, std::int64_t course_id) {
  return {{"attachment_id", a.id},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size_bytes", a.size_bytes},
          {"sha256", a.sha256},
          {"url", "/api/courses/" + std::to_string(course_id) + "/modules/" +
                      std::to_string(a.module_id) + "/attachments/" + std::to_string(a.id)}};
}

json GradingPolicyJson(const GradingPolicy& p) {
  json graders = json::array();
  for (const Grader& g : p.graders) {
    graders.push_back({{"type", g.type}, {"weight_e2", g.weight_e2}, {"drop_count", g.drop_count}});
  }
  return {{"graders", std::move(graders)}, {"cutoff_e2", p.cutoff_e2}};
}

Result<GradingPolicy> GradingPolicyFromJson(const json& j) {
  auto bad = [](const std::string& field, const std::string& why) {
    return Status::Unprocessable("course.invalid", field + " " + why, {{field, why}});
  };
  const std::string base = "grading_policy";
  if (!j.is_object()) return bad(base, "must be {graders, cutoff_e2} or null");
  for (const auto& [key, value] : j.items()) {
    if (key != "graders" && key != "cutoff_e2") return bad(base + "." + key, "is not known");
  }
  GradingPolicy p;
  if (j.contains("cutoff_e2")) {
    if (!j["cutoff_e2"].is_number_integer()) {
      return bad(base + ".cutoff_e2", "must be hundredths of a percent");
    }
    p.cutoff_e2 = j["cutoff_e2"].get<std::int64_t>();
  }
  if (!j.contains("graders") || !j["graders"].is_array()) {
    return bad(base + ".graders", "must list {type, weight_e2, drop_count}");
  }
  for (std::size_t i = 0; i < j["graders"].size(); ++i) {
    const json& g = j["graders"][i];
    const std::string at = base + ".graders[" + std::to_string(i) + "]";
    if (!g.is_object()) return bad(at, "must be {type, weight_e2, drop_count}");
    for (const auto& [key, value] : g.items()) {
      if (key != "type" && key != "weight_e2" && key != "drop_count") {
        return bad(at + "." + key, "is not known");
      }
    }
    Grader one;
    if (!g.contains("type") || !g["type"].is_string()) return bad(at + ".type", "is required");
    one.type = g["type"].get<std::string>();
    if (!g.contains("weight_e2") || !g["weight_e2"].is_number_integer()) {
      return bad(at + ".weight_e2", "must be hundredths of a percent");
    }
    one.weight_e2 = g["weight_e2"].get<std::int64_t>();
    if (g.contains("drop_count")) {
      if (!g["drop_count"].is_number_integer())
        return bad(at + ".drop_count", "must be a whole number");
      one.drop_count = g["drop_count"].get<std::int64_t>();
    }
    p.graders.push_back(std::move(one));
  }
  return p;
}

json CourseJson(const Course& c, std::string_view language) {
  json modules = json::array();
  for (const CourseModule& m : c.modules) {
    auto it = m.texts.find(std::string(language));
    if (it == m.texts.end()) it = m.texts.find("en");
    if (it == m.texts.end()) it = m.texts.begin();
    json one = {{"module_id", m.id},
                {"position", m.position},
                {"estimated_minutes", m.estimated_minutes},
                {"quiz_id", m.quiz_id ? json(*m.quiz_id) : json(nullptr)},
                {"languages", json::array()},
                {"attachments", json::array()}};
    for (const auto& [lang, text] : m.texts) one["languages"].push_back(lang);
    for (const ModuleAttachment& a : m.attachments) {
      one["attachments"].push_back(AttachmentJson(a, c.id));
    }
    if (it != m.texts.end()) {
      one["language"] = it->first;
      one["title"] = it->second.title;
    }
    modules.push_back(std::move(one));
  }
  json out = {
      {"course_id", c.id},
      {"code", c.code},
      {"title", c.title},
      {"description", c.description},
      {"languages", c.languages},
      {"opens_on", c.opens_on ? json(*c.opens_on) : json(nullptr)},
      {"closes_on", c.closes_on ? json(*c.closes_on) : json(nullptr)},
      {"pass_mark", FormatPercentE2(c.pass_mark_e2)},
      {"pass_mark_e2", c.pass_mark_e2},
      {"grading_policy", c.grading_policy ? GradingPolicyJson(*c.grading_policy) : json(nullptr)},
      {"assessment_quiz_id", c.assessment_quiz_id ? json(*c.assessment_quiz_id) : json(nullptr)},
      {"modules", std::move(modules)}};
  if (c.enrolment_count) out["enrolment_count"] = *c.enrolment_count;
  return out;
}

json QuizJson(const Quiz& q) {
  json slots = json::array();
  for (const QuizSlot& s : q.slots) {
    slots.push_back({{"position", s.position},
                     {"question_id", s.question_id ? json(*s.question_id) : json(nullptr)},
                     {"category_id", s.category_id ? json(*s.category_id) : json(nullptr)},
                     {"mark", s.mark}});
  }
  return {{"quiz_id", q.id},
          {"course_id", q.course_id},
          {"module_id", q.module_id ? json(*q.module_id) : json(nullptr)},
          {"title", q.title},
          {"time_limit_seconds", q.time_limit_seconds},
          {"attempts_allowed", q.attempts_allowed},
          {"grading_method", q.grading_method},
          {"pass_mark_e2", q.pass_mark_e2},
          {"shuffle_answers", q.shuffle_answers},
          {"review_correct", q.review_correct},
          {"grader_type", q.grader_type ? json(*q.grader_type) : json(nullptr)},
          {"slots", std::move(slots)}};
}

json CertificateJson(const Certificate& c) {
  return {
      {"code", c.code},
      {"status", c.revoked_at ? "revoked" : "valid"},
      {"course", c.course_title},
      {"learner_name", c.learner_name},
      {"learner_name_latin", c.learner_name_latin ? json(*c.learner_name_latin) : json(nullptr)},
      {"score", FormatPercentE2(c.score_e2)},
      {"issued_on", c.issued_on},
      {"revoked_on", c.revoked_at ? json(c.revoked_at->substr(0, 10)) : json(nullptr)},
      {"revoked_reason", c.revoked_reason ? json(*c.revoked_reason) : json(nullptr)}};
}

}  // namespace bsg::course
