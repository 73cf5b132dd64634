#include "modules/course/service.h"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "modules/course/attachment_type.h"
#include "modules/course/certificate_pdf.h"
#include "modules/course/credential.h"
#include "modules/course/gift.h"
#include "modules/course/grading.h"
#include "modules/course/json.h"
#include "modules/course/moodle_xml.h"
#include "modules/course/status_list.h"
#include "modules/registry/rules.h"
#include "modules/registry/store.h"
#include "platform/text.h"
#include "platform/time/clock.h"
#include "platform/time/names.h"

namespace bsg::course {
namespace {

using nlohmann::json;

constexpr std::string_view kLanguages[] = {"ar", "zh", "en", "fr", "ru", "es"};
// Certificate codes: ten characters that cannot be misread for one another (no 0/O, 1/I/L).
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr int kCodeLength = 10;

Status StaffOnly(const Caller& caller) {
  if (caller.IsStaff()) return Status::Ok();
  return Status::PermissionDenied("course.staff_only", "Only the secretariat may do this.");
}

Status Invalid(const std::string& field, const std::string& why) {
  return Status::Unprocessable("course.invalid", field + " " + why, {{field, why}});
}

bool KnownLanguage(std::string_view l) { return OneOf(kLanguages, l); }

Status ValidateCourse(Course& c) {
  c.code = Trimmed(c.code);
  c.title = Trimmed(c.title);
  if (c.code.empty() || c.code.size() > 60) return Invalid("code", "must be 1 to 60 characters");
  if (c.title.empty() || c.title.size() > 300) {
    return Invalid("title", "must be 1 to 300 characters");
  }
  if (c.languages.empty()) c.languages = {"en"};
  for (const std::string& l : c.languages) {
    if (!KnownLanguage(l)) return Invalid("languages", "must be among ar, zh, en, fr, ru, es");
  }
  if (c.pass_mark_e2 < 0 || c.pass_mark_e2 > 10000) {
    return Invalid("pass_mark_e2", "must be 0 to 10000 (hundredths of a percent)");
  }
  for (const auto* d : {&c.opens_on, &c.closes_on}) {
    if (*d && !time::Date::Parse(**d)) return Invalid("dates", "must be dates (YYYY-MM-DD)");
  }
  if (c.opens_on && c.closes_on && *c.closes_on < *c.opens_on) {
    return Invalid("closes_on", "must not be before opens_on");
  }
  if (c.grading_policy) {
    GradingPolicy& p = *c.grading_policy;
    const std::string base = "grading_policy";
    if (p.graders.empty()) return Invalid(base + ".graders", "must list at least one grader");
    if (p.cutoff_e2 < 0 || p.cutoff_e2 > 10000) {
      return Invalid(base + ".cutoff_e2", "must be 0 to 10000 (hundredths of a percent)");
    }
    std::int64_t sum = 0;
    std::vector<std::string> types;
    for (std::size_t i = 0; i < p.graders.size(); ++i) {
      Grader& g = p.graders[i];
      const std::string at = base + ".graders[" + std::to_string(i) + "]";
      g.type = Trimmed(g.type);
      if (g.type.empty() || g.type.size() > 60)
        return Invalid(at + ".type", "must be 1 to 60 characters");
      if (OneOf(types, g.type)) return Invalid(at + ".type", "is named by another grader");
      types.push_back(g.type);
      if (g.weight_e2 < 1 || g.weight_e2 > 10000) {
        return Invalid(at + ".weight_e2", "must be 1 to 10000 (hundredths of a percent)");
      }
      if (g.drop_count < 0 || g.drop_count > 100)
        return Invalid(at + ".drop_count", "must be 0 to 100");
      sum += g.weight_e2;
    }
    if (sum != 10000) {
      return Invalid(base + ".graders",
                     "weights must add up to 100% (10000), not " + std::to_string(sum));
    }
  }
  return Status::Ok();
}

Status ValidateModule(const CourseModule& m) {
  if (m.position < 1) return Invalid("position", "must be 1 or more");
  if (m.estimated_minutes < 0 || m.estimated_minutes > 10000) {
    return Invalid("estimated_minutes", "must be 0 to 10000");
  }
  if (m.texts.empty()) return Invalid("texts", "must give the module's title in one language");
  for (const auto& [language, text] : m.texts) {
    if (!KnownLanguage(language)) {
      return Invalid("texts", "languages must be among ar, zh, en, fr, ru, es");
    }
    if (Trimmed(text.title).empty()) return Invalid("texts." + language + ".title", "is required");
  }
  return Status::Ok();
}

std::string NewCode() {
  std::string code;
  for (int i = 0; i < kCodeLength; ++i) {
    code += kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
  }
  return code;
}

std::string Timestamp(time::TimePoint t) { return time::FormatTimestamp(t); }

// A uniformly random permutation of 0..n-1 (Fisher-Yates with libsodium's unbiased draws).
std::vector<std::int64_t> Shuffled(std::size_t n, bool shuffle) {
  std::vector<std::int64_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::int64_t>(i);
  if (!shuffle) return order;
  for (std::size_t i = n; i > 1; --i) {
    const std::size_t j = randombytes_uniform(static_cast<std::uint32_t>(i));
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

// The graded attempt that stands for the quiz under its grading method: its percent_e2 is the
// method's result (for "average", the mean of the graded attempts, rounded down).
std::optional<Attempt> Standing(const std::vector<Attempt>& attempts, std::string_view method) {
  std::vector<const Attempt*> graded;
  for (const Attempt& a : attempts) {
    if (a.submitted_at && a.percent_e2) graded.push_back(&a);
  }
  if (graded.empty()) return std::nullopt;
  if (method == "first") return *graded.front();
  if (method == "last") return *graded.back();
  if (method == "average") {
    Attempt mean = *graded.back();
    std::int64_t sum = 0;
    for (const Attempt* a : graded) sum += *a->percent_e2;
    mean.percent_e2 = sum / static_cast<std::int64_t>(graded.size());
    return mean;
  }
  const Attempt* best = graded.front();
  for (const Attempt* a : graded) {
    if (*a->percent_e2 > *best->percent_e2) best = a;
  }
  return *best;
}

}  // namespace

CourseService::CourseService(db::Database& db, CourseOptions options)
    : db_(db), options_(std::move(options)) {
  if (sodium_init() < 0) std::abort();  // libsodium cannot start: nothing here can be random
}

std::string CourseService::StatusListUrl() const {
  return options_.base_url + "/api/credentials/status-list";
}

// ---- courses and modules

Result<std::vector<Course>> CourseService::ListCourses() {
  return db::InTransactionResult<std::vector<Course>>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<std::vector<Course>> {
        BSG_ASSIGN_OR_RETURN(auto list, store_.Courses(tx));
        std::vector<Course> out;
        for (const Course& c : list) {
          BSG_ASSIGN_OR_RETURN(Course full, store_.GetCourse(tx, c.id, true));
          out.push_back(std::move(full));
        }
        return out;
      });
}

Result<Course> CourseService::GetCourse(std::int64_t id) {
  return db::InTransactionResult<Course>(
      db_, {.read_only = true},
      [&](db::Transaction& tx) -> Result<Course> { return store_.GetCourse(tx, id, true); });
}

Result<Course> CourseService::CreateCourse(const Caller& caller, Course c) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  BSG_RETURN_IF_ERROR(ValidateCourse(c));
  return db::InTransactionResult<Course>(db_, {}, [&](db::Transaction& tx) -> Result<Course> {
    BSG_ASSIGN_OR_RETURN(auto same, store_.CourseIdByCode(tx, c.code));
    if (same) {
      return Status::Conflict("course.code_taken", "Another course has this code.",
                              {{"code", "is already used"}});
    }
    BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.InsertCourse(tx, c, time::CurrentTimestamp()));
    BSG_ASSIGN_OR_RETURN(Course stored, store_.GetCourse(tx, id, true));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "course", std::to_string(id), "create",
                                    std::nullopt, CourseJson(stored, "en")));
    return stored;
  });
}

Result<Course> CourseService::UpdateCourse(const Caller& caller, std::int64_t id, Course c) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  BSG_RETURN_IF_ERROR(ValidateCourse(c));
  return db::InTransactionResult<Course>(db_, {}, [&](db::Transaction& tx) -> Result<Course> {
    BSG_ASSIGN_OR_RETURN(Course before, store_.GetCourse(tx, id));
    BSG_ASSIGN_OR_RETURN(auto same, store_.CourseIdByCode(tx, c.code));
    if (same && *same != id) {
      return Status::Conflict("course.code_taken", "Another course has this code.",
                              {{"code", "is already used"}});
    }
    c.id = id;
    BSG_RETURN_IF_ERROR(store_.UpdateCourse(tx, c, time::CurrentTimestamp()));
    BSG_ASSIGN_OR_RETURN(Course after, store_.GetCourse(tx, id, true));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "course", std::to_string(id), "update",
                                    CourseJson(before, "en"), CourseJson(after, "en")));
    return after;
  });
}

Result<Course> CourseService::AddModule(const Caller& caller, std::int64_t course_id,
                                        CourseModule m) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  BSG_RETURN_IF_ERROR(ValidateModule(m));
  return db::InTransactionResult<Course>(db_, {}, [&](db::Transaction& tx) -> Result<Course> {
    BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
    for (const CourseModule& other : course.modules) {
      if (other.position == m.position) {
        return Status::Conflict("course.position_taken",
                                "Another module of this course has this position.",
                                {{"position", "is taken by module " + std::to_string(other.id)}});
      }
    }
    m.course_id = course_id;
    BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.InsertModule(tx, m));
    BSG_ASSIGN_OR_RETURN(Course after, store_.GetCourse(tx, course_id, true));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "course_module", std::to_string(id), "create",
                                    std::nullopt, CourseJson(after, "en")));
    return after;
  });
}

Result<Course> CourseService::UpdateModule(const Caller& caller, std::int64_t course_id,
                                           CourseModule m) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  BSG_RETURN_IF_ERROR(ValidateModule(m));
  return db::InTransactionResult<Course>(db_, {}, [&](db::Transaction& tx) -> Result<Course> {
    BSG_ASSIGN_OR_RETURN(Course before, store_.GetCourse(tx, course_id));
    bool found = false;
    for (const CourseModule& other : before.modules) {
      if (other.id == m.id) found = true;
      if (other.id != m.id && other.position == m.position) {
        return Status::Conflict("course.position_taken",
                                "Another module of this course has this position.",
                                {{"position", "is taken by module " + std::to_string(other.id)}});
      }
    }
    if (!found) {
      return Status::NotFound("course.module_not_found", "No such module in this course.");
    }
    m.course_id = course_id;
    BSG_RETURN_IF_ERROR(store_.UpdateModule(tx, m));
    BSG_ASSIGN_OR_RETURN(Course after, store_.GetCourse(tx, course_id, true));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "course_module", std::to_string(m.id),
                                    "update", CourseJson(before, "en"), CourseJson(after, "en")));
    return after;
  });
}

Result<ModuleAttachment> CourseService::AddAttachment(const Caller& caller, std::int64_t course_id,
                                                      std::int64_t module_id, std::string file_name,
                                                      std::string content_type,
                                                      std::string_view content) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  std::optional<std::string> name = CleanFileName(file_name);
  if (!name) {
    return Invalid("file_name",
                   "must be a file name of 1 to 200 characters without control characters");
  }
  if (content.size() > kMaxAttachmentBytes) {
    return Status(ErrorCode::kPayloadTooLarge, "attachment.too_large",
                  "An attachment may be at most 10 MiB.", {{"file", "at most 10 MiB"}});
  }
  if (!AllowedAttachmentType(content_type)) {
    return Status(ErrorCode::kUnsupportedMedia, "attachment.bad_type",
                  "Attach a file of one of these types: " + AllowedAttachmentTypes() + ".",
                  {{"content_type", "is not a type a module may carry"}});
  }
  if (!ContentMatchesType(content_type, content)) {
    return Status(ErrorCode::kUnsupportedMedia, "attachment.bad_type",
                  "The file's content is not of its type (" + content_type + ").",
                  {{"file", "is not a " + content_type + " file"}});
  }
  return db::InTransactionResult<ModuleAttachment>(
      db_, {}, [&](db::Transaction& tx) -> Result<ModuleAttachment> {
        BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
        if (std::none_of(course.modules.begin(), course.modules.end(),
                         [&](const CourseModule& m) { return m.id == module_id; })) {
          return Status::NotFound("course.module_not_found", "No such module in this course.");
        }
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()),
                           content.size());
        char hex[crypto_hash_sha256_BYTES * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        ModuleAttachment a;
        a.module_id = module_id;
        a.file_name = *name;
        a.content_type = content_type;
        a.size_bytes = static_cast<std::int64_t>(content.size());
        a.sha256 = hex;
        a.created_at = time::CurrentTimestamp();
        BSG_ASSIGN_OR_RETURN(a.id, store_.InsertAttachment(tx, a, content));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "course_module_attachment",
                                        std::to_string(a.id), "create", std::nullopt,
                                        AttachmentJson(a, course_id)));
        return a;
      });
}

Result<std::pair<ModuleAttachment, std::string>> CourseService::GetAttachment(
    std::int64_t course_id, std::int64_t module_id, std::int64_t attachment_id) {
  return db::InTransactionResult<std::pair<ModuleAttachment, std::string>>(
      db_, {.read_only = true},
      [&](db::Transaction& tx) -> Result<std::pair<ModuleAttachment, std::string>> {
        BSG_ASSIGN_OR_RETURN(auto found, store_.GetAttachment(tx, module_id, attachment_id));
        BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
        if (std::none_of(course.modules.begin(), course.modules.end(),
                         [&](const CourseModule& m) { return m.id == module_id; })) {
          return Status::NotFound("attachment.not_found", "No such attachment.");
        }
        return found;
      });
}

Status CourseService::DeleteAttachment(const Caller& caller, std::int64_t course_id,
                                       std::int64_t module_id, std::int64_t attachment_id) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  return db_.InTransaction([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
    if (std::none_of(course.modules.begin(), course.modules.end(),
                     [&](const CourseModule& m) { return m.id == module_id; })) {
      return Status::NotFound("attachment.not_found", "No such attachment.");
    }
    BSG_ASSIGN_OR_RETURN(auto found, store_.GetAttachment(tx, module_id, attachment_id));
    BSG_RETURN_IF_ERROR(store_.DeleteAttachment(tx, attachment_id));
    return RecordAudit(tx, caller.actor, "course_module_attachment", std::to_string(attachment_id),
                       "delete", AttachmentJson(found.first, course_id), std::nullopt);
  });
}

// ---- enrolment and progress

namespace {

// The caller's person: the one linked to the account, or a new one made from the account.
Result<std::int64_t> PersonOf(db::Transaction& tx, const Caller& caller) {
  const registry::Store registry;
  if (!caller.user_id) {
    return Status::PermissionDenied("course.sign_in", "Sign in to enrol in a course.");
  }
  BSG_ASSIGN_OR_RETURN(auto person, registry.FindPersonByUser(tx, *caller.user_id));
  if (person) return person->id;
  BSG_ASSIGN_OR_RETURN(auto held_index, registry.LoadClassIndex(tx));
  registry::PersonDraft draft;
  draft.full_name = caller.display_name;
  draft.email = caller.email;
  draft.user_id = caller.user_id;
  draft.languages = {caller.language};
  BSG_RETURN_IF_ERROR(registry::ValidatePerson(draft, *held_index));
  BSG_ASSIGN_OR_RETURN(std::int64_t id, registry.CreatePerson(tx, draft, time::CurrentTimestamp()));
  BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "person", std::to_string(id), "create",
                                  std::nullopt, json{{"person_id", id}, {"from", "enrolment"}}));
  return id;
}

}  // namespace

Result<Enrolment> CourseService::Enrol(const Caller& caller, std::int64_t course_id,
                                       std::string language) {
  return db::InTransactionResult<Enrolment>(db_, {}, [&](db::Transaction& tx) -> Result<Enrolment> {
    BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
    BSG_ASSIGN_OR_RETURN(std::int64_t person_id, PersonOf(tx, caller));
    BSG_ASSIGN_OR_RETURN(auto existing, store_.FindEnrolment(tx, course_id, person_id));
    if (existing) return *existing;
    const std::string today = time::Today().ToString();
    if ((course.opens_on && today < *course.opens_on) ||
        (course.closes_on && today > *course.closes_on)) {
      return Status::Conflict("course.closed", "This course does not take enrolments today.");
    }
    if (language.empty()) language = course.languages.empty() ? "en" : course.languages.front();
    if (!OneOf(course.languages, language)) {
      return Invalid("language", "must be one of the course's languages");
    }
    Enrolment e;
    e.course_id = course_id;
    e.person_id = person_id;
    e.user_id = caller.user_id;
    e.language = language;
    e.source = "self";
    e.enrolled_at = time::CurrentTimestamp();
    e.enrolled_on = today;
    BSG_ASSIGN_OR_RETURN(e.id, store_.InsertEnrolment(tx, e));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "enrolment", std::to_string(e.id), "create",
                                    std::nullopt,
                                    json{{"course_id", course_id}, {"person_id", person_id}}));
    return e;
  });
}

Result<Enrolment> CourseService::EnrolPerson(const Caller& caller, std::int64_t course_id,
                                             std::int64_t person_id, std::string language,
                                             std::string_view source) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  return db::InTransactionResult<Enrolment>(db_, {}, [&](db::Transaction& tx) -> Result<Enrolment> {
    BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
    const registry::Store registry;
    BSG_ASSIGN_OR_RETURN(auto people, registry.PeopleBrief(tx, {person_id}));
    if (people.empty()) return Status::NotFound("person.not_found", "No such person.");
    BSG_ASSIGN_OR_RETURN(auto existing, store_.FindEnrolment(tx, course_id, person_id));
    if (existing) return *existing;
    if (language.empty()) language = course.languages.empty() ? "en" : course.languages.front();
    if (!OneOf(course.languages, language)) {
      return Invalid("language", "must be one of the course's languages");
    }
    Enrolment e;
    e.course_id = course_id;
    e.person_id = person_id;
    e.language = language;
    e.source = std::string(source);
    e.enrolled_at = time::CurrentTimestamp();
    e.enrolled_on = time::Today().ToString();
    BSG_ASSIGN_OR_RETURN(e.id, store_.InsertEnrolment(tx, e));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "enrolment", std::to_string(e.id), "create",
                                    std::nullopt,
                                    json{{"course_id", course_id}, {"person_id", person_id}}));
    return e;
  });
}

Result<EnrolmentImportReport> CourseService::ImportEnrolments(const Caller& caller,
                                                              std::int64_t course_id,
                                                              std::string_view bytes,
                                                              tabular::Format format,
                                                              bool dry_run) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  EnrolmentImportReport report;
  report.dry_run = dry_run;
  Result<tabular::Table> read = tabular::ReadTable(bytes, format, tabular::ImportLimits("course"));
  if (!read.ok()) {
    std::optional<tabular::CellError> failure = tabular::ReadFailure(read.status());
    if (!failure) return read.status();
    report.errors.push_back(std::move(*failure));
    return report;
  }
  const tabular::Table& table = *read;
  report.rows = static_cast<std::int64_t>(table.rows.size());
  tabular::Columns columns({{"email", true}, {"language", false}});
  report.errors = columns.Bind(table);
  if (!report.errors.empty()) return report;

  EnrolmentImportReport result;
  Status done = db_.InTransaction([&](db::Transaction& tx) -> Status {
    EnrolmentImportReport r = report;
    BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
    const registry::Store registry;
    BSG_ASSIGN_OR_RETURN(auto by_email, registry.PeopleByEmail(tx));
    std::string course_languages;  // for the error message
    for (const std::string& l : course.languages) {
      course_languages += (course_languages.empty() ? "" : ", ") + l;
    }
    std::map<std::int64_t, int> person_row;  // a person named twice in the file
    std::vector<std::pair<std::int64_t, std::string>> to_enrol;
    for (const tabular::Row& cells : table.rows) {
      auto error = [&](std::string_view column, std::string reason, std::string_view value) {
        r.errors.push_back(
            {cells.number, columns.HeaderName(column), std::move(reason), std::string(value)});
      };
      if (auto width = columns.CheckWidth(cells)) r.errors.push_back(*width);
      const std::string_view email = columns.Get(cells, "email");
      std::string language(columns.Get(cells, "language"));
      language = AsciiLower(language);
      if (language.empty()) language = course.languages.empty() ? "en" : course.languages.front();
      if (!OneOf(course.languages, language)) {
        error("language", "must be one of the course's languages (" + course_languages + ")",
              columns.Get(cells, "language"));
      }
      if (email.empty()) {
        error("email", "is required", email);
        continue;
      }
      auto person = by_email.find(AsciiLower(email));
      if (person == by_email.end()) {
        error("email", "is not the address of a person in the registry", email);
        continue;
      }
      auto [seen, fresh] = person_row.emplace(person->second, cells.number);
      if (!fresh) {
        error("email", "names the same person as row " + std::to_string(seen->second), email);
        continue;
      }
      to_enrol.emplace_back(person->second, language);
    }
    if (!r.errors.empty()) {
      result = std::move(r);
      return Status::Ok();
    }
    const std::string now = time::CurrentTimestamp();
    const std::string today = time::Today().ToString();
    for (const auto& [person_id, language] : to_enrol) {
      BSG_ASSIGN_OR_RETURN(auto existing, store_.FindEnrolment(tx, course_id, person_id));
      if (existing) {
        ++r.already_enrolled;
        continue;
      }
      ++r.enrolled;
      if (dry_run) continue;
      Enrolment e;
      e.course_id = course_id;
      e.person_id = person_id;
      e.language = language;
      e.source = "import";
      e.enrolled_at = now;
      e.enrolled_on = today;
      BSG_ASSIGN_OR_RETURN(e.id, store_.InsertEnrolment(tx, e));
    }
    if (!dry_run && r.enrolled > 0) {
      BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "course", std::to_string(course_id),
                                      "import_enrolments", std::nullopt,
                                      json{{"rows", r.rows},
                                           {"enrolled", r.enrolled},
                                           {"already_enrolled", r.already_enrolled}}));
    }
    result = std::move(r);
    // A dry run stores nothing: nothing was written, so committing changes nothing.
    return Status::Ok();
  });
  BSG_RETURN_IF_ERROR(done);
  return result;
}

Result<CourseProgress> CourseService::LoadProgress(db::Session& s, const Course& course,
                                                   const Enrolment& enrolment) {
  CourseProgress p;
  p.course = course;
  p.enrolment = enrolment;
  BSG_ASSIGN_OR_RETURN(p.progress, store_.Progress(s, enrolment.id));
  if (course.assessment_quiz_id) {
    BSG_ASSIGN_OR_RETURN(Quiz quiz, store_.GetQuiz(s, *course.assessment_quiz_id));
    BSG_ASSIGN_OR_RETURN(auto attempts, store_.Attempts(s, quiz.id, enrolment.id));
    p.best_assessment = Standing(attempts, quiz.grading_method);
  }
  if (course.grading_policy) {
    BSG_ASSIGN_OR_RETURN(p.grade, WeightedGrade(s, course, enrolment));
  }
  BSG_ASSIGN_OR_RETURN(p.certificate, store_.CertificateOfEnrolment(s, enrolment.id));
  return p;
}

Result<CourseGrade> CourseService::WeightedGrade(db::Session& s, const Course& course,
                                                 const Enrolment& enrolment) {
  BSG_ASSIGN_OR_RETURN(auto quizzes, store_.QuizzesOfCourse(s, course.id));
  std::vector<QuizStanding> standings;
  for (const Quiz& q : quizzes) {
    if (!q.grader_type) continue;
    BSG_ASSIGN_OR_RETURN(auto attempts, store_.Attempts(s, q.id, enrolment.id));
    std::optional<Attempt> standing = Standing(attempts, q.grading_method);
    standings.push_back(
        {q.id, q.grader_type, standing ? standing->percent_e2 : std::optional<std::int64_t>()});
  }
  return GradeCourse(*course.grading_policy, standings);
}

Result<CourseProgress> CourseService::Progress(const Caller& caller, std::int64_t course_id) {
  return db::InTransactionResult<CourseProgress>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<CourseProgress> {
        BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
        CourseProgress none;
        none.course = course;
        if (!caller.user_id) return none;
        const registry::Store registry;
        BSG_ASSIGN_OR_RETURN(auto person, registry.FindPersonByUser(tx, *caller.user_id));
        if (!person) return none;
        BSG_ASSIGN_OR_RETURN(auto enrolment, store_.FindEnrolment(tx, course_id, person->id));
        if (!enrolment) return none;
        return LoadProgress(tx, course, *enrolment);
      });
}

Result<CourseProgress> CourseService::VisitModule(const Caller& caller, std::int64_t course_id,
                                                  std::int64_t module_id) {
  return db::InTransactionResult<CourseProgress>(
      db_, {}, [&](db::Transaction& tx) -> Result<CourseProgress> {
        BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
        bool found = false;
        for (const CourseModule& m : course.modules) found = found || m.id == module_id;
        if (!found) {
          return Status::NotFound("course.module_not_found", "No such module in this course.");
        }
        if (!caller.user_id) {
          return Status::PermissionDenied("course.not_enrolled", "Enrol in the course first.");
        }
        const registry::Store registry;
        BSG_ASSIGN_OR_RETURN(auto person, registry.FindPersonByUser(tx, *caller.user_id));
        std::optional<Enrolment> enrolment;
        if (person) {
          BSG_ASSIGN_OR_RETURN(enrolment, store_.FindEnrolment(tx, course_id, person->id));
        }
        if (!enrolment) {
          return Status::Conflict("course.not_enrolled", "Enrol in the course first.");
        }
        BSG_RETURN_IF_ERROR(
            store_.MarkVisited(tx, enrolment->id, module_id, time::CurrentTimestamp()));
        BSG_RETURN_IF_ERROR(MaybeComplete(tx, *enrolment, caller.actor, time::Now()));
        BSG_ASSIGN_OR_RETURN(Enrolment fresh, store_.GetEnrolment(tx, enrolment->id));
        return LoadProgress(tx, course, fresh);
      });
}

Result<std::vector<CourseProgress>> CourseService::MyCourses(const Caller& caller) {
  return db::InTransactionResult<std::vector<CourseProgress>>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<std::vector<CourseProgress>> {
        std::vector<CourseProgress> out;
        if (!caller.user_id) return out;
        const registry::Store registry;
        BSG_ASSIGN_OR_RETURN(auto person, registry.FindPersonByUser(tx, *caller.user_id));
        if (!person) return out;
        BSG_ASSIGN_OR_RETURN(auto enrolments, store_.EnrolmentsOfPerson(tx, person->id));
        for (const Enrolment& e : enrolments) {
          BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, e.course_id));
          BSG_ASSIGN_OR_RETURN(CourseProgress p, LoadProgress(tx, course, e));
          out.push_back(std::move(p));
        }
        return out;
      });
}

Status CourseService::MaybeComplete(db::Transaction& tx, const Enrolment& enrolment,
                                    const AuditActor& actor, time::TimePoint now) {
  if (enrolment.completed_at) return Status::Ok();
  BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, enrolment.course_id));
  BSG_ASSIGN_OR_RETURN(auto progress, store_.Progress(tx, enrolment.id));
  // Every module visited, and (under the default rule) every module quiz passed.
  for (const CourseModule& m : course.modules) {
    auto it = std::find_if(progress.begin(), progress.end(),
                           [&](const ModuleProgress& p) { return p.module_id == m.id; });
    if (it == progress.end()) return Status::Ok();
    if (!course.grading_policy && m.quiz_id && !it->quiz_passed_at) return Status::Ok();
  }
  std::int64_t score_e2 = 0;
  if (course.grading_policy) {
    // The weighted grade at or above the policy's cut-off.
    BSG_ASSIGN_OR_RETURN(CourseGrade grade, WeightedGrade(tx, course, enrolment));
    if (!grade.passed) return Status::Ok();
    score_e2 = grade.percent_e2;
  } else {
    // The final assessment at or above the course's pass mark, under the quiz's grading method.
    if (!course.assessment_quiz_id) return Status::Ok();
    BSG_ASSIGN_OR_RETURN(Quiz quiz, store_.GetQuiz(tx, *course.assessment_quiz_id));
    BSG_ASSIGN_OR_RETURN(auto attempts, store_.Attempts(tx, quiz.id, enrolment.id));
    std::optional<Attempt> standing = Standing(attempts, quiz.grading_method);
    if (!standing || *standing->percent_e2 < course.pass_mark_e2) return Status::Ok();
    score_e2 = *standing->percent_e2;
  }

  BSG_RETURN_IF_ERROR(store_.SetCompleted(tx, enrolment.id, Timestamp(now)));
  BSG_ASSIGN_OR_RETURN(auto existing, store_.CertificateOfEnrolment(tx, enrolment.id));
  if (existing) return Status::Ok();

  // The certificate: the learner's name as the registry has it, a code no other certificate has
  // and a random place in the revocation list.
  const registry::Store registry;
  BSG_ASSIGN_OR_RETURN(registry::Person person, registry.GetPerson(tx, enrolment.person_id));
  Certificate c;
  c.enrolment_id = enrolment.id;
  c.course_id = course.id;
  c.person_id = enrolment.person_id;
  c.learner_name = person.DisplayName();
  c.learner_name_latin = person.transliteration;
  c.language = enrolment.language;
  c.score_e2 = score_e2;
  c.issued_at = Timestamp(now);
  c.issued_on = Timestamp(now).substr(0, 10);
  for (int tries = 0; tries < 10 && c.code.empty(); ++tries) {
    std::string code = NewCode();
    BSG_ASSIGN_OR_RETURN(auto taken, store_.CertificateByCode(tx, code));
    if (!taken) c.code = code;
  }
  if (c.code.empty()) return Status::Internal("certificate.no_code", "no free certificate code");
  BSG_ASSIGN_OR_RETURN(auto used_indexes, store_.UsedStatusIndexes(tx));
  StatusList used;
  for (std::int64_t i : used_indexes) BSG_RETURN_IF_ERROR(used.Set(i, true));
  BSG_ASSIGN_OR_RETURN(c.status_index, RandomFreeIndex(used));
  BSG_ASSIGN_OR_RETURN(c.id, store_.InsertCertificate(tx, c));
  BSG_ASSIGN_OR_RETURN(auto issued, store_.CertificateByCode(tx, c.code));
  return RecordAudit(tx, actor, "certificate", std::to_string(c.id), "issue", std::nullopt,
                     CertificateJson(*issued));
}

// ---- question bank

Result<ImportReport> CourseService::ImportQuestions(const Caller& caller, std::string_view format,
                                                    std::string_view file_name,
                                                    std::string_view content, bool dry_run) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  if (content.size() > kMaxQuestionFileBytes) {
    return Status(ErrorCode::kPayloadTooLarge, "question.file_too_large",
                  "A question file may be at most 2 MiB.", {{"file", "at most 2 MiB"}});
  }
  ParsedQuestions parsed;
  if (format == "gift") {
    parsed = ParseGift(content, file_name);
  } else if (format == "xml") {
    parsed = ParseMoodleXml(content, file_name);
  } else {
    return Invalid("format", "must be gift or xml");
  }
  ImportReport report;
  report.dry_run = dry_run;
  report.questions = static_cast<std::int64_t>(parsed.questions.size());
  for (const Question& q : parsed.questions) {
    const std::string category = q.category.empty() ? "$course$/top/Default" : q.category;
    if (!OneOf(report.categories, category)) report.categories.push_back(category);
  }
  report.problems = parsed.problems;
  if (parsed.questions.empty() && parsed.problems.empty()) {
    report.problems.push_back({std::string(file_name), "holds no question"});
  }
  if (dry_run || !report.problems.empty()) return report;
  BSG_RETURN_IF_ERROR(db_.InTransaction([&](db::Transaction& tx) -> Status {
    const std::string now = time::CurrentTimestamp();
    report.question_ids.clear();
    for (const Question& q : parsed.questions) {
      const std::string category = q.category.empty() ? "$course$/top/Default" : q.category;
      BSG_ASSIGN_OR_RETURN(std::int64_t category_id, store_.CategoryId(tx, category));
      BSG_ASSIGN_OR_RETURN(std::int64_t id, store_.InsertQuestion(tx, category_id, q, now));
      report.question_ids.push_back(id);
    }
    return RecordAudit(tx, caller.actor, "question_import", std::string(file_name), "import",
                       std::nullopt,
                       json{{"format", format},
                            {"questions", report.question_ids.size()},
                            {"categories", report.categories}});
  }));
  return report;
}

Result<std::string> CourseService::ExportQuestions(std::string_view format,
                                                   std::optional<std::int64_t> category_id) {
  BSG_ASSIGN_OR_RETURN(auto list, ListQuestions(category_id));
  std::vector<Question> questions;
  for (const BankQuestion& b : list) questions.push_back(b.question);
  if (format == "gift") return WriteGift(questions);
  if (format == "xml") return WriteMoodleXml(questions);
  return Invalid("format", "must be gift or xml");
}

Result<std::vector<BankQuestion>> CourseService::ListQuestions(
    std::optional<std::int64_t> category_id) {
  return db::InTransactionResult<std::vector<BankQuestion>>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<std::vector<BankQuestion>> {
        return store_.Questions(tx, category_id);
      });
}

Result<std::vector<std::pair<std::int64_t, std::string>>> CourseService::ListCategories() {
  using Out = std::vector<std::pair<std::int64_t, std::string>>;
  return db::InTransactionResult<Out>(
      db_, {.read_only = true},
      [&](db::Transaction& tx) -> Result<Out> { return store_.Categories(tx); });
}

Result<BankQuestion> CourseService::GetQuestion(std::int64_t id) {
  return db::InTransactionResult<BankQuestion>(
      db_, {.read_only = true},
      [&](db::Transaction& tx) -> Result<BankQuestion> { return store_.GetQuestion(tx, id); });
}

Result<BankQuestion> CourseService::UpdateQuestion(const Caller& caller, std::int64_t id,
                                                   Question q) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  // The same checks as an import: the question written as GIFT must read back as it is.
  ParsedQuestions check = ParseMoodleXml(WriteMoodleXml({q}), "question");
  if (!check.problems.empty()) {
    return Status::Unprocessable("question.invalid", check.problems.front().message,
                                 {{"question", check.problems.front().message}});
  }
  return db::InTransactionResult<BankQuestion>(
      db_, {}, [&](db::Transaction& tx) -> Result<BankQuestion> {
        BSG_ASSIGN_OR_RETURN(BankQuestion before, store_.GetQuestion(tx, id));
        const std::string category = q.category.empty() ? before.category : q.category;
        BSG_ASSIGN_OR_RETURN(std::int64_t category_id, store_.CategoryId(tx, category));
        BSG_RETURN_IF_ERROR(
            store_.AddQuestionVersion(tx, id, category_id, q, time::CurrentTimestamp()).status());
        BSG_ASSIGN_OR_RETURN(BankQuestion after, store_.GetQuestion(tx, id));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "question", std::to_string(id), "update",
                                        QuestionToJson(before.question),
                                        QuestionToJson(after.question)));
        return after;
      });
}

// ---- quizzes

Status CourseService::CheckQuiz(db::Session& tx, Quiz& q) {
  q.title = Trimmed(q.title);
  if (q.title.empty()) return Invalid("title", "is required");
  if (!OneOf(kGradingMethods, q.grading_method)) {
    return Invalid("grading_method", "must be highest, average, first or last");
  }
  if (q.time_limit_seconds < 0 || q.attempts_allowed < 0) {
    return Invalid("time_limit_seconds", "and attempts_allowed must not be negative");
  }
  if (q.pass_mark_e2 < 0 || q.pass_mark_e2 > 10000) {
    return Invalid("pass_mark_e2", "must be 0 to 10000");
  }
  if (q.slots.empty()) return Invalid("slots", "must hold at least one question");
  if (q.grader_type) {
    q.grader_type = Trimmed(*q.grader_type);
    if (q.grader_type->empty()) {
      q.grader_type.reset();
    } else if (q.grader_type->size() > 60) {
      return Invalid("grader_type", "must be at most 60 characters");
    }
  }
  BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, q.course_id));
  if (q.module_id) {
    bool found = false;
    for (const CourseModule& m : course.modules) found = found || m.id == *q.module_id;
    if (!found) return Invalid("module_id", "is not a module of this course");
  }
  std::int64_t position = 0;
  for (QuizSlot& slot : q.slots) {
    slot.position = ++position;
    if (slot.question_id.has_value() == slot.category_id.has_value()) {
      return Invalid("slots", "each slot names a question or a category");
    }
    if (slot.mark < 0 || slot.mark > 1000) return Invalid("slots", "marks must be 0 to 1000");
    if (slot.question_id) {
      BSG_ASSIGN_OR_RETURN(BankQuestion b, store_.GetQuestion(tx, *slot.question_id));
      if (!AutoGraded(b.question)) {
        return Invalid("slots", "question " + std::to_string(b.id) + " is graded by hand");
      }
    }
  }
  return Status::Ok();
}

Result<Quiz> CourseService::CreateQuiz(const Caller& caller, Quiz q) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  return db::InTransactionResult<Quiz>(db_, {}, [&](db::Transaction& tx) -> Result<Quiz> {
    BSG_RETURN_IF_ERROR(CheckQuiz(tx, q));
    BSG_ASSIGN_OR_RETURN(q.id, store_.InsertQuiz(tx, q));
    BSG_ASSIGN_OR_RETURN(Quiz stored, store_.GetQuiz(tx, q.id));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "quiz", std::to_string(q.id), "create",
                                    std::nullopt, QuizJson(stored)));
    return stored;
  });
}

Result<Quiz> CourseService::GetQuiz(std::int64_t id) {
  return db::InTransactionResult<Quiz>(
      db_, {.read_only = true},
      [&](db::Transaction& tx) -> Result<Quiz> { return store_.GetQuiz(tx, id); });
}

Result<Quiz> CourseService::UpdateQuiz(const Caller& caller, std::int64_t id, Quiz q) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  return db::InTransactionResult<Quiz>(db_, {}, [&](db::Transaction& tx) -> Result<Quiz> {
    BSG_ASSIGN_OR_RETURN(Quiz before, store_.GetQuiz(tx, id));
    q.id = id;
    q.course_id = before.course_id;
    q.module_id = before.module_id;
    BSG_RETURN_IF_ERROR(CheckQuiz(tx, q));
    BSG_RETURN_IF_ERROR(store_.UpdateQuiz(tx, q));
    BSG_ASSIGN_OR_RETURN(Quiz after, store_.GetQuiz(tx, id));
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "quiz", std::to_string(id), "update",
                                    QuizJson(before), QuizJson(after)));
    return after;
  });
}

Result<std::vector<Quiz>> CourseService::ListQuizzes(std::int64_t course_id) {
  return db::InTransactionResult<std::vector<Quiz>>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<std::vector<Quiz>> {
        BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, course_id));
        BSG_ASSIGN_OR_RETURN(auto list, store_.QuizzesOfCourse(tx, course.id));
        std::vector<Quiz> out;
        for (const Quiz& q : list) {
          BSG_ASSIGN_OR_RETURN(Quiz full, store_.GetQuiz(tx, q.id));
          out.push_back(std::move(full));
        }
        return out;
      });
}

// ---- attempts

namespace {

// The caller's enrolment in the quiz's course. Conflict course.not_enrolled.
Result<Enrolment> EnrolmentFor(db::Transaction& tx, const Store& store, const Caller& caller,
                               std::int64_t course_id) {
  const registry::Store registry;
  std::optional<Enrolment> e;
  if (caller.user_id) {
    BSG_ASSIGN_OR_RETURN(auto person, registry.FindPersonByUser(tx, *caller.user_id));
    if (person) {
      BSG_ASSIGN_OR_RETURN(e, store.FindEnrolment(tx, course_id, person->id));
    }
  }
  if (!e) return Status::Conflict("course.not_enrolled", "Enrol in the course first.");
  return *e;
}

bool Overdue(const Attempt& a, const std::string& now) {
  return !a.submitted_at && a.deadline_at && now > *a.deadline_at;
}

}  // namespace

Result<Attempt> CourseService::StartAttempt(const Caller& caller, std::int64_t quiz_id,
                                            Quiz* quiz_out) {
  return db::InTransactionResult<Attempt>(db_, {}, [&](db::Transaction& tx) -> Result<Attempt> {
    BSG_ASSIGN_OR_RETURN(Quiz quiz, store_.GetQuiz(tx, quiz_id));
    if (quiz_out) *quiz_out = quiz;
    BSG_ASSIGN_OR_RETURN(Enrolment enrolment, EnrolmentFor(tx, store_, caller, quiz.course_id));
    BSG_ASSIGN_OR_RETURN(auto attempts, store_.Attempts(tx, quiz_id, enrolment.id));
    const time::TimePoint now = time::Now();
    const std::string now_text = Timestamp(now);
    for (const Attempt& a : attempts) {
      if (a.submitted_at) continue;
      if (!Overdue(a, now_text)) return store_.GetAttempt(tx, a.id);  // resume
      // The clock ran out while the learner was away: graded on what was saved.
      BSG_ASSIGN_OR_RETURN(Attempt open, store_.GetAttempt(tx, a.id));
      BSG_RETURN_IF_ERROR(CloseIfOverdue(tx, open, enrolment, caller.actor, now_text));
    }
    if (quiz.attempts_allowed > 0 &&
        static_cast<std::int64_t>(attempts.size()) >= quiz.attempts_allowed) {
      return Status::Conflict("attempt.limit", "No attempt is left for this quiz.");
    }
    Attempt a;
    a.quiz_id = quiz_id;
    a.enrolment_id = enrolment.id;
    a.number = static_cast<std::int64_t>(attempts.size()) + 1;
    a.started_at = now_text;
    if (quiz.time_limit_seconds > 0) {
      a.deadline_at = Timestamp(now + std::chrono::seconds(quiz.time_limit_seconds));
    }
    BSG_ASSIGN_OR_RETURN(std::set<std::int64_t> seen, store_.SeenQuestions(tx, enrolment.id));
    std::set<std::int64_t> fixed_ids;
    for (const QuizSlot& slot : quiz.slots) {
      if (slot.question_id) fixed_ids.insert(*slot.question_id);
    }
    BSG_ASSIGN_OR_RETURN(auto fixed, store_.QuestionsById(tx, fixed_ids));
    std::set<std::int64_t> chosen;
    std::map<std::int64_t, std::vector<BankQuestion>> pools;
    for (const QuizSlot& slot : quiz.slots) {
      BankQuestion picked;
      if (slot.question_id) {
        picked = fixed.at(*slot.question_id);
      } else {
        if (!pools.count(*slot.category_id)) {
          BSG_ASSIGN_OR_RETURN(pools[*slot.category_id], store_.Questions(tx, *slot.category_id));
        }
        // Random among the questions not in this attempt yet, preferring those never seen.
        std::vector<const BankQuestion*> fresh, any;
        for (const BankQuestion& b : pools[*slot.category_id]) {
          if (chosen.count(b.id) || !AutoGraded(b.question) ||
              b.question.type == QuestionType::kDescription) {
            continue;
          }
          any.push_back(&b);
          if (!seen.count(b.id)) fresh.push_back(&b);
        }
        const auto& from = fresh.empty() ? any : fresh;
        if (from.empty()) {
          return Status::Conflict("quiz.not_enough_questions",
                                  "The quiz's category has too few questions for its slots.");
        }
        picked = *from[randombytes_uniform(static_cast<std::uint32_t>(from.size()))];
      }
      chosen.insert(picked.id);
      AttemptSlot s;
      s.position = slot.position;
      s.question_id = picked.id;
      s.version = picked.version;
      s.mark = slot.mark;
      s.question = picked.question;
      const std::size_t choices = picked.question.type == QuestionType::kMatching
                                      ? picked.question.pairs.size()
                                      : picked.question.answers.size();
      s.answer_order = Shuffled(choices, quiz.shuffle_answers && picked.question.shuffle_answers);
      a.slots.push_back(std::move(s));
    }
    BSG_ASSIGN_OR_RETURN(a.id, store_.InsertAttempt(tx, a));
    return a;  // as stored: no answer yet
  });
}

Status CourseService::CloseIfOverdue(db::Transaction& tx, Attempt& a, const Enrolment& owner,
                                     const AuditActor& actor, const std::string& now) {
  if (!Overdue(a, now)) return Status::Ok();
  GradeAttempt(a);
  BSG_ASSIGN_OR_RETURN(bool finished, store_.FinishAttempt(tx, a, *a.deadline_at));
  if (finished) {
    BSG_RETURN_IF_ERROR(MaybeComplete(tx, owner, actor, time::Now()));
  }
  BSG_ASSIGN_OR_RETURN(a, store_.GetAttempt(tx, a.id));
  return Status::Ok();
}

Result<Attempt> CourseService::OwnAttempt(db::Transaction& tx, const Caller& caller,
                                          std::int64_t attempt_id, const std::string& now,
                                          bool with_slots) {
  Attempt a;
  if (with_slots) {
    BSG_ASSIGN_OR_RETURN(a, store_.GetAttempt(tx, attempt_id));
  } else {
    BSG_ASSIGN_OR_RETURN(a, store_.GetAttemptHead(tx, attempt_id));
  }
  BSG_ASSIGN_OR_RETURN(Enrolment owner, store_.GetEnrolment(tx, a.enrolment_id));
  if (!caller.IsStaff() && (!caller.user_id || owner.user_id != caller.user_id)) {
    // Not the learner's: answered as if it did not exist.
    BSG_ASSIGN_OR_RETURN(Quiz quiz, store_.GetQuiz(tx, a.quiz_id));
    auto mine = EnrolmentFor(tx, store_, caller, quiz.course_id);
    if (!mine.ok() || mine->id != owner.id) {
      return Status::NotFound("attempt.not_found", "No such attempt.");
    }
  }
  if (!with_slots && Overdue(a, now)) {
    BSG_ASSIGN_OR_RETURN(a, store_.GetAttempt(tx, attempt_id));  // grading needs them
  }
  BSG_RETURN_IF_ERROR(CloseIfOverdue(tx, a, owner, caller.actor, now));
  return a;
}

Result<Attempt> CourseService::GetAttempt(const Caller& caller, std::int64_t attempt_id) {
  return db::InTransactionResult<Attempt>(db_, {}, [&](db::Transaction& tx) -> Result<Attempt> {
    return OwnAttempt(tx, caller, attempt_id, time::CurrentTimestamp());
  });
}

Result<Attempt> CourseService::SaveAnswer(const Caller& caller, std::int64_t attempt_id,
                                          std::int64_t position, const std::string& answer_id,
                                          const json& response) {
  if (answer_id.empty() || answer_id.size() > 64) {
    return Invalid("answer_id", "must be 1 to 64 characters");
  }
  const std::string now = time::CurrentTimestamp();
  // A refused answer is the outcome, not a failure of the transaction: closing an overdue
  // attempt on the way is kept.
  Status refused;
  Result<Attempt> saved =
      db::InTransactionResult<Attempt>(db_, {}, [&](db::Transaction& tx) -> Result<Attempt> {
        refused = Status::Ok();
        // Only the slot answered is read (with its question, to check the answer's shape).
        BSG_ASSIGN_OR_RETURN(Attempt a, OwnAttempt(tx, caller, attempt_id, now, false));
        std::optional<AttemptSlot> slot;
        if (a.slots.empty()) {
          BSG_ASSIGN_OR_RETURN(slot, store_.GetAttemptSlot(tx, attempt_id, position));
        } else {  // closed on the way: read whole
          for (const AttemptSlot& s : a.slots) {
            if (s.position == position) slot = s;
          }
        }
        if (!slot) {
          refused = Status::NotFound("attempt.no_such_question", "No such question.");
        } else if (slot->answer_id == answer_id) {
          return a;  // the same request again
        } else if (a.submitted_at) {
          refused =
              a.deadline_at && now > *a.deadline_at
                  ? Status::Conflict("attempt.closed", "The time is up; the answer was not saved.")
                  : Status::Conflict("attempt.closed",
                                     "This attempt is over; the answer was not saved.");
        } else if (Status shape = GradeResponse(slot->question, response).status(); !shape.ok()) {
          refused = shape;
        }
        if (!refused.ok()) return a;
        BSG_RETURN_IF_ERROR(
            store_.SaveAnswer(tx, attempt_id, position, answer_id, response.dump(), now).status());
        return a;
      });
  if (!saved.ok()) return saved.status();
  if (!refused.ok()) return refused;
  return saved;
}

Result<Attempt> CourseService::SubmitAttempt(const Caller& caller, std::int64_t attempt_id) {
  return db::InTransactionResult<Attempt>(db_, {}, [&](db::Transaction& tx) -> Result<Attempt> {
    const std::string now = time::CurrentTimestamp();
    BSG_ASSIGN_OR_RETURN(Attempt a, OwnAttempt(tx, caller, attempt_id, now));  // closes if overdue
    if (a.submitted_at) return a;  // submitted before: graded once
    GradeAttempt(a);
    BSG_ASSIGN_OR_RETURN(bool finished, store_.FinishAttempt(tx, a, now));
    if (!finished) return store_.GetAttempt(tx, attempt_id);
    BSG_ASSIGN_OR_RETURN(Enrolment enrolment, store_.GetEnrolment(tx, a.enrolment_id));
    BSG_ASSIGN_OR_RETURN(Quiz quiz, store_.GetQuiz(tx, a.quiz_id));
    if (quiz.module_id && Reaches(*a.earned_e7, *a.max_e7, quiz.pass_mark_e2)) {
      BSG_RETURN_IF_ERROR(store_.MarkModuleQuizPassed(tx, enrolment.id, *quiz.module_id, now));
    }
    BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "attempt", std::to_string(a.id), "submit",
                                    std::nullopt,
                                    json{{"quiz_id", a.quiz_id},
                                         {"enrolment_id", a.enrolment_id},
                                         {"score", FormatPercentE2(*a.percent_e2)}}));
    BSG_RETURN_IF_ERROR(MaybeComplete(tx, enrolment, caller.actor, time::Now()));
    return store_.GetAttempt(tx, attempt_id);
  });
}

Result<json> CourseService::Results(std::int64_t quiz_id) {
  return db::InTransactionResult<json>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<json> {
        BSG_ASSIGN_OR_RETURN(Quiz quiz, store_.GetQuiz(tx, quiz_id));
        BSG_ASSIGN_OR_RETURN(auto rows, store_.QuizResults(tx, quiz_id));
        std::vector<std::int64_t> people;
        for (const QuizResult& r : rows) people.push_back(r.person_id);
        const registry::Store registry;
        BSG_ASSIGN_OR_RETURN(auto names, registry.PeopleBrief(tx, people));
        json items = json::array();
        for (const QuizResult& r : rows) {
          auto name = names.find(r.person_id);
          items.push_back(
              {{"attempt_id", r.attempt_id},
               {"enrolment_id", r.enrolment_id},
               {"person_id", r.person_id},
               {"learner_name", name == names.end() ? "" : name->second.display_name},
               {"country", name == names.end() || !name->second.country
                               ? json(nullptr)
                               : json(*name->second.country)},
               {"number", r.number},
               {"started_at", r.started_at},
               {"submitted_at", r.submitted_at ? json(*r.submitted_at) : json(nullptr)},
               {"score", r.percent_e2 ? json(FormatPercentE2(*r.percent_e2)) : json(nullptr)},
               {"score_e2", r.percent_e2 ? json(*r.percent_e2) : json(nullptr)},
               {"passed",
                r.percent_e2 ? json(*r.percent_e2 >= quiz.pass_mark_e2) : json(nullptr)}});
        }
        return json{{"quiz", QuizJson(quiz)}, {"items", std::move(items)}};
      });
}

Result<std::string> CourseService::ResultsFile(std::int64_t quiz_id, tabular::Format format) {
  BSG_ASSIGN_OR_RETURN(json results, Results(quiz_id));
  const std::vector<std::string> header = {"attempt_id", "learner_name", "country", "number",
                                           "started_at", "submitted_at", "score",   "passed"};
  std::vector<std::vector<std::string>> rows;
  auto text = [](const json& v) -> std::string {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    return v.dump();
  };
  for (const json& r : results["items"]) {
    std::vector<std::string> row;
    for (const std::string& column : header) row.push_back(text(r[column]));
    rows.push_back(std::move(row));
  }
  return tabular::WriteTable(header, rows, format);
}

// ---- certificates

namespace {

// The signing keys, newest first; the first use makes one (kept in the database so that every
// server signs with it).
Result<std::vector<SigningKey>> Keys(db::Transaction& tx, const Store& store) {
  BSG_ASSIGN_OR_RETURN(auto stored, store.SigningKeys(tx));
  std::vector<SigningKey> keys;
  for (const auto& [kid, seed] : stored) {
    BSG_ASSIGN_OR_RETURN(SigningKey k, SigningKeyFromSeed(seed));
    keys.push_back(std::move(k));
  }
  if (keys.empty()) {
    SigningKey k = GenerateSigningKey();
    BSG_RETURN_IF_ERROR(store.InsertSigningKey(tx, k.kid, SeedOf(k), time::CurrentTimestamp()));
    keys.push_back(std::move(k));
  }
  return keys;
}

}  // namespace

Result<std::optional<Certificate>> CourseService::FindCertificate(const std::string& code) {
  return db::InTransactionResult<std::optional<Certificate>>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<std::optional<Certificate>> {
        return store_.CertificateByCode(tx, code);
      });
}

Result<std::vector<Certificate>> CourseService::MyCertificates(const Caller& caller) {
  return db::InTransactionResult<std::vector<Certificate>>(
      db_, {.read_only = true}, [&](db::Transaction& tx) -> Result<std::vector<Certificate>> {
        std::vector<Certificate> none;
        if (!caller.user_id) return none;
        const registry::Store registry;
        BSG_ASSIGN_OR_RETURN(auto person, registry.FindPersonByUser(tx, *caller.user_id));
        if (!person) return none;
        return store_.CertificatesOfPerson(tx, person->id);
      });
}

Result<Certificate> CourseService::RevokeCertificate(const Caller& caller, const std::string& code,
                                                     const std::string& reason) {
  BSG_RETURN_IF_ERROR(StaffOnly(caller));
  const std::string why = Trimmed(reason);
  if (why.empty() || why.size() > 500) return Invalid("reason", "must be 1 to 500 characters");
  return db::InTransactionResult<Certificate>(
      db_, {}, [&](db::Transaction& tx) -> Result<Certificate> {
        BSG_ASSIGN_OR_RETURN(auto found, store_.CertificateByCode(tx, code));
        if (!found) {
          return Status::NotFound("certificate.not_found", "No certificate has this code.");
        }
        if (found->revoked_at) {
          return Status::Conflict("certificate.revoked", "This certificate is already revoked.");
        }
        const std::string now = time::CurrentTimestamp();
        BSG_RETURN_IF_ERROR(store_.RevokeCertificate(tx, found->id, now, why));
        // The revocation list flips this certificate's bit.
        BSG_ASSIGN_OR_RETURN(auto bits, store_.StatusBits(tx));
        StatusList list;
        if (bits) {
          BSG_ASSIGN_OR_RETURN(list, StatusList::FromBytes(*bits));
        }
        BSG_RETURN_IF_ERROR(list.Set(found->status_index, true));
        BSG_RETURN_IF_ERROR(store_.PutStatusBits(tx, list.bytes(), now));
        BSG_ASSIGN_OR_RETURN(auto after, store_.CertificateByCode(tx, code));
        BSG_RETURN_IF_ERROR(RecordAudit(tx, caller.actor, "certificate", std::to_string(found->id),
                                        "revoke", CertificateJson(*found),
                                        CertificateJson(*after)));
        return *after;
      });
}

Result<std::string> CourseService::CredentialJwt(const std::string& code) {
  return db::InTransactionResult<std::string>(
      db_, {}, [&](db::Transaction& tx) -> Result<std::string> {
        BSG_ASSIGN_OR_RETURN(auto found, store_.CertificateByCode(tx, code));
        if (!found) {
          return Status::NotFound("certificate.not_found", "No certificate has this code.");
        }
        BSG_ASSIGN_OR_RETURN(Course course, store_.GetCourse(tx, found->course_id));
        BSG_ASSIGN_OR_RETURN(auto keys, Keys(tx, store_));
        CertificateFacts f;
        f.credential_id = options_.base_url + "/certificates/" + found->code;
        f.issuer_id = options_.base_url;
        f.issuer_name = options_.issuer_name;
        f.learner_name = found->learner_name;
        f.learner_name_latin = found->learner_name_latin;
        f.course_id = options_.base_url + "/courses/" + std::to_string(course.id);
        f.course_name = course.title;
        f.course_description = course.description;
        f.criteria_narrative = "Complete every module of the course and score at least " +
                               FormatPercentE2(course.pass_mark_e2) + " in its final assessment.";
        f.language = found->language;
        f.issued_at = found->issued_at.substr(0, 19) + "Z";
        f.score_percent_e2 = found->score_e2;
        f.pass_mark_percent_e2 = course.pass_mark_e2;
        f.code = found->code;
        f.status_list_url = StatusListUrl();
        f.status_list_index = found->status_index;
        return SignJwt(OpenBadgeCredential(f), keys.front(), "vc+jwt");
      });
}

Result<std::string> CourseService::CertificatePdfBytes(const std::string& code) {
  BSG_ASSIGN_OR_RETURN(auto found, FindCertificate(code));
  if (!found) return Status::NotFound("certificate.not_found", "No certificate has this code.");
  if (found->revoked_at) {
    return Status::Conflict("certificate.revoked",
                            "This certificate was revoked; its verification page says why.");
  }
  CertificatePdfFacts f;
  f.issuer_name = options_.issuer_name;
  f.title = "Certificate of completion";
  f.learner_name = found->learner_name;
  f.learner_name_latin = found->learner_name_latin;
  f.completed_text = "has completed the e-learning course";
  f.course_title = found->course_title;
  f.score_text = "with a score of " + FormatPercentE2(found->score_e2) + " in the final assessment";
  auto issued = time::Date::Parse(found->issued_on);
  f.date_text = "Issued on " + (issued ? time::FormatLongDate(*issued) : found->issued_on);
  f.code = found->code;
  f.verify_label = "Verify at";
  f.verify_url = options_.base_url + "/certificates/" + found->code;
  return CertificatePdf(f);
}

Result<std::string> CourseService::StatusListJwt() {
  return db::InTransactionResult<std::string>(
      db_, {}, [&](db::Transaction& tx) -> Result<std::string> {
        BSG_ASSIGN_OR_RETURN(auto keys, Keys(tx, store_));
        BSG_ASSIGN_OR_RETURN(auto bits, store_.StatusBits(tx));
        StatusList list;
        if (bits) {
          BSG_ASSIGN_OR_RETURN(list, StatusList::FromBytes(*bits));
        }
        const std::string now = time::CurrentTimestamp();
        return SignJwt(
            StatusListCredential(StatusListUrl(), options_.base_url, now.substr(0, 19) + "Z", list),
            keys.front(), "vc+jwt");
      });
}

Result<json> CourseService::Jwks() {
  return db::InTransactionResult<json>(db_, {}, [&](db::Transaction& tx) -> Result<json> {
    BSG_ASSIGN_OR_RETURN(auto keys, Keys(tx, store_));
    return course::Jwks(keys);
  });
}

}  // namespace bsg::course
