// Import and export of organizations and people as CSV or XLSX (platform/tabular).
//
// An import checks every row first and reports every bad one, {row, column, reason, value},
// with row numbers as a spreadsheet shows them. If any row is bad, nothing is imported. A good
// file is imported in one transaction (bulk insert), with one audit event for the whole import.
// A dry run only checks. An export re-imports to the same data: its columns are the import's.
//
// Columns (header names are matched loosely: case, spaces and hyphens do not matter):
//   organizations: name*, kind*, country, member_since, member_until, sme_size
//   people:        full_name, given_name, family_name, transliteration, email, country,
//                  organization, organization_country, gender, languages
//                  (full_name or given/family name required per row; organization is a name,
//                  disambiguated by organization_country when several share it; languages are
//                  ISO 639 codes separated by spaces, commas or semicolons)
// Countries are ISO alpha-2 or alpha-3 codes or English or French names (case and accents do
// not matter). People exports leave out erased and merged-away records.
#ifndef BSG_MODULES_REGISTRY_TRANSFER_H_
#define BSG_MODULES_REGISTRY_TRANSFER_H_

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/audit.h"
#include "platform/db/database.h"
#include "platform/status.h"
#include "platform/tabular/table.h"

namespace bsg::registry {

struct ImportReport {
  bool ok = false;
  bool dry_run = false;
  std::size_t rows = 0;      // data rows read
  std::size_t imported = 0;  // rows written (0 for a dry run or a bad file)
  std::vector<tabular::CellError> errors;
};

nlohmann::json ToJson(const ImportReport& report);

// {ok, dry_run, rows, imported} and the bounded error report (tabular::AddErrorReport: errors
// (the first 1,000), errors_total, errors_summary).
// Converts a file-level read failure (tabular.* Status with fields {"row"}, and "column" and
// "value" when one cell is at fault) into one CellError.
tabular::CellError ReadFailure(const Status& status);

// Import kinds of this module: "organizations", "people".
bool IsRegistryImportKind(std::string_view kind);

// Reads `bytes` in `format` and imports `kind`. The report says what was found; the Status is
// not ok only when the database fails.
Result<ImportReport> ImportTable(db::Database& db, std::string_view kind, std::string_view bytes,
                                 tabular::Format format, bool dry_run, const AuditActor& actor,
                                 const tabular::ProgressFn& progress = nullptr);

// The header and rows of an export of `kind`.
Status ExportRows(db::Database& db, std::string_view kind, std::vector<std::string>& header,
                  std::vector<std::vector<std::string>>& rows);

// Every importable kind of record, by name ("people", "organizations", "positions", ...).
// The registry serves them all under /api/imports/{kind} and /api/exports/{kind} and on the
// command line (`bsg import KIND FILE`, `bsg export KIND`); other modules add theirs from their
// module factory. Thread-safe; registering a name twice replaces it.
struct TransferKind {
  std::function<Result<ImportReport>(db::Database& db, std::string_view bytes,
                                     tabular::Format format, bool dry_run, const AuditActor& actor,
                                     const tabular::ProgressFn& progress)>
      import;
  std::function<Status(db::Database& db, std::vector<std::string>& header,
                       std::vector<std::vector<std::string>>& rows)>
      export_rows;
};
void RegisterTransferKind(std::string name, TransferKind kind);
std::optional<TransferKind> FindTransferKind(std::string_view name);
std::vector<std::string> TransferKindNames();
// Registers "organizations" and "people".
void RegisterRegistryTransferKinds();

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_TRANSFER_H_
