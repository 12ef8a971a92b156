// hustings — the command line (SPEC.md "Command line"). Thin: it fills option structs and calls
// the library. stdout carries data only; messages go to stderr.
// Exit codes: 0 ok, 1 some documents failed (extract) or differences (diff), 2 bad usage,
// 3 bad rule file, 4 compare below --min-f1.
#include <iostream>

#include "pipeline/cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // The reader (stdin) and the writer (stdout) run on different threads: an untied cin must not
  // flush cout behind the writer's back.
  std::cin.tie(nullptr);
  return hustings::cli::run(argc, argv);
}
