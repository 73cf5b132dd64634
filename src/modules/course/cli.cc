#include "modules/course/cli.h"

#include <iostream>
#include <memory>
#include <string>

#include "modules/course/service.h"
#include "platform/command.h"

namespace bsg::course {
namespace {

// The secretariat acting from the command line (audited as the command).
Caller CommandCaller(const std::string& what) {
  Caller c;
  c.actor = CliActor(what);
  c.roles = {"admin"};
  return c;
}

CourseService Service(ModuleContext& ctx) {
  auto db = ctx.database();
  if (!db.ok()) FailCommand(db.status());
  CourseOptions options;
  if (auto config = ctx.config(); config.ok()) options.base_url = (*config)->PublicBaseUrl();
  return CourseService(**db, std::move(options));
}

// A course named by its id or its code.
std::int64_t CourseNamed(CourseService& service, const std::string& name) {
  auto courses = service.ListCourses();
  if (!courses.ok()) FailCommand(courses.status());
  for (const Course& c : *courses) {
    if (c.code == name || std::to_string(c.id) == name) return c.id;
  }
  FailCommand(Status::NotFound("course.not_found", "no course has the id or code " + name));
}

void List(ModuleContext& ctx) {
  CourseService service = Service(ctx);
  auto courses = service.ListCourses();
  if (!courses.ok()) FailCommand(courses.status());
  for (const Course& c : *courses) {
    std::cout << c.id << "\t" << c.code << "\t" << c.title << "\t" << c.modules.size()
              << " module(s)\tassessment quiz "
              << (c.assessment_quiz_id ? std::to_string(*c.assessment_quiz_id) : "none") << "\n";
  }
}

struct FileOptions {
  std::string course;
  std::string file;
  std::string format;
  std::string out;
  std::int64_t id = 0;
  bool dry_run = false;
  std::string reason;
};

void Enrol(ModuleContext& ctx, const FileOptions& o) {
  CourseService service = Service(ctx);
  const std::string bytes = ReadCommandFile(o.file);
  tabular::Format format = tabular::SniffFormat(bytes);
  if (o.file.ends_with(".csv")) format = tabular::Format::kCsv;
  auto report = service.ImportEnrolments(CommandCaller("bsg course enrol"),
                                         CourseNamed(service, o.course), bytes, format, o.dry_run);
  if (!report.ok()) FailCommand(report.status());
  for (const auto& line : tabular::FormatErrorReport(o.file, report->errors)) {
    std::cerr << line << "\n";
  }
  if (!report->errors.empty()) {
    std::cerr << "bsg: " << report->errors.size() << " problem(s); nobody was enrolled\n";
    throw CLI::RuntimeError(kExitFailure);
  }
  std::cout << (o.dry_run ? "dry run: would enrol " : "enrolled ") << report->enrolled << " of "
            << report->rows << " row(s); " << report->already_enrolled << " already enrolled\n";
}

void ImportQuestions(ModuleContext& ctx, const FileOptions& o) {
  CourseService service = Service(ctx);
  const std::string bytes = ReadCommandFile(o.file);
  auto report = service.ImportQuestions(CommandCaller("bsg course import-questions"), o.format,
                                        o.file, bytes, o.dry_run);
  if (!report.ok()) FailCommand(report.status());
  for (const ImportProblem& p : report->problems) {
    std::cerr << p.where << ": " << p.message << "\n";
  }
  if (!report->problems.empty()) {
    std::cerr << "bsg: " << report->problems.size() << " problem(s); nothing was imported\n";
    throw CLI::RuntimeError(kExitFailure);
  }
  std::cout << (o.dry_run ? "dry run: would import " : "imported ") << report->questions
            << " question(s) in " << report->categories.size() << " categor"
            << (report->categories.size() == 1 ? "y" : "ies") << "\n";
}

void ExportQuestions(ModuleContext& ctx, const FileOptions& o) {
  CourseService service = Service(ctx);
  auto file = service.ExportQuestions(o.format, std::nullopt);
  if (!file.ok()) FailCommand(file.status());
  WriteCommandOutput(o.out, *file);
}

void Results(ModuleContext& ctx, const FileOptions& o) {
  CourseService service = Service(ctx);
  auto file = service.ResultsFile(o.id, *tabular::ParseFormat(o.format));  // checked by the option
  if (!file.ok()) FailCommand(file.status());
  WriteCommandOutput(o.out, *file);
}

void Revoke(ModuleContext& ctx, const FileOptions& o) {
  CourseService service = Service(ctx);
  auto revoked = service.RevokeCertificate(CommandCaller("bsg course revoke"), o.course, o.reason);
  if (!revoked.ok()) FailCommand(revoked.status());
  std::cout << "revoked certificate " << revoked->code << " of " << revoked->learner_name << "\n";
}

}  // namespace

void RegisterCourseCommands(CLI::App& app, ModuleContext& ctx) {
  auto* course = app.add_subcommand("course",
                                    "Online courses: the question bank, enrolment, "
                                    "results and certificates");
  course->require_subcommand(1);
  course->add_subcommand("list", "List the courses")->callback([&ctx] { List(ctx); });

  auto enrol_options = std::make_shared<FileOptions>();
  auto* enrol = course->add_subcommand(
      "enrol", "Enrol the people of a CSV or XLSX list (email, language); all or nothing");
  enrol->add_option("COURSE", enrol_options->course, "The course's id or code")->required();
  enrol->add_option("FILE", enrol_options->file, "The list")->required()->check(CLI::ExistingFile);
  enrol->add_flag("--dry-run", enrol_options->dry_run, "Check only; write nothing");
  enrol->callback([&ctx, enrol_options] { Enrol(ctx, *enrol_options); });

  auto import_options = std::make_shared<FileOptions>();
  auto* import = course->add_subcommand(
      "import-questions",
      "Import a GIFT or Moodle XML file into the question bank; all or nothing, every problem "
      "listed as FILE:LINE (GIFT) or FILE:question N (XML)");
  import->add_option("FILE", import_options->file, "The file")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("--format", import_options->format, "gift or xml")
      ->required()
      ->check(CLI::IsMember({"gift", "xml"}));
  import->add_flag("--dry-run", import_options->dry_run, "Check only; write nothing");
  import->callback([&ctx, import_options] { ImportQuestions(ctx, *import_options);
});

auto export_options = std::make_shared<FileOptions>();
auto* export_cmd =
    course->add_subcommand("export-questions", "Write the question bank as GIFT or Moodle XML");
export_cmd->add_option("--format", export_options->format, "gift or xml")
    ->required()
    ->check(CLI::IsMember({"gift", "xml"}));
export_cmd->add_option("--out", export_options->out, "The file to write (default: stdout)");
export_cmd->callback([&ctx, export_options] { ExportQuestions(ctx, *export_options); });

auto results_options = std::make_shared<FileOptions>();
results_options->format = "csv";
auto* results = course->add_subcommand("results", "Write a quiz's attempts as CSV or XLSX");
results->add_option("QUIZ_ID", results_options->id, "The quiz's id")->required();
results->add_option("--format", results_options->format, "csv (default) or xlsx")
    ->check(CLI::IsMember({"csv", "xlsx"}));
results->add_option("--out", results_options->out, "The file to write (default: stdout)");
results->callback([&ctx, results_options] { Results(ctx, *results_options); });

auto revoke_options = std::make_shared<FileOptions>();
auto* revoke = course->add_subcommand("revoke", "Revoke a certificate, with a reason");
revoke->add_option("CODE", revoke_options->course, "The certificate's code")->required();
revoke->add_option("--reason", revoke_options->reason, "Why (kept in the audit log)")->required();
revoke->callback([&ctx, revoke_options] { Revoke(ctx, *revoke_options); });
}  // namespace bsg::course

}  // namespace bsg::course
