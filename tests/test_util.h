// Helpers shared by the test suites: source paths, temporary files, running the CLI.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "pipeline/document.h"
#include "pipeline/pipeline.h"
#include "pipeline/rules.h"

namespace hustings::test {

inline std::string source_path(const std::string& relative) { return std::string(HUSTINGS_SOURCE_DIR) + "/" + relative; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh temporary directory, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("hustings-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& content) const {
    const auto file = path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command; stdout is captured, stderr goes to `stderr_file` when given.
inline CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string hustings_cli() { return HUSTINGS_BINARY; }

// A document run through the named stages with the built-in rules.
inline Document run_stages(const std::vector<std::string>& stages, const std::string& text,
                           const std::string& id = "test") {
  static const RuleLocator rules = RuleLocator::builtin();
  const Pipeline pipeline = Pipeline::named(stages, rules);
  Document doc(DocumentMeta{id, {}, {}, {}, {}}, text);
  pipeline.run(doc);
  return doc;
}

}  // namespace hustings::test
