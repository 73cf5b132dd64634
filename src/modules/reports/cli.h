// The reports module's `bsg` subcommands:
//
//   bsg report --since 2019-09-01 --until 2020-03-31 --format pdf|html|csv|svg|png|json
//              [--language en] [--out DIR]
//       writes the progress report into DIR (default: the current folder): one file for pdf,
//       html and json; one per table and figure for csv; one per figure for svg and png. A
//       progress bar goes to stderr when it is a terminal; the files written go to stdout.
//   bsg synthetic --scale N
//       loads a made-up programme N times ITU-T's size over ten years (SeedSynthetic,
//       synthetic.h), for benchmarks.
//
// Exit codes: 2 for a malformed or inverted window (a usage error); otherwise those of
// platform/command.h for the failure.
#ifndef BSG_MODULES_REPORTS_CLI_H_
#define BSG_MODULES_REPORTS_CLI_H_

#include "platform/module.h"

namespace bsg::reports {

void RegisterReportsCommands(CLI::App& app, ModuleContext& ctx);

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_CLI_H_
