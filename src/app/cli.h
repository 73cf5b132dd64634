// The `bsg` command line: serve, migrate, seed, check, version, and every module's subcommands.
#ifndef BSG_APP_CLI_H_
#define BSG_APP_CLI_H_

namespace bsg::app {

// Parses argv and runs the chosen subcommand. Returns the process exit code (platform/command.h).
int RunCli(int argc, char** argv);

}  // namespace bsg::app

#endif  // BSG_APP_CLI_H_
