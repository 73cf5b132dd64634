// `bsg import` and `bsg export`. Errors go to stderr as "FILE:ROW:COLUMN: reason (value)", one
// per line; a progress bar is drawn on stderr when it is a terminal.
#include "modules/registry/cli.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "modules/registry/transfer.h"
#include "platform/audit.h"
#include "platform/command.h"
#include "platform/tabular/progress.h"
#include "platform/tabular/table.h"

namespace bsg::registry {
namespace {

struct ImportOptions {
  std::string kind;
  std::string file;
  bool dry_run = false;
};

struct ExportOptions {
  std::string kind;
  std::string format = "csv";
  std::string out;
};

// Prints the message and returns the exit code (the caller returns it).
int Fail(const Status& s) {
  std::cerr << "bsg: " << s.message() << "\n";
  return ExitCodeFor(s);
}

std::string KindList() {
  std::string out;
  for (const auto& k : TransferKindNames()) out += (out.empty() ? "" : "|") + k;
  return out;
}

int RunImport(const ImportOptions& o, ModuleContext& ctx) {
  auto kind = FindTransferKind(o.kind);
  if (!kind) {
    std::cerr << "bsg: unknown kind '" << o.kind << "' (one of " << KindList() << ")\n";
    return 2;
  }
  std::ifstream in(o.file, std::ios::binary);
  if (!in) {
    std::cerr << "bsg: cannot read " << o.file << "\n";
    return 1;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  std::string lower = o.file;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  tabular::Format format = tabular::SniffFormat(data);
  if (lower.size() > 5 && lower.ends_with(".xlsx")) format = tabular::Format::kXlsx;
  auto db = ctx.database();
  if (!db.ok()) return Fail(db.status());
  tabular::ProgressBar bar((o.dry_run ? "checking " : "importing ") + o.kind);
  auto report =
      kind->import(**db, data, format, o.dry_run, CliActor("bsg import " + o.kind), bar.AsFn());
  if (!report.ok()) return Fail(report.status());
  for (const auto& line : tabular::FormatErrorReport(o.file, report->errors)) {
    std::cerr << line << "\n";
  }
  if (!report->ok) {
    std::cerr << "bsg: " << o.file << ": " << report->errors.size() << " error(s) in "
              << report->rows << " row(s); nothing imported\n";
    return 1;
  }
  if (o.dry_run) {
    std::cout << o.file << ": " << report->rows << " row(s), no errors (dry run; nothing "
              << "imported)\n";
  } else {
    std::cout << o.file << ": imported " << report->imported << " " << o.kind << "\n";
  }
  return 0;
}

int RunExport(const ExportOptions& o, ModuleContext& ctx) {
  auto kind = FindTransferKind(o.kind);
  if (!kind) {
    std::cerr << "bsg: unknown kind '" << o.kind << "' (one of " << KindList() << ")\n";
    return 2;
  }
  auto format = tabular::ParseFormat(o.format);
  if (!format) {
    std::cerr << "bsg: --format must be csv or xlsx\n";
    return 2;
  }
  auto db = ctx.database();
  if (!db.ok()) return Fail(db.status());
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  if (Status s = kind->export_rows(**db, header, rows); !s.ok()) return Fail(s);
  auto bytes = tabular::WriteTable(header, rows, *format);
  if (!bytes.ok()) return Fail(bytes.status());
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  out << *bytes;
  out.close();
  if (!out) {
    std::cerr << "bsg: cannot write " << o.out << "\n";
    return 1;
  }
  std::cout << o.out << ": exported " << rows.size() << " " << o.kind << "\n";
  return 0;
}

// A failed command leaves with its own exit code: the app's runner returns the code that a
// CLI::RuntimeError carries.
void ExitOnFailure(int rc) {
  if (rc != 0) throw CLI::RuntimeError(rc);
}

}  // namespace

void RegisterCommands(CLI::App& app, ModuleContext& ctx) {
  auto import_opts = std::make_shared<ImportOptions>();
  auto* imp = app.add_subcommand(
      "import",
      "Import people, organizations or positions from a CSV or XLSX file; a file with "
      "any bad row imports nothing and lists every bad row as FILE:ROW:COLUMN: reason");
  imp->add_option("kind", import_opts->kind, "people | organizations | positions")->required();
  imp->add_option("file", import_opts->file, "the CSV or XLSX file")->required();
  imp->add_flag("--dry-run", import_opts->dry_run, "only check the file");
  imp->callback([import_opts, &ctx] { ExitOnFailure(RunImport(*import_opts, ctx)); });

  auto export_opts = std::make_shared<ExportOptions>();
  auto* exp = app.add_subcommand("export", "Export people, organizations or positions");
  exp->add_option("kind", export_opts->kind, "people | organizations | positions")->required();
  exp->add_option("--format", export_opts->format, "csv (default) or xlsx");
  exp->add_option("--out", export_opts->out, "the file to write")->required();
  exp->callback([export_opts, &ctx] { ExitOnFailure(RunExport(*export_opts, ctx)); });
}

}  // namespace bsg::registry
