// Exit codes of the `bsg` command, documented in `bsg --help` and the README, and the failure
// path that the platform's and the modules' subcommands share.
#ifndef BSG_PLATFORM_COMMAND_H_
#define BSG_PLATFORM_COMMAND_H_

#include <string>
#include <string_view>

#include "platform/status.h"

namespace bsg {

enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,      // the operation failed (bad input file, rule violated, ...)
  kExitUsage = 2,        // unknown subcommand or option, missing argument
  kExitConfig = 3,       // bsg.toml or BSG_* environment invalid
  kExitDatabase = 4,     // database unreachable or unusable
  kExitSchema = 5,       // schema newer than this binary, or not migrated
  kExitCheckFailed = 6,  // `bsg check` found problems
};

inline constexpr const char* kExitCodesHelp =
    "Exit codes: 0 ok, 1 operation failed, 2 usage error, 3 configuration error,\n"
    "4 database unreachable, 5 schema version mismatch, 6 check found problems.";

// The exit code for a failed Status from a command.
inline int ExitCodeFor(const Status& s) {
  if (s.ok()) return kExitOk;
  if (s.reason().rfind("config.", 0) == 0) return kExitConfig;
  if (s.reason().rfind("schema.", 0) == 0) return kExitSchema;
  if (s.code() == ErrorCode::kUnavailable) return kExitDatabase;
  return kExitFailure;
}

// Prints `s` (message, then each field) to standard error and ends the running subcommand with
// ExitCodeFor(s), by throwing CLI::RuntimeError, which the command line turns into the exit code.
[[noreturn]] void FailCommand(const Status& s);

// The whole content of the file a command was given; FailCommand naming it when unreadable.
std::string ReadCommandFile(const std::string& path);
// Writes what a command made to `path`, or to standard output when `path` is empty;
// FailCommand naming the file when it cannot be written.
void WriteCommandOutput(const std::string& path, std::string_view bytes);

}  // namespace bsg

#endif  // BSG_PLATFORM_COMMAND_H_
