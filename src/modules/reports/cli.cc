// The `bsg report` command; see cli.h.
#include "modules/reports/cli.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "modules/reports/output.h"
#include "modules/reports/report.h"
#include "modules/reports/rules.h"
#include "platform/command.h"
#include "platform/tabular/progress.h"
#include "platform/time/date.h"

namespace bsg::reports {
namespace {

namespace fs = std::filesystem;

struct ReportOptions {
  std::string since;
  std::string until;
  std::string format = "pdf";
  std::string language = "en";
  std::string out = ".";
  bool timings = false;
};

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// A CLI11 check for "YYYY-MM-DD".
const CLI::Validator& IsoDate() {
  static const auto* v = new CLI::Validator(
      [](std::string& value) -> std::string {
        return time::IsIsoDate(value) ? "" : "must be a date (YYYY-MM-DD), got \"" + value + "\"";
      },
      "DATE");
  return *v;
}

void RunReport(ModuleContext& ctx, const ReportOptions& o) {
  if (o.until < o.since) throw CLI::ValidationError("--until", "must not be before --since");
  const Format format = *ParseFormat(o.format);
  auto db = ctx.database();
  if (!db.ok()) FailCommand(db.status());

  // Reset before the list of files goes to stdout, so that the bar's line is finished first.
  auto bar = std::make_unique<tabular::ProgressBar>("report " + o.since + " to " + o.until);
  constexpr std::size_t kSteps = 100;
  BuildOptions build;
  build.window = {o.since, o.until};
  build.language = o.language;
  build.progress = [&](double done) {
    bar->Update(static_cast<std::size_t>(done * 80), kSteps);  // counting: the first 80%
  };
  const auto counting = std::chrono::steady_clock::now();
  auto report = BuildProgressReport(**db, build);
  if (!report.ok()) FailCommand(report.status());
  const double counting_ms = MillisSince(counting);
  bar->Update(85, kSteps);
  const auto rendering = std::chrono::steady_clock::now();
  auto files = RenderReport(*report, format);
  if (!files.ok()) FailCommand(files.status());
  const double rendering_ms = MillisSince(rendering);
  bar->Update(95, kSteps);
  const auto writing = std::chrono::steady_clock::now();

  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec)
    FailCommand(
        Status::InvalidArgument("reports.out_dir", "cannot create " + o.out + ": " + ec.message()));
  std::vector<std::string> written;
  for (const auto& f : *files) {
    const fs::path path = fs::path(o.out) / f.name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(f.content.data(), static_cast<std::streamsize>(f.content.size()));
    out.close();
    if (!out)
      FailCommand(Status::Internal("reports.write_failed", "cannot write " + path.string()));
    written.push_back(path.string());
  }
  const double writing_ms = MillisSince(writing);
  bar->Update(kSteps, kSteps);
  bar.reset();
  for (const auto& w : written) std::cout << w << "\n";
  if (o.timings) {
    std::cerr << "report timings: counting " << counting_ms << " ms, rendering " << rendering_ms
              << " ms, writing " << writing_ms << " ms\n";
  }
  if (written.empty()) std::cerr << "bsg: the report has nothing in format " << o.format << "\n";
}

}  // namespace

void RegisterReportsCommands(CLI::App& app, ModuleContext& ctx) {
  auto o = std::make_shared<ReportOptions>();
  auto* report = app.add_subcommand("report", "Write the BSG progress report for a window");
  report->add_option("--since", o->since, "First day of the window (YYYY-MM-DD)")
      ->required()
      ->check(IsoDate());
  report->add_option("--until", o->until, "Last day of the window (YYYY-MM-DD)")
      ->required()
      ->check(IsoDate());
  report->add_option("--format", o->format, "pdf (default), html, csv, svg, png or json")
      ->check(CLI::IsMember({"pdf", "html", "csv", "svg", "png", "json"}));
  report->add_option("--language", o->language, "Language of the wording (default en)")
      ->check(CLI::IsMember({"ar", "en", "es", "fr", "ru", "zh"}));
  report->add_option("--out", o->out, "Folder to write into (created if missing; default .)");
  report->add_flag("--timings", o->timings,
                   "Print how long counting, rendering and writing took (stderr)");
  report->callback([&ctx, o] { RunReport(ctx, *o); });
}

}  // namespace bsg::reports
