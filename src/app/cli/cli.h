#pragma once

namespace fp {

/// Exit codes of every subcommand: 0 success, 1 the work failed (bad input file, render error), 2 the
/// command line itself is wrong (unknown flag, malformed value).
enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// Parses the command line and runs the chosen subcommand headless. Errors go to stderr, one line each.
int runCli(int argc, char** argv);

}  // namespace fp
