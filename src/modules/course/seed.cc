#include "modules/course/seed.h"

#include <algorithm>

#include "modules/course/gift.h"
#include "modules/course/grading.h"
#include "modules/course/service.h"
#include "modules/course/store.h"
#include "modules/registry/store.h"
#include "platform/time/clock.h"

namespace bsg::course {
namespace {

using nlohmann::json;

constexpr const char* kCode = "a1-working-methods";
constexpr std::int64_t kEnrolments = 824;  // the learners of the demo...
constexpr std::int64_t kCertified = 382;   // ...who pass the assessment after every module
constexpr std::int64_t kFailed = 120;      // ...who read every module and fail it
constexpr const char* kFirstDay = "2014-01-06";
constexpr const char* kLastDay = "2020-03-20";  // in the demo report's window (to 31 March 2020)

struct ModuleSpec {
  const char* title;
  int minutes;
  const char* body;
};

// The six module titles of the ITU Academy course (reference FACTS, section 3.1); the texts are
// short summaries written for the demo.
constexpr ModuleSpec kModules[] = {
    {"Standardization in ITU-T", 20,
     "ITU-T develops international standards, called **Recommendations**, in its study groups. "
     "Members of ITU-T (Member States, Sector Members, Associates and Academia) take part, and "
     "the Telecommunication Standardization Bureau (TSB) supports their work."},
    {"Managing the study groups", 20,
     "Each study group has a chairman and vice-chairmen appointed by the World Telecommunication "
     "Standardization Assembly (WTSA). Work is organized in working parties and **Questions**, "
     "each led by a rapporteur."},
    {"Coordination", 15,
     "The Telecommunication Standardization Advisory Group (TSAG) reviews priorities, programmes "
     "and working methods between assemblies. Study groups coordinate through liaison statements "
     "and joint coordination activities."},
    {"Inputs to the study groups", 25,
     "Members bring their proposals as **contributions**, submitted before the meeting's deadline. "
     "Temporary documents carry the meeting's own material, such as draft texts and reports of "
     "rapporteur groups."},
    {"Outputs to the study groups", 20,
     "Study groups produce Recommendations, supplements, technical papers and reports. Most "
     "Recommendations are approved by the alternative approval process; some by the traditional "
     "approval process."},
    {"Further infrastructure to support the study group process", 20,
     "Electronic working methods, remote participation, the ITU-T website and its databases help "
     "delegates from every country take part in the work between and during meetings."},
};

// The final assessment: twenty questions written for the demo, one point each.
constexpr const char* kAssessment = R"($CATEGORY: $course$/top/A.1 final assessment

::Q01::What are ITU-T's standards called?{=Recommendations ~Regulations ~Resolutions ~Directives}

::Q02::Who supports the work of the ITU-T study groups?{=The Telecommunication Standardization Bureau ~The Radiocommunication Bureau ~The Telecommunication Development Bureau ~The General Secretariat's legal unit}

::Q03::Which assembly appoints the chairmen of the study groups?{=The World Telecommunication Standardization Assembly ~The Council ~The World Radiocommunication Conference ~The Plenipotentiary Conference's committee}

::Q04::Which Recommendation sets out the working methods of ITU-T study groups?{=Recommendation ITU-T A.1 ~Recommendation ITU-T X.509 ~Recommendation ITU-T G.711 ~Recommendation ITU-T E.164}

::Q05::Who leads the work on a Question?{=A rapporteur ~The Secretary-General ~A liaison officer ~The host country}

::Q06::What reviews ITU-T's priorities and working methods between assemblies?{=The Telecommunication Standardization Advisory Group ~The Radio Regulations Board ~Each study group alone ~The Coordination Committee}

::Q07::How do members bring their proposals to a study group?{=As contributions ~As press releases ~As liaison statements only ~As temporary documents only}

::Q08::What do study groups use to exchange information with other groups?{=Liaison statements ~Contributions ~Circulars ~Recommendations}

::Q09::How are most ITU-T Recommendations approved?{=By the alternative approval process ~By the Council ~By the Plenipotentiary Conference ~By a vote of the host country}

::Q10::Which members take part in ITU-T's work?{=Member States, Sector Members, Associates and Academia ~Member States only ~Sector Members only ~Any visitor of the website}

::Q11::What carries a meeting's draft texts and reports of rapporteur groups?{=Temporary documents ~Contributions ~Circular letters ~Recommendations}

::Q12::How often is the World Telecommunication Standardization Assembly held?{=Every four years ~Every year ~Every two years ~Every ten years}

::Q13::What is a working party?{=A group within a study group that organizes work on several Questions ~A separate ITU Sector ~A committee of the Council ~A national delegation}

::Q14::Besides Recommendations, what else may a study group produce?{=Supplements, technical papers and reports ~Laws and regulations ~Treaties ~Budgets}

::Q15::What helps delegates take part without travelling to the meeting?{=Remote participation ~Only the meeting report ~Fellowships alone ~Nothing}

::Q16::When must contributions be submitted?{=Before the meeting's deadline ~At any time during the meeting ~After the meeting ~Only at the assembly}

::Q17::What does the TSB do for a meeting?{=It supports and organizes the meeting and its documents ~It approves every Recommendation ~It chairs the study group ~It sets the members' positions}

::Q18::Who may be appointed a vice-chairman of a study group?{=A person nominated by a member and appointed by the assembly ~Any delegate at the meeting ~Only TSB staff ~The host's mayor}

::Q19::What is the purpose of a Question in a study group?{=To define an area of study within the group's mandate ~To approve the budget ~To elect the chairman ~To admit new members}

::Q20::Where are ITU-T Recommendations published?{=On the ITU-T website and in its databases ~Only in printed books ~Only in national gazettes ~They are not published}
)";

std::string Day(std::int64_t days) { return time::Date::FromDays(days).ToString(); }

}  // namespace

Result<CourseSeedSummary> SeedDemoCourse(db::Database& db) {
  CourseSeedSummary summary;
  const Store store;
  CourseService service(db);
  const AuditActor actor = CliActor("bsg seed --demo");
  BSG_RETURN_IF_ERROR(db.InTransaction([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(auto existing, store.CourseIdByCode(tx, kCode));
    if (existing) return Status::Ok();
    const std::string now = time::CurrentTimestamp();
    Course c;
    c.code = kCode;
    c.title = "Working Methods of ITU-T Study Groups";
    c.description =
        "A free e-learning course of about two hours on Recommendation ITU-T A.1: how study "
        "groups are organized and managed, how they coordinate, what goes into them and what "
        "comes out.";
    c.languages = {"en"};
    c.opens_on = kFirstDay;
    BSG_ASSIGN_OR_RETURN(c.id, store.InsertCourse(tx, c, now));
    int position = 0;
    for (const ModuleSpec& m : kModules) {
      CourseModule module;
      module.course_id = c.id;
      module.position = ++position;
      module.estimated_minutes = m.minutes;
      module.texts["en"] = ModuleText{m.title, m.body};
      BSG_RETURN_IF_ERROR(store.InsertModule(tx, module).status());
    }
    ParsedQuestions parsed = ParseGift(kAssessment, "a1_assessment.gift");
    if (!parsed.problems.empty()) {
      return Status::Internal("seed.bad_questions", parsed.problems.front().where + ": " +
                                                        parsed.problems.front().message);
    }
    Quiz quiz;
    quiz.course_id = c.id;
    quiz.title = "Final assessment";
    quiz.time_limit_seconds = 30 * 60;
    for (const Question& q : parsed.questions) {
      BSG_ASSIGN_OR_RETURN(std::int64_t category, store.CategoryId(tx, q.category));
      BSG_ASSIGN_OR_RETURN(std::int64_t id, store.InsertQuestion(tx, category, q, now));
      quiz.slots.push_back({static_cast<std::int64_t>(quiz.slots.size()) + 1, id, std::nullopt, 1});
    }
    BSG_ASSIGN_OR_RETURN(quiz.id, store.InsertQuiz(tx, quiz));
    BSG_ASSIGN_OR_RETURN(Course course, store.GetCourse(tx, c.id));

    // The learners: the demo registry's people in id order, enrolled on evenly spread days.
    const registry::Store registry;
    BSG_ASSIGN_OR_RETURN(std::vector<registry::Person> people, registry.ActivePeople(tx));
    std::sort(people.begin(), people.end(),
              [](const registry::Person& a, const registry::Person& b) { return a.id < b.id; });
    const std::int64_t n =
        std::min<std::int64_t>(kEnrolments, static_cast<std::int64_t>(people.size()));
    const std::int64_t first = time::Date::Parse(kFirstDay)->ToDays();
    const std::int64_t span = time::Date::Parse(kLastDay)->ToDays() - first;
    std::vector<Question> questions;
    for (const QuizSlot& slot : quiz.slots) {
      BSG_ASSIGN_OR_RETURN(Question q, store.QuestionVersion(tx, *slot.question_id, 1));
      questions.push_back(std::move(q));
    }
    for (std::int64_t i = 0; i < n; ++i) {
      // Learner i's outcome by a fixed stride, so that each kind is spread over the years.
      const std::int64_t rank = (i * 7) % n;
      const bool certified = rank < kCertified;
      const bool failed = !certified && rank < kCertified + kFailed;
      // The last learners enrol late in the window; their certificate may follow after it.
      const std::int64_t day = first + span * i / std::max<std::int64_t>(n - 1, 1);
      Enrolment e;
      e.course_id = c.id;
      e.person_id = people[static_cast<std::size_t>(i)].id;
      e.language = "en";
      e.source = "seed";
      e.enrolled_on = Day(day);
      e.enrolled_at = e.enrolled_on + "T09:00:00.000Z";
      BSG_ASSIGN_OR_RETURN(e.id, store.InsertEnrolment(tx, e));
      ++summary.enrolments;
      const std::int64_t modules_read = certified || failed ? 6 : rank % 5;
      for (std::int64_t m = 0; m < modules_read; ++m) {
        BSG_RETURN_IF_ERROR(store.MarkVisited(tx, e.id,
                                              course.modules[static_cast<std::size_t>(m)].id,
                                              Day(day + m) + "T10:00:00.000Z"));
      }
      if (!certified && !failed) continue;
      // One attempt a week after enrolling: 16 to 20 right for those who pass, 9 to 15 otherwise.
      const std::int64_t right = certified ? 16 + rank % 5 : 9 + rank % 7;
      const std::string at = Day(day + 7) + "T11:00:00.000Z";
      Attempt a;
      a.quiz_id = quiz.id;
      a.enrolment_id = e.id;
      a.number = 1;
      a.started_at = Day(day + 7) + "T10:30:00.000Z";
      a.deadline_at = Day(day + 7) + "T11:00:00.000Z";
      std::vector<std::pair<std::int64_t, std::string>> responses;
      for (std::size_t s = 0; s < quiz.slots.size(); ++s) {
        AttemptSlot slot;
        slot.position = quiz.slots[s].position;
        slot.question_id = *quiz.slots[s].question_id;
        slot.version = 1;
        slot.mark = 1;
        slot.question = questions[s];
        for (std::size_t k = 0; k < slot.question.answers.size(); ++k) {
          slot.answer_order.push_back(static_cast<std::int64_t>(k));
        }
        // The right answer is the first in each question above; a wrong one is the second.
        const int choice = static_cast<std::int64_t>(s) < right ? 0 : 1;
        slot.response = json{{"choice", choice}}.dump();
        responses.emplace_back(slot.position, *slot.response);
        a.slots.push_back(std::move(slot));
      }
      BSG_ASSIGN_OR_RETURN(a.id, store.InsertAttempt(tx, a));
      BSG_RETURN_IF_ERROR(store.InsertAnswers(tx, a.id, responses, at));
      GradeAttempt(a);
      BSG_RETURN_IF_ERROR(store.FinishAttempt(tx, a, at).status());
      ++summary.attempts;
      BSG_RETURN_IF_ERROR(
          service.MaybeComplete(tx, e, actor, *time::ParseTimestamp(at.substr(0, 19) + "Z")));
    }
    BSG_ASSIGN_OR_RETURN(auto used, store.UsedStatusIndexes(tx));
    summary.certificates = static_cast<std::int64_t>(used.size());
    return Status::Ok();
  }));
  return summary;
}

}  // namespace bsg::course
