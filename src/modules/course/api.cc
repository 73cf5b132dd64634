#include "modules/course/api.h"

#include "modules/course/grading.h"
#include "modules/course/json.h"
#include "modules/course/markdown.h"
#include "platform/http/api_util.h"
#include "platform/http/audit_actor.h"
#include "platform/http/response.h"
#include "platform/tabular/table.h"
#include "platform/text.h"
#include "platform/time/clock.h"

namespace bsg::course {
namespace {

using http::Method;
using http::Policy;
using http::Request;
using http::Response;
using nlohmann::json;
namespace u = http::api_util;

constexpr const char* kTag = "course";

Caller CallerFrom(const Request& req) {
  Caller c;
  c.actor = http::ActorFrom(req);
  if (req.principal) {
    c.user_id = req.principal->user_id;
    c.roles = req.principal->roles;
    c.display_name = req.principal->display_name;
    c.email = req.principal->email;
    c.language = req.principal->language;
  }
  return c;
}

Policy Staff() { return Policy::Roles({"admin", "officer"}); }

// The request's JSON object, refusing members the route does not take; decoded before anything
// is looked up, so that a bad body is a 422 whatever the path names.
// No body at all is an empty object (a POST that only names what it acts on in the path).
Result<json> ObjectBody(const Request& req, std::initializer_list<std::string_view> known) {
  if (req.body.empty()) return json::object();
  BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
  u::Body check(body, known);
  BSG_RETURN_IF_ERROR(check.status());
  return body;
}

json Progress(const CourseProgress& p) {
  json modules = json::array();
  for (const CourseModule& m : p.course.modules) {
    json one = {{"module_id", m.id}, {"visited", false}, {"quiz_passed", nullptr}};
    for (const ModuleProgress& mp : p.progress) {
      if (mp.module_id != m.id) continue;
      one["visited"] = true;
      one["visited_at"] = mp.visited_at;
      if (m.quiz_id) one["quiz_passed"] = mp.quiz_passed_at.has_value();
    }
    modules.push_back(std::move(one));
  }
  const std::string language = p.enrolment ? p.enrolment->language : "en";
  json out = {{"course", CourseJson(p.course, language)},
              {"enrolled", p.enrolment.has_value()},
              {"modules", std::move(modules)},
              {"assessment", nullptr},
              {"completed_at", nullptr},
              {"certificate", p.certificate ? CertificateJson(*p.certificate) : json(nullptr)}};
  if (p.enrolment) {
    out["enrolment_id"] = p.enrolment->id;
    out["language"] = p.enrolment->language;
    out["enrolled_on"] = p.enrolment->enrolled_on;
    if (p.enrolment->completed_at) out["completed_at"] = *p.enrolment->completed_at;
  }
  out["grade"] = nullptr;
  if (p.grade) {
    json graders = json::array();
    for (const GraderResult& g : p.grade->graders) {
      graders.push_back({{"type", g.type},
                         {"weight_e2", g.weight_e2},
                         {"percent_e2", g.percent_e2},
                         {"counted", g.counted},
                         {"dropped", g.dropped}});
    }
    out["grade"] = {{"percent_e2", p.grade->percent_e2},
                    {"score", FormatPercentE2(p.grade->percent_e2)},
                    {"passed", p.grade->passed},
                    {"cutoff_e2", p.grade->cutoff_e2},
                    {"graders", std::move(graders)}};
  }
  if (p.best_assessment && p.best_assessment->percent_e2) {
    out["assessment"] = {{"score", FormatPercentE2(*p.best_assessment->percent_e2)},
                         {"score_e2", *p.best_assessment->percent_e2},
                         {"passed", *p.best_assessment->percent_e2 >= p.course.pass_mark_e2}};
  }
  return out;
}

// What the learner sees of an attempt: during it, the questions and the saved responses; after
// it, the points of each question and, when the quiz allows, what was right.
json AttemptJson(const Attempt& a, const Quiz& quiz) {
  json questions = json::array();
  for (const AttemptSlot& s : a.slots) {
    json q = {{"position", s.position},
              {"mark", s.mark},
              {"question", QuestionForLearner(s.question, s.answer_order)},
              {"answer_id", s.answer_id ? json(*s.answer_id) : json(nullptr)},
              {"response", s.response ? json::parse(*s.response, nullptr, false) : json(nullptr)}};
    if (a.submitted_at && s.earned_e7) {
      q["points"] = FormatPercentE2(PercentE2(*s.earned_e7, PointsE7(s.mark, kFractionOne)));
      q["right"] = *s.earned_e7 == PointsE7(s.mark, kFractionOne);
      if (quiz.review_correct) {
        json review = {{"general_feedback", s.question.general_feedback.text}};
        json right = json::array();
        for (std::size_t i = 0; i < s.question.answers.size(); ++i) {
          const Answer& ans = s.question.answers[i];
          if (ans.fraction <= 0) continue;
          json r = {{"index", i},
                    {"text", ans.text.text},
                    {"share", FormatFractionPercent(ans.fraction) + "%"}};
          if (s.question.type == QuestionType::kNumerical) {
            r["value"] = FormatDecimal(ans.value);
            r["tolerance"] = FormatDecimal(ans.tolerance);
          }
          right.push_back(std::move(r));
        }
        json pairs = json::array();
        for (std::size_t i = 0; i < s.question.pairs.size(); ++i) {
          if (s.question.pairs[i].question.text.empty()) continue;
          pairs.push_back({{"index", i}, {"answer", s.question.pairs[i].answer}});
        }
        review["right_answers"] = std::move(right);
        if (!pairs.empty()) review["right_pairs"] = std::move(pairs);
        q["review"] = std::move(review);
      }
    }
    questions.push_back(std::move(q));
  }
  json out = {{"attempt_id", a.id},
              {"quiz_id", a.quiz_id},
              {"quiz_title", quiz.title},
              {"number", a.number},
              {"started_at", a.started_at},
              {"deadline_at", a.deadline_at ? json(*a.deadline_at) : json(nullptr)},
              {"server_time", time::CurrentTimestamp()},
              {"submitted_at", a.submitted_at ? json(*a.submitted_at) : json(nullptr)},
              {"state", a.submitted_at ? "submitted" : "open"},
              {"questions", std::move(questions)}};
  if (a.percent_e2) {
    out["score"] = FormatPercentE2(*a.percent_e2);
    out["score_e2"] = *a.percent_e2;
    out["passed"] = Reaches(*a.earned_e7, *a.max_e7, quiz.pass_mark_e2);
  }
  return out;
}

// The members of a course the API takes.
Result<json> CourseBody(const Request& req) {
  return ObjectBody(req, {"code", "title", "description", "languages", "opens_on", "closes_on",
                          "pass_mark_e2", "grading_policy"});
}

Result<Course> DecodeCourse(const json& body, Course c) {
  auto text = [&](const char* k, std::string& out) -> Status {
    if (!body.contains(k)) return Status::Ok();
    if (!body[k].is_string()) {
      return Status::Unprocessable("course.invalid", std::string(k) + " must be text",
                                   {{k, "must be text"}});
    }
    out = body[k].get<std::string>();
    return Status::Ok();
  };
  BSG_RETURN_IF_ERROR(text("code", c.code));
  BSG_RETURN_IF_ERROR(text("title", c.title));
  BSG_RETURN_IF_ERROR(text("description", c.description));
  for (const char* k : {"opens_on", "closes_on"}) {
    if (!body.contains(k)) continue;
    auto& field = std::string(k) == "opens_on" ? c.opens_on : c.closes_on;
    if (body[k].is_null()) {
      field.reset();
    } else if (body[k].is_string()) {
      field = body[k].get<std::string>();
    } else {
      return Status::Unprocessable("course.invalid", std::string(k) + " must be a date",
                                   {{k, "must be a date (YYYY-MM-DD) or null"}});
    }
  }
  if (body.contains("languages")) {
    if (!body["languages"].is_array()) {
      return Status::Unprocessable("course.invalid", "languages must be a list",
                                   {{"languages", "must be a list of language codes"}});
    }
    c.languages.clear();
    for (const json& l : body["languages"]) {
      if (!l.is_string()) {
        return Status::Unprocessable("course.invalid", "languages must be a list",
                                     {{"languages", "must be a list of language codes"}});
      }
      c.languages.push_back(l.get<std::string>());
    }
  }
  if (body.contains("pass_mark_e2")) {
    if (!body["pass_mark_e2"].is_number_integer()) {
      return Status::Unprocessable("course.invalid", "pass_mark_e2 must be a whole number",
                                   {{"pass_mark_e2", "must be hundredths of a percent"}});
    }
    c.pass_mark_e2 = body["pass_mark_e2"].get<std::int64_t>();
  }
  if (body.contains("grading_policy")) {
    if (body["grading_policy"].is_null()) {
      c.grading_policy.reset();
    } else {
      BSG_ASSIGN_OR_RETURN(c.grading_policy, GradingPolicyFromJson(body["grading_policy"]));
    }
  }
  return c;
}

Result<CourseModule> DecodeModule(const Request& req) {
  BSG_ASSIGN_OR_RETURN(json body, ObjectBody(req, {"position", "estimated_minutes", "texts"}));
  CourseModule m;
  auto bad = [](const std::string& field, const std::string& why) {
    return Status::Unprocessable("course.invalid", field + " " + why, {{field, why}});
  };
  if (!body.is_object()) return bad("body", "must be a JSON object");
  if (!body.contains("position") || !body["position"].is_number_integer()) {
    return bad("position", "is required (1, 2, ...)");
  }
  m.position = body["position"].get<std::int64_t>();
  if (body.contains("estimated_minutes")) {
    if (!body["estimated_minutes"].is_number_integer()) {
      return bad("estimated_minutes", "must be a whole number");
    }
    m.estimated_minutes = body["estimated_minutes"].get<std::int64_t>();
  }
  if (!body.contains("texts") || !body["texts"].is_object()) {
    return bad("texts", "must map languages to {title, body_markdown}");
  }
  for (const auto& [language, t] : body["texts"].items()) {
    if (!t.is_object() || !t.contains("title") || !t["title"].is_string()) {
      return bad("texts." + language, "must be {title, body_markdown}");
    }
    ModuleText text{t["title"].get<std::string>(), ""};
    if (t.contains("body_markdown")) {
      if (!t["body_markdown"].is_string()) {
        return bad("texts." + language + ".body_markdown", "must be text");
      }
      text.body_markdown = t["body_markdown"].get<std::string>();
    }
    m.texts[language] = std::move(text);
  }
  return m;
}

// The quiz members a request may give. A new quiz names its course (and module); a change
// (`base` given) cannot move it, and gives only the members it changes.
Result<Quiz> DecodeQuiz(const Request& req, std::optional<Quiz> base = std::nullopt) {
  const bool create = !base;
  BSG_ASSIGN_OR_RETURN(
      json body,
      create ? ObjectBody(req, {"course_id", "module_id", "title", "time_limit_seconds",
                                "attempts_allowed", "grading_method", "pass_mark_e2",
                                "shuffle_answers", "review_correct", "grader_type", "slots"})
             : ObjectBody(req, {"title", "time_limit_seconds", "attempts_allowed", "grading_method",
                                "pass_mark_e2", "shuffle_answers", "review_correct", "grader_type",
                                "slots"}));
  auto bad = [](const std::string& field, const std::string& why) {
    return Status::Unprocessable("quiz.invalid", field + " " + why, {{field, why}});
  };
  if (!body.is_object()) return bad("body", "must be a JSON object");
  Quiz q = base.value_or(Quiz{});
  if (create) {
    if (!body.contains("course_id") || !body["course_id"].is_number_integer()) {
      return bad("course_id", "is required");
    }
    q.course_id = body["course_id"].get<std::int64_t>();
    if (body.contains("module_id") && !body["module_id"].is_null()) {
      if (!body["module_id"].is_number_integer()) return bad("module_id", "must be a module's id");
      q.module_id = body["module_id"].get<std::int64_t>();
    }
  }
  if (body.contains("title")) {
    if (!body["title"].is_string()) return bad("title", "must be text");
    q.title = body["title"].get<std::string>();
  }
  for (auto [key, field] : {std::pair{"time_limit_seconds", &q.time_limit_seconds},
                            std::pair{"attempts_allowed", &q.attempts_allowed},
                            std::pair{"pass_mark_e2", &q.pass_mark_e2}}) {
    if (!body.contains(key)) continue;
    if (!body[key].is_number_integer()) return bad(key, "must be a whole number");
    *field = body[key].get<std::int64_t>();
  }
  if (body.contains("grading_method")) {
    if (!body["grading_method"].is_string()) return bad("grading_method", "must be text");
    q.grading_method = body["grading_method"].get<std::string>();
  }
  if (body.contains("grader_type")) {
    if (body["grader_type"].is_null()) {
      q.grader_type.reset();
    } else if (body["grader_type"].is_string()) {
      q.grader_type = body["grader_type"].get<std::string>();
    } else {
      return bad("grader_type", "must be text or null");
    }
  }
  for (auto [key, field] : {std::pair{"shuffle_answers", &q.shuffle_answers},
                            std::pair{"review_correct", &q.review_correct}}) {
    if (!body.contains(key)) continue;
    if (!body[key].is_boolean()) return bad(key, "must be true or false");
    *field = body[key].get<bool>();
  }
  if (!create && !body.contains("slots")) return q;
  if (!body.contains("slots") || !body["slots"].is_array()) {
    return bad("slots", "must list the questions: {question_id} or {category_id}, with a mark");
  }
  q.slots.clear();
  for (const json& s : body["slots"]) {
    if (!s.is_object()) return bad("slots", "must be objects");
    QuizSlot slot;
    if (s.contains("question_id") && s["question_id"].is_number_integer()) {
      slot.question_id = s["question_id"].get<std::int64_t>();
    }
    if (s.contains("category_id") && s["category_id"].is_number_integer()) {
      slot.category_id = s["category_id"].get<std::int64_t>();
    }
    if (s.contains("mark")) {
      if (!s["mark"].is_number_integer()) return bad("slots", "marks must be whole numbers");
      slot.mark = s["mark"].get<std::int64_t>();
    }
    q.slots.push_back(slot);
  }
  return q;
}

json QuestionEntry(const BankQuestion& b) {
  return {{"question_id", b.id},        {"category_id", b.category_id},
          {"category", b.category},     {"version", b.version},
          {"updated_at", b.updated_at}, {"question", QuestionToJson(b.question)}};
}

Result<std::optional<std::int64_t>> OptionalIntQuery(const Request& req, const char* name) {
  BSG_ASSIGN_OR_RETURN(auto v, req.QueryInt(name));
  return v;
}

}  // namespace

void RegisterCourseRoutes(http::Router& router, CourseService& svc) {
  const json any = json::object();

  // ---- catalogue and pages (anyone)
  u::AddRead(
      router, "/api/courses", Policy::Public(),
      u::Doc(kTag, "The courses, with their modules", u::Object({{"items", u::ArrayOf(any)}})),
      [&svc](Request& req) -> Result<Response> {
        const std::string language = req.Query("language").value_or("en");
        BSG_ASSIGN_OR_RETURN(auto list, svc.ListCourses());
        json items = json::array();
        for (const Course& c : list) items.push_back(CourseJson(c, language));
        return Response::Json({{"items", std::move(items)}});
      });
  u::AddRead(router, "/api/courses/{id:int}", Policy::Public(),
             u::Doc(kTag, "One course with its modules", any, {404}),
             [&svc](Request& req) -> Result<Response> {
               BSG_ASSIGN_OR_RETURN(Course c, svc.GetCourse(req.PathInt("id")));
               return Response::Json(CourseJson(c, req.Query("language").value_or("en")));
             });
  u::AddRead(
      router, "/api/courses/{id:int}/modules/{module_id:int}", Policy::Public(),
      u::Doc(kTag, "A module's page in one language (Markdown and its safe HTML)", any, {404}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(Course c, svc.GetCourse(req.PathInt("id")));
        const std::int64_t module_id = req.PathInt("module_id");
        for (const CourseModule& m : c.modules) {
          if (m.id != module_id) continue;
          const std::string wanted = req.Query("language").value_or("en");
          auto it = m.texts.find(wanted);
          if (it == m.texts.end()) it = m.texts.find("en");
          if (it == m.texts.end()) it = m.texts.begin();
          if (it == m.texts.end()) break;
          json attachments = json::array();
          for (const ModuleAttachment& a : m.attachments) {
            attachments.push_back(AttachmentJson(a, c.id));
          }
          return Response::Json({{"module_id", m.id},
                                 {"course_id", c.id},
                                 {"position", m.position},
                                 {"estimated_minutes", m.estimated_minutes},
                                 {"language", it->first},
                                 {"title", it->second.title},
                                 {"body_markdown", it->second.body_markdown},
                                 {"body_html", MarkdownToSafeHtml(it->second.body_markdown)},
                                 {"quiz_id", m.quiz_id ? json(*m.quiz_id) : json(nullptr)},
                                 {"attachments", std::move(attachments)}});
        }
        return Status::NotFound("course.module_not_found", "No such module in this course.");
      });

  // ---- the learner
  u::AddRoute(router, Method::kPost, "/api/courses/{id:int}/enrolment", Policy::SignedIn(),
              u::Doc(kTag, "Enrol yourself (a person record is made from your account if needed)",
                     any, {404, 409, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(json body, ObjectBody(req, {"language"}));
                std::string language;
                if (body.is_object() && body.contains("language") && body["language"].is_string()) {
                  language = body["language"].get<std::string>();
                }
                const Caller caller = CallerFrom(req);
                BSG_RETURN_IF_ERROR(svc.Enrol(caller, req.PathInt("id"), language).status());
                BSG_ASSIGN_OR_RETURN(CourseProgress p, svc.Progress(caller, req.PathInt("id")));
                return Response::Json(Progress(p), 201);
              });
  u::AddRoute(
      router, Method::kGet, "/api/courses/{id:int}/progress", Policy::SignedIn(),
      u::Doc(kTag, "Your enrolment, module progress, assessment and certificate", any, {404}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(CourseProgress p, svc.Progress(CallerFrom(req), req.PathInt("id")));
        return Response::Json(Progress(p));
      });
  u::AddRoute(router, Method::kPost, "/api/courses/{id:int}/modules/{module_id:int}/visit",
              Policy::SignedIn(), u::Doc(kTag, "Record that you read a module", any, {404, 409}),
              [&svc](Request& req) -> Result<Response> {
                BSG_RETURN_IF_ERROR(ObjectBody(req, {}).status());
                BSG_ASSIGN_OR_RETURN(
                    CourseProgress p,
                    svc.VisitModule(CallerFrom(req), req.PathInt("id"), req.PathInt("module_id")));
                return Response::Json(Progress(p));
              });
  u::AddRoute(
      router, Method::kGet, "/api/me/courses", Policy::SignedIn(),
      u::Doc(kTag, "Your courses and how far you are", u::Object({{"items", u::ArrayOf(any)}})),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(auto list, svc.MyCourses(CallerFrom(req)));
        json items = json::array();
        for (const CourseProgress& p : list) items.push_back(Progress(p));
        return Response::Json({{"items", std::move(items)}});
      });
  u::AddRoute(router, Method::kGet, "/api/me/certificates", Policy::SignedIn(),
              u::Doc(kTag, "Your certificates", u::Object({{"items", u::ArrayOf(any)}})),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(auto list, svc.MyCertificates(CallerFrom(req)));
                json items = json::array();
                for (const Certificate& c : list) items.push_back(CertificateJson(c));
                return Response::Json({{"items", std::move(items)}});
              });

  u::AddRoute(router, Method::kPost, "/api/quizzes/{id:int}/attempts", Policy::SignedIn(),
              u::Doc(kTag, "Start an attempt, or resume the open one", any, {404, 409}),
              [&svc](Request& req) -> Result<Response> {
                const Caller caller = CallerFrom(req);
                BSG_RETURN_IF_ERROR(ObjectBody(req, {}).status());
                Quiz quiz;
                BSG_ASSIGN_OR_RETURN(Attempt a, svc.StartAttempt(caller, req.PathInt("id"), &quiz));
                return Response::Json(AttemptJson(a, quiz), 201);
              });
  u::AddRoute(
      router, Method::kGet, "/api/attempts/{id:int}", Policy::SignedIn(),
      u::Doc(kTag, "An attempt: questions, saved answers, the server's deadline", any, {404}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(Attempt a, svc.GetAttempt(CallerFrom(req), req.PathInt("id")));
        BSG_ASSIGN_OR_RETURN(Quiz quiz, svc.GetQuiz(a.quiz_id));
        return Response::Json(AttemptJson(a, quiz));
      });
  u::AddRoute(
      router, Method::kPut, "/api/attempts/{id:int}/answers/{position:int}", Policy::SignedIn(),
      u::Doc(kTag, "Save one answer ({answer_id, response}); repeating a request changes nothing",
             any, {400, 404, 409, 422}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(json body, ObjectBody(req, {"answer_id", "response"}));
        if (!body.is_object() || !body.contains("answer_id") || !body["answer_id"].is_string() ||
            !body.contains("response")) {
          return Status::Unprocessable("attempt.invalid", "Send {answer_id, response}.",
                                       {{"answer_id", "is required"}, {"response", "is required"}});
        }
        BSG_ASSIGN_OR_RETURN(
            Attempt a, svc.SaveAnswer(CallerFrom(req), req.PathInt("id"), req.PathInt("position"),
                                      body["answer_id"].get<std::string>(), body["response"]));
        return Response::Json({{"attempt_id", a.id},
                               {"position", req.PathInt("position")},
                               {"answer_id", body["answer_id"]},
                               {"saved", true},
                               {"server_time", time::CurrentTimestamp()}});
      });
  u::AddRoute(
      router, Method::kPost, "/api/attempts/{id:int}/submit", Policy::SignedIn(),
      u::Doc(kTag, "Submit an attempt: graded once, on what was saved by the deadline", any, {404}),
      [&svc](Request& req) -> Result<Response> {
        BSG_RETURN_IF_ERROR(ObjectBody(req, {}).status());
        BSG_ASSIGN_OR_RETURN(Attempt a, svc.SubmitAttempt(CallerFrom(req), req.PathInt("id")));
        BSG_ASSIGN_OR_RETURN(Quiz quiz, svc.GetQuiz(a.quiz_id));
        return Response::Json(AttemptJson(a, quiz));
      });

  // ---- certificates (anyone may verify)
  u::AddRead(router, "/api/certificates/{code}", Policy::Public(),
             u::Doc(kTag, "Verify a certificate: valid, revoked or unknown (404)", any, {404}),
             [&svc](Request& req) -> Result<Response> {
               BSG_ASSIGN_OR_RETURN(auto found, svc.FindCertificate(req.path_params.at("code")));
               if (!found) {
                 return Status::NotFound("certificate.not_found", "No certificate has this code.");
               }
               return Response::Json(CertificateJson(*found));
             });
  u::AddRead(router, "/api/certificates/{code}/credential", Policy::Public(),
             u::Doc(kTag, "The certificate as an Open Badges 3.0 credential (VC-JWT)", any, {404}),
             [&svc](Request& req) -> Result<Response> {
               BSG_ASSIGN_OR_RETURN(std::string jwt, svc.CredentialJwt(req.path_params.at("code")));
               return Response::Text(std::move(jwt), "application/vc+jwt");
             });
  u::AddRead(
      router, "/api/certificates/{code}/pdf", Policy::Public(),
      u::Doc(kTag, "The certificate as a PDF with a QR code of its verification page", any,
             {404, 409}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(std::string pdf, svc.CertificatePdfBytes(req.path_params.at("code")));
        Response r = Response::Text(std::move(pdf), "application/pdf");
        r.SetHeader("Content-Disposition",
                    "inline; filename=\"certificate-" + req.path_params.at("code") + ".pdf\"");
        return r;
      });
  u::AddRead(router, "/api/credentials/status-list", Policy::Public(),
             u::Doc(kTag, "The certificates' revocation list (Bitstring Status List, VC-JWT)", any),
             [&svc](Request&) -> Result<Response> {
               BSG_ASSIGN_OR_RETURN(std::string jwt, svc.StatusListJwt());
               return Response::Text(std::move(jwt), "application/vc+jwt");
             });
  u::AddRead(router, "/api/credentials/keys", Policy::Public(),
             u::Doc(kTag, "The public keys that verify the credentials (JWKS)", any),
             [&svc](Request&) -> Result<Response> {
               BSG_ASSIGN_OR_RETURN(json keys, svc.Jwks());
               return Response::Json(keys);
             });
  u::AddRoute(router, Method::kPost, "/api/certificates/{code}/revoke", Staff(),
              u::Doc(kTag, "Revoke a certificate with a reason", any, {404, 409, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(json body, ObjectBody(req, {"reason"}));
                std::string reason;
                if (body.is_object() && body.contains("reason") && body["reason"].is_string()) {
                  reason = body["reason"].get<std::string>();
                }
                BSG_ASSIGN_OR_RETURN(
                    Certificate c,
                    svc.RevokeCertificate(CallerFrom(req), req.path_params.at("code"), reason));
                return Response::Json(CertificateJson(c));
              });

  // ---- the secretariat
  u::AddRoute(router, Method::kPost, "/api/courses", Staff(),
              u::Doc(kTag, "Create a course", any, {409, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(json body, CourseBody(req));
                BSG_ASSIGN_OR_RETURN(Course c, DecodeCourse(body, Course{}));
                BSG_ASSIGN_OR_RETURN(Course stored, svc.CreateCourse(CallerFrom(req), c));
                return Response::Json(CourseJson(stored, "en"), 201);
              });
  u::AddRoute(router, Method::kPatch, "/api/courses/{id:int}", Staff(),
              u::Doc(kTag, "Change a course", any, {404, 409, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(json body, CourseBody(req));
                BSG_ASSIGN_OR_RETURN(Course before, svc.GetCourse(req.PathInt("id")));
                BSG_ASSIGN_OR_RETURN(Course c, DecodeCourse(body, before));
                BSG_ASSIGN_OR_RETURN(Course stored,
                                     svc.UpdateCourse(CallerFrom(req), req.PathInt("id"), c));
                return Response::Json(CourseJson(stored, "en"));
              });
  u::AddRoute(
      router, Method::kPost, "/api/courses/{id:int}/modules", Staff(),
      u::Doc(kTag, "Add a module", any, {404, 409, 422}), [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(CourseModule m, DecodeModule(req));
        BSG_ASSIGN_OR_RETURN(Course c, svc.AddModule(CallerFrom(req), req.PathInt("id"), m));
        return Response::Json(CourseJson(c, "en"), 201);
      });
  u::AddRoute(router, Method::kPut, "/api/courses/{id:int}/modules/{module_id:int}", Staff(),
              u::Doc(kTag, "Replace a module's position, minutes and texts", any, {404, 409, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(CourseModule m, DecodeModule(req));
                m.id = req.PathInt("module_id");
                BSG_ASSIGN_OR_RETURN(Course c,
                                     svc.UpdateModule(CallerFrom(req), req.PathInt("id"), m));
                return Response::Json(CourseJson(c, "en"));
              });
  u::AddRoute(router, Method::kPost, "/api/courses/{id:int}/enrolments", Staff(),
              u::Doc(kTag, "Enrol a person ({person_id, language})", any, {404, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(json body, ObjectBody(req, {"person_id", "language"}));
                if (!body.is_object() || !body.contains("person_id") ||
                    !body["person_id"].is_number_integer()) {
                  return Status::Unprocessable("course.invalid", "person_id is required",
                                               {{"person_id", "is required"}});
                }
                std::string language;
                if (body.contains("language") && body["language"].is_string()) {
                  language = body["language"].get<std::string>();
                }
                BSG_ASSIGN_OR_RETURN(
                    Enrolment e,
                    svc.EnrolPerson(CallerFrom(req), req.PathInt("id"),
                                    body["person_id"].get<std::int64_t>(), language, "officer"));
                return Response::Json({{"enrolment_id", e.id},
                                       {"course_id", e.course_id},
                                       {"person_id", e.person_id},
                                       {"language", e.language},
                                       {"enrolled_on", e.enrolled_on}},
                                      201);
              });

  u::AddRoute(
      router, Method::kPost, "/api/courses/{id:int}/enrolments/import", Staff(),
      u::Doc(kTag,
             "Enrol a list of people (CSV or XLSX body: email, language). All or nothing: a bad "
             "row enrols nobody and is named in errors",
             any, {400, 404, 413, 415, 422}, {u::Param("dry_run", "boolean", "check only")}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(bool dry_run, u::QueryBool(req, "dry_run"));
        const std::string content_type = req.Header("content-type").value_or("");
        std::optional<tabular::Format> format = tabular::FormatFromContentType(content_type);
        if (!format) {
          if (!content_type.empty() && !content_type.starts_with("application/octet-stream")) {
            return Status(ErrorCode::kUnsupportedMedia, "request.unsupported_media_type",
                          "Send the list as text/csv or as an XLSX workbook.");
          }
          format = tabular::SniffFormat(req.body);
        }
        BSG_ASSIGN_OR_RETURN(
            EnrolmentImportReport r,
            svc.ImportEnrolments(CallerFrom(req), req.PathInt("id"), req.body, *format, dry_run));
        json body = {{"ok", r.errors.empty()},
                     {"dry_run", r.dry_run},
                     {"rows", r.rows},
                     {"enrolled", r.enrolled},
                     {"already_enrolled", r.already_enrolled}};
        tabular::AddErrorReport(body, r.errors);
        if (r.errors.empty() || dry_run) return Response::Json(body);
        tabular::MarkRefused(body, "course.import_invalid_rows", r.errors);
        return Response::Json(body, http::HttpStatusFor(ErrorCode::kUnprocessable));
      });
  u::AddRoute(
      router, Method::kPost, "/api/courses/{id:int}/modules/{module_id:int}/attachments", Staff(),
      u::Doc(kTag,
             "Attach a file to a module (the request body, of its Content-Type: PDF, PNG, JPEG, "
             "DOCX, XLSX, PPTX or plain text; at most 10 MiB)",
             any, {404, 413, 415, 422},
             {u::Param("file_name", "string", "the file's name as learners will see it")}),
      [&svc](Request& req) -> Result<Response> {
        std::string type = AsciiLower(req.Header("content-type").value_or(""));
        if (const std::size_t semi = type.find(';'); semi != std::string::npos) type.resize(semi);
        BSG_ASSIGN_OR_RETURN(
            ModuleAttachment a,
            svc.AddAttachment(CallerFrom(req), req.PathInt("id"), req.PathInt("module_id"),
                              req.Query("file_name").value_or(""), Trimmed(type), req.body));
        return Response::Json(AttachmentJson(a, req.PathInt("id")), 201);
      });
  u::AddRoute(router, Method::kGet,
              "/api/courses/{id:int}/modules/{module_id:int}/attachments/{attachment_id:int}",
              Policy::Public(), u::Doc(kTag, "Download a module's attachment", any, {404}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(auto found,
                                     svc.GetAttachment(req.PathInt("id"), req.PathInt("module_id"),
                                                       req.PathInt("attachment_id")));
                Response r = Response::Text(std::move(found.second), found.first.content_type);
                r.SetHeader("Content-Disposition",
                            http::AttachmentDisposition(found.first.file_name));
                return r;
              });
  u::AddRoute(router, Method::kDelete,
              "/api/courses/{id:int}/modules/{module_id:int}/attachments/{attachment_id:int}",
              Staff(), u::Doc(kTag, "Remove a module's attachment", any, {404}),
              [&svc](Request& req) -> Result<Response> {
                BSG_RETURN_IF_ERROR(svc.DeleteAttachment(CallerFrom(req), req.PathInt("id"),
                                                         req.PathInt("module_id"),
                                                         req.PathInt("attachment_id")));
                return Response::Json({{"deleted", true}});
              });

  u::AddRoute(
      router, Method::kGet, "/api/questions", Staff(),
      u::Doc(kTag, "The question bank (current versions)", u::Object({{"items", u::ArrayOf(any)}}),
             {}, {u::Param("category_id", "integer", "only this category")}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(auto category, OptionalIntQuery(req, "category_id"));
        BSG_ASSIGN_OR_RETURN(auto list, svc.ListQuestions(category));
        json items = json::array();
        for (const BankQuestion& b : list) items.push_back(QuestionEntry(b));
        return Response::Json({{"items", std::move(items)}});
      });
  u::AddRoute(
      router, Method::kGet, "/api/question-categories", Staff(),
      u::Doc(kTag, "The question bank's categories", u::Object({{"items", u::ArrayOf(any)}})),
      [&svc](Request&) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(auto list, svc.ListCategories());
        json items = json::array();
        for (const auto& [id, path] : list) items.push_back({{"category_id", id}, {"path", path}});
        return Response::Json({{"items", std::move(items)}});
      });
  u::AddRoute(router, Method::kGet, "/api/questions/{id:int}", Staff(),
              u::Doc(kTag, "One question, current version", any, {404}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(BankQuestion b, svc.GetQuestion(req.PathInt("id")));
                return Response::Json(QuestionEntry(b));
              });
  u::AddRoute(
      router, Method::kPut, "/api/questions/{id:int}", Staff(),
      u::Doc(kTag, "Save a question as a new version (attempts keep theirs)", any, {404, 422}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(
            json body, ObjectBody(req, {"type", "category", "name", "idnumber", "tags", "text",
                                        "general_feedback", "default_mark", "penalty", "answers",
                                        "pairs", "single", "shuffle_answers", "case_sensitive"}));
        BSG_ASSIGN_OR_RETURN(Question q, QuestionFromJson(body));
        BSG_ASSIGN_OR_RETURN(BankQuestion b,
                             svc.UpdateQuestion(CallerFrom(req), req.PathInt("id"), q));
        return Response::Json(QuestionEntry(b));
      });
  u::AddRoute(
      router, Method::kPost, "/api/questions/import", Staff(),
      u::Doc(kTag,
             "Import a GIFT or Moodle XML file (the request body): all or nothing; dry_run lists "
             "every problem and stores nothing (at most 2 MiB)",
             any, {400, 413, 415, 422},
             {u::Param("format", "string", "gift or xml", json{"gift", "xml"}),
              u::Param("file_name", "string", "the file's name, for problem locations"),
              u::Param("dry_run", "boolean", "true: check only")}),
      [&svc](Request& req) -> Result<Response> {
        const std::string format = req.Query("format").value_or("");
        const std::string file_name = req.Query("file_name").value_or("questions");
        BSG_ASSIGN_OR_RETURN(const bool dry_run, u::QueryBool(req, "dry_run"));
        const std::string type = AsciiLower(req.Header("content-type").value_or(""));
        if (!type.starts_with("text/plain") && !type.starts_with("application/xml") &&
            !type.starts_with("text/xml")) {
          return Status(ErrorCode::kUnsupportedMedia, "request.unsupported_media_type",
                        "Send the file as text/plain (GIFT) or application/xml (Moodle XML).");
        }
        BSG_ASSIGN_OR_RETURN(ImportReport r, svc.ImportQuestions(CallerFrom(req), format, file_name,
                                                                 req.body, dry_run));
        json problems = json::array();
        for (const ImportProblem& p : r.problems) {
          problems.push_back({{"where", p.where}, {"message", p.message}});
        }
        json out = {{"dry_run", r.dry_run},
                    {"questions", r.questions},
                    {"categories", r.categories},
                    {"problems", problems},
                    {"question_ids", r.question_ids}};
        if (!r.problems.empty() && !dry_run) {
          // A refused import: the error shape, with the report beside it.
          out["code"] = http::HttpStatusFor(ErrorCode::kUnprocessable);
          out["reason"] = "question.import_failed";
          out["message"] =
              std::to_string(r.problems.size()) + " problem(s) found; nothing was imported.";
          out["fields"] = json::object();
          return Response::Json(out, http::HttpStatusFor(ErrorCode::kUnprocessable));
        }
        return Response::Json(out, dry_run ? 200 : 201);
      });
  u::AddRoute(
      router, Method::kGet, "/api/questions/export", Staff(),
      u::Doc(kTag, "Export the bank (or one category) as GIFT or Moodle XML", any, {422},
             {u::Param("format", "string", "gift or xml", json{"gift", "xml"}),
              u::Param("category_id", "integer", "only this category")}),
      [&svc](Request& req) -> Result<Response> {
        const std::string format = req.Query("format").value_or("");
        BSG_ASSIGN_OR_RETURN(auto category, OptionalIntQuery(req, "category_id"));
        BSG_ASSIGN_OR_RETURN(std::string file, svc.ExportQuestions(format, category));
        Response r =
            Response::Text(std::move(file), format == "xml" ? "application/xml; charset=utf-8"
                                                            : "text/plain; charset=utf-8");
        r.SetHeader("Content-Disposition", std::string("attachment; filename=\"questions.") +
                                               (format == "xml" ? "xml" : "gift.txt") + "\"");
        return r;
      });

  u::AddRoute(router, Method::kPost, "/api/quizzes", Staff(),
              u::Doc(kTag, "Create a quiz (module_id null: the course's final assessment)", any,
                     {404, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(Quiz q, DecodeQuiz(req));
                BSG_ASSIGN_OR_RETURN(Quiz stored, svc.CreateQuiz(CallerFrom(req), q));
                return Response::Json(QuizJson(stored), 201);
              });
  u::AddRoute(router, Method::kGet, "/api/quizzes/{id:int}", Policy::SignedIn(),
              u::Doc(kTag, "A quiz's settings", any, {404}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(Quiz q, svc.GetQuiz(req.PathInt("id")));
                return Response::Json(QuizJson(q));
              });
  u::AddRoute(router, Method::kPatch, "/api/quizzes/{id:int}", Staff(),
              u::Doc(kTag,
                     "Change a quiz's settings or slots (attempts already started keep their "
                     "questions)",
                     any, {404, 422}),
              [&svc](Request& req) -> Result<Response> {
                BSG_RETURN_IF_ERROR(DecodeQuiz(req, Quiz{}).status());  // before any lookup
                BSG_ASSIGN_OR_RETURN(Quiz before, svc.GetQuiz(req.PathInt("id")));
                BSG_ASSIGN_OR_RETURN(Quiz q, DecodeQuiz(req, before));
                BSG_ASSIGN_OR_RETURN(Quiz stored,
                                     svc.UpdateQuiz(CallerFrom(req), req.PathInt("id"), q));
                return Response::Json(QuizJson(stored));
              });
  u::AddRoute(router, Method::kGet, "/api/courses/{id:int}/quizzes", Staff(),
              u::Doc(kTag, "The quizzes of a course, with their settings and slots",
                     u::Object({{"items", u::ArrayOf(any)}}), {404}),
              [&svc](Request& req) -> Result<Response> {
                BSG_ASSIGN_OR_RETURN(auto list, svc.ListQuizzes(req.PathInt("id")));
                json items = json::array();
                for (const Quiz& q : list) items.push_back(QuizJson(q));
                return Response::Json({{"items", std::move(items)}});
              });
  u::AddRoute(
      router, Method::kGet, "/api/quizzes/{id:int}/results", Staff(),
      u::Doc(kTag,
             "Every attempt of a quiz with the learner and the score; with format, as a CSV or "
             "XLSX file",
             any, {400, 404},
             {u::Param("format", "string", "csv or xlsx: a file instead of JSON",
                       json{"csv", "xlsx"})}),
      [&svc](Request& req) -> Result<Response> {
        const std::optional<std::string> format_name = req.Query("format");
        if (!format_name) {
          BSG_ASSIGN_OR_RETURN(json results, svc.Results(req.PathInt("id")));
          return Response::Json(results);
        }
        std::optional<tabular::Format> format = tabular::ParseFormat(*format_name);
        if (!format) {
          return Status::InvalidArgument("request.bad_query", "format must be csv or xlsx",
                                         {{"format", "must be csv or xlsx"}});
        }
        BSG_ASSIGN_OR_RETURN(std::string file, svc.ResultsFile(req.PathInt("id"), *format));
        Response r = Response::Text(std::move(file), std::string(tabular::MimeType(*format)));
        r.SetHeader("Content-Disposition", "attachment; filename=\"quiz-" +
                                               std::to_string(req.PathInt("id")) + "-results." +
                                               std::string(tabular::FormatName(*format)) + "\"");
        return r;
      });
}

}  // namespace bsg::course
