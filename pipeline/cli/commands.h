// The subcommands of the hustings command line.
#pragma once

namespace hustings::cli {

enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2, kBadRules = 3, kBelowMinF1 = 4 };

int run(int argc, char** argv);

}  // namespace hustings::cli
