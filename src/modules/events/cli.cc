#include "modules/events/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "modules/events/service.h"
#include "platform/command.h"
#include "platform/tabular/progress.h"

namespace bsg::events {
namespace {

struct ImportOptions {
  std::int64_t event_id = 0;
  std::string file;
  bool dry_run = false;
  bool create_missing = false;
};

void RunImport(ModuleContext& ctx, const ImportOptions& o) {
  auto db = ctx.database();
  if (!db.ok()) FailCommand(db.status());
  const std::string bytes = ReadCommandFile(o.file);
  tabular::Format format = tabular::SniffFormat(bytes);
  if (o.file.size() > 4 && o.file.substr(o.file.size() - 4) == ".csv") {
    format = tabular::Format::kCsv;
  }
  EventService service(**db);
  auto report = service.ImportParticipants(SystemCaller("bsg events import-participants"),
                                           o.event_id, bytes, format, o.dry_run, o.create_missing);
  if (!report.ok()) FailCommand(report.status());
  for (const auto& line : tabular::FormatErrorReport(o.file, report->errors)) {
    std::cerr << line << "\n";
  }
  if (!report->errors.empty()) {
    std::cerr << "bsg: " << report->errors.size() << " problem(s); nothing was imported\n";
    throw CLI::RuntimeError(1);
  }
  std::cout << (o.dry_run ? "dry run: would import " : "imported ") << report->rows
            << " row(s): " << report->people_matched << " matched, " << report->people_created
            << " people created, " << report->registrations_created << " registrations, "
            << report->registrations_existing << " already registered, " << report->attendance_days
            << " attendance day(s)\n";
}

struct ExportOptions {
  std::int64_t event_id = 0;
  std::string format = "csv";
  std::string out;
};

void RunExport(ModuleContext& ctx, const ExportOptions& o) {
  auto db = ctx.database();
  if (!db.ok()) FailCommand(db.status());
  const tabular::Format format = *tabular::ParseFormat(o.format);  // checked by the option
  EventService service(**db);
  auto bytes = service.ExportParticipants(SystemCaller("bsg events export-participants"),
                                          o.event_id, format);
  if (!bytes.ok()) FailCommand(bytes.status());
  WriteCommandOutput(o.out, *bytes);
}

}  // namespace

void RegisterEventsCommands(CLI::App& app, ModuleContext& ctx) {
  auto* events = app.add_subcommand("events", "Meetings, trainings and participation");
  events->require_subcommand(1);
  auto options = std::make_shared<ImportOptions>();
  auto* import = events->add_subcommand(
      "import-participants",
      "Import a participant list (CSV or XLSX) into an event; all or nothing");
  import->add_option("EVENT_ID", options->event_id, "The event's id")->required();
  import->add_option("FILE", options->file, "The CSV or XLSX file")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_flag("--dry-run", options->dry_run, "Check only; write nothing");
  import->add_flag("--create-missing", options->create_missing,
                   "Create people not found by email or by name and country");
  import->callback([&ctx, options] { RunImport(ctx, *options);
});

auto export_options = std::make_shared<ExportOptions>();
auto* export_cmd = events->add_subcommand(
    "export-participants",
    "Write an event's participant list (CSV or XLSX) in the columns the import reads");
export_cmd->add_option("EVENT_ID", export_options->event_id, "The event's id")->required();
export_cmd->add_option("--format", export_options->format, "csv (default) or xlsx")
    ->check(CLI::IsMember({"csv", "xlsx"}));
export_cmd->add_option("--out", export_options->out, "The file to write (default: stdout)");
export_cmd->callback([&ctx, export_options] { RunExport(ctx, *export_options); });
}  // namespace bsg::events

}  // namespace bsg::events
